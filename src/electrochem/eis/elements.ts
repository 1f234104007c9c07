/**
 * The circuit-element registry: one entry per element with its parameters (name suffix, unit,
 * bounds, default), the equation (for docs and `natrium eis elements`), the Boukamp code, and a
 * vectorised kernel that writes Z(ω) into Float64Arrays.
 *
 * Equations follow impedance.py's `elements.py` (MIT; ECSHackWeek) and Boukamp's CDC conventions
 * (B. A. Boukamp, Solid State Ionics 20 (1986) 31). Z'' < 0 for capacitive elements; ω = 2πf.
 * Bounds: resistances, capacitances and time constants ≥ 0; CPE/La exponents in [0, 1]
 * (impedance.py's defaults). Defaults are only placeholders: fits use data-driven guesses (guess.ts).
 */
import { csqrt } from './complex.ts';

export interface ParameterSpec {
  /** Symbol of the parameter in equations (Q, n, Z0, τ …). */
  symbol: string;
  unit: string;
  lower: number;
  upper: number;
  /** Placeholder start value. */
  default: number;
  description: string;
  /** What kind of magnitude this is; used by the initial-guess heuristics. */
  kind: 'resistance' | 'capacitance' | 'inductance' | 'time' | 'exponent' | 'warburg';
}

export type Kernel = (
  p: ArrayLike<number>,
  offset: number,
  omega: Float64Array,
  re: Float64Array,
  im: Float64Array,
) => void;

export interface ElementSpec {
  symbol: string;
  name: string;
  /** Single-letter Boukamp CDC code, if the element has one. */
  boukamp?: string;
  equation: string;
  params: ParameterSpec[];
  /** Element that can give Z'' > 0 (inductive). */
  inductive: boolean;
  kernel: Kernel;
}

const INF = Number.POSITIVE_INFINITY;
const tmp2 = new Float64Array(2);

const R: ElementSpec = {
  symbol: 'R',
  name: 'resistor',
  boukamp: 'R',
  equation: 'Z = R',
  params: [
    {
      symbol: 'R',
      unit: 'Ohm',
      lower: 0,
      upper: INF,
      default: 1,
      description: 'resistance',
      kind: 'resistance',
    },
  ],
  inductive: false,
  kernel: (p, o, w, re, im) => {
    const r = p[o];
    for (let k = 0; k < w.length; k++) {
      re[k] = r;
      im[k] = 0;
    }
  },
};

const C: ElementSpec = {
  symbol: 'C',
  name: 'capacitor',
  boukamp: 'C',
  equation: 'Z = 1/(jωC)',
  params: [
    {
      symbol: 'C',
      unit: 'F',
      lower: 0,
      upper: INF,
      default: 1e-6,
      description: 'capacitance',
      kind: 'capacitance',
    },
  ],
  inductive: false,
  kernel: (p, o, w, re, im) => {
    const c = p[o];
    for (let k = 0; k < w.length; k++) {
      re[k] = 0;
      im[k] = -1 / (w[k] * c);
    }
  },
};

const L: ElementSpec = {
  symbol: 'L',
  name: 'inductor',
  boukamp: 'L',
  equation: 'Z = jωL',
  params: [
    {
      symbol: 'L',
      unit: 'H',
      lower: 0,
      upper: INF,
      default: 1e-6,
      description: 'inductance',
      kind: 'inductance',
    },
  ],
  inductive: true,
  kernel: (p, o, w, re, im) => {
    const l = p[o];
    for (let k = 0; k < w.length; k++) {
      re[k] = 0;
      im[k] = w[k] * l;
    }
  },
};

const CPE: ElementSpec = {
  symbol: 'CPE',
  name: 'constant-phase element',
  boukamp: 'Q',
  equation: 'Z = 1/(Q (jω)^n)',
  params: [
    {
      symbol: 'Q',
      unit: 'Ohm^-1 sec^n',
      lower: 0,
      upper: INF,
      default: 1e-6,
      description: 'CPE coefficient',
      kind: 'capacitance',
    },
    {
      symbol: 'n',
      unit: '',
      lower: 0,
      upper: 1,
      default: 0.9,
      description: 'CPE exponent (1 = ideal capacitor)',
      kind: 'exponent',
    },
  ],
  inductive: false,
  kernel: (p, o, w, re, im) => {
    const q = p[o];
    const n = p[o + 1];
    const c = Math.cos((n * Math.PI) / 2);
    const s = Math.sin((n * Math.PI) / 2);
    for (let k = 0; k < w.length; k++) {
      const m = 1 / (q * w[k] ** n);
      re[k] = m * c;
      im[k] = -m * s;
    }
  },
};

const La: ElementSpec = {
  symbol: 'La',
  name: 'modified inductance',
  equation: 'Z = L (jω)^n   (BioLogic application note 42)',
  params: [
    {
      symbol: 'L',
      unit: 'H sec^(n-1)',
      lower: 0,
      upper: INF,
      default: 1e-6,
      description: 'inductance coefficient',
      kind: 'inductance',
    },
    {
      symbol: 'n',
      unit: '',
      lower: 0,
      upper: 1,
      default: 0.9,
      description: 'exponent (1 = ideal inductor)',
      kind: 'exponent',
    },
  ],
  inductive: true,
  kernel: (p, o, w, re, im) => {
    const l = p[o];
    const n = p[o + 1];
    const c = Math.cos((n * Math.PI) / 2);
    const s = Math.sin((n * Math.PI) / 2);
    for (let k = 0; k < w.length; k++) {
      const m = l * w[k] ** n;
      re[k] = m * c;
      im[k] = m * s;
    }
  },
};

