/**
 * Step table: the time series cut into charge / discharge / rest / constant-voltage steps from the
 * current (sign and size) and the voltage (holds), with the charge and energy of each step from
 * ∫I dt and ∫IV dt. The charge/discharge split relies on the load-time sign convention of
 * io/cycling (current_A < 0 on discharge).
 */
import { InputError } from '../../core/errors.ts';
import type { CyclingData } from '../../io/cycling/index.ts';
import { STEP_DEFAULTS, type StepDetectionOptions, withDefaults } from './defaults.ts';

export type StepType = 'rest' | 'charge' | 'discharge' | 'cvCharge' | 'cvDischarge';

export interface Step {
  /** 0-based position in the table. */
  index: number;
  type: StepType;
  /** Instrument cycle index when the file has one, else counted (a charge after a discharge starts a cycle). */
  cycle: number;
  /** The instrument's own step index, when present. */
  instrumentStep?: number;
  /** Rows [startRow, endRow). */
  startRow: number;
  endRow: number;
  start_s: number;
  duration_s: number;
  startVoltage_V: number;
  endVoltage_V: number;
  minVoltage_V: number;
  maxVoltage_V: number;
  /** Signed charge passed, ∫I dt, in Ah (> 0 on charge). */
  charge_Ah: number;
  /** Signed energy, ∫I·V dt, in Wh. */
  energy_Wh: number;
  /** charge_Ah / duration, in A. */
  meanCurrent_A: number;
}

export interface StepTable {
  steps: Step[];
  /** Cumulative signed charge ∫I dt from the first row, Ah, per row (same integration as the steps). */
  cumulativeCharge_Ah: Float64Array;
  /** Where cycle numbers came from. */
  cycleSource: 'instrument' | 'steps';
  /** Options actually used (rest current resolved to a number). */
  options: StepDetectionOptions & { restCurrent_A: number };
}

/** Sign class of a row: 1 charge, -1 discharge, 0 rest. */
function signClass(i: number, rest: number): number {
  return i > rest ? 1 : i < -rest ? -1 : 0;
}

/**
 * Builds the step table. Charge is integrated with the trapezoid rule inside a step; across a step
 * boundary the interval is split at the step's start time (from the instrument's step time when it is
 * consistent, else the new step's first record) and each side uses its own current.
 */
