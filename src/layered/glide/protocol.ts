import { InputError } from '../../core/errors.ts';
import type { GlideParams } from './params.ts';

/** One piece of the piecewise-constant Na-content protocol. */
export interface ProtocolStep {
  /** Na content held during the step (x per formula unit). */
  x: number;
  durationS: number;
  phase: 'charge' | 'discharge' | 'rest';
}

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_MINUTE = 60;
/** Na contents are rounded to this many decimals so 0.85 − 0.54 prints as 0.31, not 0.30999…. */
const X_DECIMALS = 1e12;
const roundX = (x: number): number => Math.round(x * X_DECIMALS) / X_DECIMALS;

/**
 * One galvanostatic cycle: charge xMax → xMin, optional rest, discharge xMin → xMax, optional rest.
 * 1C moves the whole window (xMax − xMin) in one hour. x changes in steps of `stepNa` (the last step
 * of each half-cycle may be shorter); each step holds x at its end value for the step's duration.
 */
export function cycleProtocol(p: GlideParams): ProtocolStep[] {
  if (!(p.xMin < p.xMax))
    throw new InputError('Na-content limits are reversed or equal: xMin must be below xMax', {
      field: 'xMin/xMax',
      found: `xMin = ${p.xMin}, xMax = ${p.xMax}`,
      expected: '0 ≤ xMin < xMax ≤ 1',
    });
  const window = p.xMax - p.xMin;
  const secondsPerNa = SECONDS_PER_HOUR / (p.cRate * window);
  const n = Math.ceil(window / p.stepNa - 1e-9);
  const steps: ProtocolStep[] = [];
  for (let k = 1; k <= n; k++) {
    const x = roundX(Math.max(p.xMax - k * p.stepNa, p.xMin));
    const prev = roundX(p.xMax - (k - 1) * p.stepNa);
    steps.push({ x, durationS: (prev - x) * secondsPerNa, phase: 'charge' });
  }
  if (p.restMinutes > 0)
    steps.push({ x: p.xMin, durationS: p.restMinutes * SECONDS_PER_MINUTE, phase: 'rest' });
  for (let k = 1; k <= n; k++) {
    const x = roundX(Math.min(p.xMin + k * p.stepNa, p.xMax));
    const prev = roundX(p.xMin + (k - 1) * p.stepNa);
    steps.push({ x, durationS: (x - prev) * secondsPerNa, phase: 'discharge' });
  }
  if (p.restMinutes > 0)
    steps.push({ x: p.xMax, durationS: p.restMinutes * SECONDS_PER_MINUTE, phase: 'rest' });
  return steps;
}

/** Total duration of one cycle, s (= 2·3600/C + rests). */
export function cycleDurationS(steps: readonly ProtocolStep[]): number {
  let t = 0;
  for (const s of steps) t += s.durationS;
  return t;
}
