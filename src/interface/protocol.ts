/**
 * Current protocols of a symmetric-cell test, as a piecewise current j(t) (mA/cm², positive =
 * electrode A strips and B plates).
 * - step ramp: steps of increasing |j|; each step is one symmetric cycle, the first half at +j,
 *   the second at −j (the usual CCD test of symmetric cells);
 * - linear ramp: j = rate·t, one direction, until `max` (Lowack-type j_crit onset test);
 * - galvanostatic cycling: ±j, half-cycle time = areal capacity / j, for a total duration.
 */
import { InputError } from '../core/errors.ts';
import { parseQuantity } from './quantities.ts';

export type Protocol =
  | {
      kind: 'step-ramp';
      start_mA_cm2: number;
      increment_mA_cm2: number;
      stepDuration_s: number;
      maxSteps: number;
    }
  | { kind: 'linear-ramp'; rate_mA_cm2_per_h: number; max_mA_cm2: number }
  | { kind: 'cycling'; current_mA_cm2: number; capacity_mAh_cm2: number; duration_h: number };

export interface Segment {
  start_s: number;
  duration_s: number;
  /** Current at the start of the segment (mA/cm²). */
  current_mA_cm2: number;
  /** dj/dt within the segment (mA/cm² per s); 0 for constant current. */
  slope_mA_cm2_per_s: number;
  /** Index of the protocol step this segment belongs to (step ramp: the step; cycling: the cycle). */
  step: number;
}

function positive(v: number, field: string, unit: string): void {
  if (!(Number.isFinite(v) && v > 0))
    throw new InputError(`${field} must be positive`, {
      field,
      found: String(v),
      expected: `a value > 0 ${unit}`,
    });
}

export function validateProtocol(p: Protocol): void {
  if (p.kind === 'step-ramp') {
    positive(p.start_mA_cm2, 'protocol start current', 'mA/cm²');
    if (!(p.increment_mA_cm2 >= 0))
      throw new InputError('protocol increment must not be negative', {
        field: 'protocol',
        found: String(p.increment_mA_cm2),
      });
    positive(p.stepDuration_s, 'protocol step duration', 's');
    if (!(Number.isInteger(p.maxSteps) && p.maxSteps > 0))
      throw new InputError('number of steps must be a positive integer', {
        field: 'protocol',
        found: String(p.maxSteps),
      });
  } else if (p.kind === 'linear-ramp') {
    positive(p.rate_mA_cm2_per_h, 'protocol ramp rate', 'mA/cm² per h');
    positive(p.max_mA_cm2, 'protocol maximum current', 'mA/cm²');
  } else {
    positive(p.current_mA_cm2, 'protocol current', 'mA/cm²');
    positive(p.capacity_mAh_cm2, 'protocol areal capacity', 'mAh/cm²');
    positive(p.duration_h, 'protocol duration', 'h');
  }
}

export function protocolSegments(p: Protocol): Segment[] {
  validateProtocol(p);
  const out: Segment[] = [];
  let t = 0;
  if (p.kind === 'step-ramp') {
    for (let k = 0; k < p.maxSteps; k++) {
      // toPrecision strips float noise so step currents read back as typed (0.07, not 0.069999…).
      const j = Number((p.start_mA_cm2 + k * p.increment_mA_cm2).toPrecision(12));
      const half = p.stepDuration_s / 2;
      out.push({ start_s: t, duration_s: half, current_mA_cm2: j, slope_mA_cm2_per_s: 0, step: k });
      out.push({ start_s: t + half, duration_s: half, current_mA_cm2: -j, slope_mA_cm2_per_s: 0, step: k });
      t += p.stepDuration_s;
    }
  } else if (p.kind === 'linear-ramp') {
    const duration = (p.max_mA_cm2 / p.rate_mA_cm2_per_h) * 3600;
    out.push({
      start_s: 0,
      duration_s: duration,
      current_mA_cm2: 0,
      slope_mA_cm2_per_s: p.rate_mA_cm2_per_h / 3600,
      step: 0,
    });
  } else {
    const half = (p.capacity_mAh_cm2 / p.current_mA_cm2) * 3600;
    const total = p.duration_h * 3600;
    for (let k = 0; t < total - 1e-9; k++) {
      const d = Math.min(half, total - t);
      out.push({
        start_s: t,
        duration_s: d,
        current_mA_cm2: k % 2 === 0 ? p.current_mA_cm2 : -p.current_mA_cm2,
        slope_mA_cm2_per_s: 0,
        step: k >> 1,
      });
      t += d;
    }
  }
  return out;
}

