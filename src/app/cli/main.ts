import { readdirSync } from 'node:fs';
import { Command } from 'commander';
import pkg from '../../../package.json' with { type: 'json' };
import { EXIT_BAD_INPUT } from './output.ts';

/**
 * The `natrium` command line. Each file in ./commands/ (not tests) exports `register(program)`;
 * they are discovered here so every capability adds its commands without touching this file.
 */
const program = new Command();
program
  .name('natrium')
  .description('natrium — sodium-battery materials workbench')
  .version(pkg.version)
  .showHelpAfterError()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  .exitOverride((err) => {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0)
      process.exit(0);
    process.exit(EXIT_BAD_INPUT);
  });

const dir = new URL('./commands/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .sort();
for (const f of files) {
  const mod = (await import(new URL(f, dir).href)) as { register?: (p: Command) => void };
  mod.register?.(program);
}

await program.parseAsync(process.argv);
