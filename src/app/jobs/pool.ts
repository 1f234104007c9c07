/**
 * Local parallelism: a piscina pool of worker threads running the shared job function. Cancelling
 * aborts the task; piscina then terminates the thread that ran it, so even a tight loop stops.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { InputError } from '../../core/errors.ts';
import { CancelledError } from '../registry/types.ts';
import type { PoolTask } from './poolWorker.ts';
import type { TaskPayload, TaskResult } from './task.ts';

type PoolReply = { ok: true; out: TaskResult } | { ok: false; inputError: boolean; message: string };

export class LocalPool {
  private readonly pool: Piscina<PoolTask, PoolReply>;

  constructor(options: { threads?: number } = {}) {
    const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
    this.pool = new Piscina({
      filename: new URL('./poolWorker.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 30_000,
    });
  }

  get threads(): number {
    return this.pool.options.maxThreads;
  }

  async run(
    task: TaskPayload,
    options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<TaskResult> {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (m: { done: number; total: number }) => options.onProgress?.(m.done, m.total));
    try {
      const reply = await this.pool.run(
        { ...task, port: port2 },
        { transferList: [port2], signal: options.signal },
      );
      if (reply.ok) return reply.out;
      throw reply.inputError ? new InputError(reply.message) : new Error(reply.message);
    } catch (err) {
      if (options.signal?.aborted) throw new CancelledError();
      throw err;
    } finally {
      port1.close();
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
