/**
 * Savitzky–Golay smoothing and differentiation on a uniform grid, written from the method
 * (Savitzky & Golay, Anal. Chem. 36 (1964) 1627, doi:10.1021/ac60214a047): fit a polynomial of
 * order p by least squares to the 2m+1 points around each sample and take its value or derivative
 * at that sample. Coefficients come from the normal equations C = (AᵀA)⁻¹Aᵀ with A_ij = x_iʲ; the
 * first and last m samples use the fit of the first/last full window evaluated off-centre (no
 * padding, no reflection).
 */
import { inverse, Matrix } from 'ml-matrix';

/** (p+1)×(2m+1) least-squares operator for offsets −m…m. */
function sgOperator(m: number, p: number): Matrix {
  const rows = 2 * m + 1;
  const A = new Matrix(rows, p + 1);
  for (let i = 0; i < rows; i++) {
    let x = 1;
    for (let j = 0; j <= p; j++) {
      A.set(i, j, x);
      x *= i - m;
    }
  }
  const At = A.transpose();
  return inverse(At.mmul(A)).mmul(At);
}

/**
 * Smooths (`derivative` 0) or differentiates (`derivative` 1) samples `y` spaced `h` apart.
 * `halfWindow` = m (window 2m+1 points), `order` = p < 2m+1. Needs at least 2m+1 samples.
 */
export function savitzkyGolay(
  y: Float64Array,
  h: number,
  halfWindow: number,
  order: number,
  derivative: 0 | 1,
): Float64Array {
  const n = y.length;
  const m = halfWindow;
  const w = 2 * m + 1;
  if (!(order >= derivative && order < w))
    throw new RangeError(`Savitzky–Golay order ${order} needs ${order + 1} < window ${w}`);
  if (n < w) throw new RangeError(`Savitzky–Golay window ${w} is longer than the ${n} samples`);
  const C = sgOperator(m, order);
  const out = new Float64Array(n);
  const centre = new Float64Array(w);
  for (let k = 0; k < w; k++) centre[k] = C.get(derivative, k);
  for (let i = m; i < n - m; i++) {
    let s = 0;
    for (let k = 0; k < w; k++) s += centre[k] * y[i - m + k];
    out[i] = s;
  }
  // edges: polynomial of the first / last full window evaluated at offsets −m…−1 and 1…m
  const edge = (from: number, offsets: number[], targets: number[]) => {
    const coef = new Float64Array(order + 1);
    for (let j = 0; j <= order; j++) {
      let s = 0;
      for (let k = 0; k < w; k++) s += C.get(j, k) * y[from + k];
      coef[j] = s;
    }
    offsets.forEach((x, idx) => {
      let s = 0;
      if (derivative === 0) for (let j = order; j >= 0; j--) s = s * x + coef[j];
      else for (let j = order; j >= 1; j--) s = s * x + j * coef[j];
      out[targets[idx]] = s;
    });
  };
  const left = Array.from({ length: m }, (_, k) => k - m);
  edge(
    0,
    left,
    left.map((x) => x + m),
  );
  const right = Array.from({ length: m }, (_, k) => k + 1);
  edge(
    n - w,
    right,
    right.map((x) => n - 1 - m + x),
  );
  if (derivative === 1) for (let i = 0; i < n; i++) out[i] /= h;
  return out;
}
