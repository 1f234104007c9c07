import { InputError } from '../../core/errors.ts';
import { correlationFromCovariance, covarianceFromJacobian } from '../../core/numerics/index.ts';
import { retentionAt } from './ensemble.ts';
import type { GlideParams } from './params.ts';
import { simulateEnsemble } from './run.ts';
import type { StackSource } from './simulate.ts';

/** A measured retention curve (cycle, Q_N/Q_1 as a fraction). */
export interface RetentionCurve {
  name: string;
  cycle: number[];
  retention: number[];
}

/**
 * Reads `cycle,retention` CSV. A header line is optional; a header whose retention column mentions
 * `%` or `percent` means percent, otherwise fractions are expected (values above 1.5 without such a
 * header are an error rather than a guess). Comment lines start with #.
 */
export function parseRetentionCsv(text: string, fileName = 'retention.csv'): RetentionCurve {
  const cycle: number[] = [];
  const retention: number[] = [];
  let percent = false;
  let headerSeen = false;
  const lines = text.split(/\r?\n/);
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li].trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(/[,;\t]/).map((c) => c.trim());
    const isHeader = cells.some((c) => c !== '' && Number.isNaN(Number(c)));
    if (isHeader) {
      if (headerSeen || cycle.length > 0)
        throw new InputError('a text cell where a number was expected', {
          file: fileName,
          line: li + 1,
          found: line.slice(0, 60),
          expected: 'two numbers: cycle, retention',
        });
      headerSeen = true;
      percent = /%|percent|pct/i.test(cells[1] ?? '');
      continue;
    }
    if (cells.length < 2)
      throw new InputError('each row needs two columns: cycle, retention', {
        file: fileName,
        line: li + 1,
        found: line.slice(0, 60),
      });
    const c = Number(cells[0]);
    let r = Number(cells[1]);
    if (!(Number.isInteger(c) && c >= 1))
      throw new InputError('cycle must be a whole number ≥ 1', {
        file: fileName,
        line: li + 1,
        field: 'cycle',
        found: cells[0],
      });
    if (cycle.length > 0 && c <= cycle[cycle.length - 1])
      throw new InputError('cycles must increase from row to row', {
        file: fileName,
        line: li + 1,
        field: 'cycle',
        found: cells[0],
      });
    if (!Number.isFinite(r))
      throw new InputError('retention is not a number', {
        file: fileName,
        line: li + 1,
        field: 'retention',
        found: cells[1],
      });
    if (percent) r /= 100;
    else if (r > 1.5)
      throw new InputError(
        'retention above 1.5 looks like percent: name the column "retention %" or give fractions',
        {
          file: fileName,
          line: li + 1,
          field: 'retention',
          found: cells[1],
        },
      );
    if (!(r > 0 && r <= 1.5))
      throw new InputError('retention must be a positive fraction', {
        file: fileName,
        line: li + 1,
        field: 'retention',
        found: cells[1],
      });
    cycle.push(c);
    retention.push(r);
  }
  if (cycle.length < 2)
    throw new InputError('a retention curve needs at least two rows', {
      file: fileName,
      expected: 'rows of cycle, retention',
    });
  return { name: fileName, cycle, retention };
}

/** Simulation settings of a calibration (kept small: the forward model runs many times). */
export interface CalibrationSettings {
  particles: number;
  layers: number;
  seed: number;
  cycleStride: number;
}

export const DEFAULT_CALIBRATION_SETTINGS: CalibrationSettings = {
  particles: 8,
  layers: 200,
  seed: 1,
  cycleStride: 20,
};

/** Retention of `source` at the given cycles. */
export function modelRetention(
  source: StackSource,
  p: GlideParams,
  cycles: readonly number[],
  s: CalibrationSettings,
): number[] {
  const last = cycles[cycles.length - 1];
  const r = simulateEnsemble(source, p, {
    cycles: last,
    particles: s.particles,
    seed: s.seed,
    cycleStride: s.cycleStride,
    observeCycles: [],
  });
  return cycles.map((c) => retentionAt(r, c) ?? Number.NaN);
}

export type FitKey = 'damageAmplitude2' | 'damageAmplitude3' | 'backgroundFadePerCycle';

export interface FitResult {
  keys: FitKey[];
  values: Record<string, number>;
  /** 1σ from the (log-space) covariance, delta method. */
  sigma: Record<string, number>;
  /** Correlation matrix of the fitted parameters (row-major n×n); |r| near 1 = not separately identifiable. */
  correlation: number[];
  rmse: number;
  iterations: number;
  residuals: number[];
}

const FD_LOG_STEP = 0.05; // relative finite-difference step: the objective is a seeded Monte-Carlo sum
const LM_MAX_ITER = 25;

