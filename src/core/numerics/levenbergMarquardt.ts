/**
 * Levenberg–Marquardt for nonlinear least squares  min_x ½‖r(x)‖²  with optional box bounds handled
 * by transformation (see boundsTransform.ts). Marquardt's diagonal scaling, Nielsen's damping update
 * (H. B. Nielsen, "Damping parameter in Marquardt's method", IMM-REP-1999-05) and a central-difference
 * Jacobian in the internal variables unless an analytic one is given.
 *
 * The result is reported in the external (bounded) variables; covariance is NOT computed here:
 * callers use `jacobianExternal` + `covarianceFromJacobian` so they can state their convention.
 */
import { dExternalDu, toExternal, toInternal } from './boundsTransform.ts';
import { cholesky, choleskySolve, pinvSymmetric } from './linalg.ts';

export interface LmProblem {
  /** Number of residuals m. */
  m: number;
  /** Writes r(x) (length m) for external parameters x (length n). */
  residuals: (x: Float64Array, out: Float64Array) => void;
  /** Starting point (external variables). */
  x0: ArrayLike<number>;
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
  /**
   * Optional analytic Jacobian ∂r/∂x in the external variables, written parameter-major
   * (jac[j·m + k] = ∂r_k/∂x_j). The optimiser applies the bounds transform's dx/du itself.
   */
  jacobian?: (x: Float64Array, jac: Float64Array) => void;
}

export interface LmOptions {
  maxIterations?: number;
  /** Stop when the relative decrease of the cost is below this on an accepted step (default 1e-15). */
  ftol?: number;
  /** Stop when the relative step ‖δu‖/(‖u‖+xtol) is below this (default 1e-12). */
  xtol?: number;
  /** Stop when ‖Jᵀr‖∞ is below this (default 1e-20). */
  gtol?: number;
  /** Initial damping relative to max diag(JᵀJ) (default 1e-3). */
  tau?: number;
  /**
   * Finite differences for the Jacobian in the internal variables: 'central' (default, 2n residual
   * evaluations, error O(h²)) or 'forward' (n evaluations, error O(h), h = √ε·max(|u|, 1); what
   * MINPACK's lmdif and scipy's least_squares use by default).
   */
  differences?: 'central' | 'forward';
}

export interface LmResult {
  x: Float64Array;
  /** Sum of squared residuals at x. */
  ssr: number;
  residuals: Float64Array;
  iterations: number;
  evaluations: number;
  converged: boolean;
  reason: string;
}

const EPS = 2.220446049250313e-16;

