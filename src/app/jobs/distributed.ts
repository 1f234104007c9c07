/**
 * Beyond one machine: sweep chunks as BullMQ jobs on Redis. `natrium worker --redis URL` runs
 * `startWorker` on any host; `runDistributed` splits a sweep, queues one job per chunk (job id =
 * run id + chunk index, so a chunk is never queued twice), waits for all, and reduces in chunk
 * order. A worker that dies mid-chunk stops renewing its lock; after `lockDurationMs` another
 * worker's stalled-job check puts the chunk back in the queue and it is computed again from
 * scratch. Each chunk's result is taken exactly once, by index: nothing lost, nothing doubled.
 *
 * A worker computes each chunk on a worker thread of its own piscina pool (`LocalPool`), so its
 * main thread stays free to renew BullMQ locks and to hear cancel messages while a chunk runs.
 *
 * Cancel: aborting the run's signal writes a cancel key for the run on Redis and publishes the run
 * id on the queue's cancel channel, removes the chunks still waiting, and rejects at once with
 * CancelledError. Workers abort a running chunk of that run when the message arrives or, if it was
 * missed, at the next poll of the key: the abort terminates the thread computing it (piscina), so
 * even a tight loop stops at once. A chunk of a cancelled run that a worker picks up later (e.g. a
 * stalled retry) is dropped unrun. Aborted chunks end as failed BullMQ jobs, so no result of a
 * cancelled run is ever written.
 */
