import { Command } from 'commander';
import pkg from '../../../package.json' with { type: 'json' };
import { registerCif } from './commands/cif.ts';
import { registerXrd } from './commands/xrd.ts';
import { EXIT_BAD_INPUT } from './output.ts';

const program = new Command();
program
  .name('natrium')
  .description('natrium — sodium-battery materials workbench')
  .version(pkg.version)
  .showHelpAfterError()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  .exitOverride((err) => {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') process.exit(0);
    process.exit(EXIT_BAD_INPUT);
  });

registerCif(program);
registerXrd(program);

await program.parseAsync(process.argv);