/** Human-readable description, recorded with results. */
export function describeProtocol(p: Protocol): string {
  if (p.kind === 'step-ramp')
    return `step ramp from ${p.start_mA_cm2} mA/cm² by ${p.increment_mA_cm2} mA/cm², ${p.stepDuration_s / 60} min per step (half at +j, half at −j), at most ${p.maxSteps} steps`;
  if (p.kind === 'linear-ramp')
    return `linear ramp at ${p.rate_mA_cm2_per_h} mA/cm² per h up to ${p.max_mA_cm2} mA/cm², one direction`;
  return `galvanostatic cycling at ±${p.current_mA_cm2} mA/cm², ${p.capacity_mAh_cm2} mAh/cm² per half cycle, ${p.duration_h} h`;
}

/**
 * Parses a protocol spec as typed on the command line:
 * - `step-ramp:START:INCREMENT:DURATION[:STEPS]` e.g. `step-ramp:0.05:0.05:30min` (default 200 steps)
 * - `linear-ramp:RATE_PER_HOUR:MAX` e.g. `linear-ramp:0.1:3` (mA/cm² per h, mA/cm²)
 * - `cycling:CURRENT:CAPACITY:DURATION` e.g. `cycling:0.1:0.1mAh/cm2:100h`
 * Currents may carry a unit (`50uA/cm2`) or none (then mA/cm²); durations must carry one.
 */
export function parseProtocol(spec: string, field = '--protocol'): Protocol {
  const parts = spec.split(':').map((s) => s.trim());
  const kind = parts[0];
  const expected =
    'step-ramp:START:INCREMENT:DURATION[:STEPS] (e.g. step-ramp:0.05:0.05:30min), linear-ramp:RATE_PER_H:MAX (e.g. linear-ramp:0.1:3) or cycling:CURRENT:CAPACITY:DURATION (e.g. cycling:0.1:0.1:100h)';
  const bad = (why: string) => new InputError(why, { field, found: spec, expected });
  const current = (s: string | undefined): number => {
    if (s === undefined || s === '') throw bad('missing current');
    const x = Number(s);
    return Number.isFinite(x) ? x : parseQuantity(s, 'currentDensity', field);
  };
  const capacity = (s: string | undefined): number => {
    if (s === undefined || s === '') throw bad('missing areal capacity');
    const x = Number(s);
    return Number.isFinite(x) ? x : parseQuantity(s, 'arealCapacity', field);
  };
  const time = (s: string | undefined): number => {
    if (s === undefined || s === '') throw bad('missing duration');
    return parseQuantity(s, 'time', `${field} duration`);
  };
  let p: Protocol;
  if (kind === 'step-ramp') {
    if (parts.length < 4 || parts.length > 5) throw bad('step-ramp needs START:INCREMENT:DURATION[:STEPS]');
    const steps = parts[4] === undefined ? 200 : Number(parts[4]);
    p = {
      kind: 'step-ramp',
      start_mA_cm2: current(parts[1]),
      increment_mA_cm2: current(parts[2]),
      stepDuration_s: time(parts[3]),
      maxSteps: steps,
    };
  } else if (kind === 'linear-ramp') {
    if (parts.length !== 3) throw bad('linear-ramp needs RATE_PER_H:MAX');
    p = { kind: 'linear-ramp', rate_mA_cm2_per_h: current(parts[1]), max_mA_cm2: current(parts[2]) };
  } else if (kind === 'cycling' || kind === 'cycle') {
    if (parts.length !== 4) throw bad('cycling needs CURRENT:CAPACITY:DURATION');
    p = {
      kind: 'cycling',
      current_mA_cm2: current(parts[1]),
      capacity_mAh_cm2: capacity(parts[2]),
      duration_h: time(parts[3]) / 3600,
    };
  } else throw bad('unknown protocol');
  validateProtocol(p);
  return p;
}
