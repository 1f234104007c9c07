/**
 * Incremental capacity (dQ/dV) and differential voltage (dV/dQ) of one cycle, computed on
 * monotone segments only. Each constant-current step is cut at its voltage turning points (a
 * reversal larger than `turningTolerance_V`); each piece is resampled on a uniform voltage grid by
 * first crossing of its running voltage extreme (points are never sorted or reordered), smoothed
 * and differentiated with Savitzky–Golay. Steps that needed cutting, or pieces that run against the
 * step's direction, are flagged in the result.
 *
 * Sign convention: Q is the capacity passed since the start of the piece (≥ 0) and V runs upward
 * on the grid, so dQ/dV > 0 on charge and < 0 on discharge (the usual ICA plot).
 */
import { InputError } from '../../core/errors.ts';
import type { CyclingData } from '../../io/cycling/index.ts';
import { DIFFERENTIAL_DEFAULTS, type DifferentialOptions, withDefaults } from './defaults.ts';
import { findPeaks } from './peaks.ts';
import { savitzkyGolay } from './savitzkyGolay.ts';
import { detectSteps, type StepTable } from './steps.ts';

/** Upper bound of the capacity grid used to smooth V(Q) (rows beyond this are interpolated). */
const MAX_CAPACITY_POINTS = 20000;
/** Grid voltages are multiples of the step: print them rounded to 1 nV. */
const GRID_ROUNDING = 1e9;

export interface DqdvPeak {
  voltage_V: number;
  /** |dQ/dV| at the peak, mAh/V. */
  height_mAh_per_V: number;
  prominence_mAh_per_V: number;
  from_V: number;
  to_V: number;
  /** Capacity under the peak above its base level (the higher of the two saddles), mAh. */
  area_mAh: number;
}

export interface DqdvSegment {
  direction: 'charge' | 'discharge';
  /** Step table index and row range [startRow, endRow) of the piece. */
  step: number;
  startRow: number;
  endRow: number;
  /** Capacity of the piece, mAh. */
  capacity_mAh: number;
  voltage_V: number[];
  /** Smoothed capacity since the piece start on the voltage grid, mAh. */
  capacity_on_grid_mAh: number[];
  dQdV_mAh_per_V: number[];
  /** dV/dQ on a uniform capacity grid. */
  dvdq: { capacity_mAh: number[]; dVdQ_V_per_mAh: number[] };
  peaks: DqdvPeak[];
}

export interface DqdvFlag {
  step: number;
  problem: string;
}

export interface DqdvResult {
  cycle: number;
  segments: DqdvSegment[];
  /** Steps that could not be used whole: cut at turning points, pieces against the step direction, too short. */
  flags: DqdvFlag[];
  /** True when every constant-current step of the cycle was monotone as recorded. */
  monotone: boolean;
  options: DifferentialOptions;
  signConvention: string;
}

export function differentialCapacity(
  data: CyclingData,
  cycle: number,
  options: Partial<DifferentialOptions> = {},
  table?: StepTable,
): DqdvResult {
  const o = withDefaults(DIFFERENTIAL_DEFAULTS, options);
  for (const [k, v] of Object.entries(o))
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0))
      throw new InputError('dQ/dV option must be a positive number', { field: k, found: String(v) });
  const st = table ?? detectSteps(data);
  const steps = st.steps.filter((s) => s.cycle === cycle && (s.type === 'charge' || s.type === 'discharge'));
  if (steps.length === 0) {
    const cycles = [
      ...new Set(st.steps.filter((s) => s.type === 'charge' || s.type === 'discharge').map((s) => s.cycle)),
    ];
    throw new InputError('cycle has no constant-current charge or discharge', {
      field: 'cycle',
      found: String(cycle),
      expected: `one of ${cycles.join(', ') || '(none: the file has no charge or discharge)'}`,
    });
  }
  const v = data.columns.voltage_V;
  const q = st.cumulativeCharge_Ah;
  const segments: DqdvSegment[] = [];
  const flags: DqdvFlag[] = [];
  let monotone = true;
  for (const s of steps) {
    const dir = s.type === 'charge' ? 1 : -1;
    const pieces = monotonePieces(v, s.startRow, s.endRow, o.turningTolerance_V);
    if (pieces.length > 1) {
      monotone = false;
      flags.push({
        step: s.index,
        problem: `voltage reverses ${pieces.length - 1} time(s) by more than ${o.turningTolerance_V} V: cut into ${pieces.length} monotone pieces`,
      });
    }
    for (const p of pieces) {
      const span = Math.abs(v[p.end - 1] - v[p.start]);
      if (p.direction !== dir) {
        if (span >= o.minSegmentSpan_V) {
          monotone = false;
          flags.push({
            step: s.index,
            problem: `rows ${p.start}–${p.end - 1} run against the ${s.type} direction: left out`,
          });
        }
        continue;
      }
      if (span < o.minSegmentSpan_V) {
        flags.push({
          step: s.index,
          problem: `rows ${p.start}–${p.end - 1} span ${span.toFixed(4)} V < ${o.minSegmentSpan_V} V: left out`,
        });
        continue;
      }
      const seg = analysePiece(v, q, p.start, p.end, dir, s.index, o);
      if (typeof seg === 'string') flags.push({ step: s.index, problem: seg });
      else segments.push(seg);
    }
  }
  return { cycle, segments, flags, monotone, options: o, signConvention: data.signConvention };
}

