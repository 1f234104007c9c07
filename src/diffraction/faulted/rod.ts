import { type CMatrix, cmatrix, luFactor, luSolve, multiplyInto } from './complexMatrix.ts';
import { type FaultedModel, layerIndex } from './model.ts';

const TWO_PI = 2 * Math.PI;

/** Atomic scattering factor f0(species, s) in electrons at s = sinθ/λ (Å⁻¹). */
export type ScatteringFactor = (species: string, s: number) => number;

/** Reciprocal metric of a layer cell with c normal to the layers: S = 1/d² = h²a₀ + k²b₀ + hk·d₀ + l²c₀. */
export interface ReciprocalMetric {
  a0: number;
  b0: number;
  c0: number;
  d0: number;
}

export function reciprocalMetric(cell: FaultedModel['cell']): ReciprocalMetric {
  const g = (cell.gammaDeg * Math.PI) / 180;
  const s2 = Math.sin(g) ** 2;
  return {
    a0: 1 / (cell.a * cell.a * s2),
    b0: 1 / (cell.b * cell.b * s2),
    c0: 1 / (cell.c * cell.c),
    d0: (-2 * Math.cos(g)) / (cell.a * cell.b * s2),
  };
}

export interface RodOptions {
  /** α_ij → (1 − δ) α_ij in infinite-crystal mode (DIFFaX detuning). */
  detune: number;
  /** Stationary probabilities g. */
  g: Float64Array;
  f0: ScatteringFactor;
}

/**
 * Everything needed to evaluate the layer-averaged intensity I(h, k, l) along one reciprocal rod
 * (h, k) — brief §5.3. Work arrays are allocated once; `intensity(l)` allocates nothing.
 */
export class RodEvaluator {
  readonly h: number;
  readonly k: number;
  /** In-plane part h²a₀ + k²b₀ + hk·d₀ of 1/d² (Å⁻²). */
  readonly sHk: number;
  private readonly n: number;
  private readonly c0: number;
  private readonly g: Float64Array;
  private readonly f0: ScatteringFactor;
  // atoms, flattened over all layer definitions
  private readonly atomLayer: Int32Array;
  private readonly atomSpecies: Int32Array;
  private readonly atomPhaseXY: Float64Array;
  private readonly atomZ: Float64Array;
  private readonly atomB: Float64Array;
  private readonly atomOcc: Float64Array;
  private readonly layerCentro: Uint8Array;
  private readonly species: string[];
  private readonly fSpecies: Float64Array;
  private readonly stateLayer: Int32Array;
  // transitions
  private readonly alpha: Float64Array;
  private readonly alphaRaw: Float64Array;
  private readonly phase0: Float64Array;
  private readonly rz: Float64Array;
  // work
  private readonly fLayerRe: Float64Array;
  private readonly fLayerIm: Float64Array;
  readonly fRe: Float64Array;
  readonly fIm: Float64Array;
  private readonly m: CMatrix;
  private readonly t: CMatrix;
  private readonly pivot: Int32Array;
  private readonly sRe: Float64Array;
  private readonly sIm: Float64Array;
  private readonly pw: {
    P: CMatrix;
    Q: CMatrix;
    R: CMatrix;
    P2: CMatrix;
    Q2: CMatrix;
    R2: CMatrix;
    X: CMatrix;
    Y: CMatrix;
  };
  /** Smallest LU pivot seen since construction (near 0 = near-singular I − T). */
  minPivot = Number.POSITIVE_INFINITY;

