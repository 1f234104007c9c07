/**
 * Beyond one machine: sweep chunks as BullMQ jobs on Redis. `natrium worker --redis URL` runs
 * `startWorker` on any host; `runDistributed` splits a sweep, queues one job per chunk (job id =
 * run id + chunk index, so a chunk is never queued twice), waits for all, and reduces in chunk
 * order. A worker that dies mid-chunk stops renewing its lock; after `lockDurationMs` another
 * worker's stalled-job check puts the chunk back in the queue and it is computed again from
 * scratch. Each chunk's result is taken exactly once, by index: nothing lost, nothing doubled.
 */
import { randomUUID } from 'node:crypto';
import { type Job, Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { InputError } from '../../core/errors.ts';
import { getOperation, loadOperations, parseInput } from '../registry/registry.ts';
import { chunkRanges, runTask, type TaskPayload, type TaskResult } from './task.ts';

export const DEFAULT_QUEUE = 'natrium-chunks';
/** BullMQ's lock on a running job (ms): a killed worker's chunk is retried after about this long. */
export const DEFAULT_LOCK_DURATION_MS = 30_000;
/** How many times a chunk may be orphaned by dying workers before it is declared failed. */
const MAX_STALLED = 5;

function connect(redisUrl: string): Redis {
  if (!/^rediss?:\/\//.test(redisUrl))
    throw new InputError('the Redis URL must start with redis:// or rediss://', {
      field: '--redis',
      found: redisUrl,
      expected: 'redis://host:port',
    });
  // BullMQ needs maxRetriesPerRequest null so blocking commands wait instead of failing.
  const conn = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  // ioredis reconnects by itself; without a listener each failed attempt prints a stack trace.
  // Failures reach the user through ping() at start and through BullMQ's own 'error' events.
  conn.on('error', () => {});
  return conn;
}

/** Fails fast with a clear message when Redis cannot be reached. */
async function ping(conn: Redis, redisUrl: string, timeoutMs = 5000): Promise<void> {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('timeout')), timeoutMs).unref(),
  );
  try {
    await Promise.race([conn.ping(), timeout]);
  } catch {
    conn.disconnect();
    throw new InputError('cannot reach the Redis server', {
      field: '--redis',
      found: redisUrl,
      expected: 'a running redis-server',
    });
  }
}

export interface WorkerOptions {
  redisUrl: string;
  queue?: string;
  concurrency?: number;
  lockDurationMs?: number;
  log?: (line: string) => void;
}

export interface RunningWorker {
  close(): Promise<void>;
  processed(): number;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  await loadOperations();
  const connection = connect(options.redisUrl);
  await ping(connection, options.redisUrl);
  const lockDuration = options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS;
  let processed = 0;
  const worker = new Worker<TaskPayload, TaskResult>(
    options.queue ?? DEFAULT_QUEUE,
    async (job: Job<TaskPayload, TaskResult>) => {
      options.log?.(`start ${job.id} points ${job.data.range?.join('–') ?? 'all'}`);
      let last = 0;
      const out = await runTask(job.data, {
        onProgress(done, total) {
          const t = Date.now();
          if (t - last > 200 || done === total) {
            last = t;
            job.updateProgress({ done, total }).catch(() => {});
          }
        },
      });
      processed++;
      options.log?.(`done ${job.id}`);
      return out;
    },
    {
      connection,
      concurrency: options.concurrency ?? 1,
      lockDuration,
      stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
      maxStalledCount: MAX_STALLED,
    },
  );
  worker.on('error', (err) => options.log?.(`error ${err.message}`));
  await worker.waitUntilReady();
  return {
    processed: () => processed,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}

export interface DistributedRunOptions {
  redisUrl: string;
  queue?: string;
  seed: number;
  /** Points per chunk (default: about 4 chunks per expected worker, at least 1 point). */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Runs a sweep operation through the queue and reduces the chunks; the numbers equal a local run. */
export async function runDistributed(operationId: string, rawInput: unknown, options: DistributedRunOptions) {
  await loadOperations();
  const op = getOperation(operationId);
  if (!op.sweep)
    throw new InputError('only sweep operations can be distributed', {
      field: 'operation',
      found: operationId,
    });
  const input = parseInput(op, rawInput);
  const count = op.sweep.count(input);
  const ranges = chunkRanges(count, options.chunkSize ?? Math.max(1, Math.ceil(count / 8)));
  const queueName = options.queue ?? DEFAULT_QUEUE;
  const connection = connect(options.redisUrl);
  await ping(connection, options.redisUrl);
  const eventsConnection = connect(options.redisUrl);
  const queue = new Queue<TaskPayload, TaskResult>(queueName, { connection });
  const events = new QueueEvents(queueName, { connection: eventsConnection });
  const runId = randomUUID();
  const doneByChunk = new Map<string, number>();
  try {
    await events.waitUntilReady();
    events.on('progress', ({ jobId, data }) => {
      if (!jobId.startsWith(runId)) return;
      doneByChunk.set(jobId, (data as { done: number }).done);
      options.onProgress?.(
        [...doneByChunk.values()].reduce((s, x) => s + x, 0),
        count,
      );
    });
    const jobs = await queue.addBulk(
      ranges.map((range, k) => ({
        name: op.id,
        data: { operationId: op.id, input, seed: options.seed, range },
        opts: { jobId: `${runId}-${k}`, attempts: 1, removeOnComplete: false, removeOnFail: false },
      })),
    );
    const onAbort = () => {
      for (const j of jobs) j.remove().catch(() => {});
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const results = await Promise.all(jobs.map((j) => j.waitUntilFinished(events)));
    options.signal?.removeEventListener('abort', onAbort);
    const parts: unknown[] = [];
    results.forEach((r: TaskResult, k) => {
      if (r?.kind !== 'parts') throw new Error(`chunk ${k} came back without results`);
      parts.push(...r.parts);
    });
    // Results are kept until here so a reduce can be audited; now the run is done, drop them.
    await Promise.all(jobs.map((j) => j.remove().catch(() => {})));
    return { result: op.sweep.reduce(input, parts), chunks: ranges.length, runId };
  } finally {
    await events.close();
    await queue.close();
    eventsConnection.disconnect();
    connection.disconnect();
  }
}