interface Piece {
  start: number;
  end: number;
  direction: 1 | -1;
}

/**
 * Cuts rows [start, end) into pieces that are monotone within `tol` (zig-zag turning points): the
 * direction changes only once the voltage has moved `tol` back from its running extreme, and the
 * cut is made at the extreme.
 */
export function monotonePieces(v: Float64Array, start: number, end: number, tol: number): Piece[] {
  const pieces: Piece[] = [];
  let pieceStart = start;
  let dir: 0 | 1 | -1 = 0;
  let ext = start; // running extreme in the current direction
  for (let i = start + 1; i < end; i++) {
    if (dir === 0) {
      if (v[i] - v[pieceStart] > tol) dir = 1;
      else if (v[pieceStart] - v[i] > tol) dir = -1;
      if (dir !== 0) {
        ext = start;
        for (let k = start; k <= i; k++) if (dir * (v[k] - v[ext]) > 0) ext = k;
      }
      continue;
    }
    if (dir * (v[i] - v[ext]) > 0) ext = i;
    else if (dir * (v[ext] - v[i]) > tol) {
      pieces.push({ start: pieceStart, end: ext + 1, direction: dir });
      pieceStart = ext;
      dir = dir === 1 ? -1 : 1;
      ext = i;
      for (let k = pieceStart; k <= i; k++) if (dir * (v[k] - v[ext]) > 0) ext = k;
    }
  }
  if (dir === 0) dir = v[end - 1] >= v[start] ? 1 : -1;
  pieces.push({ start: pieceStart, end, direction: dir });
  return pieces;
}

/**
 * Resamples y(x) on a uniform grid of x where x runs (within noise) upward: the running maximum of
 * x is the abscissa and y is interpolated at the first crossing of each grid value.
 */
function firstCrossing(xs: Float64Array, ys: Float64Array, grid: Float64Array): Float64Array {
  const out = new Float64Array(grid.length);
  let j = 0;
  let env = xs[0];
  let prevEnv = xs[0];
  for (let g = 0; g < grid.length; g++) {
    const target = grid[g];
    while (j < xs.length - 1 && env < target) {
      j++;
      prevEnv = env;
      env = Math.max(env, xs[j]);
    }
    if (env <= target || j === 0 || env === prevEnv) out[g] = ys[j];
    else {
      const f = (target - prevEnv) / (env - prevEnv);
      out[g] = ys[j - 1] + f * (ys[j] - ys[j - 1]);
    }
  }
  return out;
}

