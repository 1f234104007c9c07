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
  /**
   * Pure translations of the cell (see translations.ts): reflections with a non-integer h·t for a
   * generator t are exactly zero and are skipped; `atoms` must then hold one representative per
   * translation orbit with weights already multiplied by the group order.
   */
  translationGenerators?: [number, number, number][];
  onProgress?: (done: number, total: number) => void;
}

/** |h·t − nearest integer| above this means the lattice sum over pure translations vanishes. */
const INTEGER_TOLERANCE = 1e-2;

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
  let cap = Math.max(
    64,
    Math.ceil(((4 / 3) * Math.PI * gMax ** 3 * lattice.volume * 1.2) / (friedelHalf ? 2 : 1)) + 64,
  );
  let hA = new Int32Array(cap);
  let kA = new Int32Array(cap);
  let lA = new Int32Array(cap);
  let gA = new Float64Array(cap);
  let re = new Float64Array(cap * nTypes);
  let im = new Float64Array(cap * nTypes);
  let count = 0;

  // Per-atom work, allocated once and interleaved [c_re, c_im, step_re, step_im] for locality.
  const work = new Float64Array(4 * n);
  for (let j = 0; j < n; j++) {
    work[4 * j + 2] = Math.cos(TWO_PI * atoms.z[j]);
    work[4 * j + 3] = Math.sin(TWO_PI * atoms.z[j]);
  }
  const gens = opts.translationGenerators ?? [];
  const nGen = gens.length;
  const typeStart = atoms.typeStart;
  const accRe = new Float64Array(nTypes);
  const accIm = new Float64Array(nTypes);
  const { x, y, weight } = atoms;

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
        const ph = TWO_PI * (h * x[j] + k * y[j] + lLo * atoms.z[j]);
        work[4 * j] = weight[j] * Math.cos(ph);
        work[4 * j + 1] = weight[j] * Math.sin(ph);
      }
      for (let l = lLo; l <= lHi; l++) {
        const g2 = C + l * (B + A * l);
        let keep = g2 >= gMin2 && g2 <= gMax2;
        for (let q = 0; q < nGen && keep; q++) {
          const v = h * gens[q][0] + k * gens[q][1] + l * gens[q][2];
          if (Math.abs(v - Math.round(v)) > INTEGER_TOLERANCE) keep = false;
        }
        for (let t = 0; t < nTypes; t++) {
          let sr = 0;
          let si = 0;
          const end = 4 * typeStart[t + 1];
          for (let q = 4 * typeStart[t]; q < end; q += 4) {
            const cr = work[q];
            const ci = work[q + 1];
            const a = work[q + 2];
            const b = work[q + 3];
            sr += cr;
            si += ci;
            work[q] = cr * a - ci * b;
            work[q + 1] = cr * b + ci * a;
          }
          accRe[t] = sr;
          accIm[t] = si;
        }
        if (!keep) continue;
        hA[count] = h;
        kA[count] = k;
        lA[count] = l;
        gA[count] = Math.sqrt(Math.max(g2, 0));
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
