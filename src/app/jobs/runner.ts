/**
 * Jobs on this machine: each submitted operation becomes an analysis row (status queued → running →
 * done | failed | cancelled) and runs on the worker pool. Sweeps are split into chunks spread over
 * the threads and reduced here. Progress goes to listeners (server-sent events, CLI bar) at once and
 * to the database a few times a second.
 */
import { EventEmitter } from 'node:events';
import { InputError } from '../../core/errors.ts';
import { DEFAULT_SEED, getOperation, loadOperations, parseInput } from '../registry/registry.ts';
import { CancelledError } from '../registry/types.ts';
import type { AnalysisInfo, Store } from '../store/store.ts';
import { requireSweep, runDistributed } from './distributed.ts';
import type { LocalPool } from './pool.ts';
import { chunkRanges } from './task.ts';

export interface JobEvent {
  id: string;
  status: AnalysisInfo['status'];
  progress: { done: number; total: number };
  error?: string;
}

/** Where a job runs: this machine's worker threads, or chunks on the BullMQ queue (sweeps only). */
export type JobMode = 'local' | 'distributed';

export interface SubmitRequest {
  operationId: string;
  input: unknown;
  projectId?: string | null;
  seed?: number;
  /** Default 'local'; 'distributed' needs a runner built with `distributed` options. */
  mode?: JobMode;
  /** Points per chunk of a distributed sweep (default: about 8 chunks). */
  chunkSize?: number;
}

/** The Redis queue a runner sends distributed sweeps to (the server: NATRIUM_REDIS_URL). */
export interface DistributedBackend {
  redisUrl: string;
  queue?: string;
  chunkSize?: number;
}

/** How often progress is written to the database (ms); listeners get every update. */
const PROGRESS_WRITE_INTERVAL_MS = 250;
/** Chunks per pool thread for a sweep: more than one so a slow chunk does not idle the others. */
const CHUNKS_PER_THREAD = 4;

export class JobRunner extends EventEmitter {
  private readonly running = new Map<
    string,
    { controller: AbortController; done: Promise<void>; mode: JobMode; runId?: string }
  >();
  private readonly distributed?: DistributedBackend;

  constructor(
    private readonly store: Store,
    private readonly pool: LocalPool,
    options: { distributed?: DistributedBackend } = {},
  ) {
    super();
    this.setMaxListeners(0);
    this.distributed = options.distributed;
  }

  /** True when jobs may be submitted with mode 'distributed'. */
  get distributedAvailable(): boolean {
    return this.distributed !== undefined;
  }

  /** Mode and (distributed) BullMQ run id of a job running in this process. */
  runningInfo(id: string): { mode: JobMode; runId?: string } | undefined {
    const j = this.running.get(id);
    return j && { mode: j.mode, runId: j.runId };
  }

  /** Marks jobs a previous server process left running as failed (they cannot be resumed here). */
  async recoverInterrupted(): Promise<number> {
    const stale = await this.store.listAnalyses({ status: ['queued', 'running'], withResult: false });
    for (const a of stale)
      await this.store.finishAnalysis(a.id, {
        status: 'failed',
        error: 'the server stopped while this job ran',
      });
    return stale.length;
  }

  /** Validates the input (InputError at once), stores the analysis and starts it; returns the row. */
  async submit(req: SubmitRequest): Promise<AnalysisInfo> {
    await loadOperations();
    const op = getOperation(req.operationId);
    const input = parseInput(op, req.input);
    const seed = req.seed ?? DEFAULT_SEED;
    if (!Number.isInteger(seed)) throw new InputError('the seed must be an integer', { field: 'seed' });
    const mode = req.mode ?? 'local';
    if (mode === 'distributed') {
      if (!this.distributed)
        throw new InputError('distributed jobs need a server started with NATRIUM_REDIS_URL', {
          field: 'mode',
          found: 'distributed',
          expected: "'local', or start the server with NATRIUM_REDIS_URL=redis://host:port",
        });
      requireSweep(op.id);
    } else if (mode !== 'local')
      throw new InputError('unknown job mode', {
        field: 'mode',
        found: String(mode),
        expected: 'local, distributed',
      });
    if (req.chunkSize !== undefined && !(Number.isInteger(req.chunkSize) && req.chunkSize >= 1))
      throw new InputError('the chunk size must be a positive integer', {
        field: 'chunkSize',
        found: String(req.chunkSize),
      });
    if (req.projectId) await this.store.getProject(req.projectId);
    const row = await this.store.createAnalysis({
      projectId: req.projectId ?? null,
      operationId: op.id,
      params: input,
      seed,
    });
    const controller = new AbortController();
    const entry: { controller: AbortController; done: Promise<void>; mode: JobMode; runId?: string } = {
      controller,
      done: Promise.resolve(),
      mode,
    };
    this.running.set(row.id, entry);
    entry.done =
      mode === 'distributed'
        ? this.execute(row.id, op.id, input, seed, controller.signal, { chunkSize: req.chunkSize, entry })
        : this.execute(row.id, op.id, input, seed, controller.signal);
    const done = entry.done;
    done.finally(() => this.running.delete(row.id));
    return row;
  }

