/**
 * Complex nonlinear least squares (CNLS) fit of an equivalent circuit to an impedance spectrum.
 *
 * Objective: S = Σ_k [w_k (Z'_k − Ẑ'_k)]² + [w_k (Z''_k − Ẑ''_k)]², residuals stacked real then
 * imaginary; weights: unit (w = 1, impedance.py's default), modulus (w = 1/|Z|, impedance.py's
 * weight_by_modulus) or proportional (w' = 1/|Z'|, w'' = 1/|Z''|). Bounds by transformation
 * (log for ≥ 0, logistic for exponents in [0, 1]), Levenberg–Marquardt, optional multi-start.
 *
 * Uncertainties — the convention: covariance C = (JᵀJ)⁻¹ · S/(2N − p), with J the Jacobian of the
 * weighted residuals w.r.t. the free parameters at the optimum, N points, p free parameters (as
 * scipy's curve_fit, absolute_sigma = False, used by impedance.py). σ = √diag(C); 95 % intervals
 * value ± t(0.975, 2N − p)·σ (linearised, symmetric; can cross a bound for poorly determined
 * parameters — a warning says so).
 */
import { InputError } from '../../core/errors.ts';
import {
  correlationFromCovariance,
  covarianceFromJacobian,
  jacobianExternal,
  levenbergMarquardt,
} from '../../core/numerics/index.ts';
import { studentTQuantile } from '../../core/numerics/statistics.ts';
import { Rng } from '../../core/rng.ts';
import { type Circuit, parseCircuit } from './circuit.ts';
import { compileCircuit, compileCircuitJacobian } from './evaluate.ts';
import { initialGuess } from './guess.ts';
import type { SpectrumData } from './spectrumTypes.ts';

export type FitWeight = 'unit' | 'modulus' | 'proportional';

export interface FitOptions {
  /** Start values for all parameters in circuit order (fixed ones included). Default: data-driven. */
  initialGuess?: ArrayLike<number>;
  /** Parameters held fixed, by name (e.g. { R0: 0.01 }). */
  constants?: Record<string, number>;
  /** Per-parameter [lower, upper] overrides. */
  bounds?: Record<string, [number, number]>;
  weight?: FitWeight;
  /** Keep points with Z'' > 0 even if the circuit has no inductive element. */
  keepInductive?: boolean;
  /** Extra random starts around the initial guess (default 0 with a user guess, 12 without). */
  multiStart?: number;
  seed?: number;
  maxIterations?: number;
  /** Relative cost decrease that ends the optimisation (default 1e-13: values converge to ~1e-7). */
  ftol?: number;
  /** Relative step that ends the optimisation (default 1e-12). */
  xtol?: number;
}

export interface FittedParameter {
  name: string;
  value: number;
  /** 1σ standard error (NaN when fixed or undetermined). */
  stderr: number;
  unit: string;
  fixed: boolean;
  /** 95 % confidence interval [low, high]. */
  ci95: [number, number];
}

export interface FitResult {
  circuit: string;
  weight: FitWeight;
  parameters: Record<string, FittedParameter>;
  parameterNames: string[];
  /** Free-parameter names, in covariance/correlation order. */
  freeParameters: string[];
  covariance: number[][];
  correlation: number[][];
  /** Pseudo-χ² with modulus weighting: Σ [(ΔZ'/|Z|)² + (ΔZ''/|Z|)²] (Boukamp 1995), whatever the fit weight. */
  chi2: number;
  /** √(S_unit/(2N)) on stacked residuals, Ω. */
  rmse: number;
  /** Weighted objective S at the optimum. */
  ssr: number;
  degreesOfFreedom: number;
  pointsUsed: number;
  pointsDropped: number;
  residuals: { frequencyHz: number[]; real: number[]; imag: number[]; convention: string };
  fitted: { frequencyHz: number[]; zReal: number[]; zImag: number[] };
  initialGuess: number[];
  converged: boolean;
  iterations: number;
  starts: number;
  warnings: string[];
}

