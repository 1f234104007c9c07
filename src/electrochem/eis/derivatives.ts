/**
 * Analytic parameter derivatives of the element impedances, for the CNLS Jacobian (one evaluation
 * gives Z and every ∂Z/∂p instead of one evaluation per parameter with finite differences).
 *
 * A derivative kernel writes Z(ω) into re/im (same values as the element's kernel) and ∂Z/∂p_(o+i)
 * into rows o + i of dRe/dIm (row-major, one row of n frequencies per circuit parameter). With
 * s = √(jωτ) = a(1 + j), a = √(ωτ/2):
 *   C:   ∂Z/∂C = −Z/C                    CPE: ∂Z/∂Q = −Z/Q,  ∂Z/∂n = −Z (ln ω + jπ/2)
 *   L:   ∂Z/∂L = jω                      La:  ∂Z/∂L = (jω)^n, ∂Z/∂n = Z (ln ω + jπ/2)
 *   W:   ∂Z/∂A = (1 − j)/√ω
 *   Wo:  Z = Z0 coth(s)/s:  ∂Z/∂Z0 = coth(s)/s,  ∂Z/∂τ = −[Z0 (coth² s − 1) + Z]/(2τ)
 *   Ws:  Z = Z0 tanh(s)/s:  ∂Z/∂Z0 = tanh(s)/s,  ∂Z/∂τ = [Z0 (1 − tanh² s) − Z]/(2τ)
 *   G:   Z = R/√(1 + jωt):  ∂Z/∂R = 1/√(1 + jωt), ∂Z/∂t = −Z jω/(2(1 + jωt))
 * Checked against central differences for every element in derivatives.test.ts.
 */
import { csqrt } from './complex.ts';

export type DerivativeKernel = (
  p: ArrayLike<number>,
  o: number,
  w: Float64Array,
  re: Float64Array,
  im: Float64Array,
  dRe: Float64Array,
  dIm: Float64Array,
) => void;

const HALF_PI = Math.PI / 2;
const sq = new Float64Array(2);

const dR: DerivativeKernel = (p, o, w, re, im, dRe, dIm) => {
  const n = w.length;
  const r = p[o];
  for (let k = 0; k < n; k++) {
    re[k] = r;
    im[k] = 0;
    dRe[o * n + k] = 1;
    dIm[o * n + k] = 0;
  }
};

const dC: DerivativeKernel = (p, o, w, re, im, dRe, dIm) => {
  const n = w.length;
  const c = p[o];
  for (let k = 0; k < n; k++) {
    const zi = -1 / (w[k] * c);
    re[k] = 0;
    im[k] = zi;
    dRe[o * n + k] = 0;
    dIm[o * n + k] = -zi / c;
  }
};

const dL: DerivativeKernel = (p, o, w, re, im, dRe, dIm) => {
  const n = w.length;
  const l = p[o];
  for (let k = 0; k < n; k++) {
    re[k] = 0;
    im[k] = w[k] * l;
    dRe[o * n + k] = 0;
    dIm[o * n + k] = w[k];
  }
};

const dCPE: DerivativeKernel = (p, o, w, re, im, dRe, dIm) => {
  const n = w.length;
  const q = p[o];
  const e = p[o + 1];
  const c = Math.cos(e * HALF_PI);
  const s = Math.sin(e * HALF_PI);
  const rq = o * n;
  const rn = (o + 1) * n;
  for (let k = 0; k < n; k++) {
    const m = 1 / (q * w[k] ** e);
    const zr = m * c;
    const zi = -m * s;
    re[k] = zr;
    im[k] = zi;
    dRe[rq + k] = -zr / q;
    dIm[rq + k] = -zi / q;
    // −Z (ln ω + jπ/2)
    const lw = Math.log(w[k]);
    dRe[rn + k] = -(zr * lw - zi * HALF_PI);
    dIm[rn + k] = -(zr * HALF_PI + zi * lw);
  }
};

const dLa: DerivativeKernel = (p, o, w, re, im, dRe, dIm) => {
  const n = w.length;
  const l = p[o];
  const e = p[o + 1];
  const c = Math.cos(e * HALF_PI);
  const s = Math.sin(e * HALF_PI);
  const rl = o * n;
  const rn = (o + 1) * n;
  for (let k = 0; k < n; k++) {
    const we = w[k] ** e;
    const zr = l * we * c;
    const zi = l * we * s;
    re[k] = zr;
    im[k] = zi;
    dRe[rl + k] = we * c;
    dIm[rl + k] = we * s;
    const lw = Math.log(w[k]);
    dRe[rn + k] = zr * lw - zi * HALF_PI;
    dIm[rn + k] = zr * HALF_PI + zi * lw;
  }
};