export function levenbergMarquardt(problem: LmProblem, options: LmOptions = {}): LmResult {
  const n = problem.x0.length;
  const { m } = problem;
  const lo = problem.lower ?? new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const hi = problem.upper ?? new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const maxIter = options.maxIterations ?? 1000;
  const ftol = options.ftol ?? 1e-15;
  const xtol = options.xtol ?? 1e-12;
  const gtol = options.gtol ?? 1e-20;
  const tau = options.tau ?? 1e-3;

  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = toInternal(problem.x0[i], lo[i], hi[i]);
  const x = new Float64Array(n);
  const toX = (uu: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) out[i] = toExternal(uu[i], lo[i], hi[i]);
  };
  let evaluations = 0;
  const evalCost = (uu: Float64Array, r: Float64Array): number => {
    toX(uu, x);
    problem.residuals(x, r);
    evaluations++;
    let s = 0;
    for (let k = 0; k < m; k++) s += r[k] * r[k];
    return Number.isFinite(s) ? s : Number.POSITIVE_INFINITY;
  };

  const r = new Float64Array(m);
  const rTrial = new Float64Array(m);
  const rPlus = new Float64Array(m);
  const rMinus = new Float64Array(m);
  const jac = new Float64Array(m * n); // column-major by parameter: jac[j*m + k]
  const jtj = new Float64Array(n * n);
  const g = new Float64Array(n);
  const a = new Float64Array(n * n);
  const l = new Float64Array(n * n);
  const delta = new Float64Array(n);
  const uTrial = new Float64Array(n);
  const rhs = new Float64Array(n);

  let cost = evalCost(u, r);
  if (!Number.isFinite(cost)) {
    toX(u, x);
    return {
      x: Float64Array.from(x),
      ssr: cost,
      residuals: r,
      iterations: 0,
      evaluations,
      converged: false,
      reason: 'non-finite residuals at the starting point',
    };
  }

  const forward = options.differences === 'forward';
  const analytic = problem.jacobian;
  const jacobian = () => {
    if (analytic) {
      toX(u, x);
      analytic(x, jac);
      evaluations++;
      for (let j = 0; j < n; j++) {
        const s = dExternalDu(u[j], lo[j], hi[j]);
        for (let k = 0; k < m; k++) jac[j * m + k] *= s;
      }
    }
    for (let j = 0; j < n && !analytic; j++) {
      if (forward) {
        const h = Math.sqrt(EPS) * Math.max(Math.abs(u[j]), 1);
        const uj = u[j];
        u[j] = uj + h;
        evalCost(u, rPlus);
        u[j] = uj;
        for (let k = 0; k < m; k++) jac[j * m + k] = (rPlus[k] - r[k]) / h;
        continue;
      }
      const h = Math.cbrt(EPS) * Math.max(Math.abs(u[j]), 1);
      const uj = u[j];
      u[j] = uj + h;
      evalCost(u, rPlus);
      u[j] = uj - h;
      evalCost(u, rMinus);
      u[j] = uj;
      for (let k = 0; k < m; k++) jac[j * m + k] = (rPlus[k] - rMinus[k]) / (2 * h);
    }
    for (let i = 0; i < n; i++) {
      let gi = 0;
      for (let k = 0; k < m; k++) gi += jac[i * m + k] * r[k];
      g[i] = gi;
      for (let j = i; j < n; j++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += jac[i * m + k] * jac[j * m + k];
        jtj[i * n + j] = s;
        jtj[j * n + i] = s;
      }
    }
  };

  if (maxIter <= 0) {
    toX(u, x);
    return {
      x: Float64Array.from(x),
      ssr: cost,
      residuals: r,
      iterations: 0,
      evaluations,
      converged: false,
      reason: 'maxIterations = 0: start point returned',
    };
  }
  jacobian();
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, jtj[i * n + i]);
  let mu = tau * (maxDiag || 1);
  let nu = 2;
  let iterations = 0;
  let reason = 'maximum iterations reached';
  let converged = false;

  while (iterations < maxIter) {
    iterations++;
    let gInf = 0;
    for (let i = 0; i < n; i++) gInf = Math.max(gInf, Math.abs(g[i]));
    if (gInf <= gtol) {
      reason = 'gradient below gtol';
      converged = true;
      break;
    }
    // (JᵀJ + μ·D) δ = −Jᵀr with D = diag(JᵀJ) floored (Marquardt scaling).
    for (let i = 0; i < n * n; i++) a[i] = jtj[i];
    for (let i = 0; i < n; i++) a[i * n + i] += mu * Math.max(jtj[i * n + i], 1e-12 * (maxDiag || 1));
    for (let i = 0; i < n; i++) rhs[i] = -g[i];
    if (!cholesky(a, n, l)) {
      mu *= nu;
      nu *= 2;
      continue;
    }
    choleskySolve(l, n, rhs, delta);
    let stepNorm = 0;
    let uNorm = 0;
    for (let i = 0; i < n; i++) {
      uTrial[i] = u[i] + delta[i];
      stepNorm += delta[i] ** 2;
      uNorm += u[i] ** 2;
    }
    const trialCost = evalCost(uTrial, rTrial);
    // Predicted decrease: δᵀ(μDδ − g)
    let pred = 0;
    for (let i = 0; i < n; i++)
      pred += delta[i] * (mu * Math.max(jtj[i * n + i], 1e-12 * (maxDiag || 1)) * delta[i] - g[i]);
    const rho = pred > 0 ? (cost - trialCost) / pred : -1;
    if (rho > 0 && trialCost < cost) {
      const relDecrease = (cost - trialCost) / Math.max(cost, 1e-300);
      u.set(uTrial);
      r.set(rTrial);
      cost = trialCost;
      mu *= Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
      nu = 2;
      if (relDecrease < ftol) {
        reason = 'relative cost decrease below ftol';
        converged = true;
        break;
      }
      if (Math.sqrt(stepNorm) <= xtol * (Math.sqrt(uNorm) + xtol)) {
        reason = 'step below xtol';
        converged = true;
        break;
      }
      if (cost === 0) {
        reason = 'zero residual';
        converged = true;
        break;
      }
      jacobian();
      for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, jtj[i * n + i]);
    } else {
      if (Math.sqrt(stepNorm) <= xtol * (Math.sqrt(uNorm) + xtol)) {
        reason = 'no further decrease possible (step below xtol)';
        converged = true;
        break;
      }
      mu *= nu;
      nu *= 2;
      if (!Number.isFinite(mu) || mu > 1e300) {
        reason = 'damping overflow: no further decrease possible';
        converged = true;
        break;
      }
    }
  }
  toX(u, x);
  return {
    x: Float64Array.from(x),
    ssr: cost,
    residuals: Float64Array.from(r),
    iterations,
    evaluations,
    converged,
    reason,
  };
}

