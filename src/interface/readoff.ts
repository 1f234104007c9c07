/**
 * Critical current density read off a voltage–time trace the way experimenters do, applied
 * identically to simulated and measured traces. The method and its thresholds are returned with
 * the value, because CCDs from different methods are not comparable (brief §5 data model).
 *
 * Apparent resistance R_app = |V|/|j| is followed point by point:
 * - short: R_app drops by more than `shortDropFraction` from one point to the next while current flows;
 * - voltage limit: |V| ≥ `voltageLimit_V`;
 * - step ramp (constant-current segments): a step whose R_app grows by more than
 *   `divergenceFraction` within one constant-current segment is unstable (void growth);
 * - linear ramp: onset of non-linearity, the first |j| at which R_app exceeds the low-current
 *   value (median over the first `fitFraction` of the ramp) by more than `nonLinearityFraction`
 *   (Lowack et al.: the voltage turns exponential above j_crit).
 */
import { InputError } from '../core/errors.ts';

export interface TraceInput {
  time_s: ArrayLike<number>;
  voltage_V: ArrayLike<number>;
  current_mA_cm2: ArrayLike<number>;
}

export interface ReadoffOptions {
  shortDropFraction?: number;
  voltageLimit_V?: number;
  divergenceFraction?: number;
  nonLinearityFraction?: number;
  fitFraction?: number;
  /** Relative change of |j| that starts a new step (default 1e-3; also the noise a cycler's set current may carry). */
  stepTolerance?: number;
  /** 'auto' (default): a ramp changes current at more than a third of the points; or force 'step' / 'ramp'. */
  protocol?: 'auto' | 'step' | 'ramp';
}

export interface CcdReadout {
  /** CCD (mA/cm²) by the method below, null if the trace shows no failure. */
  ccd_mA_cm2: number | null;
  /** Step ramp: |j| of the last step completed without failure; null otherwise. */
  lastStableCurrent_mA_cm2: number | null;
  failureTime_s: number | null;
  criterion: 'short' | 'voltage-limit' | 'divergence' | 'non-linearity' | null;
  protocolDetected: 'step' | 'ramp';
  method: string;
  thresholds: Required<ReadoffOptions>;
}

const DEFAULTS: Required<ReadoffOptions> = {
  shortDropFraction: 0.5,
  voltageLimit_V: 2,
  divergenceFraction: 0.5,
  nonLinearityFraction: 0.1,
  fitFraction: 0.1,
  stepTolerance: 1e-3,
  protocol: 'auto',
};

/** Points per window of the ramp test. */
const RAMP_WINDOW = 5;
/** A window is monotone when its net current change is at least this fraction of its total variation. */
const RAMP_MONOTONE_FRACTION = 0.9;

/**
 * A ramp drifts the current monotonically over (almost) every short window; steps hold it, so only
 * the windows containing a step edge are monotone, and a measured set current's noise goes up and
 * down. Ramp when more than a third of all windows are monotone.
 */
function looksLikeRamp(j: ArrayLike<number>): boolean {
  const n = j.length;
  const windows = n - RAMP_WINDOW;
  if (windows <= 0) return false;
  let monotone = 0;
  for (let i = 0; i < windows; i++) {
    let tv = 0;
    for (let k = i + 1; k <= i + RAMP_WINDOW; k++) tv += Math.abs(j[k] - j[k - 1]);
    if (tv > 0 && Math.abs(j[i + RAMP_WINDOW] - j[i]) >= RAMP_MONOTONE_FRACTION * tv) monotone++;
  }
  return monotone > windows / 3;
}