const CONVENTION =
  'covariance = inv(JᵀJ)·SSR/(2N − p); stderr = √diag; ci95 = value ± t(0.975, 2N − p)·stderr';

export function fitCircuit(
  circuitIn: Circuit | string,
  data: SpectrumData,
  options: FitOptions = {},
): FitResult {
  const circuit = typeof circuitIn === 'string' ? parseCircuit(circuitIn) : circuitIn;
  const weight = options.weight ?? 'unit';
  if (!['unit', 'modulus', 'proportional'].includes(weight))
    throw new InputError('unknown weighting', {
      field: 'weight',
      expected: 'unit, modulus or proportional',
      found: String(weight),
    });
  const warnings: string[] = [];
  const nAll = data.frequencyHz.length;
  // Point selection: drop inductive points unless the circuit can be inductive.
  const keep: number[] = [];
  for (let i = 0; i < nAll; i++) {
    const ok =
      [data.frequencyHz[i], data.zReal[i], data.zImag[i]].every(Number.isFinite) && data.frequencyHz[i] > 0;
    if (!ok)
      throw new InputError('spectrum contains a non-finite value or non-positive frequency', { line: i + 1 });
    if (!circuit.inductive && !options.keepInductive && data.zImag[i] > 0) continue;
    keep.push(i);
  }
  const dropped = nAll - keep.length;
  if (dropped > 0)
    warnings.push(
      `${dropped} point(s) with Z'' > 0 (inductive) dropped because the circuit has no inductive element; use keepInductive (--keep-inductive) to keep them`,
    );
  const f = Float64Array.from(keep, (i) => data.frequencyHz[i]);
  const zr = Float64Array.from(keep, (i) => data.zReal[i]);
  const zi = Float64Array.from(keep, (i) => data.zImag[i]);
  const n = f.length;
  const P = circuit.parameters.length;
  const names = circuit.parameters.map((p) => p.name);

  // Fixed parameters.
  const constants = options.constants ?? {};
  for (const k of Object.keys(constants))
    if (!names.includes(k))
      throw new InputError(`fixed parameter '${k}' is not in the circuit`, {
        field: 'constants',
        expected: names.join(', '),
      });
  const fixed = names.map((nm) => nm in constants);
  const freeIdx = names.map((_, i) => i).filter((i) => !fixed[i]);
  const p = freeIdx.length;
  if (p === 0) throw new InputError('every parameter is fixed: nothing to fit', { field: 'constants' });
  if (2 * n <= p)
    throw new InputError(`${n} usable points cannot determine ${p} parameters`, {
      expected: `more than ${Math.ceil(p / 2)} points`,
    });

  // Start point.
  let start: Float64Array;
  if (options.initialGuess) {
    if (options.initialGuess.length !== P)
      throw new InputError(
        `initial guess has ${options.initialGuess.length} values but the circuit has ${P} parameters`,
        {
          field: 'guess',
          expected: `${P} values in the order ${names.join(', ')}`,
        },
      );
    start = Float64Array.from(options.initialGuess);
    start.forEach((v, i) => {
      if (!Number.isFinite(v))
        throw new InputError('initial guess is not a number', {
          field: `guess ${names[i]}`,
          found: String(v),
        });
    });
  } else start = initialGuess(circuit, { frequencyHz: f, zReal: zr, zImag: zi });
  for (const [k, v] of Object.entries(constants)) start[names.indexOf(k)] = v;

  const lower = circuit.parameters.map((q) => q.lower);
  const upper = circuit.parameters.map((q) => q.upper);
  for (const [k, [lo, hi]] of Object.entries(options.bounds ?? {})) {
    const i = names.indexOf(k);
    if (i < 0)
      throw new InputError(`bounds given for unknown parameter '${k}'`, {
        field: 'bounds',
        expected: names.join(', '),
      });
    if (!(lo < hi))
      throw new InputError(`bounds of ${k} are empty`, { field: 'bounds', found: `${lo}..${hi}` });
    lower[i] = lo;
    upper[i] = hi;
  }

  let zScale = 0;
  for (let k = 0; k < n; k++) zScale = Math.max(zScale, Math.hypot(zr[k], zi[k]));
  // Weights per stacked residual.
  const wr = new Float64Array(n);
  const wi = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const mod = Math.hypot(zr[k], zi[k]);
    if (weight === 'unit') wr[k] = wi[k] = 1;
    else if (weight === 'modulus') wr[k] = wi[k] = 1 / mod;
    else {
      wr[k] = 1 / Math.max(Math.abs(zr[k]), 1e-12 * mod);
      wi[k] = 1 / Math.max(Math.abs(zi[k]), 1e-12 * mod);
    }
  }

  const evalZ = compileCircuit(circuit, f);
  const full = Float64Array.from(start);
  const mr = new Float64Array(n);
  const mi = new Float64Array(n);
  const residuals = (x: Float64Array, out: Float64Array) => {
    for (let j = 0; j < p; j++) full[freeIdx[j]] = x[j];
    evalZ(full, mr, mi);
    for (let k = 0; k < n; k++) {
      out[k] = wr[k] * (mr[k] - zr[k]);
      out[n + k] = wi[k] * (mi[k] - zi[k]);
    }
  };
  // Analytic Jacobian of the weighted residuals (derivatives.ts): one evaluation instead of p.
  const evalJ = compileCircuitJacobian(circuit, f);
  const dRe = new Float64Array(P * n);
  const dIm = new Float64Array(P * n);
  const jr = new Float64Array(n);
  const ji = new Float64Array(n);
  const jacobian = (x: Float64Array, jac: Float64Array) => {
    for (let j = 0; j < p; j++) full[freeIdx[j]] = x[j];
    evalJ(full, jr, ji, dRe, dIm);
    const m = 2 * n;
    for (let j = 0; j < p; j++) {
      const row = freeIdx[j] * n;
      for (let k = 0; k < n; k++) {
        jac[j * m + k] = wr[k] * dRe[row + k];
        jac[j * m + n + k] = wi[k] * dIm[row + k];
      }
    }
  };
  const lo = freeIdx.map((i) => lower[i]);
  const hi = freeIdx.map((i) => upper[i]);
  const x0 = freeIdx.map((i) => Math.min(Math.max(start[i], lower[i]), upper[i]));
  const lmOpts = {
    maxIterations: options.maxIterations ?? 2000,
    ftol: options.ftol ?? 1e-13,
    xtol: options.xtol,
  };
  let best = levenbergMarquardt({ m: 2 * n, residuals, jacobian, x0, lower: lo, upper: hi }, lmOpts);
  const starts = options.multiStart ?? (options.initialGuess ? 0 : 12);
  const rng = new Rng(options.seed ?? 1);
  for (let s = 0; s < starts; s++) {
    const xs = x0.map((v, j) => {
      const q = circuit.parameters[freeIdx[j]];
      if (q.kind === 'exponent') return Math.min(hi[j], Math.max(lo[j], 0.5 + 0.5 * rng.next()));
      return Math.abs(v) > 0 ? v * Math.exp(1.5 * rng.normal()) : v;
    });
    const r = levenbergMarquardt({ m: 2 * n, residuals, jacobian, x0: xs, lower: lo, upper: hi }, lmOpts);
    if (r.ssr < best.ssr) best = r;
  }
  if (!Number.isFinite(best.ssr))
    throw new InputError('the fit diverged (non-finite impedance)', { field: 'circuit' });

  // Uncertainties.
  const jac = jacobianExternal(residuals, best.x, 2 * n);
  const dof = 2 * n - p;
  const { covariance, rank } = covarianceFromJacobian(jac, 2 * n, p, best.ssr);
  const correlation = correlationFromCovariance(covariance, p);
  const t = studentTQuantile(0.975, dof);
  residuals(best.x, new Float64Array(2 * n)); // leaves the model in mr/mi and `full` at the optimum
  const parameters: Record<string, FittedParameter> = {};
  names.forEach((nm, i) => {
    const j = freeIdx.indexOf(i);
    const value = full[i];
    const stderr = j >= 0 ? Math.sqrt(Math.max(covariance[j * p + j], 0)) : Number.NaN;
    parameters[nm] = {
      name: nm,
      value,
      stderr,
      unit: circuit.parameters[i].unit,
      fixed: fixed[i],
      ci95: j >= 0 ? [value - t * stderr, value + t * stderr] : [value, value],
    };
    if (j >= 0) {
      if (!(stderr < 0.5 * Math.abs(value)))
        warnings.push(
          `${nm} is poorly determined (σ = ${stderr.toPrecision(3)} vs value ${value.toPrecision(4)})`,
        );
      const near = (b: number) =>
        Number.isFinite(b) && Math.abs(value - b) <= 1e-6 * Math.max(Math.abs(b), Math.abs(value), 1e-300);
      // A resistance driven towards 0 Ω by the log transform never reaches it exactly: compare with |Z|.
      const vanishing =
        circuit.parameters[i].kind === 'resistance' && Math.abs(value - lower[i]) < 1e-9 * zScale;
      if (near(lower[i]) || near(upper[i]) || vanishing)
        warnings.push(
          `${nm} ended at its bound (${value.toPrecision(4)}): the element is probably not needed`,
        );
    }
  });
  if (rank < p)
    warnings.push(
      `the Jacobian has rank ${rank} < ${p} free parameters: some combinations are not determined`,
    );
  for (let a = 0; a < p; a++)
    for (let b = a + 1; b < p; b++)
      if (Math.abs(correlation[a * p + b]) > 0.99)
        warnings.push(
          `${names[freeIdx[a]]} and ${names[freeIdx[b]]} are strongly correlated (r = ${correlation[a * p + b].toFixed(4)})`,
        );
  if (!best.converged) warnings.push(`optimiser stopped: ${best.reason}`);

  let chi2 = 0;
  let ssrUnit = 0;
  const resRe: number[] = [];
  const resIm: number[] = [];
  for (let k = 0; k < n; k++) {
    const mod = Math.hypot(zr[k], zi[k]);
    const dr = zr[k] - mr[k];
    const di = zi[k] - mi[k];
    chi2 += (dr * dr + di * di) / (mod * mod);
    ssrUnit += dr * dr + di * di;
    resRe.push(dr / mod);
    resIm.push(di / mod);
  }
  const toRows = (m: Float64Array) =>
    Array.from({ length: p }, (_, a) => Array.from(m.subarray(a * p, a * p + p)));
  return {
    circuit: circuit.source,
    weight,
    parameters,
    parameterNames: names,
    freeParameters: freeIdx.map((i) => names[i]),
    covariance: toRows(covariance),
    correlation: toRows(correlation),
    chi2,
    rmse: Math.sqrt(ssrUnit / (2 * n)),
    ssr: best.ssr,
    degreesOfFreedom: dof,
    pointsUsed: n,
    pointsDropped: dropped,
    residuals: {
      frequencyHz: Array.from(f),
      real: resRe,
      imag: resIm,
      convention: "(Z_data − Z_fit)/|Z_data| for Z' and Z'' separately",
    },
    fitted: { frequencyHz: Array.from(f), zReal: Array.from(mr), zImag: Array.from(mi) },
    initialGuess: Array.from(start),
    converged: best.converged,
    iterations: best.iterations,
    starts: 1 + starts,
    warnings,
  };
}

export const COVARIANCE_CONVENTION = CONVENTION;