/**
 * Jacobian ∂r/∂x in the external variables by central differences (step h = ε^(1/3)·max(|x|, scale)).
 * Returned row-major m×n.
 */
export function jacobianExternal(
  residuals: (x: Float64Array, out: Float64Array) => void,
  x: ArrayLike<number>,
  m: number,
): Float64Array {
  const n = x.length;
  const xx = Float64Array.from(x);
  const rp = new Float64Array(m);
  const rm = new Float64Array(m);
  const jac = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    const h = Math.cbrt(EPS) * (Math.abs(xx[j]) || 1);
    const xj = xx[j];
    xx[j] = xj + h;
    residuals(xx, rp);
    xx[j] = xj - h;
    residuals(xx, rm);
    xx[j] = xj;
    for (let k = 0; k < m; k++) jac[k * n + j] = (rp[k] - rm[k]) / (2 * h);
  }
  return jac;
}

/**
 * Parameter covariance from a row-major m×n Jacobian: C = (JᵀJ)⁻¹ · s², with s² = ssr/(m − n)
 * (the residual variance, as scipy's curve_fit with absolute_sigma=False). A singular JᵀJ is
 * pseudo-inverted and `rank < n` flags parameters that the data do not determine.
 */
export function covarianceFromJacobian(
  jac: Float64Array,
  m: number,
  n: number,
  ssr: number,
): { covariance: Float64Array; rank: number; residualVariance: number } {
  const jtj = new Float64Array(n * n);
  for (let k = 0; k < m; k++) {
    const off = k * n;
    for (let i = 0; i < n; i++) {
      const ji = jac[off + i];
      for (let j = i; j < n; j++) jtj[i * n + j] += ji * jac[off + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) jtj[i * n + j] = jtj[j * n + i];
  // Scale to unit diagonal before inverting (parameters span many decades: Ω vs F vs s).
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = jtj[i * n + i] > 0 ? 1 / Math.sqrt(jtj[i * n + i]) : 1;
  const scaled = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) scaled[i * n + j] = jtj[i * n + j] * d[i] * d[j];
  const { inv, rank, undetermined } = pinvSymmetric(scaled, n, 1e-14);
  const dof = m - n;
  const residualVariance = dof > 0 ? ssr / dof : Number.POSITIVE_INFINITY;
  const covariance = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) covariance[i * n + j] = inv[i * n + j] * d[i] * d[j] * residualVariance;
  // Undetermined parameters get an infinite variance (the pseudo-inverse alone would report 0).
  for (let i = 0; i < n; i++)
    if (undetermined[i] || jtj[i * n + i] === 0) covariance[i * n + i] = Number.POSITIVE_INFINITY;
  return { covariance, rank, residualVariance };
}

/** Correlation matrix from a covariance matrix (n×n row-major). */
export function correlationFromCovariance(cov: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const den = Math.sqrt(cov[i * n + i] * cov[j * n + j]);
      c[i * n + j] = den > 0 ? cov[i * n + j] / den : i === j ? 1 : 0;
    }
  return c;
}