function analysePiece(
  v: Float64Array,
  qCum: Float64Array,
  start: number,
  end: number,
  dir: 1 | -1,
  stepIndex: number,
  o: DifferentialOptions,
): DqdvSegment | string {
  const n = end - start;
  // x = dir·V rises; Q = |charge since piece start| in mAh rises
  const x = new Float64Array(n);
  const Q = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = dir * v[start + i];
    Q[i] = Math.abs(qCum[start + i] - qCum[start]) * 1000;
  }
  // 1. V(Q) is a function (Q rises strictly under constant current): put it on a uniform capacity
  //    grid and smooth it there, so voltage noise does not bias the first crossings in step 2.
  const qTotal = Q[n - 1];
  if (!(qTotal > 0)) return `rows ${start}–${end - 1}: no charge passed`;
  const pts = Math.min(MAX_CAPACITY_POINTS, Math.max(Math.round(o.dvdqPoints), n));
  const hq = qTotal / (pts - 1);
  const mq = Math.max(1, Math.round((o.dvdqWindowFraction * pts) / 2));
  if (pts < 2 * mq + 1 || o.polynomialOrder >= 2 * mq + 1)
    return `rows ${start}–${end - 1}: too few points for the dV/dQ smoothing window`;
  const qg = new Float64Array(pts);
  for (let k = 0; k < pts; k++) qg[k] = k * hq;
  const xOnQ = firstCrossing(Q, x, qg);
  const xSmooth = savitzkyGolay(xOnQ, hq, mq, o.polynomialOrder, 0);
  const dxdq = savitzkyGolay(xOnQ, hq, mq, o.polynomialOrder, 1);
  const stride = Math.max(1, Math.floor(pts / o.dvdqPoints));
  const dvdq = { capacity_mAh: [] as number[], dVdQ_V_per_mAh: [] as number[] };
  for (let k = 0; k < pts; k += stride) {
    dvdq.capacity_mAh.push(qg[k]);
    dvdq.dVdQ_V_per_mAh.push(dir * dxdq[k]);
  }
  // 2. Q on a uniform voltage grid by first crossing of the smoothed voltage's running extreme
  let xmax = xSmooth[0];
  for (let i = 1; i < pts; i++) xmax = Math.max(xmax, xSmooth[i]);
  const h = o.gridStep_V;
  const g0 = Math.ceil(xSmooth[0] / h);
  const g1 = Math.floor(xmax / h);
  const m = Math.max(1, Math.round(o.smoothingWindow_V / (2 * h)));
  const count = g1 - g0 + 1;
  if (count < 2 * m + 1 || o.polynomialOrder >= 2 * m + 1)
    return `rows ${start}–${end - 1}: ${count} grid points, fewer than the ${2 * m + 1}-point smoothing window`;
  const grid = new Float64Array(count);
  for (let k = 0; k < count; k++) grid[k] = (g0 + k) * h;
  const qGrid = firstCrossing(xSmooth, qg, grid);
  const qSmooth = savitzkyGolay(qGrid, h, m, o.polynomialOrder, 0);
  const dqdx = savitzkyGolay(qGrid, h, m, o.polynomialOrder, 1);
  // back to ascending true voltage: for discharge x = −V, so reverse the arrays and dQ/dV = −dQ/dx
  const V = new Float64Array(count);
  const qOut = new Float64Array(count);
  const dQdV = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const src = dir === 1 ? k : count - 1 - k;
    V[k] = Math.round(dir * grid[src] * GRID_ROUNDING) / GRID_ROUNDING; // 3.01, not 3.0100000000000002
    qOut[k] = qSmooth[src];
    dQdV[k] = dir * dqdx[src];
  }
  const absY = Float64Array.from(dQdV, (y) => Math.abs(y));
  let ymax = 0;
  for (const y of absY) ymax = Math.max(ymax, y);
  const peaks = findPeaks(V, absY, o.minPeakProminenceFraction * ymax).map((p) => ({
    voltage_V: p.x,
    height_mAh_per_V: p.height,
    prominence_mAh_per_V: p.prominence,
    from_V: p.from,
    to_V: p.to,
    area_mAh: p.area,
  }));
  return {
    direction: dir === 1 ? 'charge' : 'discharge',
    step: stepIndex,
    startRow: start,
    endRow: end,
    capacity_mAh: qTotal,
    voltage_V: Array.from(V),
    capacity_on_grid_mAh: Array.from(qOut),
    dQdV_mAh_per_V: Array.from(dQdV),
    dvdq,
    peaks,
  };
}