const W: ElementSpec = {
  symbol: 'W',
  name: 'semi-infinite Warburg',
  boukamp: 'W',
  equation: 'Z = A_W (1 − j)/√ω',
  params: [
    {
      symbol: 'A_W',
      unit: 'Ohm sec^-1/2',
      lower: 0,
      upper: INF,
      default: 1,
      description: 'Warburg coefficient',
      kind: 'warburg',
    },
  ],
  inductive: false,
  kernel: (p, o, w, re, im) => {
    const a = p[o];
    for (let k = 0; k < w.length; k++) {
      const m = a / Math.sqrt(w[k]);
      re[k] = m;
      im[k] = -m;
    }
  },
};

/** √(jωτ) = a(1 + j) with a = √(ωτ/2). */
function finiteWarburg(open: boolean): Kernel {
  return (p, o, w, re, im) => {
    const z0 = p[o];
    const tau = p[o + 1];
    for (let k = 0; k < w.length; k++) {
      const a = Math.sqrt((w[k] * tau) / 2);
      // tanh(a + ja) = (sinh 2a + j sin 2a)/(cosh 2a + cos 2a); multiplied by 2e with
      // e = exp(−2a) ≤ 1 (a ≥ 0): ((1 − e²) + j·2e·sin 2a)/((1 + e²) + 2e·cos 2a). One exp, and
      // no overflow for any ωτ (the cosh form overflows beyond ωτ ≈ 5e5).
      const e = Math.exp(-2 * a);
      const t = e * e;
      const den = 1 + t + 2 * e * Math.cos(2 * a);
      const tr = (1 - t) / den;
      const ti = (2 * e * Math.sin(2 * a)) / den;
      // s·tanh(s) (open: Z = Z0/(s tanh s)) or tanh(s)/s (short: Z = Z0 tanh(s)/s), s = a(1 + j)
      if (open) {
        const dr = a * (tr - ti);
        const di = a * (ti + tr);
        const d2 = dr * dr + di * di;
        re[k] = (z0 * dr) / d2;
        im[k] = (-z0 * di) / d2;
      } else {
        const s2 = 2 * a * a;
        re[k] = (z0 * a * (tr + ti)) / s2;
        im[k] = (z0 * a * (ti - tr)) / s2;
      }
    }
  };
}

const Wo: ElementSpec = {
  symbol: 'Wo',
  name: 'finite-space (open, reflective) Warburg',
  boukamp: 'O',
  equation: 'Z = Z0 coth(√(jωτ))/√(jωτ)',
  params: [
    {
      symbol: 'Z0',
      unit: 'Ohm',
      lower: 0,
      upper: INF,
      default: 1,
      description: 'Warburg resistance',
      kind: 'resistance',
    },
    {
      symbol: 'tau',
      unit: 'sec',
      lower: 0,
      upper: INF,
      default: 1,
      description: 'diffusion time L²/D',
      kind: 'time',
    },
  ],
  inductive: false,
  kernel: finiteWarburg(true),
};

const Ws: ElementSpec = {
  symbol: 'Ws',
  name: 'finite-length (short, transmissive) Warburg',
  boukamp: 'T',
  equation: 'Z = Z0 tanh(√(jωτ))/√(jωτ)',
  params: [
    {
      symbol: 'Z0',
      unit: 'Ohm',
      lower: 0,
      upper: INF,
      default: 1,
      description: 'Warburg resistance',
      kind: 'resistance',
    },
    {
      symbol: 'tau',
      unit: 'sec',
      lower: 0,
      upper: INF,
      default: 1,
      description: 'diffusion time L²/D',
      kind: 'time',
    },
  ],
  inductive: false,
  kernel: finiteWarburg(false),
};

const G: ElementSpec = {
  symbol: 'G',
  name: 'Gerischer',
  boukamp: 'G',
  equation: 'Z = R_G/√(1 + jωt_G)',
  params: [
    {
      symbol: 'R_G',
      unit: 'Ohm',
      lower: 0,
      upper: INF,
      default: 1,
      description: 'Gerischer resistance',
      kind: 'resistance',
    },
    {
      symbol: 't_G',
      unit: 'sec',
      lower: 0,
      upper: INF,
      default: 1,
      description: 'Gerischer time constant',
      kind: 'time',
    },
  ],
  inductive: false,
  kernel: (p, o, w, re, im) => {
    const r = p[o];
    const t = p[o + 1];
    for (let k = 0; k < w.length; k++) {
      csqrt(1, w[k] * t, tmp2);
      const d2 = tmp2[0] * tmp2[0] + tmp2[1] * tmp2[1];
      re[k] = (r * tmp2[0]) / d2;
      im[k] = (-r * tmp2[1]) / d2;
    }
  },
};

/** Registry keyed by impedance.py symbol. */
export const ELEMENTS: Readonly<Record<string, ElementSpec>> = { R, C, L, CPE, La, W, Wo, Ws, G };

/** Boukamp letter → element symbol. */
export const BOUKAMP_CODES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(ELEMENTS)
    .filter((e) => e.boukamp)
    .map((e) => [e.boukamp!, e.symbol]),
);