/**
 * Fits positive parameters (in log space) to one or more retention curves by Levenberg–Marquardt
 * with a coarse forward-difference Jacobian (5 % steps, common random numbers through the fixed
 * seed). Uncertainties: C = s²(JᵀJ)⁻¹ in log space, σ_p = p·σ_log p.
 */
export function fitRetention(
  data: readonly { curve: RetentionCurve; source: StackSource }[],
  p0: GlideParams,
  keys: FitKey[],
  s: CalibrationSettings,
  onProgress?: (done: number, total: number) => void,
): FitResult {
  const n = keys.length;
  const m = data.reduce((t, d) => t + d.curve.cycle.length, 0);
  if (m <= n)
    throw new InputError('not enough data points for the number of fitted parameters', {
      field: 'data',
      found: `${m} points for ${n} parameters`,
    });
  const withLog = (u: Float64Array): GlideParams => {
    const q: GlideParams = { ...p0 };
    keys.forEach((k, i) => {
      q[k] = Math.exp(u[i]);
    });
    return q;
  };
  const resid = (u: Float64Array): Float64Array => {
    const q = withLog(u);
    const r = new Float64Array(m);
    let o = 0;
    for (const d of data) {
      const model = modelRetention(d.source, q, d.curve.cycle, s);
      for (let j = 0; j < model.length; j++) r[o++] = model[j] - d.curve.retention[j];
    }
    return r;
  };
  const ssr = (r: Float64Array) => r.reduce((t, v) => t + v * v, 0);
  const jac = (u: Float64Array, r0: Float64Array): Float64Array => {
    const J = new Float64Array(m * n);
    for (let j = 0; j < n; j++) {
      const uu = Float64Array.from(u);
      uu[j] += FD_LOG_STEP;
      const r1 = resid(uu);
      for (let i = 0; i < m; i++) J[i * n + j] = (r1[i] - r0[i]) / FD_LOG_STEP;
    }
    return J;
  };
  let u = Float64Array.from(keys, (k) => Math.log(Math.max(p0[k], 1e-12)));
  let r = resid(u);
  let cost = ssr(r);
  let lambda = 1e-2;
  let it = 0;
  for (; it < LM_MAX_ITER; it++) {
    onProgress?.(it, LM_MAX_ITER);
    const J = jac(u, r);
    const A = new Float64Array(n * n);
    const g = new Float64Array(n);
    for (let i = 0; i < m; i++)
      for (let a = 0; a < n; a++) {
        g[a] += J[i * n + a] * r[i];
        for (let b = 0; b < n; b++) A[a * n + b] += J[i * n + a] * J[i * n + b];
      }
    let improved = false;
    for (let tries = 0; tries < 8; tries++) {
      const M = Float64Array.from(A);
      for (let a = 0; a < n; a++) M[a * n + a] += lambda * (A[a * n + a] + 1e-12);
      const step = solveSmall(M, g, n);
      const un = Float64Array.from(u, (v, i) => v - Math.max(-2, Math.min(2, step[i])));
      const rn = resid(un);
      const cn = ssr(rn);
      if (cn < cost) {
        const rel = (cost - cn) / Math.max(cost, 1e-300);
        u = un;
        r = rn;
        cost = cn;
        lambda = Math.max(lambda / 3, 1e-6);
        improved = rel > 1e-6;
        break;
      }
      lambda *= 4;
    }
    if (!improved) break;
  }
  const J = jac(u, r);
  const { covariance } = covarianceFromJacobian(J, m, n, cost);
  const values: Record<string, number> = {};
  const sigma: Record<string, number> = {};
  keys.forEach((k, i) => {
    values[k] = Math.exp(u[i]);
    sigma[k] = values[k] * Math.sqrt(Math.max(covariance[i * n + i], 0));
  });
  const correlation = Array.from(correlationFromCovariance(covariance, n));
  return {
    keys,
    values,
    sigma,
    correlation,
    rmse: Math.sqrt(cost / m),
    iterations: it,
    residuals: Array.from(r),
  };
}

function solveSmall(a: Float64Array, b: Float64Array, n: number): Float64Array {
  // Gaussian elimination with partial pivoting (n ≤ 3).
  const M = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r * n + c]) > Math.abs(M[piv * n + c])) piv = r;
    if (piv !== c) {
      for (let k = 0; k < n; k++) [M[c * n + k], M[piv * n + k]] = [M[piv * n + k], M[c * n + k]];
      [x[c], x[piv]] = [x[piv], x[c]];
    }
    const d = M[c * n + c] || 1e-300;
    for (let r = c + 1; r < n; r++) {
      const f = M[r * n + c] / d;
      for (let k = c; k < n; k++) M[r * n + k] -= f * M[c * n + k];
      x[r] -= f * x[c];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = x[c];
    for (let k = c + 1; k < n; k++) s -= M[c * n + k] * x[k];
    x[c] = s / (M[c * n + c] || 1e-300);
  }
  return x;
}