  /** Cancels a queued or running job; true if it was running here. */
  async cancel(id: string): Promise<boolean> {
    const job = this.running.get(id);
    const a = await this.store.getAnalysis(id);
    if (a.status === 'done' || a.status === 'failed' || a.status === 'cancelled') return false;
    await this.store.finishAnalysis(id, { status: 'cancelled', error: 'cancelled by the user' });
    this.emitEvent({ id, status: 'cancelled', progress: a.progress, error: 'cancelled by the user' });
    job?.controller.abort();
    // A distributed run has marked itself cancelled on Redis and removed its waiting chunks once
    // its promise settles; wait for that (it does not wait for the workers) so the caller sees it.
    if (job?.mode === 'distributed') await job.done;
    return job !== undefined;
  }

  /** Resolves when the job has finished (any final state) and returns its row. */
  async wait(id: string): Promise<AnalysisInfo> {
    await this.running.get(id)?.done;
    return this.store.getAnalysis(id);
  }

  private emitEvent(e: JobEvent): void {
    this.emit('event', e);
    this.emit(`job:${e.id}`, e);
  }

  private async execute(
    id: string,
    operationId: string,
    input: unknown,
    seed: number,
    signal: AbortSignal,
    distributed?: { chunkSize?: number; entry: { runId?: string } },
  ) {
    const op = getOperation(operationId);
    let lastWrite = 0;
    const progress = { done: 0, total: 0 };
    const report = () => {
      this.emitEvent({ id, status: 'running', progress: { ...progress } });
      const t = Date.now();
      if (t - lastWrite > PROGRESS_WRITE_INTERVAL_MS || progress.done === progress.total) {
        lastWrite = t;
        // Also notice a cancel made by another process (`natrium jobs cancel`) through the database.
        this.store
          .setProgress(id, progress.done, progress.total)
          .then(() => this.store.getAnalysis(id))
          .then((a) => {
            if (a.status === 'cancelled') this.running.get(id)?.controller.abort();
          })
          .catch(() => {});
      }
    };
    try {
      await this.store.markRunning(id);
      this.emitEvent({ id, status: 'running', progress: { ...progress } });
      let result: unknown;
      if (distributed && this.distributed) {
        // Chunks on the BullMQ queue; progress is summed over chunks by runDistributed.
        const out = await runDistributed(operationId, input, {
          redisUrl: this.distributed.redisUrl,
          queue: this.distributed.queue,
          seed,
          chunkSize: distributed.chunkSize ?? this.distributed.chunkSize,
          signal,
          onQueued: (runId) => {
            distributed.entry.runId = runId;
          },
          onProgress: (d, t) => {
            progress.done = d;
            progress.total = t;
            report();
          },
        });
        if (signal.aborted) throw new CancelledError();
        result = out.result;
      } else if (op.sweep) {
        const count = op.sweep.count(input as never);
        const size = Math.ceil(count / (this.pool.threads * CHUNKS_PER_THREAD));
        const ranges = chunkRanges(count, size);
        const doneByChunk = new Array<number>(ranges.length).fill(0);
        progress.total = count;
        const parts = await Promise.all(
          ranges.map(async (range, k) => {
            const out = await this.pool.run(
              { operationId, input, seed, range },
              {
                signal,
                onProgress: (d) => {
                  doneByChunk[k] = d;
                  progress.done = doneByChunk.reduce((s, x) => s + x, 0);
                  report();
                },
              },
            );
            if (out.kind !== 'parts') throw new Error('a sweep chunk returned no parts');
            return out.parts;
          }),
        );
        result = op.sweep.reduce(input as never, parts.flat());
      } else {
        const out = await this.pool.run(
          { operationId, input, seed },
          {
            signal,
            onProgress: (d, t) => {
              progress.done = d;
              progress.total = t;
              report();
            },
          },
        );
        if (out.kind !== 'result') throw new Error('the operation returned no result');
        result = out.value;
      }
      await this.store.setProgress(id, progress.total, progress.total);
      await this.store.finishAnalysis(id, { status: 'done', result });
      this.emitEvent({ id, status: 'done', progress: { done: progress.total, total: progress.total } });
    } catch (err) {
      if (signal.aborted || err instanceof CancelledError) {
        await this.store
          .finishAnalysis(id, { status: 'cancelled', error: 'cancelled by the user' })
          .catch(() => {});
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      await this.store.finishAnalysis(id, { status: 'failed', error: message }).catch(() => {});
      this.emitEvent({ id, status: 'failed', progress, error: message });
    }
  }
}