import { randomUUID } from 'node:crypto';
import { type Job, Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { InputError } from '../../core/errors.ts';
import { getOperation, listOperations, loadOperations, parseInput } from '../registry/registry.ts';
import { CancelledError } from '../registry/types.ts';
import { LocalPool } from './pool.ts';
import { chunkRanges, type TaskPayload, type TaskResult } from './task.ts';

export const DEFAULT_QUEUE = 'natrium-chunks';
/** BullMQ's lock on a running job (ms): a killed worker's chunk is retried after about this long. */
export const DEFAULT_LOCK_DURATION_MS = 30_000;
/** How many times a chunk may be orphaned by dying workers before it is declared failed. */
const MAX_STALLED = 5;
/** How long the cancel mark of a run stays on Redis (s): longer than any chunk could wait. */
const CANCEL_KEY_TTL_S = 7 * 24 * 3600;
/** Workers also poll the cancel mark this often (ms), in case the pub/sub message was missed. */
const CANCEL_POLL_MS = 500;
/** Longest wait (ms) for marking a run cancelled and removing its waiting chunks. */
const CANCEL_CLEANUP_TIMEOUT_MS = 5000;
/** Reason stored on a chunk that was stopped or dropped because its run was cancelled. */
export const CHUNK_CANCELLED = 'the sweep was cancelled';

/** A chunk on the queue: the task plus the id of the run it belongs to (for cancel). */
export interface ChunkPayload extends TaskPayload {
  runId?: string;
}

/** Redis key marking a run as cancelled (per queue, so test queues never interfere). */
export const cancelKey = (queue: string, runId: string) => `natrium:cancel:${queue}:${runId}`;
/** Pub/sub channel on which the ids of cancelled runs are announced to the workers of a queue. */
export const cancelChannel = (queue: string) => `natrium:cancel:${queue}`;

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
  /** Chunks this worker is computing right now. */
  active(): number;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  await loadOperations();
  const queueName = options.queue ?? DEFAULT_QUEUE;
  const connection = connect(options.redisUrl);
  await ping(connection, options.redisUrl);
  // Cancel marks are read on their own connection (BullMQ's may be busy); pub/sub needs another.
  const control = connect(options.redisUrl);
  const subscriber = connect(options.redisUrl);
  const lockDuration = options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS;
  const concurrency = options.concurrency ?? 1;
  // One thread per concurrent chunk: a cancelled chunk's thread is terminated, not waited for.
  const pool = new LocalPool({ threads: concurrency });
  /** Abort controllers of the chunks running here, by run id. */
  const running = new Map<string, Set<AbortController>>();
  subscriber.on('message', (_channel: string, runId: string) => {
    for (const c of running.get(runId) ?? []) c.abort();
  });
  await subscriber.subscribe(cancelChannel(queueName));
  const isCancelled = async (runId: string | undefined) =>
    runId !== undefined && (await control.exists(cancelKey(queueName, runId))) === 1;

  let processed = 0;
  const worker = new Worker<ChunkPayload, TaskResult>(
    queueName,
    async (job: Job<ChunkPayload, TaskResult>) => {
      const { runId, ...task } = job.data;
      if (await isCancelled(runId)) {
        options.log?.(`dropped ${job.id} (run cancelled)`);
        throw new UnrecoverableError(CHUNK_CANCELLED);
      }
      options.log?.(`start ${job.id} points ${task.range?.join('–') ?? 'all'}`);
      const controller = new AbortController();
      const key = runId ?? '';
      if (!running.has(key)) running.set(key, new Set());
      running.get(key)?.add(controller);
      const poll = setInterval(() => {
        isCancelled(runId).then(
          (yes) => yes && controller.abort(),
          () => {},
        );
      }, CANCEL_POLL_MS);
      let last = 0;
      try {
        const out = await pool.run(task, {
          signal: controller.signal,
          onProgress(done, total) {
            const t = Date.now();
            if (t - last > 200 || done === total) {
              last = t;
              job.updateProgress({ done, total }).catch(() => {});
            }
          },
        });
        // A cancel that arrived while the last point was computed still wins: no result is written.
        if (controller.signal.aborted || (await isCancelled(runId))) throw new CancelledError();
        processed++;
        options.log?.(`done ${job.id}`);
        return out;
      } catch (err) {
        if (controller.signal.aborted || err instanceof CancelledError) {
          options.log?.(`cancelled ${job.id}`);
          throw new UnrecoverableError(CHUNK_CANCELLED);
        }
        throw err;
      } finally {
        clearInterval(poll);
        running.get(key)?.delete(controller);
        if (running.get(key)?.size === 0) running.delete(key);
      }
    },
    {
      connection,
      concurrency,
      lockDuration,
      stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
      maxStalledCount: MAX_STALLED,
    },
  );
  worker.on('error', (err) => options.log?.(`error ${err.message}`));
  await worker.waitUntilReady();
  return {
    processed: () => processed,
    active: () => [...running.values()].reduce((s, set) => s + set.size, 0),
    async close() {
      await worker.close();
      await pool.close();
      subscriber.disconnect();
      control.disconnect();
      connection.disconnect();
    },
  };
}

export interface DistributedRunOptions {
  redisUrl: string;
  queue?: string;
  seed: number;
  /** Points per chunk (default: about 8 chunks, at least 1 point each). */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Aborting cancels the run (see the module comment); the promise rejects with CancelledError. */
  signal?: AbortSignal;
  /** Called once the chunks are queued, with the run id (job ids are `<runId>-<chunk>`). */
  onQueued?: (runId: string, chunks: number) => void;
}

/** Throws an InputError unless the operation can be split into chunks. */
export function requireSweep(operationId: string) {
  const op = getOperation(operationId);
  if (!op.sweep)
    throw new InputError('only sweep operations can be distributed', {
      field: 'operation',
      found: operationId,
      expected: listOperations()
        .filter((o) => o.sweep)
        .map((o) => o.id)
        .join(', '),
    });
  return op as typeof op & { sweep: NonNullable<typeof op.sweep> };
}

/** Marks a run cancelled on Redis and tells the workers; safe to call more than once. */
export async function cancelRun(connection: Redis, queue: string, runId: string): Promise<void> {
  await connection.set(cancelKey(queue, runId), '1', 'EX', CANCEL_KEY_TTL_S);
  await connection.publish(cancelChannel(queue), runId);
}