/** Single-phase reference materials of the default calibration (brief §1.1). */
export const SINGLE_PHASE_TARGET = {
  cycle: 500,
  /** 67–69 % after 500 cycles for the non-engineered material [S] (newswade summary of Zhou et al. 2025). */
  low: 0.67,
  high: 0.69,
  source:
    'Zhou et al., Nat. Commun. 16, 6691 (2025), doi:10.1038/s41467-025-61065-w, via https://newswade.com/batteryinterphase/ [S]',
};

/** The engineered intergrowth, used ONLY for comparison with the prediction, never in a fit. */
export const INTERGROWTH_OBSERVED = { cycle: 500, retention: 0.812, source: SINGLE_PHASE_TARGET.source };

export function singlePhaseSource(character: 2 | 3, layers: number): StackSource {
  return { kind: 'generated', phi2: character === 2 ? 1 : 0, alpha: 0, beta: 0, layers };
}

/**
 * The damage amplitude A_χ for which single-phase χ material retains `target` after N cycles:
 * bisection in log A (retention falls monotonically with A for a fixed seed).
 */
export function fitSinglePhaseAmplitude(
  character: 2 | 3,
  target: number,
  p0: GlideParams,
  s: CalibrationSettings,
  cycles = SINGLE_PHASE_TARGET.cycle,
  iterations = 12,
): { amplitude: number; retention: number } {
  const key = character === 2 ? 'damageAmplitude2' : 'damageAmplitude3';
  const source = singlePhaseSource(character, s.layers);
  let lo = Math.log(1e-7);
  let hi = Math.log(1e-1);
  let best = { amplitude: Math.exp(lo), retention: Number.NaN };
  for (let k = 0; k < iterations; k++) {
    const mid = (lo + hi) / 2;
    const q = { ...p0, [key]: Math.exp(mid) };
    const r = modelRetention(source, q, [cycles], s)[0];
    best = { amplitude: Math.exp(mid), retention: r };
    if (r > target) lo = mid;
    else hi = mid;
  }
  return best;
}

export interface ReferencePrediction {
  phi2: number;
  alpha: number;
  beta: number;
  /** One row per (k₀, single-phase target, λ) prior combination. */
  rows: {
    backgroundFadePerCycle: number;
    target: number;
    damageAmplitude2: number;
    damageAmplitude3: number;
    pinningRangeLayers: number;
    retentionP2: number;
    retentionP3: number;
    retentionIntergrowth: number;
  }[];
  /** Prediction at the default parameters (middle of the priors). */
  central: number;
  band: { low: number; high: number };
  observed: typeof INTERGROWTH_OBSERVED;
}

/**
 * Default calibration and prediction (issue #4 point 6): for each prior k₀ and each end of the
 * 67–69 % range, A₂ is fitted on single-phase P2 and A₃ on single-phase P3; the intergrowth (φ₂, α,
 * β) is then PREDICTED for each pinning range λ. The band is the min–max over all combinations.
 */
export function referenceCalibration(
  p0: GlideParams,
  s: CalibrationSettings,
  design: { phi2: number; alpha: number; beta: number },
  priors: { k0: number[]; lambda: number[]; targets: number[] },
  onProgress?: (done: number, total: number) => void,
): ReferencePrediction {
  const rows: ReferencePrediction['rows'] = [];
  const total = priors.k0.length * priors.targets.length;
  let done = 0;
  const inter: StackSource = { kind: 'generated', ...design, layers: s.layers };
  for (const k0 of priors.k0)
    for (const target of priors.targets) {
      const base = { ...p0, backgroundFadePerCycle: k0 };
      const f2 = fitSinglePhaseAmplitude(2, target, base, s);
      const f3 = fitSinglePhaseAmplitude(3, target, base, s);
      for (const lambda of priors.lambda) {
        const q = {
          ...base,
          damageAmplitude2: f2.amplitude,
          damageAmplitude3: f3.amplitude,
          pinningRangeLayers: lambda,
        };
        const ri = modelRetention(inter, q, [SINGLE_PHASE_TARGET.cycle], s)[0];
        rows.push({
          backgroundFadePerCycle: k0,
          target,
          damageAmplitude2: f2.amplitude,
          damageAmplitude3: f3.amplitude,
          pinningRangeLayers: lambda,
          retentionP2: f2.retention,
          retentionP3: f3.retention,
          retentionIntergrowth: ri,
        });
      }
      onProgress?.(++done, total);
    }
  const central = modelRetention(inter, p0, [SINGLE_PHASE_TARGET.cycle], s)[0];
  const all = rows.map((r) => r.retentionIntergrowth).concat(central);
  return {
    ...design,
    rows,
    central,
    band: { low: Math.min(...all), high: Math.max(...all) },
    observed: INTERGROWTH_OBSERVED,
  };
}
