/**
 * Non-negative least squares  min ‖A x − b‖₂  subject to x ≥ 0.
 *
 * Lawson & Hanson's active-set algorithm (Solving Least Squares Problems, 1974, ch. 23) in the
 * normal-equation form of Bro & de Jong (FNNLS, J. Chemometrics 11 (1997) 393): each passive-set
 * subproblem is solved by Cholesky on the corresponding block of AᵀA. Forming AᵀA squares the
 * condition number; callers with ill-conditioned A (e.g. DRT) regularise it first (augmented
 * Tikhonov rows keep AᵀA + λLᵀL well conditioned). Optional `free` marks variables without the sign
 * constraint (e.g. a series inductance that may be of either sign).
 */
import { cholesky, choleskySolve, normalEquations } from './linalg.ts';

export interface NnlsResult {
  x: Float64Array;
  /** ‖A x − b‖² (only when A and b were given). */
  ssr: number;
  iterations: number;
}

/** NNLS from the normal equations AᵀA (n×n) and Aᵀb. `btb` = bᵀb lets ssr be reported. */
export function nnlsNormal(
  ataIn: Float64Array,
  atbIn: Float64Array,
  n: number,
  options: { maxIterations?: number; tolerance?: number; free?: boolean[]; btb?: number } = {},
): NnlsResult {
  // Diagonal scaling (columns of A to unit norm): the sign constraints are unchanged and columns in
  // very different units (e.g. ωL next to RBF weights) no longer wreck the Cholesky solves.
  const sc = new Float64Array(n);
  for (let i = 0; i < n; i++) sc[i] = ataIn[i * n + i] > 0 ? 1 / Math.sqrt(ataIn[i * n + i]) : 1;
  const ata = new Float64Array(n * n);
  const atb = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    atb[i] = atbIn[i] * sc[i];
    for (let j = 0; j < n; j++) ata[i * n + j] = ataIn[i * n + j] * sc[i] * sc[j];
  }
  const res = nnlsScaled(ata, atb, n, options);
  for (let i = 0; i < n; i++) res.x[i] *= sc[i];
  return res;
}

function nnlsScaled(
  ata: Float64Array,
  atb: Float64Array,
  n: number,
  options: { maxIterations?: number; tolerance?: number; free?: boolean[]; btb?: number },
): NnlsResult {
  const maxIter = options.maxIterations ?? 30 * n + 100;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(atb[i]), ata[i * n + i]);
  const tol = options.tolerance ?? 1e-12 * (scale || 1);
  const free = options.free ?? [];
  const x = new Float64Array(n);
  const passive = new Uint8Array(n);
  const w = new Float64Array(n);
  const z = new Float64Array(n);
  const work = passiveWork(n);
  let iterations = 0;

  const gradient = () => {
    for (let i = 0; i < n; i++) {
      let s = atb[i];
      for (let j = 0; j < n; j++) s -= ata[i * n + j] * x[j];
      w[i] = s;
    }
  };
  // Unconstrained (free) variables start in the passive set.
  for (let i = 0; i < n; i++) if (free[i]) passive[i] = 1;
  if (free.some(Boolean)) {
    solvePassive(ata, atb, n, passive, z, work);
    for (let i = 0; i < n; i++) x[i] = passive[i] ? z[i] : 0;
  }
  gradient();

  while (iterations < maxIter) {
    let best = -1;
    let bestW = tol;
    for (let i = 0; i < n; i++)
      if (!passive[i] && w[i] > bestW) {
        bestW = w[i];
        best = i;
      }
    if (best < 0) break;
    passive[best] = 1;
    // Inner loop: keep the passive solution feasible.
    for (;;) {
      iterations++;
      if (!solvePassive(ata, atb, n, passive, z, work)) {
        // Singular subproblem: drop the newest variable and stop adding it.
        passive[best] = 0;
        w[best] = 0;
        break;
      }
      let feasible = true;
      for (let i = 0; i < n; i++) if (passive[i] && !free[i] && z[i] <= 0) feasible = false;
      if (feasible) {
        for (let i = 0; i < n; i++) x[i] = passive[i] ? z[i] : 0;
        break;
      }
      let alpha = Number.POSITIVE_INFINITY;
      for (let i = 0; i < n; i++)
        if (passive[i] && !free[i] && z[i] <= 0) {
          const a = x[i] / (x[i] - z[i]);
          if (a < alpha) alpha = a;
        }
      for (let i = 0; i < n; i++) {
        if (!passive[i]) continue;
        x[i] += alpha * (z[i] - x[i]);
        if (!free[i] && x[i] <= tol * 1e-3) {
          x[i] = 0;
          passive[i] = 0;
        }
      }
      if (iterations > maxIter) break;
    }
    gradient();
  }
  let ssr = Number.NaN;
  if (options.btb !== undefined) {
    // ‖Ax − b‖² = xᵀAᵀAx − 2xᵀAᵀb + bᵀb
    let q = 0;
    let l = 0;
    for (let i = 0; i < n; i++) {
      if (x[i] === 0) continue;
      l += x[i] * atb[i];
      for (let j = 0; j < n; j++) q += x[i] * ata[i * n + j] * x[j];
    }
    ssr = Math.max(q - 2 * l + options.btb, 0);
  }
  return { x, ssr, iterations };
}