/** Runs a sweep operation through the queue and reduces the chunks; the numbers equal a local run. */
export async function runDistributed(operationId: string, rawInput: unknown, options: DistributedRunOptions) {
  await loadOperations();
  const op = requireSweep(operationId);
  const input = parseInput(op, rawInput);
  const count = op.sweep.count(input);
  const ranges = chunkRanges(count, options.chunkSize ?? Math.max(1, Math.ceil(count / 8)));
  const queueName = options.queue ?? DEFAULT_QUEUE;
  if (options.signal?.aborted) throw new CancelledError();
  const connection = connect(options.redisUrl);
  await ping(connection, options.redisUrl);
  const eventsConnection = connect(options.redisUrl);
  const queue = new Queue<ChunkPayload, TaskResult>(queueName, { connection });
  const events = new QueueEvents(queueName, { connection: eventsConnection });
  // Each chunk's waitUntilFinished listens for the queue closing: one listener per chunk.
  queue.setMaxListeners(ranges.length + 10);
  const runId = randomUUID();
  const doneByChunk = new Map<string, number>();
  const chunkSize = new Map(ranges.map((r, k) => [`${runId}-${k}`, r[1] - r[0]]));
  const report = () =>
    options.onProgress?.(
      [...doneByChunk.values()].reduce((s, x) => s + x, 0),
      count,
    );
  let onAbort: (() => void) | undefined;
  try {
    await events.waitUntilReady();
    const completed = new Set<string>();
    events.on('progress', ({ jobId, data }) => {
      if (!chunkSize.has(jobId) || completed.has(jobId)) return;
      doneByChunk.set(jobId, (data as { done: number }).done);
      report();
    });
    events.on('completed', ({ jobId }) => {
      const n = chunkSize.get(jobId);
      if (n === undefined) return;
      completed.add(jobId);
      doneByChunk.set(jobId, n);
      report();
    });
    const jobs = await queue.addBulk(
      ranges.map((range, k) => ({
        name: op.id,
        data: { operationId: op.id, input, seed: options.seed, range, runId },
        opts: { jobId: `${runId}-${k}`, attempts: 1, removeOnComplete: false, removeOnFail: false },
      })),
    );
    options.onQueued?.(runId, ranges.length);
    const cancelled = new Promise<never>((_, reject) => {
      onAbort = () => {
        // Mark and announce first (running chunks stop), then drop the chunks nobody has started.
        // Bounded: with Redis gone, commands would wait for a reconnect and the cancel would hang.
        const cleanup = cancelRun(connection, queueName, runId).then(() =>
          Promise.all(jobs.map((j) => queue.remove(j.id ?? '').catch(() => 0))),
        );
        const limit = new Promise((resolve) => setTimeout(resolve, CANCEL_CLEANUP_TIMEOUT_MS).unref());
        Promise.race([cleanup, limit])
          .catch(() => {})
          .finally(() => reject(new CancelledError()));
      };
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    });
    const finished = jobs.map((j) => j.waitUntilFinished(events));
    // Losers of the race below reject when the queue closes; nobody needs those rejections.
    for (const p of finished) p.catch(() => {});
    const results = await Promise.race([Promise.all(finished), cancelled]);
    const parts: unknown[] = [];
    results.forEach((r: TaskResult, k) => {
      if (r?.kind !== 'parts') throw new Error(`chunk ${k} came back without results`);
      parts.push(...r.parts);
    });
    // Results are kept until here so a reduce can be audited; now the run is done, drop them.
    await Promise.all(jobs.map((j) => j.remove().catch(() => {})));
    return { result: op.sweep.reduce(input, parts), chunks: ranges.length, runId };
  } finally {
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    await events.close();
    await queue.close();
    eventsConnection.disconnect();
    connection.disconnect();
  }
}