export function detectSteps(data: CyclingData, options: Partial<StepDetectionOptions> = {}): StepTable {
  const o = withDefaults<StepDetectionOptions>(STEP_DEFAULTS, options);
  const { time_s: t, voltage_V: v, current_A: I } = data.columns;
  const n = data.length;
  if (n === 0) throw new InputError('no data rows', { file: data.fileName });
  let maxAbs = 0;
  for (let i = 0; i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(I[i]));
  const rest = o.restCurrent_A ?? o.restCurrentFraction * maxAbs;
  if (!(rest >= 0) || !Number.isFinite(rest))
    throw new InputError('rest current must be a non-negative number', {
      field: 'restCurrent_A',
      found: String(o.restCurrent_A),
    });
  // instrument indices with gaps (NaN) cannot be trusted to mark boundaries: fall back to the current
  const complete = (col: Float64Array | undefined) => (col && !col.some(Number.isNaN) ? col : undefined);
  const instStep = o.useInstrumentSteps ? complete(data.columns.step) : undefined;
  const instCycle = complete(data.columns.cycle);

  // 1. segments of constant sign class (and constant instrument step/cycle)
  const bounds: number[] = [0];
  for (let i = 1; i < n; i++) {
    const changed =
      signClass(I[i], rest) !== signClass(I[i - 1], rest) ||
      (instStep !== undefined && instStep[i] !== instStep[i - 1]) ||
      (instCycle !== undefined && instCycle[i] !== instCycle[i - 1]);
    if (changed) bounds.push(i);
  }
  bounds.push(n);

  // 2. split CC/CV inside each charge or discharge segment
  const cuts: { start: number; end: number; type: StepType }[] = [];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const start = bounds[s];
    const end = bounds[s + 1];
    const cls = signClass(I[start], rest);
    if (cls === 0) {
      cuts.push({ start, end, type: 'rest' });
      continue;
    }
    const cc: StepType = cls > 0 ? 'charge' : 'discharge';
    const cv: StepType = cls > 0 ? 'cvCharge' : 'cvDischarge';
    const k = cvStart(v, I, start, end, o);
    if (k === undefined) cuts.push({ start, end, type: cc });
    else {
      if (k > start) cuts.push({ start, end: k, type: cc });
      cuts.push({ start: k, end, type: cv });
    }
  }

  // 3. integrate ∫I dt and ∫IV dt, splitting boundary intervals at the step start
  const stepTime = data.columns.stepTime_s;
  const q = new Float64Array(n);
  const charge = new Float64Array(cuts.length);
  const energy = new Float64Array(cuts.length);
  let c = 0;
  for (let i = 1; i < n; i++) {
    const dt = t[i] - t[i - 1];
    if (i === cuts[c].end) {
      c++;
      // Boundary interval: step c began at tSwitch. Cyclers write a record when a step begins, so
      // without a step-time column the previous step's current is held until this row (checked on
      // the BioLogic reference file against its per-record dq column).
      let tSwitch = t[i];
      if (stepTime !== undefined) {
        const st = stepTime[i];
        if (st >= 0 && st <= dt) tSwitch = t[i] - st;
      }
      const a = tSwitch - t[i - 1];
      const b = t[i] - tSwitch;
      charge[c - 1] += I[i - 1] * a;
      energy[c - 1] += I[i - 1] * v[i - 1] * a;
      charge[c] += I[i] * b;
      energy[c] += I[i] * v[i] * b;
      q[i] = q[i - 1] + I[i - 1] * a + I[i] * b;
    } else {
      const dq = 0.5 * (I[i - 1] + I[i]) * dt;
      charge[c] += dq;
      energy[c] += 0.5 * (I[i - 1] * v[i - 1] + I[i] * v[i]) * dt;
      q[i] = q[i - 1] + dq;
    }
  }
  for (let i = 0; i < n; i++) q[i] /= 3600;

  // 4. cycles: instrument index, else count (a charge after a discharge opens a new cycle)
  let counted = 1;
  let seenDischarge = false;
  const steps: Step[] = cuts.map((cut, index) => {
    const { start, end, type } = cut;
    if (type === 'charge' || type === 'cvCharge') {
      if (seenDischarge) {
        counted++;
        seenDischarge = false;
      }
    } else if (type === 'discharge' || type === 'cvDischarge') seenDischarge = true;
    let vmin = Number.POSITIVE_INFINITY;
    let vmax = Number.NEGATIVE_INFINITY;
    for (let i = start; i < end; i++) {
      if (v[i] < vmin) vmin = v[i];
      if (v[i] > vmax) vmax = v[i];
    }
    const startTime = t[start];
    const endTime = end < n ? t[end] : t[n - 1];
    const duration = Math.max(0, endTime - startTime);
    const chargeAh = charge[index] / 3600;
    return {
      index,
      type,
      cycle: instCycle ? instCycle[start] : counted,
      instrumentStep: instStep ? instStep[start] : undefined,
      startRow: start,
      endRow: end,
      start_s: startTime,
      duration_s: duration,
      startVoltage_V: v[start],
      endVoltage_V: v[end - 1],
      minVoltage_V: vmin,
      maxVoltage_V: vmax,
      charge_Ah: chargeAh,
      energy_Wh: energy[index] / 3600,
      meanCurrent_A: duration > 0 ? (chargeAh * 3600) / duration : I[start],
    };
  });
  return {
    steps,
    cumulativeCharge_Ah: q,
    cycleSource: instCycle ? 'instrument' : 'steps',
    options: { ...o, restCurrent_A: rest },
  };
}

/** First row of a trailing constant-voltage hold in [start, end), or undefined. */
function cvStart(
  v: Float64Array,
  I: Float64Array,
  start: number,
  end: number,
  o: StepDetectionOptions,
): number | undefined {
  if (end - start < o.minCvPoints) return undefined;
  const vEnd = v[end - 1];
  let k = end - 1;
  while (k - 1 >= start && Math.abs(v[k - 1] - vEnd) <= o.cvVoltageTolerance_V) k--;
  if (end - k < o.minCvPoints) return undefined;
  // A CV hold lets the current decay; a flat CC plateau keeps it.
  let peak = 0;
  for (let i = k; i < end; i++) peak = Math.max(peak, Math.abs(I[i]));
  if (Math.abs(I[end - 1]) > (1 - o.cvCurrentDropFraction) * peak) return undefined;
  // The hold starts where the current begins to fall, not where the voltage first came within tolerance.
  let j = k;
  const iStart = Math.abs(I[k]);
  while (
    j + 1 < end &&
    Math.abs(I[j + 1]) >= iStart * (1 - 1e-3) &&
    Math.abs(v[j] - vEnd) <= o.cvVoltageTolerance_V
  )
    j++;
  return j;
}
