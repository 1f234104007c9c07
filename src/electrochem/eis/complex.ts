/** Scalar complex helpers used inside the element kernels (no allocation: results via out-pairs). */

/** tanh(x + i·y) written into out[0], out[1]; stable for large |x| (no cosh overflow). */
export function ctanh(x: number, y: number, out: Float64Array | number[]): void {
  // tanh(z) = (sinh 2x + i sin 2y)/(cosh 2x + cos 2y); divide through by cosh 2x.
  const c2x = Math.cosh(2 * x);
  if (!Number.isFinite(c2x)) {
    out[0] = Math.sign(x);
    out[1] = 0;
    return;
  }
  const den = 1 + Math.cos(2 * y) / c2x;
  out[0] = Math.tanh(2 * x) / den;
  out[1] = Math.sin(2 * y) / c2x / den;
}

/** Principal square root of x + i·y into out. */
export function csqrt(x: number, y: number, out: Float64Array | number[]): void {
  const r = Math.hypot(x, y);
  if (r === 0) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  const a = Math.sqrt((r + Math.abs(x)) / 2);
  if (x >= 0) {
    out[0] = a;
    out[1] = y / (2 * a);
  } else {
    out[0] = Math.abs(y) / (2 * a);
    out[1] = y >= 0 ? a : -a;
  }
}
