import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../../core/errors.ts';
import { loadSpaceGroupsNode } from '../../../crystal/spacegroup.node.ts';
import { runDistributed } from '../../jobs/distributed.ts';
import { LocalPool } from '../../jobs/pool.ts';
import { JobRunner } from '../../jobs/runner.ts';
import {
  DEFAULT_SEED,
  getOperation,
  listOperations,
  loadOperations,
  parseInput,
} from '../../registry/registry.ts';
import type { Operation } from '../../registry/types.ts';
import type { AnalysisStatus } from '../../store/schema.ts';
import { failWith, printJson, table } from '../output.ts';
import { progressBar } from '../progress.ts';
import { withStore } from './project.ts';

const STATUSES: AnalysisStatus[] = ['queued', 'running', 'done', 'failed', 'cancelled'];

function readInput(opts: { input?: string; inputJson?: string }): unknown {
  if (opts.inputJson !== undefined) return parseJson(opts.inputJson, '--input-json');
  if (opts.input === undefined)
    throw new InputError('the operation needs an input', {
      field: '--input',
      expected: 'a JSON file (--input params.json) or inline JSON (--input-json)',
    });
  let text: string;
  try {
    text = readFileSync(opts.input, 'utf8');
  } catch {
    throw new InputError('cannot read the input file', { file: opts.input });
  }
  return parseJson(text, opts.input);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError('not valid JSON', { file: where, found: (err as Error).message });
  }
}

/** `cif` fields may name a file with "@path" so parameter files stay short. */
function inlineFiles(input: unknown): unknown {
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
    for (const [k, v] of Object.entries(out))
      if (typeof v === 'string' && v.startsWith('@')) {
        try {
          out[k] = readFileSync(v.slice(1), 'utf8');
        } catch {
          throw new InputError('cannot read the file named in the input', { field: k, found: v.slice(1) });
        }
      }
    return out;
  }
  return input;
}

/**
 * `jobs run <id> --points 41 …`: the operation's generated flags (see `natrium op <id> --help`),
 * over the fields of --input/--input-json when given; validated by the operation's schema.
 */
async function inputFromFlags(
  op: Operation,
  flags: string[],
  opts: { input?: string; inputJson?: string; seed: string },
  seedGiven: boolean,
): Promise<unknown> {
  const { flagSpecs, parseOpArgs } = await import('../opsCommands.ts');
  const base =
    opts.input !== undefined || opts.inputJson !== undefined ? inlineFiles(readInput(opts)) : undefined;
  const args = base === undefined ? [...flags] : ['--input', JSON.stringify(base), ...flags];
  // `jobs run` takes --seed itself; an operation whose input has its own seed field gets it too,
  // as `natrium op` does, so the stored seed and the input's seed agree.
  if (seedGiven && flagSpecs(op).some((s) => s.field === 'seed')) args.push('--seed', opts.seed);
  return (await parseOpArgs(op, args)).input;
}