  constructor(model: FaultedModel, h: number, k: number, metric: ReciprocalMetric, opts: RodOptions) {
    this.h = h;
    this.k = k;
    this.sHk = h * h * metric.a0 + k * k * metric.b0 + h * k * metric.d0;
    this.c0 = metric.c0;
    this.g = opts.g;
    this.f0 = opts.f0;
    const n = model.transitions.length;
    this.n = n;
    const speciesIndex = new Map<string, number>();
    const atoms = model.layers.flatMap((L, li) => L.atoms.map((a) => ({ ...a, li })));
    this.atomLayer = Int32Array.from(atoms.map((a) => a.li));
    this.atomSpecies = Int32Array.from(
      atoms.map((a) => {
        let idx = speciesIndex.get(a.species);
        if (idx === undefined) {
          idx = speciesIndex.size;
          speciesIndex.set(a.species, idx);
        }
        return idx;
      }),
    );
    this.species = [...speciesIndex.keys()];
    this.fSpecies = new Float64Array(this.species.length);
    this.atomPhaseXY = Float64Array.from(atoms.map((a) => TWO_PI * (h * a.x + k * a.y)));
    this.atomZ = Float64Array.from(atoms.map((a) => a.z));
    this.atomB = Float64Array.from(atoms.map((a) => a.b));
    this.atomOcc = Float64Array.from(atoms.map((a) => a.occupancy));
    this.layerCentro = Uint8Array.from(model.layers.map((L) => (L.centrosymmetric ? 1 : 0)));
    this.stateLayer = Int32Array.from({ length: n }, (_, i) => layerIndex(model, i));
    this.alpha = new Float64Array(n * n);
    this.alphaRaw = new Float64Array(n * n);
    this.phase0 = new Float64Array(n * n);
    this.rz = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const t = model.transitions[i][j];
        this.alphaRaw[i * n + j] = t.probability;
        this.alpha[i * n + j] = (1 - opts.detune) * t.probability;
        this.phase0[i * n + j] = TWO_PI * (h * t.vector[0] + k * t.vector[1]);
        this.rz[i * n + j] = t.vector[2];
      }
    const nl = model.layers.length;
    this.fLayerRe = new Float64Array(nl);
    this.fLayerIm = new Float64Array(nl);
    this.fRe = new Float64Array(n);
    this.fIm = new Float64Array(n);
    this.m = cmatrix(n);
    this.t = cmatrix(n);
    this.pivot = new Int32Array(n);
    this.sRe = new Float64Array(n);
    this.sIm = new Float64Array(n);
    this.pw = {
      P: cmatrix(n),
      Q: cmatrix(n),
      R: cmatrix(n),
      P2: cmatrix(n),
      Q2: cmatrix(n),
      R2: cmatrix(n),
      X: cmatrix(n),
      Y: cmatrix(n),
    };
  }

  /** 1/d² at (h, k, l), Å⁻². */
  sSquared(l: number): number {
    return this.sHk + l * l * this.c0;
  }

  /** Layer form factors F_i(h, k, l) of every state into fRe/fIm (brief §5.1). */
  formFactors(l: number): void {
    const s2 = this.sSquared(l) / 4; // (sinθ/λ)²
    const s = Math.sqrt(s2);
    for (let t = 0; t < this.species.length; t++) this.fSpecies[t] = this.f0(this.species[t], s);
    this.fLayerRe.fill(0);
    this.fLayerIm.fill(0);
    const na = this.atomLayer.length;
    for (let a = 0; a < na; a++) {
      const li = this.atomLayer[a];
      const amp = this.atomOcc[a] * this.fSpecies[this.atomSpecies[a]] * Math.exp(-this.atomB[a] * s2);
      const ph = this.atomPhaseXY[a] + TWO_PI * l * this.atomZ[a];
      if (this.layerCentro[li]) this.fLayerRe[li] += 2 * amp * Math.cos(ph);
      else {
        this.fLayerRe[li] += amp * Math.cos(ph);
        this.fLayerIm[li] += amp * Math.sin(ph);
      }
    }
    for (let i = 0; i < this.n; i++) {
      this.fRe[i] = this.fLayerRe[this.stateLayer[i]];
      this.fIm[i] = this.fLayerIm[this.stateLayer[i]];
    }
  }

  /** T_ij = α_ij exp(2πi u·R_ij), detuned or not. */
  private fillT(l: number, detuned: boolean): void {
    const n = this.n;
    const al = detuned ? this.alpha : this.alphaRaw;
    for (let q = 0; q < n * n; q++) {
      const ph = this.phase0[q] + TWO_PI * l * this.rz[q];
      this.t.re[q] = al[q] * Math.cos(ph);
      this.t.im[q] = al[q] * Math.sin(ph);
    }
  }

  /** Σ_i g_i [2 Re(F_i* S_i) − |F_i|²]. */
  private combine(): number {
    let out = 0;
    for (let i = 0; i < this.n; i++) {
      const fr = this.fRe[i];
      const fi = this.fIm[i];
      out += this.g[i] * (2 * (fr * this.sRe[i] + fi * this.sIm[i]) - (fr * fr + fi * fi));
    }
    return out;
  }

  /** Infinite crystal: S = (I − T)⁻¹ F (T detuned). Intensity per layer. */
  intensityInfinite(l: number): number {
    this.formFactors(l);
    this.fillT(l, true);
    const n = this.n;
    for (let q = 0; q < n * n; q++) {
      this.m.re[q] = -this.t.re[q];
      this.m.im[q] = -this.t.im[q];
    }
    for (let i = 0; i < n; i++) this.m.re[i * n + i] += 1;
    const p = luFactor(this.m, this.pivot);
    if (p < this.minPivot) this.minPivot = p;
    this.sRe.set(this.fRe);
    this.sIm.set(this.fIm);
    luSolve(this.m, this.pivot, this.sRe, this.sIm);
    return this.combine();
  }

  /**
   * Crystal of N layers averaged over stacking realisations. Uses S = (1/N) Σ_{m<N} (N − m) Tᵐ F
   * (equivalent to the closed form (I−T)⁻¹[(N+1)I − (I−T)⁻¹(I−T^{N+1})]F/N of brief §5.3) evaluated
   * with binary doubling of (Tᵐ, Σ_{j<m} Tʲ, Σ_{j<m} j Tʲ), so it has no singularity at Bragg rows and
   * needs no detuning.
   */
  intensityFinite(l: number, layers: number): number {
    this.formFactors(l);
    this.fillT(l, false);
    const { P, Q, R, P2, Q2, R2, X, Y } = this.pw;
    // Result accumulators (A = P_acc, B = Q_acc, C = R_acc for the m processed so far) in P/Q/R;
    // the doubling base (T^b, Σ_{j<b}Tʲ, Σ_{j<b} jTʲ) in P2/Q2/R2.
    const n = this.n;
    identity(P);
    zero(Q);
    zero(R);
    copy(P2, this.t);
    identity(Q2);
    zero(R2);
    let acc = 0; // number of layers processed into P/Q/R
    let base = 1;
    let e = layers;
    while (e > 0) {
      if (e & 1) {
        // (acc) ⊕ (base): Q ← Q + P·Q2 ; R ← R + P·(R2 + acc·Q2) ; P ← P·P2
        multiplyInto(X, P, Q2);
        addInPlace(Q, X);
        for (let q = 0; q < n * n; q++) {
          Y.re[q] = R2.re[q] + acc * Q2.re[q];
          Y.im[q] = R2.im[q] + acc * Q2.im[q];
        }
        multiplyInto(X, P, Y);
        addInPlace(R, X);
        multiplyInto(X, P, P2);
        copy(P, X);
        acc += base;
      }
      e = Math.floor(e / 2);
      if (e > 0) {
        // base ⊕ base
        for (let q = 0; q < n * n; q++) {
          Y.re[q] = R2.re[q] + base * Q2.re[q];
          Y.im[q] = R2.im[q] + base * Q2.im[q];
        }
        multiplyInto(X, P2, Y);
        addInPlace(R2, X);
        multiplyInto(X, P2, Q2);
        addInPlace(Q2, X);
        multiplyInto(X, P2, P2);
        copy(P2, X);
        base *= 2;
      }
    }
    // S = (N·Q − R) F / N
    for (let i = 0; i < n; i++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        const ar = (layers * Q.re[i * n + j] - R.re[i * n + j]) / layers;
        const ai = (layers * Q.im[i * n + j] - R.im[i * n + j]) / layers;
        sr += ar * this.fRe[j] - ai * this.fIm[j];
        si += ar * this.fIm[j] + ai * this.fRe[j];
      }
      this.sRe[i] = sr;
      this.sIm[i] = si;
    }
    return this.combine();
  }

  /** One explicit stack j₁ … j_N: I = |ψ|²/N with ψ = F_{j₁} + φ_{j₁j₂}(F_{j₂} + …) (brief §5.3). */
  intensityExplicit(l: number, sequence: ArrayLike<number>): number {
    this.formFactors(l);
    const n = this.n;
    const N = sequence.length;
    let j = sequence[N - 1];
    let pr = this.fRe[j];
    let pi = this.fIm[j];
    for (let q = N - 2; q >= 0; q--) {
      const i = sequence[q];
      const ph = this.phase0[i * n + j] + TWO_PI * l * this.rz[i * n + j];
      const c = Math.cos(ph);
      const s = Math.sin(ph);
      const nr = this.fRe[i] + c * pr - s * pi;
      const ni = this.fIm[i] + c * pi + s * pr;
      pr = nr;
      pi = ni;
      j = i;
    }
    return (pr * pr + pi * pi) / N;
  }

  /** T(l = 0) for this rod with detuning applied, for the eigenvalue analysis of sharp rows. */
  transferAtZero(detuned: boolean): CMatrix {
    this.fillT(0, detuned);
    const out = cmatrix(this.n);
    out.re.set(this.t.re);
    out.im.set(this.t.im);
    return out;
  }

  /** Whether every transition with α > 0 has the same R_z (then T(l) = e^{2πi l R_z} T(0)). */
  commonRz(): number | null {
    let r: number | null = null;
    for (let q = 0; q < this.rz.length; q++) {
      if (this.alphaRaw[q] === 0) continue;
      if (r === null) r = this.rz[q];
      else if (Math.abs(this.rz[q] - r) > 1e-12) return null;
    }
    return r;
  }
}

function identity(m: CMatrix): void {
  m.re.fill(0);
  m.im.fill(0);
  for (let i = 0; i < m.n; i++) m.re[i * m.n + i] = 1;
}

function zero(m: CMatrix): void {
  m.re.fill(0);
  m.im.fill(0);
}

function copy(dst: CMatrix, src: CMatrix): void {
  dst.re.set(src.re);
  dst.im.set(src.im);
}

function addInPlace(dst: CMatrix, src: CMatrix): void {
  for (let q = 0; q < dst.re.length; q++) {
    dst.re[q] += src.re[q];
    dst.im[q] += src.im[q];
  }
}
