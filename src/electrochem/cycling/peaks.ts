/**
 * Peak finding on a sampled curve by topographic prominence: a local maximum's prominence is its
 * height above the higher of the two lowest points that separate it from a higher point (or the
 * curve's end) on each side; peaks under `minProminence` are dropped. Each kept peak owns the interval
 * between the valleys that separate it from its kept neighbours; its base level is the higher of the
 * lowest points on its two sides, its extent is where the curve stays above that level, its position
 * is refined by a parabola through the top three samples, and its area is ∫(y − base) dx over the
 * extent (never negative; for overlapping peaks only the part above the saddle is counted).
 */

export interface Peak {
  /** Abscissa of the maximum (parabolic refinement). */
  x: number;
  height: number;
  prominence: number;
  /** Abscissae where the curve crosses the base level. */
  from: number;
  to: number;
  /** ∫(y − base level) dx over the extent (trapezoid rule). */
  area: number;
}

export function findPeaks(x: Float64Array, y: Float64Array, minProminence: number): Peak[] {
  const n = y.length;
  const tops: { k: number; prominence: number }[] = [];
  let i = 1;
  while (i < n - 1) {
    if (!(y[i] > y[i - 1])) {
      i++;
      continue;
    }
    // a plateau of equal values counts once, at its middle
    let j = i;
    while (j + 1 < n && y[j + 1] === y[i]) j++;
    if (j + 1 < n && y[j + 1] < y[i]) {
      const k = (i + j) >> 1;
      const prominence = prominenceAt(y, k);
      if (prominence >= minProminence) tops.push({ k, prominence });
    }
    i = j + 1;
  }
  // each accepted peak owns the interval between the valleys (lowest points) that separate it from
  // its accepted neighbours; its area is taken above the higher of its two valleys
  const valleys: number[] = [0];
  for (let t = 0; t + 1 < tops.length; t++) valleys.push(argMin(y, tops[t].k, tops[t + 1].k));
  valleys.push(n - 1);
  return tops.map((top, t) => describe(x, y, top.k, top.prominence, valleys[t], valleys[t + 1]));
}

function argMin(y: Float64Array, from: number, to: number): number {
  let m = from;
  for (let i = from; i <= to; i++) if (y[i] < y[m]) m = i;
  return m;
}

/** Topographic prominence of the maximum at k. */
function prominenceAt(y: Float64Array, k: number): number {
  const h = y[k];
  let left = y[k];
  for (let i = k - 1; i >= 0 && y[i] <= h; i--) left = Math.min(left, y[i]);
  let right = y[k];
  for (let i = k + 1; i < y.length && y[i] <= h; i++) right = Math.min(right, y[i]);
  return h - Math.max(left, right);
}

function describe(
  x: Float64Array,
  y: Float64Array,
  k: number,
  prominence: number,
  lo: number,
  hi: number,
): Peak {
  const h = y[k];
  // base level: the higher of the lowest points on each side within the peak's own interval
  const base = Math.max(y[argMin(y, lo, k)], y[argMin(y, k, hi)]);
  let xPeak = x[k];
  if (k > 0 && k < y.length - 1) {
    const denom = y[k - 1] - 2 * y[k] + y[k + 1];
    if (denom < 0) xPeak = x[k] + (0.5 * (y[k - 1] - y[k + 1]) * (x[k + 1] - x[k - 1])) / (2 * denom);
  }
  // extent: where the curve comes down to the base level on each side (interpolated crossing)
  let a = k;
  while (a > lo && y[a - 1] > base) a--;
  let b = k;
  while (b < hi && y[b + 1] > base) b++;
  const cross = (i: number, j: number) =>
    y[i] === y[j] ? x[j] : x[i] + ((base - y[i]) * (x[j] - x[i])) / (y[j] - y[i]);
  const from = a > lo ? cross(a - 1, a) : x[lo];
  const to = b < hi ? cross(b, b + 1) : x[hi];
  let area = 0;
  if (a > lo) area += 0.5 * (y[a] - base) * (x[a] - from);
  for (let i = a + 1; i <= b; i++) area += 0.5 * (y[i - 1] + y[i] - 2 * base) * (x[i] - x[i - 1]);
  if (b < hi) area += 0.5 * (y[b] - base) * (to - x[b]);
  return { x: xPeak, height: h, prominence, from, to, area };
}
