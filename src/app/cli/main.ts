import { readdirSync } from 'node:fs';
import { Command } from 'commander';
import pkg from '../../../package.json' with { type: 'json' };
import { EXIT_BAD_INPUT } from './output.ts';

/**
 * The `natrium` command line. Each file in ./commands/ (not tests) exports `register(program)` and
 * registers the command named like the file (xrd.ts → `natrium xrd`); files are discovered here so
 * every capability adds its commands without touching this file. `natrium op <id>` is generated from
 * the operations registry (opsCommands.ts). Only the module of the command being run is imported
 * (start-up stays fast as capabilities grow); the full help imports every command module but not
 * the registry.
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

const args = process.argv.slice(2);
const requested = args.find((a) => !a.startsWith('-'));
const versionOnly = !requested && args.some((a) => a === '-V' || a === '--version');

if (requested === 'op') {
  const { registerOpCommands } = await import('./opsCommands.ts');
  await registerOpCommands(program, args);
} else if (!versionOnly) {
  const dir = new URL('./commands/', import.meta.url);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
  const selected = requested && files.includes(`${requested}.ts`) ? [`${requested}.ts`] : files;
  for (const f of selected) {
    const mod = (await import(new URL(f, dir).href)) as { register?: (p: Command) => void };
    mod.register?.(program);
  }
  // Listed in the full help; the operations themselves load only when `op` is run.
  if (selected.length > 1)
    program
      .command('op')
      .description('run any registered operation with flags generated from its input schema (op --list)');
}

await program.parseAsync(process.argv);
