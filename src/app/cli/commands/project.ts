import type { Command } from 'commander';
import { InputError } from '../../../core/errors.ts';
import { Store } from '../../store/store.ts';
import { failWith, printJson, table } from '../output.ts';

interface DbOpts {
  db?: string;
  json?: boolean;
}

const DB_HELP =
  'database: SQLite file or postgres:// URL (default $NATRIUM_DATABASE_URL or ./.natrium/natrium.db)';

/** Opens the store, runs `fn`, closes it; any failure becomes one sentence and the exit code. */
export async function withStore(db: string | undefined, fn: (store: Store) => Promise<void>): Promise<void> {
  let store: Store | undefined;
  try {
    store = await Store.open(db);
    await fn(store);
  } catch (err) {
    await store?.close().catch(() => {});
    failWith(err);
  }
  await store?.close();
}

export function register(program: Command): void {
  const project = program.command('project').description('create, list, show, rename and delete projects');

  project
    .command('create')
    .description('create a project')
    .argument('<name>', 'project name (unique)')
    .option('--description <text>', 'one line about the project', '')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print one JSON document on stdout')
    .action((name: string, opts: DbOpts & { description: string }) =>
      withStore(opts.db, async (store) => {
        const p = await store.createProject(name, opts.description);
        if (opts.json) return printJson(p);
        process.stdout.write(`created project "${p.name}" (${p.id})\n`);
      }),
    );

  project
    .command('list')
    .description('list projects with their numbers of datasets and analyses')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print one JSON document on stdout')
    .action((opts: DbOpts) =>
      withStore(opts.db, async (store) => {
        const list = await store.listProjects();
        if (opts.json) return printJson({ projects: list });
        process.stdout.write(
          `${table(
            ['name', 'datasets', 'analyses', 'updated', 'id'],
            list.map((p) => [p.name, p.datasets, p.analyses, p.updatedAt, p.id]),
          )}\n`,
        );
      }),
    );

  project
    .command('show')
    .description('a project with its datasets, structures and analyses')
    .argument('<project>', 'project name or id')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print one JSON document on stdout')
    .action((ref: string, opts: DbOpts) =>
      withStore(opts.db, async (store) => {
        const p = await store.showProject(ref);
        if (opts.json) return printJson(p);
        const lines = [
          `project ${p.name} (${p.id})`,
          p.description ? `  ${p.description}` : '',
          '',
          'datasets',
          table(
            ['name', 'format', 'size (B)', 'sha256', 'id'],
            p.datasets.map((d) => [d.name, d.format, d.sizeBytes, d.sha256.slice(0, 12), d.id]),
          ),
          '',
          'structures',
          table(
            ['name', 'formula', 'id'],
            p.structures.map((s) => [s.name, s.formula, s.id]),
          ),
          '',
          'analyses',
          table(
            ['operation', 'status', 'seed', 'duration (ms)', 'id'],
            p.analyses.map((a) => [a.operationId, a.status, a.seed, a.durationMs ?? '-', a.id]),
          ),
        ];
        process.stdout.write(`${lines.filter((l, i) => l !== '' || i > 1).join('\n')}\n`);
      }),
    );

  project
    .command('rename')
    .description('rename a project')
    .argument('<project>', 'project name or id')
    .argument('<newName>', 'new name')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print one JSON document on stdout')
    .action((ref: string, newName: string, opts: DbOpts) =>
      withStore(opts.db, async (store) => {
        const p = await store.renameProject(ref, newName);
        if (opts.json) return printJson(p);
        process.stdout.write(`renamed to "${p.name}"\n`);
      }),
    );

  project
    .command('delete')
    .description('delete a project and everything in it (needs --yes)')
    .argument('<project>', 'project name or id')
    .option('--yes', 'confirm the deletion')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print one JSON document on stdout')
    .action((ref: string, opts: DbOpts & { yes?: boolean }) =>
      withStore(opts.db, async (store) => {
        const p = await store.getProject(ref);
        if (!opts.yes)
          throw new InputError('deleting a project removes all its datasets and analyses', {
            field: '--yes',
            expected: `--yes to confirm deleting "${p.name}"`,
          });
        await store.deleteProject(p.id);
        if (opts.json) return printJson({ deleted: p });
        process.stdout.write(`deleted project "${p.name}"\n`);
      }),
    );
}
