/**
 * Small dense linear algebra on row-major Float64Arrays (n ≤ a few hundred). These are the
 * building blocks of the least-squares solvers; ml-matrix is used elsewhere for SVD/QR when needed.
 * All matrices are row-major: element (i, j) of an m×n matrix is `a[i * n + j]`.
 */

/** Cholesky factorisation A = L·Lᵀ of a symmetric positive definite n×n matrix, in place into `l`
 *  (lower triangle; the upper triangle is zeroed). Returns false when A is not positive definite. */
export function cholesky(a: Float64Array, n: number, l: Float64Array = new Float64Array(n * n)): boolean {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(sum > 0) || !Number.isFinite(sum)) return false;
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
    for (let j = i + 1; j < n; j++) l[i * n + j] = 0;
  }
  return true;
}

/** Solves L·Lᵀ·x = b given the Cholesky factor `l`; writes x into `x` (may alias b). */
export function choleskySolve(
  l: Float64Array,
  n: number,
  b: ArrayLike<number>,
  x: Float64Array,
): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * x[k];
    x[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}

/** Inverse of a symmetric positive definite matrix via Cholesky; null when not positive definite. */
export function invertSpd(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  if (!cholesky(a, n, l)) return null;
  const inv = new Float64Array(n * n);
  const e = new Float64Array(n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    choleskySolve(l, n, e, col);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i];
  }
  return inv;
}

/**
 * Pseudo-inverse of a symmetric positive semi-definite matrix by Jacobi eigen-decomposition;
 * eigenvalues below `relTol · λmax` are treated as zero. Returns the inverse and the rank.
 */
export function pinvSymmetric(
  a: Float64Array,
  n: number,
  relTol = 1e-12,
): { inv: Float64Array; rank: number; undetermined: boolean[] } {
  const { values, vectors } = jacobiEigen(a, n);
  const max = Math.max(...Array.from(values, Math.abs), 0);
  const inv = new Float64Array(n * n);
  let rank = 0;
  // Variables with a sizeable component along a dropped (null-space) direction are undetermined.
  const undetermined = new Array<boolean>(n).fill(false);
  for (let k = 0; k < n; k++) {
    if (Math.abs(values[k]) <= relTol * max || values[k] === 0) {
      for (let i = 0; i < n; i++) if (Math.abs(vectors[i * n + k]) > 0.1) undetermined[i] = true;
      continue;
    }
    rank++;
    const w = 1 / values[k];
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) inv[i * n + j] += vectors[i * n + k] * w * vectors[j * n + k];
  }
  return { inv, rank, undetermined };
}

/** Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations. Columns of `vectors` are
 *  eigenvectors (row-major n×n). Intended for small n (parameter covariance matrices). */
export function jacobiEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let frob2 = 0;
  for (let i = 0; i < n * n; i++) frob2 += m[i] * m[i];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] ** 2;
    // Converged when the off-diagonal mass is at rounding level of the whole matrix.
    if (off <= 1e-30 * frob2 || off < 1e-300) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p];
          const mkq = m[k * n + q];
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k];
          const mqk = m[q * n + k];
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = m[i * n + i];
  return { values, vectors: v };
}

/** Normal equations of an m×n row-major matrix: writes AᵀA (n×n) and Aᵀb (n). */
export function normalEquations(
  a: Float64Array,
  m: number,
  n: number,
  b: ArrayLike<number>,
  ata: Float64Array = new Float64Array(n * n),
  atb: Float64Array = new Float64Array(n),
): { ata: Float64Array; atb: Float64Array } {
  ata.fill(0);
  atb.fill(0);
  for (let r = 0; r < m; r++) {
    const off = r * n;
    const br = b[r];
    for (let i = 0; i < n; i++) {
      const ai = a[off + i];
      if (ai === 0) continue;
      atb[i] += ai * br;
      for (let j = i; j < n; j++) ata[i * n + j] += ai * a[off + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) ata[i * n + j] = ata[j * n + i];
  return { ata, atb };
}

/** y = A·x for an m×n row-major matrix. */
export function matVec(a: Float64Array, m: number, n: number, x: ArrayLike<number>, y = new Float64Array(m)) {
  for (let r = 0; r < m; r++) {
    let s = 0;
    const off = r * n;
    for (let j = 0; j < n; j++) s += a[off + j] * x[j];
    y[r] = s;
  }
  return y;
}

/**
 * Linear least squares min ‖A x − b‖₂ by Householder QR with column norms checked; returns x and
 * the residual sum of squares. Columns are scaled to unit norm; rank-deficient columns
 * (|Rkk| < 1e-13·max after scaling) get x = 0.
 */
export function leastSquaresQr(
  a: Float64Array,
  m: number,
  n: number,
  b: ArrayLike<number>,
): {
  x: Float64Array;
  ssr: number;
} {
  if (m < n) throw new RangeError(`leastSquaresQr needs m ≥ n (m=${m}, n=${n})`);
  const q = Float64Array.from(a);
  // Columns are scaled to unit norm first so the rank test does not depend on their units.
  const colScale = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += q[i * n + j] ** 2;
    colScale[j] = s > 0 ? 1 / Math.sqrt(s) : 1;
    for (let i = 0; i < m; i++) q[i * n + j] *= colScale[j];
  }
  const y = Float64Array.from(b);
  const diag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += q[i * n + k] ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) {
      diag[k] = 0;
      continue;
    }
    const alpha = q[k * n + k] > 0 ? -norm : norm;
    q[k * n + k] -= alpha;
    let vnorm2 = 0;
    for (let i = k; i < m; i++) vnorm2 += q[i * n + k] ** 2;
    diag[k] = alpha;
    if (vnorm2 === 0) continue;
    for (let j = k + 1; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += q[i * n + k] * q[i * n + j];
      const f = (2 * s) / vnorm2;
      for (let i = k; i < m; i++) q[i * n + j] -= f * q[i * n + k];
    }
    let s = 0;
    for (let i = k; i < m; i++) s += q[i * n + k] * y[i];
    const f = (2 * s) / vnorm2;
    for (let i = k; i < m; i++) y[i] -= f * q[i * n + k];
  }
  const maxDiag = Math.max(...Array.from(diag, Math.abs), 0);
  const x = new Float64Array(n);
  for (let k = n - 1; k >= 0; k--) {
    if (Math.abs(diag[k]) <= 1e-13 * maxDiag) {
      x[k] = 0;
      continue;
    }
    let s = y[k];
    for (let j = k + 1; j < n; j++) s -= q[k * n + j] * x[j];
    x[k] = s / diag[k];
  }
  let ssr = 0;
  for (let i = n; i < m; i++) ssr += y[i] * y[i];
  for (let j = 0; j < n; j++) x[j] *= colScale[j];
  return { x, ssr };
}
