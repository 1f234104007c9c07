import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../../core/errors.ts';
import { EXIT_BAD_INPUT, printJson, table } from '../output.ts';
import { progressBar } from '../progress.ts';
import { withStore } from './project.ts';

/** Largest file accepted by import (bytes); the same limit as the server's upload. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export function register(program: Command): void {
  program
    .command('import')
    .description('store files (CIF, impedance, cycler, .xy) in a project; the same bytes are stored once')
    .argument('<files...>', 'files to import')
    .requiredOption('--project <project>', 'project name or id')
    .option('--create', 'create the project if it does not exist')
    .option('--db <url>', 'database: SQLite file or postgres:// URL')
    .option('--json', 'print one JSON document on stdout')
    .action((files: string[], opts: { project: string; create?: boolean; db?: string; json?: boolean }) =>
      withStore(opts.db, async (store) => {
        let project = await store.getProject(opts.project).catch(async (err) => {
          if (opts.create && err instanceof InputError) return store.createProject(opts.project);
          throw err;
        });
        project = await store.getProject(project.id);
        const imported: Record<string, unknown>[] = [];
        const failed: { file: string; error: string }[] = [];
        const bar = progressBar('import');
        for (const [i, path] of files.entries()) {
          const name = basename(path);
          try {
            const size = statSync(path).size;
            if (size > MAX_IMPORT_BYTES)
              throw new InputError('the file is larger than the import limit', {
                file: name,
                expected: `at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
              });
            const r = await store.importFile(project.id, { name, bytes: readFileSync(path) });
            imported.push({
              file: path,
              id: r.dataset.id,
              format: r.dataset.format,
              sizeBytes: r.dataset.sizeBytes,
              sha256: r.dataset.sha256,
              deduplicated: r.deduplicated,
              structureId: r.structureId,
            });
          } catch (err) {
            if (!(err instanceof InputError) && (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
            const msg =
              err instanceof InputError ? err.message : `${name}: the file does not exist or cannot be read.`;
            failed.push({ file: path, error: msg });
          }
          bar.onProgress(i + 1, files.length);
        }
        bar.stop();
        if (opts.json) printJson({ project: project.name, projectId: project.id, imported, failed });
        else {
          process.stdout.write(
            `${table(
              ['file', 'format', 'size (B)', 'sha256', 'stored'],
              imported.map((r) => [
                String(r.file),
                String(r.format),
                Number(r.sizeBytes),
                String(r.sha256).slice(0, 12),
                r.deduplicated ? 'already there' : 'new',
              ]),
            )}\n`,
          );
        }
        for (const f of failed) process.stderr.write(`natrium: ${f.error}\n`);
        if (failed.length) process.exitCode = EXIT_BAD_INPUT;
      }),
    );
}
