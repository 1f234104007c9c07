import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, type InputErrorTransfer } from '../../core/errors.ts';

import type { MapPoint } from '../../layered/glide/designMap.ts';
import type { GlideParams } from '../../layered/glide/params.ts';
import type { ParticleRun, SimulateOptions, StackSource } from '../../layered/glide/simulate.ts';

/** Work items shipped to workers (plain data: structured-clone safe). */
export type GlideTask =
  | { kind: 'particle'; index: number; source: StackSource; params: GlideParams; options: SimulateOptions }
  | {
      kind: 'mapPoint';
      phi2: number;
      alpha: number;
      beta: number;
      layers: number;
      params: GlideParams;
      options: SimulateOptions;
    };

export type TaskResult<T extends GlideTask> = T extends { kind: 'particle' } ? ParticleRun : MapPoint;

/**
 * Worker bootstrap: the worker entry is TypeScript, so the worker first registers tsx's loader
 * (the same one bin/natrium uses) and then imports glideWorker.ts.
 */
function bootstrap(): string {
  // createRequire resolves the CommonJS entry (…/index.cjs); the ESM twin sits next to it.
  const api = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL('./glideWorker.ts', import.meta.url).href;
  return `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
}

/**
 * Runs tasks on `workers` worker threads (0 or 1 = in this thread) and returns the results in task
 * order. Every task is a pure function of its data (seeded streams per particle), so the numbers
 * do not depend on the number of workers or on which worker ran what.
 */
export async function runGlideTasks<T extends GlideTask>(
  tasks: readonly T[],
  workers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<TaskResult<T>[]> {
  const results = new Array<TaskResult<T>>(tasks.length);
  let done = 0;
  if (workers <= 1 || tasks.length <= 1) {
    const { runTask } = await import('./glideWorker.ts');
    tasks.forEach((t, i) => {
      results[i] = runTask(t) as TaskResult<T>;
      onProgress?.(++done, tasks.length);
    });
    return results;
  }
  const pool = Array.from(
    { length: Math.min(workers, tasks.length) },
    () => new Worker(bootstrap(), { eval: true }),
  );
  let next = 0;
  try {
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= tasks.length) return resolve();
              const id = next++;
              w.postMessage({ id, task: tasks[id] });
            };
            w.on(
              'message',
              (m: { id: number; result?: unknown; error?: string; input?: InputErrorTransfer }) => {
                if (m.input) return reject(InputError.fromTransfer(m.input));
                if (m.error !== undefined) return reject(new Error(m.error));
                results[m.id] = m.result as TaskResult<T>;
                onProgress?.(++done, tasks.length);
                feed();
              },
            );
            w.on('error', reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
