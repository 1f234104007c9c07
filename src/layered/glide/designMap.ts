import { InputError } from '../../core/errors.ts';
import { retentionAt } from './ensemble.ts';
import type { GlideParams } from './params.ts';
import { simulateEnsemble } from './run.ts';
import type { SimulateOptions } from './simulate.ts';

/** A grid axis written as start:end:count. */
export interface Axis {
  start: number;
  end: number;
  count: number;
}

export function parseAxis(text: string, field: string): Axis {
  const parts = text.split(':').map((s) => s.trim());
  const nums = parts.map(Number);
  if (parts.length !== 3 || nums.some((v) => !Number.isFinite(v)) || parts.some((s) => s === ''))
    throw new InputError('cannot read the grid axis', {
      field,
      found: text,
      expected: 'start:end:count, e.g. 0.05:0.4:8',
    });
  const [start, end, count] = nums;
  if (!(Number.isInteger(count) && count >= 1))
    throw new InputError('the number of grid points must be a whole number ≥ 1', {
      field,
      found: String(count),
    });
  return { start, end, count };
}

export function axisValues(a: Axis): number[] {
  if (a.count === 1) return [a.start];
  return Array.from({ length: a.count }, (_, i) => a.start + ((a.end - a.start) * i) / (a.count - 1));
}

export interface MapPoint {
  alpha: number;
  beta: number;
  /** Retention at N cycles; null when (φ₂, α, β) cannot be generated. */
  retention: number | null;
  reason?: string;
}

/** One grid point. Particles use the same streams at every point (common random numbers). */
export function mapPoint(
  phi2: number,
  alpha: number,
  beta: number,
  layers: number,
  p: GlideParams,
  options: SimulateOptions,
): MapPoint {
  try {
    const r = simulateEnsemble({ kind: 'generated', phi2, alpha, beta, layers }, p, {
      ...options,
      observeCycles: [],
    });
    return { alpha, beta, retention: retentionAt(r, options.cycles) };
  } catch (e) {
    if (e instanceof InputError) return { alpha, beta, retention: null, reason: e.problem };
    throw e;
  }
}

/** Validates the α and β axes (α in [0, 1], β ≥ 0). */
export function checkAxes(alpha: Axis, beta: Axis): void {
  for (const v of axisValues(alpha))
    if (!(v >= 0 && v <= 1))
      throw new InputError('α must lie in [0, 1]', {
        field: 'alpha',
        found: String(v),
        expected: '0 ≤ α ≤ 1',
      });
  for (const v of axisValues(beta))
    if (!(v >= 0))
      throw new InputError('β must be ≥ 0', { field: 'beta', found: String(v), expected: 'β ≥ 0' });
}

/**
 * Pareto front of the map with three objectives: retention (higher is better), α (lower is easier to
 * make: fewer interphases) and β (higher is easier: less uniformity needed). A point is on the front
 * when no other point is at least as good in all three and strictly better in one.
 */
export function paretoFront(points: readonly MapPoint[]): number[] {
  const idx: number[] = [];
  points.forEach((a, i) => {
    if (a.retention === null) return;
    const dominated = points.some(
      (b) =>
        b.retention !== null &&
        b.retention >= (a.retention as number) &&
        b.alpha <= a.alpha &&
        b.beta >= a.beta &&
        (b.retention > (a.retention as number) || b.alpha < a.alpha || b.beta > a.beta),
    );
    if (!dominated) idx.push(i);
  });
  return idx;
}
