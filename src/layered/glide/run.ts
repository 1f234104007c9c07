import { aggregate, type EnsembleResult } from './ensemble.ts';
import type { GlideParams } from './params.ts';
import {
  checkOptions,
  checkSource,
  runParticle,
  type SimulateOptions,
  type StackSource,
} from './simulate.ts';

/** Progress callback (done, total). */
export type Progress = (done: number, total: number) => void;

/** Whole ensemble in this thread: particle p uses stream split(p) of the seed. */
export function simulateEnsemble(
  source: StackSource,
  p: GlideParams,
  options: SimulateOptions,
  onProgress?: Progress,
): EnsembleResult {
  checkOptions(options);
  checkSource(source);
  const runs = [];
  const total = options.particles;
  for (let i = 0; i < options.particles; i++) {
    runs.push(runParticle(i, source, p, options));
    onProgress?.(i + 1, total);
  }
  return aggregate(runs, p);
}