/** NNLS for a dense m×n row-major A and b (length m). */
export function nnls(
  a: Float64Array,
  m: number,
  n: number,
  b: ArrayLike<number>,
  options: { maxIterations?: number; free?: boolean[] } = {},
): NnlsResult {
  const { ata, atb } = normalEquations(a, m, n, b);
  let btb = 0;
  for (let i = 0; i < m; i++) btb += b[i] * b[i];
  const res = nnlsNormal(ata, atb, n, { ...options, btb });
  // Exact residual (the expanded form loses digits when the fit is nearly perfect).
  let ssr = 0;
  for (let r = 0; r < m; r++) {
    let s = -b[r];
    for (let j = 0; j < n; j++) s += a[r * n + j] * res.x[j];
    ssr += s * s;
  }
  return { ...res, ssr };
}

/** Scratch buffers for solvePassive, allocated once per NNLS call (the loop allocates nothing). */
interface PassiveWork {
  idx: Int32Array;
  sub: Float64Array;
  rhs: Float64Array;
  l: Float64Array;
  sol: Float64Array;
}

function passiveWork(n: number): PassiveWork {
  return {
    idx: new Int32Array(n),
    sub: new Float64Array(n * n),
    rhs: new Float64Array(n),
    l: new Float64Array(n * n),
    sol: new Float64Array(n),
  };
}

/** Solves the passive block (AᵀA)_PP z_P = (Aᵀb)_P; z is zero outside P. False when singular. */
function solvePassive(
  ata: Float64Array,
  atb: Float64Array,
  n: number,
  passive: Uint8Array,
  z: Float64Array,
  work: PassiveWork,
) {
  const { idx, sub, rhs, l, sol } = work;
  let k = 0;
  for (let i = 0; i < n; i++) if (passive[i]) idx[k++] = i;
  for (let a = 0; a < k; a++) {
    const ia = idx[a] * n;
    rhs[a] = atb[idx[a]];
    for (let b = 0; b < k; b++) sub[a * k + b] = ata[ia + idx[b]];
  }
  if (!cholesky(sub, k, l)) {
    // Tiny relative ridge for numerically semi-definite blocks.
    let tr = 0;
    for (let a = 0; a < k; a++) tr += sub[a * k + a];
    for (let a = 0; a < k; a++) sub[a * k + a] += 1e-13 * (tr / k || 1);
    if (!cholesky(sub, k, l)) return false;
  }
  choleskySolve(l, k, rhs, sol);
  z.fill(0);
  for (let a = 0; a < k; a++) z[idx[a]] = sol[a];
  return true;
}
