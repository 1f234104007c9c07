/**
 * Bounds by transformation: an optimiser works on an unconstrained internal variable u and the
 * model sees x = g(u) inside [lower, upper]. This is why a starting point can never be
 * "infeasible" (impedance.py issue #146): any finite u maps inside the bounds.
 *
 * - lower finite, upper +∞:  x = lower + exp(u)          (log transform; lower = 0 gives x = eᵘ)
 * - lower −∞, upper finite:  x = upper − exp(u)
 * - both finite:             x = lower + (upper − lower)/(1 + e^(−u))   (logistic)
 * - both infinite:           x = u
 */
export interface Bounds {
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
}

/** Internal → external value of one parameter. */
export function toExternal(u: number, lo: number, hi: number): number {
  const loF = Number.isFinite(lo);
  const hiF = Number.isFinite(hi);
  if (loF && hiF) return lo + (hi - lo) / (1 + Math.exp(-u));
  if (loF) return lo + Math.exp(u);
  if (hiF) return hi - Math.exp(u);
  return u;
}

/** dx/du of the transform at internal value u (chain rule for an analytic Jacobian). */
export function dExternalDu(u: number, lo: number, hi: number): number {
  const loF = Number.isFinite(lo);
  const hiF = Number.isFinite(hi);
  if (loF && hiF) {
    const e = Math.exp(-Math.abs(u));
    return ((hi - lo) * e) / ((1 + e) * (1 + e)); // logistic' (symmetric in u)
  }
  if (loF) return Math.exp(u);
  if (hiF) return -Math.exp(u);
  return 1;
}

/**
 * External → internal value. A value on or outside a bound is first moved inside by a relative
 * margin (`margin` of the range, or of |x| for one-sided bounds) so the transform stays finite.
 */
export function toInternal(x: number, lo: number, hi: number, margin = 1e-9): number {
  const loF = Number.isFinite(lo);
  const hiF = Number.isFinite(hi);
  if (loF && hiF) {
    const w = hi - lo;
    const t = Math.min(Math.max((x - lo) / w, margin), 1 - margin);
    return Math.log(t / (1 - t));
  }
  if (loF) return Math.log(Math.max(x - lo, margin * Math.max(Math.abs(lo), Math.abs(x), 1e-300)));
  if (hiF) return Math.log(Math.max(hi - x, margin * Math.max(Math.abs(hi), Math.abs(x), 1e-300)));
  return x;
}