export function register(program: Command): void {
  const jobs = program
    .command('jobs')
    .description('run, list and cancel jobs (analyses stored in the database)');

  jobs
    .command('operations')
    .description('list the registered operations (ids usable with `jobs run`)')
    .option('--json', 'print one JSON document on stdout')
    .action(async (opts: { json?: boolean }) => {
      try {
        await loadOperations();
        const ops = listOperations().map((o) => ({
          id: o.id,
          title: o.title,
          sweep: Boolean(o.sweep),
          description: o.description,
        }));
        if (opts.json) return printJson({ operations: ops });
        process.stdout.write(
          `${table(
            ['id', 'sweep', 'title'],
            ops.map((o) => [o.id, o.sweep ? 'yes' : '', o.title]),
          )}\n`,
        );
      } catch (err) {
        failWith(err);
      }
    });

  jobs
    .command('run')
    .description(
      'run an operation as a stored job: on local worker threads, or on `natrium worker`s via Redis',
    )
    .argument('<operation>', 'operation id, e.g. xrd.strainSweep (see `natrium jobs operations`)')
    .argument(
      '[flags...]',
      "the operation's own flags instead of (or over) --input, as in `natrium op <operation> --help`",
    )
    // The operation's flags are not known until the operation is: they pass through to its
    // generated command (opsCommands.ts), which checks them.
    .allowUnknownOption()
    .option(
      '--input <file>',
      'JSON file with the input; string values "@path" are replaced by that file\'s text',
    )
    .option('--input-json <json>', 'the input as inline JSON')
    .option('--seed <n>', 'random seed (integer)', String(DEFAULT_SEED))
    .option('--project <project>', 'store the analysis in this project')
    .option(
      '--redis <url>',
      'distribute the sweep over `natrium worker`s on this Redis (default $NATRIUM_REDIS_URL if set)',
    )
    .option('--queue <name>', 'BullMQ queue name (with --redis)')
    .option('--chunk-size <n>', 'points per chunk for distributed sweeps')
    .option('--threads <n>', 'local worker threads')
    .option('--db <url>', 'database: SQLite file or postgres:// URL')
    .option('--json', 'print one JSON document on stdout')
    .action(
      (
        operationId: string,
        flags: string[],
        opts: {
          input?: string;
          inputJson?: string;
          seed: string;
          project?: string;
          redis?: string;
          queue?: string;
          chunkSize?: string;
          threads?: string;
          db?: string;
          json?: boolean;
        },
        cmd: Command,
      ) =>
        withStore(opts.db, async (store) => {
          loadSpaceGroupsNode();
          await loadOperations();
          const seed = Number(opts.seed);
          if (!Number.isInteger(seed))
            throw new InputError('the seed must be an integer', { field: '--seed', found: opts.seed });
          const op = getOperation(operationId);
          const input = flags.length
            ? await inputFromFlags(op, flags, opts, cmd.getOptionValueSource('seed') === 'cli')
            : parseInput(op, inlineFiles(readInput(opts)));
          const projectId = opts.project ? (await store.getProject(opts.project)).id : null;
          const bar = progressBar(op.id);
          const redis = opts.redis ?? process.env.NATRIUM_REDIS_URL;
          let row: Awaited<ReturnType<typeof store.getAnalysis>>;
          if (redis && op.sweep) {
            const a = await store.createAnalysis({ projectId, operationId: op.id, params: input, seed });
            await store.markRunning(a.id);
            try {
              const out = await runDistributed(op.id, input, {
                redisUrl: redis,
                queue: opts.queue,
                seed,
                chunkSize: opts.chunkSize ? Number(opts.chunkSize) : undefined,
                onProgress: bar.onProgress,
              });
              await store.finishAnalysis(a.id, { status: 'done', result: out.result });
            } catch (err) {
              await store.finishAnalysis(a.id, { status: 'failed', error: (err as Error).message });
              throw err;
            }
            row = await store.getAnalysis(a.id);
          } else {
            const pool = new LocalPool({ threads: opts.threads ? Number(opts.threads) : undefined });
            try {
              const runner = new JobRunner(store, pool);
              const a = await runner.submit({ operationId: op.id, input, projectId, seed });
              runner.on(`job:${a.id}`, (e) => bar.onProgress(e.progress.done, e.progress.total));
              row = await runner.wait(a.id);
            } finally {
              await pool.close();
            }
          }
          bar.stop();
          if (row.status === 'failed') throw new InputError(row.error ?? 'the job failed');
          if (opts.json) return printJson(row);
          process.stdout.write(
            `${op.id} ${row.status} in ${row.durationMs?.toFixed(0) ?? '?'} ms (analysis ${row.id})\n`,
          );
        }),
    );

  jobs
    .command('list')
    .description('list jobs/analyses, newest last')
    .option('--status <status>', `only this status (${STATUSES.join(', ')})`)
    .option('--project <project>', 'only this project')
    .option('--db <url>', 'database: SQLite file or postgres:// URL')
    .option('--json', 'print one JSON document on stdout')
    .action((opts: { status?: string; project?: string; db?: string; json?: boolean }) =>
      withStore(opts.db, async (store) => {
        if (opts.status && !STATUSES.includes(opts.status as AnalysisStatus))
          throw new InputError('unknown status', {
            field: '--status',
            found: opts.status,
            expected: STATUSES.join(', '),
          });
        const projectId = opts.project ? (await store.getProject(opts.project)).id : undefined;
        const list = await store.listAnalyses({
          projectId,
          status: opts.status ? [opts.status as AnalysisStatus] : undefined,
          withResult: false,
        });
        if (opts.json) return printJson({ jobs: list.map(({ result: _r, ...a }) => a) });
        process.stdout.write(
          `${table(
            ['id', 'operation', 'status', 'progress', 'created'],
            list.map((a) => [
              a.id,
              a.operationId,
              a.status,
              `${a.progress.done}/${a.progress.total}`,
              a.createdAt,
            ]),
          )}\n`,
        );
      }),
    );

  jobs
    .command('cancel')
    .description('cancel a queued or running job (the process running it stops within a second)')
    .argument('<id>', 'job (analysis) id')
    .option('--db <url>', 'database: SQLite file or postgres:// URL')
    .option('--json', 'print one JSON document on stdout')
    .action((id: string, opts: { db?: string; json?: boolean }) =>
      withStore(opts.db, async (store) => {
        const a = await store.getAnalysis(id);
        if (a.status === 'done' || a.status === 'failed' || a.status === 'cancelled')
          throw new InputError(`the job has already ended (${a.status})`, { field: 'id', found: id });
        await store.finishAnalysis(id, { status: 'cancelled', error: 'cancelled by the user' });
        const after = await store.getAnalysis(id);
        if (opts.json) return printJson({ id, status: after.status });
        process.stdout.write(`cancelled ${id}\n`);
      }),
    );
}
