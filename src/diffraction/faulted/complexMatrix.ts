/**
 * Small dense complex matrices stored as separate real and imaginary Float64Arrays in row-major
 * order (n ≤ a few dozen here). LU with partial pivoting, solves, products and binary powers —
 * written for the stacking recursion, allocation-free in the hot calls (callers pass work arrays).
 */
export interface CMatrix {
  n: number;
  re: Float64Array;
  im: Float64Array;
}

export function cmatrix(n: number): CMatrix {
  return { n, re: new Float64Array(n * n), im: new Float64Array(n * n) };
}

export function identityInto(m: CMatrix): void {
  m.re.fill(0);
  m.im.fill(0);
  for (let i = 0; i < m.n; i++) m.re[i * m.n + i] = 1;
}

export function copyInto(dst: CMatrix, src: CMatrix): void {
  dst.re.set(src.re);
  dst.im.set(src.im);
}

/** out = a·b (out must not alias a or b). */
export function multiplyInto(out: CMatrix, a: CMatrix, b: CMatrix): void {
  const n = a.n;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let sr = 0;
      let si = 0;
      for (let k = 0; k < n; k++) {
        const ar = a.re[i * n + k];
        const ai = a.im[i * n + k];
        const br = b.re[k * n + j];
        const bi = b.im[k * n + j];
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      out.re[i * n + j] = sr;
      out.im[i * n + j] = si;
    }
}

/** Work space for `powerInto`. */
export interface PowerWork {
  base: CMatrix;
  tmp: CMatrix;
}

export function powerWork(n: number): PowerWork {
  return { base: cmatrix(n), tmp: cmatrix(n) };
}

/** out = mᵖ by binary powering (p ≥ 0 integer). */
export function powerInto(out: CMatrix, m: CMatrix, p: number, work: PowerWork): void {
  identityInto(out);
  copyInto(work.base, m);
  let e = p;
  while (e > 0) {
    if (e & 1) {
      multiplyInto(work.tmp, out, work.base);
      copyInto(out, work.tmp);
    }
    e = Math.floor(e / 2);
    if (e > 0) {
      multiplyInto(work.tmp, work.base, work.base);
      copyInto(work.base, work.tmp);
    }
  }
}

/**
 * In-place LU factorisation with partial pivoting (Doolittle, L unit lower). `pivot` receives the row
 * permutation. Returns the smallest |pivot| met (0 means singular), so callers can report
 * near-singular systems.
 */
export function luFactor(m: CMatrix, pivot: Int32Array): number {
  const n = m.n;
  const re = m.re;
  const im = m.im;
  let minPivot = Number.POSITIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = re[k * n + k] ** 2 + im[k * n + k] ** 2;
    for (let i = k + 1; i < n; i++) {
      const v = re[i * n + k] ** 2 + im[i * n + k] ** 2;
      if (v > best) {
        best = v;
        p = i;
      }
    }
    pivot[k] = p;
    if (p !== k)
      for (let j = 0; j < n; j++) {
        let t = re[k * n + j];
        re[k * n + j] = re[p * n + j];
        re[p * n + j] = t;
        t = im[k * n + j];
        im[k * n + j] = im[p * n + j];
        im[p * n + j] = t;
      }
    const mag = Math.sqrt(best);
    if (mag < minPivot) minPivot = mag;
    if (best === 0) continue;
    const pr = re[k * n + k];
    const pi = im[k * n + k];
    for (let i = k + 1; i < n; i++) {
      // l = a_ik / a_kk
      const ar = re[i * n + k];
      const ai = im[i * n + k];
      const lr = (ar * pr + ai * pi) / best;
      const li = (ai * pr - ar * pi) / best;
      re[i * n + k] = lr;
      im[i * n + k] = li;
      for (let j = k + 1; j < n; j++) {
        const ur = re[k * n + j];
        const ui = im[k * n + j];
        re[i * n + j] -= lr * ur - li * ui;
        im[i * n + j] -= lr * ui + li * ur;
      }
    }
  }
  return minPivot;
}

/** Solves (LU) x = b in place in (br, bi) using the factorisation from luFactor. */
export function luSolve(m: CMatrix, pivot: Int32Array, br: Float64Array, bi: Float64Array): void {
  const n = m.n;
  const re = m.re;
  const im = m.im;
  for (let k = 0; k < n; k++) {
    const p = pivot[k];
    if (p !== k) {
      let t = br[k];
      br[k] = br[p];
      br[p] = t;
      t = bi[k];
      bi[k] = bi[p];
      bi[p] = t;
    }
  }
  for (let i = 0; i < n; i++) {
    let sr = br[i];
    let si = bi[i];
    for (let k = 0; k < i; k++) {
      sr -= re[i * n + k] * br[k] - im[i * n + k] * bi[k];
      si -= re[i * n + k] * bi[k] + im[i * n + k] * br[k];
    }
    br[i] = sr;
    bi[i] = si;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sr = br[i];
    let si = bi[i];
    for (let k = i + 1; k < n; k++) {
      sr -= re[i * n + k] * br[k] - im[i * n + k] * bi[k];
      si -= re[i * n + k] * bi[k] + im[i * n + k] * br[k];
    }
    const dr = re[i * n + i];
    const di = im[i * n + i];
    const d2 = dr * dr + di * di;
    br[i] = (sr * dr + si * di) / d2;
    bi[i] = (si * dr - sr * di) / d2;
  }
}