export function readCcd(trace: TraceInput, options: ReadoffOptions = {}): CcdReadout {
  const o = { ...DEFAULTS, ...options };
  const n = trace.time_s.length;
  if (n < 3 || trace.voltage_V.length !== n || trace.current_mA_cm2.length !== n)
    throw new InputError('trace needs at least 3 points and equal-length columns', {
      field: 'trace',
      found: String(n),
    });
  const j = trace.current_mA_cm2;
  const v = trace.voltage_V;
  // Constant-current segments: a new one starts where |j| or its sign changes.
  const segStart: number[] = [];
  for (let i = 0; i < n; i++) {
    const prev = i > 0 ? j[i - 1] : Number.NaN;
    if (
      i === 0 ||
      Math.sign(prev) !== Math.sign(j[i]) ||
      Math.abs(j[i] - prev) > o.stepTolerance * Math.max(Math.abs(j[i]), Math.abs(prev))
    ) {
      segStart.push(i);
    }
  }
  const ramp = o.protocol === 'auto' ? looksLikeRamp(j) : o.protocol === 'ramp';
  const rApp = (i: number) => (Math.abs(j[i]) > 0 ? Math.abs(v[i]) / Math.abs(j[i]) : Number.NaN);

  let failIdx = -1;
  let criterion: CcdReadout['criterion'] = null;
  for (let i = 1; i < n && failIdx < 0; i++) {
    if (Math.abs(v[i]) >= o.voltageLimit_V) {
      failIdx = i;
      criterion = 'voltage-limit';
    } else {
      const a = rApp(i - 1);
      const b = rApp(i);
      if (Number.isFinite(a) && Number.isFinite(b) && a > 0 && b < (1 - o.shortDropFraction) * a) {
        failIdx = i;
        criterion = 'short';
      }
    }
  }
  if (ramp) {
    const pts: number[] = [];
    for (let i = 0; i < n; i++) if (Math.abs(j[i]) > 0) pts.push(i);
    const nFit = Math.max(3, Math.floor(pts.length * o.fitFraction));
    const base = pts
      .slice(0, nFit)
      .map(rApp)
      .sort((a, b) => a - b)[Math.floor(nFit / 2)];
    const limit = failIdx < 0 ? n : failIdx;
    for (const i of pts) {
      if (i >= limit) break;
      if (rApp(i) > (1 + o.nonLinearityFraction) * base) {
        failIdx = i;
        criterion = 'non-linearity';
        break;
      }
    }
    return {
      ccd_mA_cm2: failIdx < 0 ? null : Math.abs(j[failIdx]),
      lastStableCurrent_mA_cm2: null,
      failureTime_s: failIdx < 0 ? null : trace.time_s[failIdx],
      criterion,
      protocolDetected: 'ramp',
      method: `linear ramp: |j| at the first of (short: R_app drop > ${o.shortDropFraction * 100}% between points; |V| ≥ ${o.voltageLimit_V} V; onset of non-linearity: R_app > ${(1 + o.nonLinearityFraction).toFixed(2)} × its median over the first ${o.fitFraction * 100}% of the ramp)`,
      thresholds: o,
    };
  }
  // Step ramp / cycling: divergence within a constant-current segment.
  for (let s = 0; s < segStart.length; s++) {
    const a = segStart[s];
    const b = (s + 1 < segStart.length ? segStart[s + 1] : n) - 1;
    if (failIdx >= 0 && a > failIdx) break;
    const r0 = rApp(a);
    for (let i = a + 1; i <= b && (failIdx < 0 || i < failIdx); i++) {
      if (Number.isFinite(r0) && rApp(i) > (1 + o.divergenceFraction) * r0) {
        failIdx = i;
        criterion = 'divergence';
        break;
      }
    }
  }
  let ccd: number | null = null;
  let lastStable: number | null = null;
  if (failIdx >= 0) {
    ccd = Math.abs(j[failIdx]) > 0 ? Math.abs(j[failIdx]) : Math.abs(j[failIdx - 1]);
    for (let i = failIdx - 1; i >= 0; i--) {
      const m = Math.abs(j[i]);
      if (m > 0 && m < ccd * (1 - o.stepTolerance)) {
        lastStable = m;
        break;
      }
    }
  } else {
    let max = 0;
    for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(j[i]));
    lastStable = max;
  }
  return {
    ccd_mA_cm2: ccd,
    lastStableCurrent_mA_cm2: lastStable,
    failureTime_s: failIdx < 0 ? null : trace.time_s[failIdx],
    criterion,
    protocolDetected: 'step',
    method: `current steps: |j| of the step in which the first of (short: R_app = |V|/|j| drops > ${o.shortDropFraction * 100}% between points; |V| ≥ ${o.voltageLimit_V} V; R_app grows > ${o.divergenceFraction * 100}% within one constant-current segment) occurs; lastStableCurrent is the step before`,
    thresholds: o,
  };
}

/**
 * Reads a measured trace from CSV text with a header naming the columns `time_s`, `voltage_V` and
 * `current_mA_cm2` (any order, case-insensitive; comma, semicolon or tab; lines starting with # are
 * comments). Anything else is an InputError with file, line and column.
 */
export function parseTraceCsv(text: string, fileName = 'trace.csv'): TraceInput {
  const lines = text.split(/\r?\n/);
  let header: string[] | null = null;
  let sep = ',';
  const cols = { time_s: -1, voltage_V: -1, current_mA_cm2: -1 };
  const t: number[] = [];
  const v: number[] = [];
  const jv: number[] = [];
  for (let li = 0; li < lines.length; li++) {
    const raw = lines[li].trim();
    if (raw === '' || raw.startsWith('#')) continue;
    if (header === null) {
      sep = raw.includes('\t') ? '\t' : raw.includes(';') ? ';' : ',';
      header = raw.split(sep).map((h) => h.trim().replace(/^"|"$/g, ''));
      for (const key of Object.keys(cols) as (keyof typeof cols)[]) {
        cols[key] = header.findIndex((h) => h.toLowerCase() === key.toLowerCase());
        if (cols[key] < 0)
          throw new InputError(`missing column ${key}`, {
            file: fileName,
            line: li + 1,
            field: 'header',
            found: raw,
            expected: 'a header with time_s, voltage_V and current_mA_cm2',
          });
      }
      continue;
    }
    const cells = raw.split(sep);
    const get = (key: keyof typeof cols): number => {
      const s = (cells[cols[key]] ?? '').trim();
      const x = Number(s);
      if (s === '' || !Number.isFinite(x))
        throw new InputError('not a number', {
          file: fileName,
          line: li + 1,
          field: key,
          found: s,
          expected: 'a finite number',
        });
      return x;
    };
    const tt = get('time_s');
    if (t.length > 0 && tt < t[t.length - 1])
      throw new InputError('time goes backwards', {
        file: fileName,
        line: li + 1,
        field: 'time_s',
        found: String(tt),
        expected: 'non-decreasing time',
      });
    t.push(tt);
    v.push(get('voltage_V'));
    jv.push(get('current_mA_cm2'));
  }
  if (header === null)
    throw new InputError('no header line', { file: fileName, expected: 'time_s,voltage_V,current_mA_cm2' });
  if (t.length < 3)
    throw new InputError('fewer than 3 data rows', { file: fileName, expected: 'a voltage–time trace' });
  return {
    time_s: Float64Array.from(t),
    voltage_V: Float64Array.from(v),
    current_mA_cm2: Float64Array.from(jv),
  };
}