const dW: DerivativeKernel = (p, o, w, re, im, dRe, dIm) => {
  const n = w.length;
  const a = p[o];
  for (let k = 0; k < n; k++) {
    const u = 1 / Math.sqrt(w[k]);
    re[k] = a * u;
    im[k] = -a * u;
    dRe[o * n + k] = u;
    dIm[o * n + k] = -u;
  }
};

/** Finite Warburg, open (coth) or short (tanh); tanh(a + ja) in the one-exp form of elements.ts. */
function dFiniteWarburg(open: boolean): DerivativeKernel {
  return (p, o, w, re, im, dRe, dIm) => {
    const n = w.length;
    const z0 = p[o];
    const tau = p[o + 1];
    const r0 = o * n;
    const r1 = (o + 1) * n;
    for (let k = 0; k < n; k++) {
      const a = Math.sqrt((w[k] * tau) / 2);
      const e = Math.exp(-2 * a);
      const t = e * e;
      const den = 1 + t + 2 * e * Math.cos(2 * a);
      const tr = (1 - t) / den; // tanh(s)
      const ti = (2 * e * Math.sin(2 * a)) / den;
      // f = coth(s)/s or tanh(s)/s, with s = a(1 + j)
      let fr: number;
      let fi: number;
      let gr: number; // coth² s − 1 (open) or 1 − tanh² s (short)
      let gi: number;
      if (open) {
        const dr = a * (tr - ti); // s·tanh s
        const di = a * (ti + tr);
        const d2 = dr * dr + di * di;
        fr = dr / d2;
        fi = -di / d2;
        const t2 = tr * tr + ti * ti; // coth = conj(tanh)/|tanh|²
        const cr = tr / t2;
        const ci = -ti / t2;
        gr = cr * cr - ci * ci - 1;
        gi = 2 * cr * ci;
      } else {
        const s2 = 2 * a * a;
        fr = (a * (tr + ti)) / s2;
        fi = (a * (ti - tr)) / s2;
        gr = 1 - (tr * tr - ti * ti);
        gi = -2 * tr * ti;
      }
      const zr = z0 * fr;
      const zi = z0 * fi;
      re[k] = zr;
      im[k] = zi;
      dRe[r0 + k] = fr;
      dIm[r0 + k] = fi;
      if (open) {
        // −[Z0 (coth² s − 1) + Z]/(2τ)
        dRe[r1 + k] = -(z0 * gr + zr) / (2 * tau);
        dIm[r1 + k] = -(z0 * gi + zi) / (2 * tau);
      } else {
        // [Z0 (1 − tanh² s) − Z]/(2τ)
        dRe[r1 + k] = (z0 * gr - zr) / (2 * tau);
        dIm[r1 + k] = (z0 * gi - zi) / (2 * tau);
      }
    }
  };
}

const dG: DerivativeKernel = (p, o, w, re, im, dRe, dIm) => {
  const n = w.length;
  const r = p[o];
  const t = p[o + 1];
  for (let k = 0; k < n; k++) {
    csqrt(1, w[k] * t, sq); // √(1 + jωt)
    const d2 = sq[0] * sq[0] + sq[1] * sq[1];
    const ur = sq[0] / d2; // 1/√(1 + jωt)
    const ui = -sq[1] / d2;
    const zr = r * ur;
    const zi = r * ui;
    re[k] = zr;
    im[k] = zi;
    dRe[o * n + k] = ur;
    dIm[o * n + k] = ui;
    // −Z·jω/(2(1 + jωt))
    const wt = w[k] * t;
    const q2 = 1 + wt * wt;
    const vr = (w[k] * wt) / q2; // jω/(1 + jωt) = (ω²t + jω)/(1 + ω²t²)
    const vi = w[k] / q2;
    dRe[(o + 1) * n + k] = -0.5 * (zr * vr - zi * vi);
    dIm[(o + 1) * n + k] = -0.5 * (zr * vi + zi * vr);
  }
};

/** Derivative kernels keyed by element symbol (every element of the registry has one). */
export const DERIVATIVE_KERNELS: Readonly<Record<string, DerivativeKernel>> = {
  R: dR,
  C: dC,
  L: dL,
  CPE: dCPE,
  La: dLa,
  W: dW,
  Wo: dFiniteWarburg(true),
  Ws: dFiniteWarburg(false),
  G: dG,
};
