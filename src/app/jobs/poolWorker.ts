/**
 * Body of a pool worker thread: runs one task and posts progress on the MessagePort it was given.
 * Errors cross the thread boundary as plain objects so an InputError keeps its message.
 */
import type { MessagePort } from 'node:worker_threads';
import { InputError } from '../../core/errors.ts';
import { runTask, type TaskPayload } from './task.ts';

export interface PoolTask extends TaskPayload {
  port?: MessagePort;
}

export async function poolTask(task: PoolTask) {
  const { port, ...payload } = task;
  let last = 0;
  try {
    const out = await runTask(payload, {
      onProgress(done, total) {
        // At most ~20 messages a second; always the last one.
        const t = Date.now();
        if (done === total || t - last > 50) {
          last = t;
          port?.postMessage({ done, total });
        }
      },
    });
    return { ok: true as const, out };
  } catch (err) {
    return {
      ok: false as const,
      inputError: err instanceof InputError,
      message: err instanceof Error ? err.message : String(err),
    };
  } finally {
    port?.close();
  }
}
