/**
 * Worker-thread entry of the gliding simulator: receives a list of tasks, runs them with the pure
 * domain functions and posts the results back in the same order.
 */
import { parentPort } from 'node:worker_threads';
import { InputError } from '../../core/errors.ts';
import { mapPoint } from '../../layered/glide/designMap.ts';
import { runParticle } from '../../layered/glide/simulate.ts';
import type { GlideTask } from './glidePool.ts';

export function runTask(t: GlideTask): unknown {
  if (t.kind === 'particle') return runParticle(t.index, t.source, t.params, t.options);
  return mapPoint(t.phi2, t.alpha, t.beta, t.layers, t.params, t.options);
}

parentPort?.on('message', (msg: { id: number; task: GlideTask }) => {
  try {
    parentPort?.postMessage({ id: msg.id, result: runTask(msg.task) });
  } catch (e) {
    // InputErrors keep their type across the thread boundary (problem + location).
    const input = e instanceof InputError ? e.toTransfer() : undefined;
    parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e), input });
  }
});
