import type { Lattice } from '../crystal/lattice.ts';
import type { ScattererSet } from './scatterers.ts';

/**
 * Geometric structure-factor sums for every reciprocal-lattice point with gMin ≤ |g| ≤ gMax
 * (|g| = 1/d, Å⁻¹). The bounds are applied before enumeration: for each (h, k) the l range is the
 * exact chord of the sphere |g| ≤ gMax, so no point outside it is visited.
 *
 * For each reflection and scattering type t it stores S_t = Σ_j w_j exp(2πi(hx_j + ky_j + lz_j)).
 * Phases along l are advanced by complex multiplication (one sincos per atom per (h, k) row instead
 * of one per reflection), so the inner loop is multiply–add on typed arrays.
 *
 * With `friedelHalf`, only one of each ±(hkl) pair is enumerated (valid when the scattering factors
 * are real, i.e. without anomalous dispersion, where I(hkl) = I(−h−k−l)).
 */
export interface ReflectionSums {
  count: number;
  h: Int32Array;
  k: Int32Array;
  l: Int32Array;
  /** |g| = 1/d in Å⁻¹. */
  g: Float64Array;
  /** Real and imaginary parts of S_t, laid out [reflection * nTypes + t]. */
  sumRe: Float64Array;
  sumIm: Float64Array;
  nTypes: number;
  friedelHalf: boolean;
}

export interface EnumerationOptions {
  gMin: number;
  gMax: number;
  friedelHalf: boolean;
  onProgress?: (done: number, total: number) => void;
}

const TWO_PI = 2 * Math.PI;

export function enumerateReflections(
  lattice: Lattice,
  atoms: ScattererSet,
  opts: EnumerationOptions,
): ReflectionSums {
  const { gMin, gMax, friedelHalf } = opts;
  const G = lattice.reciprocalMetric;
  const p = lattice.parameters;
  const hMax = Math.floor(gMax * p.a + 1e-9);
  const kMax = Math.floor(gMax * p.b + 1e-9);
  const nTypes = atoms.types.length;
  const n = atoms.count;
  const gMax2 = gMax * gMax * (1 + 1e-12);
  const gMin2 = gMin * gMin * (1 - 1e-12);

  // Capacity estimate from the sphere volume in reciprocal space (grown if exceeded).
  let cap = Math.max(64, Math.ceil(((4 / 3) * Math.PI * gMax ** 3 * lattice.volume * 1.2) / (friedelHalf ? 2 : 1)) + 64);
  let hA = new Int32Array(cap);
  let kA = new Int32Array(cap);
  let lA = new Int32Array(cap);
  let gA = new Float64Array(cap);
  let re = new Float64Array(cap * nTypes);
  let im = new Float64Array(cap * nTypes);
  let count = 0;

  // Per-atom work arrays, allocated once.
  const cRe = new Float64Array(n);
  const cIm = new Float64Array(n);
  const stepRe = new Float64Array(n);
  const stepIm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    stepRe[j] = Math.cos(TWO_PI * atoms.z[j]);
    stepIm[j] = Math.sin(TWO_PI * atoms.z[j]);
  }
  const typeStart = atoms.typeStart;
  const accRe = new Float64Array(nTypes);
  const accIm = new Float64Array(nTypes);
  const { x, y, z, weight } = atoms;

  const A = G[8];
  const hStart = friedelHalf ? 0 : -hMax;
  for (let h = hStart; h <= hMax; h++) {
    for (let k = -kMax; k <= kMax; k++) {
      if (friedelHalf && h === 0 && k < 0) continue;
      const B = 2 * (h * G[2] + k * G[5]);
      const C = h * h * G[0] + k * k * G[4] + 2 * h * k * G[1];
      const disc = B * B - 4 * A * (C - gMax2);
      if (disc < 0) continue;
      const sq = Math.sqrt(disc);
      let lLo = Math.ceil((-B - sq) / (2 * A) - 1e-9);
      const lHi = Math.floor((-B + sq) / (2 * A) + 1e-9);
      if (friedelHalf && h === 0 && k === 0) lLo = Math.max(lLo, 1);
      if (lLo > lHi) continue;
      const rowLen = lHi - lLo + 1;
      if (count + rowLen > cap) {
        cap = Math.max(cap * 2, count + rowLen);
        hA = grow(hA, cap);
        kA = grow(kA, cap);
        lA = grow(lA, cap);
        gA = grow(gA, cap);
        re = grow(re, cap * nTypes);
        im = grow(im, cap * nTypes);
      }
      // c_j = w_j · exp(2πi(h x + k y + lLo z)); advanced by step_j = exp(2πi z) along l.
      for (let j = 0; j < n; j++) {
        const ph = TWO_PI * (h * x[j] + k * y[j] + lLo * z[j]);
        cRe[j] = weight[j] * Math.cos(ph);
        cIm[j] = weight[j] * Math.sin(ph);
      }
      for (let l = lLo; l <= lHi; l++) {
        const g2 = C + l * (B + A * l);
        const keep = g2 >= gMin2 && g2 <= gMax2;
        for (let t = 0; t < nTypes; t++) {
          let sr = 0;
          let si = 0;
          const end = typeStart[t + 1];
          for (let j = typeStart[t]; j < end; j++) {
            const cr = cRe[j];
            const ci = cIm[j];
            sr += cr;
            si += ci;
            cRe[j] = cr * stepRe[j] - ci * stepIm[j];
            cIm[j] = cr * stepIm[j] + ci * stepRe[j];
          }
          accRe[t] = sr;
          accIm[t] = si;
        }
        if (!keep) continue;
        hA[count] = h;
        kA[count] = k;
        lA[count] = l;
        gA[count] = Math.sqrt(g2 > 0 ? g2 : 0);
        const base = count * nTypes;
        for (let t = 0; t < nTypes; t++) {
          re[base + t] = accRe[t];
          im[base + t] = accIm[t];
        }
        count++;
      }
    }
    opts.onProgress?.(h - hStart + 1, hMax - hStart + 1);
  }
  return { count, h: hA, k: kA, l: lA, g: gA, sumRe: re, sumIm: im, nTypes, friedelHalf };
}

function grow<T extends Int32Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as { new (n: number): T })(size);
  b.set(a);
  return b;
}
