/**
 * Comparison of a simulated pattern with a measured one on the measured 2θ grid: the simulation is
 * linearly interpolated onto the measured points, then a scale factor s (and optionally a flat
 * background b) is found by weighted least squares, and the weighted-profile R factor is reported:
 *
 *   y_c,i = s · y_sim(2θ_i) + b,   w_i = 1 / max(y_i, y_min⁺)  (or w_i = 1),
 *   Rwp = sqrt( Σ w_i (y_i − y_c,i)² / Σ w_i y_i² ),
 *
 * with Poisson weights for counts (y_min⁺ is the smallest positive measured intensity, so zero or
 * negative points do not get infinite weight); unit weights suit normalised or computed curves, where
 * 1/y would let the near-zero baseline dominate. Measured points outside the simulated range are left out.
 */
import { InputError } from '../../core/errors.ts';

export interface ScaleMatchOptions {
  /** Fit a flat background b as well as the scale factor. */
  background?: boolean;
  /** 'poisson' (w = 1/y, the default, for counts) or 'unit' (w = 1). */
  weights?: 'poisson' | 'unit';
}

export interface ScaleMatch {
  scale: number;
  /** Flat background (0 when not fitted). */
  background: number;
  /** Weighted-profile R factor, as a fraction (not %). */
  rwp: number;
  /** Measured points used (inside the simulated 2θ range). */
  points: number;
  /** Measured points left out because they lie outside the simulated range. */
  excluded: number;
  /** The fitted curve s·y_sim + b on the used measured points. */
  twoTheta: number[];
  fitted: number[];
}

/** Linear interpolation of (xs, ys) at x; xs strictly increasing and x inside [xs[0], xs[n−1]]. */
function interpolate(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  x: number,
  hint: number,
): [number, number] {
  let j = hint;
  while (j < xs.length - 2 && xs[j + 1] < x) j++;
  const t = (x - xs[j]) / (xs[j + 1] - xs[j]);
  return [ys[j] + t * (ys[j + 1] - ys[j]), j];
}

export function matchScale(
  measured: { twoTheta: ArrayLike<number>; intensity: ArrayLike<number> },
  simulated: { twoTheta: ArrayLike<number>; intensity: ArrayLike<number> },
  options: ScaleMatchOptions = {},
): ScaleMatch {
  const sx = simulated.twoTheta;
  const sy = simulated.intensity;
  if (sx.length < 2)
    throw new InputError('the simulated pattern has fewer than 2 points', { field: 'simulated' });
  const unit = options.weights === 'unit';
  let yMinPositive = Number.POSITIVE_INFINITY;
  for (let i = 0; i < measured.intensity.length; i++) {
    const y = measured.intensity[i];
    if (y > 0 && y < yMinPositive) yMinPositive = y;
  }
  if (!Number.isFinite(yMinPositive))
    throw new InputError('the measured pattern has no positive intensity', { field: 'measured' });
  const lo = sx[0];
  const hi = sx[sx.length - 1];
  const x: number[] = [];
  const yObs: number[] = [];
  const yCalc: number[] = [];
  const w: number[] = [];
  let hint = 0;
  for (let i = 0; i < measured.twoTheta.length; i++) {
    const t = measured.twoTheta[i];
    if (t < lo || t > hi) continue;
    const [c, j] = interpolate(sx, sy, t, hint);
    hint = j;
    x.push(t);
    yObs.push(measured.intensity[i]);
    yCalc.push(c);
    w.push(unit ? 1 : 1 / Math.max(measured.intensity[i], yMinPositive));
  }
  const n = x.length;
  const excluded = measured.twoTheta.length - n;
  const needed = options.background ? 2 : 1;
  if (n <= needed)
    throw new InputError('the measured and simulated 2θ ranges hardly overlap', {
      field: 'twoThetaRange',
      expected: `more than ${needed} measured points inside ${lo}–${hi}°`,
      found: `${n}`,
    });
  // Weighted normal equations for y ≈ s·c + b.
  let swcc = 0;
  let swc = 0;
  let sw = 0;
  let swcy = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    swcc += w[i] * yCalc[i] * yCalc[i];
    swc += w[i] * yCalc[i];
    sw += w[i];
    swcy += w[i] * yCalc[i] * yObs[i];
    swy += w[i] * yObs[i];
  }
  let scale: number;
  let background = 0;
  if (options.background) {
    const det = swcc * sw - swc * swc;
    if (!(Math.abs(det) > 0))
      throw new InputError('the simulated pattern is flat; no scale can be fitted', { field: 'simulated' });
    scale = (swcy * sw - swc * swy) / det;
    background = (swcc * swy - swc * swcy) / det;
  } else {
    if (!(swcc > 0))
      throw new InputError('the simulated pattern is zero on the measured range', { field: 'simulated' });
    scale = swcy / swcc;
  }
  let num = 0;
  let den = 0;
  const fitted = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    fitted[i] = scale * yCalc[i] + background;
    const r = yObs[i] - fitted[i];
    num += w[i] * r * r;
    den += w[i] * yObs[i] * yObs[i];
  }
  return { scale, background, rwp: Math.sqrt(num / den), points: n, excluded, twoTheta: x, fitted };
}
