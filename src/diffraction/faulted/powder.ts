import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { InputError } from '../../core/errors.ts';
import type { Rng } from '../../core/rng.ts';
import { defaultFormFactors } from '../formFactors.ts';
import { DEFAULT_DETUNE, type FaultedModel, stationaryProbabilities, validateModel } from './model.ts';
import { gaussLegendre } from './quadrature.ts';
import { type ReciprocalMetric, RodEvaluator, reciprocalMetric, type ScatteringFactor } from './rod.ts';

const DEG = Math.PI / 180;

export type Radiation = 'x-ray' | 'neutron' | 'electron';

export interface FaultedPowderOptions {
  /** Å. */
  wavelength: number;
  /** Degrees 2θ; bins are [2θ_i, 2θ_i + step), 2θ_i = min + i·step, i < (max − min)/step. */
  twoThetaRange: [number, number];
  /** Bin width, degrees 2θ. */
  step: number;
  radiation?: Radiation;
  /** DIFFaX detuning δ for infinite crystals (default 0.001). */
  detune?: number;
  /** Use the rod symmetry found numerically to integrate one rod per orbit (default true). */
  symmetryReduction?: boolean;
  /** Gauss–Legendre points per integration piece (default 8). */
  quadraturePoints?: number;
  /** Longest piece of a rod (in l, layer units) integrated by one Gauss–Legendre rule. */
  maxPieceL?: number;
  /** Explicit-average mode: number of random stacks and their generator. */
  average?: { stacks: number; layers: number; rng: Rng };
  f0?: ScatteringFactor;
  onProgress?: (done: number, total: number) => void;
}

export interface RodSummary {
  h: number;
  k: number;
  /** Rods in the orbit represented by this one. */
  multiplicity: number;
  /** Number of sharp-row hints used for the adaptive breakpoints. */
  sharpPeaks: number;
}

export interface FaultedPowderPattern {
  /** Lower bin edges, degrees 2θ. */
  twoTheta: Float64Array;
  /** Integrated intensity per bin (unbroadened), arbitrary units (per layer, ×LP). */
  intensity: Float64Array;
  rods: RodSummary[];
  /** Rod maps (h,k) → (h′,k′) found to leave I unchanged, as 2×2 integer matrices. */
  rodSymmetry: number[][];
  stationary: number[];
  /** Smallest LU pivot met in the infinite-crystal solves (near 0 ⇒ near-singular). */
  minPivot: number | null;
}

const DEFAULT_QUAD = 8;
const DEFAULT_MAX_PIECE = 0.02;
/**
 * Finite and explicit stacks have features ~1/N wide in l; pieces follow 1/(8N) down to this floor
 * (smaller than any 0.01°-bin at c ≈ 5 Å), which bounds the cost for N in the thousands.
 */
const MIN_PIECE_L = 1e-4;
/** Eigenvalues of T(0) with modulus above this are treated as (nearly) sharp rows. */
const SHARP_MODULUS = 0.8;
/** Refinement reaches this far (in l) around each sharp position. */
const SHARP_SPREAD = 0.05;
const SYMMETRY_TOLERANCE = 1e-7;
/** Relative agreement asked of the adaptive rule, and its deepest bisection. */
const ADAPTIVE_TOLERANCE = 1e-6;
const ADAPTIVE_DEPTH = 24;
/** Lateral-size Lorentzians are summed out to this many FWHM. */
const LATERAL_REACH_FWHM = 25;

/**
 * Everything the rods of one powder pattern share, computed once (validation, bins, LP factor,
 * random stacks, rod symmetry and orbits). Plain data except `f0`, so it can be sent to worker
 * threads (see parallel.node.ts); a worker re-creates the scattering factors itself.
 */
export interface PowderPlan {
  tMin: number;
  step: number;
  lambda: number;
  nb: number;
  /** Bin edges in S = 1/d² (Å⁻²), nb + 1 values. */
  edgesS: Float64Array;
  /** Lorentz–polarisation factor at each bin centre. */
  lp: Float64Array;
  /** Stationary probabilities g. */
  g: Float64Array;
  /** Detuning applied in the rod solves (0 except infinite recursion). */
  detune: number;
  /** Explicit-average stacks (empty unless `average`). */
  stacks: Int32Array[];
  maxPiece: number;
  quadraturePoints: number;
  symmetry: number[][];
  /** One representative rod per orbit, in the fixed order in which contributions are summed. */
  orbits: { rep: [number, number]; multiplicity: number }[];
}

/** One orbit's share of the pattern: its bin values (×2·multiplicity·LP, lateral size applied). */
export interface OrbitContribution {
  values: Float64Array;
  sharpPeaks: number;
  minPivot: number;
}

/** Powder pattern of a faulted stack by integration of I(h,k,l) along every rod (brief §5.4). */
export function faultedPowderPattern(model: FaultedModel, opts: FaultedPowderOptions): FaultedPowderPattern {
  const plan = planFaultedPowder(model, opts);
  const f0 = opts.f0 ?? defaultF0;
  const acc = new PowderAccumulator(plan);
  plan.orbits.forEach((_, idx) => {
    acc.add(orbitContribution(model, plan, idx, f0));
    opts.onProgress?.(idx + 1, plan.orbits.length);
  });
  return acc.result();
}

const defaultF0: ScatteringFactor = (sp, s) => defaultFormFactors.f0(sp, s);

/**
 * Sums orbit contributions strictly in orbit order (floating-point addition is not associative:
 * a fixed order is what makes 1 and k worker threads give bit-identical patterns).
 */
export class PowderAccumulator {
  private readonly out: Float64Array;
  private readonly summaries: RodSummary[] = [];
  private minPivot = Number.POSITIVE_INFINITY;
  constructor(private readonly plan: PowderPlan) {
    this.out = new Float64Array(plan.nb);
  }
  /** Adds the next orbit's contribution (the caller keeps the order). */
  add(c: OrbitContribution): void {
    const o = this.plan.orbits[this.summaries.length];
    const v = c.values;
    for (let i = 0; i < v.length; i++) this.out[i] += v[i];
    this.summaries.push({ h: o.rep[0], k: o.rep[1], multiplicity: o.multiplicity, sharpPeaks: c.sharpPeaks });
    if (c.minPivot < this.minPivot) this.minPivot = c.minPivot;
  }
  result(): FaultedPowderPattern {
    const { nb, tMin, step } = this.plan;
    const twoTheta = new Float64Array(nb);
    for (let i = 0; i < nb; i++) twoTheta[i] = tMin + i * step;
    return {
      twoTheta,
      intensity: this.out,
      rods: this.summaries,
      rodSymmetry: this.plan.symmetry.map((m) => [...m]),
      stationary: Array.from(this.plan.g),
      minPivot: Number.isFinite(this.minPivot) ? this.minPivot : null,
    };
  }
}

/** Validation and the shared part of a powder computation (everything but the rod integrals). */
export function planFaultedPowder(model: FaultedModel, opts: FaultedPowderOptions): PowderPlan {
  validateModel(model);
  const [tMin, tMax] = opts.twoThetaRange;
  if (!(Number.isFinite(tMin) && Number.isFinite(tMax) && tMin >= 0 && tMax <= 180 && tMax > tMin))
    throw new InputError('2θ range is empty or outside 0–180°', {
      field: 'twoThetaRange',
      found: `${tMin}:${tMax}`,
    });
  if (!(Number.isFinite(opts.step) && opts.step > 0))
    throw new InputError('step must be a positive number of degrees', {
      field: 'step',
      found: String(opts.step),
    });
  if (!(Number.isFinite(opts.wavelength) && opts.wavelength > 0))
    throw new InputError('wavelength must be a positive number of Å', {
      field: 'wavelength',
      found: String(opts.wavelength),
    });
  const nb = Math.round((tMax - tMin) / opts.step);
  if (nb < 1 || nb > 2_000_000)
    throw new InputError('number of 2θ bins out of range', {
      field: 'step',
      found: String(nb),
      expected: '1 … 2 000 000',
    });
  const lambda = opts.wavelength;
  const radiation = opts.radiation ?? 'x-ray';
  const detune = opts.detune ?? DEFAULT_DETUNE;
  if (!(detune >= 0 && detune < 1))
    throw new InputError('detune must lie in [0, 1)', { field: 'detune', found: String(detune) });
  const quadraturePoints = opts.quadraturePoints ?? DEFAULT_QUAD;
  const metric = reciprocalMetric(model.cell);
  const g = stationaryProbabilities(model);
  const f0: ScatteringFactor = opts.f0 ?? defaultF0;
  const mode = model.stacking;
  const average = opts.average;

  // Bin edges in S = 1/d² and the LP factor at bin centres.
  const edgesS = new Float64Array(nb + 1);
  for (let i = 0; i <= nb; i++) {
    const th = ((tMin + i * opts.step) / 2) * DEG;
    edgesS[i] = (4 * Math.sin(th) ** 2) / (lambda * lambda);
  }
  const lp = new Float64Array(nb);
  for (let i = 0; i < nb; i++) {
    const th = ((tMin + (i + 0.5) * opts.step) / 2) * DEG;
    const geo = 1 / (Math.sin(th) * Math.sin(2 * th));
    lp[i] = radiation === 'x-ray' ? (1 + Math.cos(2 * th) ** 2) * geo : geo;
  }
  const sMax = edgesS[nb];

  // Explicit-average stacks are drawn once and shared by all rods.
  const stacks: Int32Array[] = [];
  if (average) {
    if (!(Number.isInteger(average.stacks) && average.stacks >= 1))
      throw new InputError('number of stacks must be a positive integer', {
        field: 'average',
        found: String(average.stacks),
      });
    for (let s = 0; s < average.stacks; s++)
      stacks.push(randomSequence(model, g, average.layers, average.rng));
  }
  const layersInCrystal = average
    ? average.layers
    : mode.kind === 'finite'
      ? mode.layers
      : mode.kind === 'explicit'
        ? mode.sequence.length
        : 0;
  const maxPiece = Math.min(
    opts.maxPieceL ?? DEFAULT_MAX_PIECE,
    layersInCrystal > 0 ? Math.max(1 / (8 * layersInCrystal), MIN_PIECE_L) : Number.POSITIVE_INFINITY,
  );
  const plan: PowderPlan = {
    tMin,
    step: opts.step,
    lambda,
    nb,
    edgesS,
    lp,
    g,
    detune: mode.kind === 'infinite' && !average ? detune : 0,
    stacks,
    maxPiece,
    quadraturePoints,
    symmetry: [],
    orbits: [],
  };
  const rodsAll = enumerateRods(metric, sMax);
  const rodOpts = { detune: plan.detune, g, f0 };
  const evaluate = evaluator(model, plan);
  const symmetry =
    opts.symmetryReduction === false
      ? [IDENTITY]
      : findRodSymmetry(model, metric, rodsAll, rodOpts, evaluate, sMax);
  plan.symmetry = symmetry.map((m) => [...m]);
  plan.orbits = rodOrbits(rodsAll, symmetry);
  return plan;
}

/** I(h,k,l) of one rod in the plan's mode (recursion, explicit sequence or explicit average). */
function evaluator(model: FaultedModel, plan: PowderPlan): (rod: RodEvaluator, l: number) => number {
  const mode = model.stacking;
  const stacks = plan.stacks;
  if (stacks.length > 0)
    return (rod, l) => {
      let acc = 0;
      for (const st of stacks) acc += rod.intensityExplicit(l, st);
      return acc / stacks.length;
    };
  if (mode.kind === 'infinite') return (rod, l) => rod.intensityInfinite(l);
  if (mode.kind === 'finite') return (rod, l) => rod.intensityFinite(l, mode.layers);
  return (rod, l) => rod.intensityExplicit(l, mode.sequence);
}

/**
 * The contribution of orbit `idx` of the plan: 2 (±l) × multiplicity × LP × ∫ I dl per bin, with the
 * lateral-size broadening applied. A pure function of (model, plan, idx, f0) — the same numbers
 * whichever thread computes it.
 */
export function orbitContribution(
  model: FaultedModel,
  plan: PowderPlan,
  idx: number,
  f0: ScatteringFactor,
): OrbitContribution {
  const orbit = plan.orbits[idx];
  const [h, k] = orbit.rep;
  const metric = reciprocalMetric(model.cell);
  const sMax = plan.edgesS[plan.nb];
  const rod = new RodEvaluator(model, h, k, metric, { detune: plan.detune, g: plan.g, f0 });
  const evaluate = evaluator(model, plan);
  const lMax = Math.sqrt(Math.max(0, sMax - rod.sHk) / metric.c0);
  const recursive = model.stacking.kind !== 'explicit' && plan.stacks.length === 0;
  const hints = recursive ? sharpBreakpoints(rod, plan.detune, lMax) : new Float64Array(0);
  // Without a common R_z the sharp rows cannot be located from T(0): integrate adaptively.
  const adaptive = recursive && rod.commonRz() === null;
  const rodOut = new Float64Array(plan.nb);
  const lp = plan.lp;
  integrateRod(
    rod,
    (l) => evaluate(rod, l),
    plan.edgesS,
    metric.c0,
    hints,
    plan.maxPiece,
    gaussLegendre(plan.quadraturePoints),
    (i, v) => {
      rodOut[i] = 2 * orbit.multiplicity * v * lp[i];
    },
    adaptive,
  );
  let values = rodOut;
  if (model.lateralWidth && (h !== 0 || k !== 0)) {
    values = new Float64Array(plan.nb);
    lateralBroadening(
      rodOut,
      plan.edgesS,
      plan.step,
      plan.tMin,
      plan.lambda,
      h,
      k,
      metric,
      model.lateralWidth,
      values,
    );
  }
  return { values, sharpPeaks: hints.length, minPivot: rod.minPivot };
}

/** Integrates one rod bin by bin: pieces between bin edges, sharp-row breakpoints and the piece cap. */
function integrateRod(
  rod: RodEvaluator,
  f: (l: number) => number,
  edgesS: Float64Array,
  c0: number,
  breakpoints: Float64Array,
  maxPiece: number,
  quad: { nodes: Float64Array; weights: Float64Array },
  add: (bin: number, value: number) => void,
  adaptive: boolean,
): void {
  const nb = edgesS.length - 1;
  const lOf = (S: number) => Math.sqrt(Math.max(0, S - rod.sHk) / c0);
  let bp = 0;
  let lo = lOf(edgesS[0]);
  for (let i = 0; i < nb; i++) {
    const hi = lOf(edgesS[i + 1]);
    if (hi <= lo) {
      lo = hi;
      continue;
    }
    while (bp < breakpoints.length && breakpoints[bp] <= lo) bp++;
    let a = lo;
    let sum = 0;
    while (a < hi) {
      while (bp < breakpoints.length && breakpoints[bp] <= a) bp++;
      let b = hi;
      if (bp < breakpoints.length && breakpoints[bp] < b) b = breakpoints[bp++];
      const pieces = Math.max(1, Math.ceil((b - a) / maxPiece));
      const w = (b - a) / pieces;
      for (let p = 0; p < pieces; p++) {
        const x0 = a + p * w;
        sum += adaptive ? adaptiveRule(f, x0, x0 + w, quad, ADAPTIVE_DEPTH) : rule(f, x0, x0 + w, quad);
      }
      a = b;
    }
    add(i, sum);
    lo = hi;
  }
}

/**
 * Finite lateral (in-plane) crystallite size [P, an approximation, not DIFFaX's scheme]: a rod (h,k)
 * of a crystal W wide is spread in-plane by ≈ 1/W (Lorentzian FWHM, Å⁻¹); in the powder this widens
 * a point at |q| by (q_hk/q)/W, i.e. FWHM(2θ) = λ·(q_hk/q)/(W cosθ) rad. W along the in-plane
 * direction of (h,k) is interpolated between Wa and Wb. 00l is unaffected; areas are conserved.
 */
function lateralBroadening(
  rodOut: Float64Array,
  edgesS: Float64Array,
  step: number,
  tMin: number,
  lambda: number,
  h: number,
  k: number,
  metric: ReciprocalMetric,
  width: { a: number; b: number },
  out: Float64Array,
): void {
  const nb = rodOut.length;
  const qa2 = h * h * metric.a0;
  const qb2 = k * k * metric.b0;
  const w = Math.sqrt((qa2 + qb2) / (qa2 / width.a ** 2 + qb2 / width.b ** 2));
  const qhk = Math.sqrt(h * h * metric.a0 + k * k * metric.b0 + h * k * metric.d0);
  for (let i = 0; i < nb; i++) {
    const a = rodOut[i];
    if (a === 0) continue;
    const q = Math.sqrt((edgesS[i] + edgesS[i + 1]) / 2);
    const theta = ((tMin + (i + 0.5) * step) / 2) * DEG;
    const fwhm = (lambda * (qhk / q)) / (w * Math.cos(theta)) / DEG;
    const reach = Math.ceil((LATERAL_REACH_FWHM * fwhm) / step);
    const k4 = 4 / (fwhm * fwhm);
    let norm = 0;
    for (let j = -reach; j <= reach; j++) norm += 1 / (1 + k4 * (j * step) ** 2);
    const lo = Math.max(0, i - reach);
    const hi = Math.min(nb - 1, i + reach);
    for (let j = lo; j <= hi; j++) out[j] += a / (1 + k4 * ((j - i) * step) ** 2) / norm;
  }
}

/** Gauss–Legendre rule on [a, b]. */
function rule(
  f: (l: number) => number,
  a: number,
  b: number,
  quad: { nodes: Float64Array; weights: Float64Array },
): number {
  const half = (b - a) / 2;
  const mid = a + half;
  let s = 0;
  for (let q = 0; q < quad.nodes.length; q++) s += quad.weights[q] * half * f(mid + half * quad.nodes[q]);
  return s;
}

/**
 * Adaptive bisection of the Gauss–Legendre rule (used when the sharp rows cannot be located from
 * T(0), i.e. when the stacking vectors have different R_z): split until the two halves agree with
 * the whole to ADAPTIVE_TOLERANCE.
 */
function adaptiveRule(
  f: (l: number) => number,
  a: number,
  b: number,
  quad: { nodes: Float64Array; weights: Float64Array },
  depth: number,
  whole = rule(f, a, b, quad),
): number {
  const m = (a + b) / 2;
  const left = rule(f, a, m, quad);
  const right = rule(f, m, b, quad);
  const halves = left + right;
  if (depth <= 0 || Math.abs(halves - whole) <= ADAPTIVE_TOLERANCE * Math.abs(halves)) return halves;
  return adaptiveRule(f, a, m, quad, depth - 1, left) + adaptiveRule(f, m, b, quad, depth - 1, right);
}

/**
 * Sharp-row breakpoints along l: when every R_z is equal (r), T(l) = e^{2πilr}·T(0), so a row is
 * (nearly) singular where e^{2πilr}μ ≈ 1 for an eigenvalue μ of T(0): at l = (n − arg μ/2π)/r with
 * half-width (1 − |μ|)/(2πr). Breakpoints are placed geometrically around each such l. Eigenvalues
 * come from the real 2n×2n embedding (which also returns conjugates — harmless extra breakpoints).
 */
function sharpBreakpoints(rod: RodEvaluator, detune: number, lMax: number): Float64Array {
  const r = rod.commonRz();
  if (r === null || r <= 0) return new Float64Array(0);
  const { re, im } = transferEigenvalues(rod, detune > 0);
  const pts: number[] = [];
  for (let e = 0; e < re.length; e++) {
    const mod = Math.hypot(re[e], im[e]);
    if (mod < SHARP_MODULUS) continue;
    const phase = Math.atan2(im[e], re[e]) / (2 * Math.PI);
    const width = Math.max((1 - Math.min(mod, 1)) / (2 * Math.PI * r), 1e-9);
    for (let m = Math.floor(-lMax * r - 1); m <= Math.ceil(lMax * r + 1); m++) {
      const l0 = (m - phase) / r;
      if (l0 < -SHARP_SPREAD || l0 > lMax + SHARP_SPREAD) continue;
      pts.push(l0);
      for (let d = width / 4; d < SHARP_SPREAD; d *= 2) pts.push(l0 - d, l0 + d);
    }
  }
  const sorted = Float64Array.from(pts.filter((x) => x > 0 && x < lMax)).sort();
  // Drop duplicates closer than 1e-12.
  const outPts: number[] = [];
  for (const x of sorted) if (outPts.length === 0 || x - outPts[outPts.length - 1] > 1e-12) outPts.push(x);
  return Float64Array.from(outPts);
}

/** Eigenvalues of T(0) from its real 2n×2n embedding (conjugates included). */
function transferEigenvalues(rod: RodEvaluator, detuned: boolean): { re: number[]; im: number[] } {
  const t = rod.transferAtZero(detuned);
  const n = t.n;
  const big = new Matrix(2 * n, 2 * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const re = t.re[i * n + j];
      const im = t.im[i * n + j];
      big.set(i, j, re);
      big.set(i + n, j + n, re);
      big.set(i, j + n, -im);
      big.set(i + n, j, im);
    }
  const evd = new EigenvalueDecomposition(big, { assumeSymmetric: false });
  return { re: evd.realEigenvalues, im: evd.imaginaryEigenvalues };
}

/** All rods (h, k) whose in-plane 1/d² is within the Q-sphere. */
function enumerateRods(metric: ReciprocalMetric, sMax: number): [number, number][] {
  const hMax = Math.ceil(Math.sqrt(sMax / Math.min(metric.a0, metric.b0)) * 2) + 1;
  const rods: [number, number][] = [];
  for (let h = -hMax; h <= hMax; h++)
    for (let k = -hMax; k <= hMax; k++) {
      const s = h * h * metric.a0 + k * k * metric.b0 + h * k * metric.d0;
      if (s <= sMax * (1 + 1e-12)) rods.push([h, k]);
    }
  return rods;
}

type RodMap = readonly [number, number, number, number]; // (h,k) → (m0 h + m1 k, m2 h + m3 k)
const IDENTITY: RodMap = [1, 0, 0, 1];
/** The 12 maps of the hexagonal 2-D lattice (rotations by 60° and the mirror (h,k) → (k,h)). */
function hexagonalMaps(): RodMap[] {
  const rot: RodMap = [0, -1, 1, 1]; // (h,k) → (−k, h+k)
  const mir: RodMap = [0, 1, 1, 0];
  const mul = (a: RodMap, b: RodMap): RodMap => [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
  ];
  const out: RodMap[] = [];
  let r: RodMap = IDENTITY;
  for (let i = 0; i < 6; i++) {
    out.push(r, mul(r, mir));
    r = mul(rot, r);
  }
  return out;
}

/**
 * Rod maps that leave I(h,k,l) unchanged, found numerically (every rod, a few l values) — the
 * diffraction symmetry of the model, used to integrate one rod per orbit.
 */
function findRodSymmetry(
  model: FaultedModel,
  metric: ReciprocalMetric,
  rods: [number, number][],
  rodOpts: ConstructorParameters<typeof RodEvaluator>[4],
  evaluate: (rod: RodEvaluator, l: number) => number,
  sMax: number,
): RodMap[] {
  const hex = Math.abs(model.cell.gammaDeg - 120) < 1e-6 && Math.abs(model.cell.a - model.cell.b) < 1e-9;
  const candidates = hex ? hexagonalMaps() : [IDENTITY, [-1, 0, 0, -1] as RodMap];
  const probeL = [0.1234, 0.377, 0.6181, 1.2345];
  const cache = new Map<string, number[]>();
  const values = (h: number, k: number): number[] => {
    const key = `${h},${k}`;
    let v = cache.get(key);
    if (!v) {
      const rod = new RodEvaluator(model, h, k, metric, rodOpts);
      const lMax = Math.sqrt(Math.max(0, sMax - rod.sHk) / metric.c0);
      v = probeL.filter((l) => l <= lMax || lMax === 0).map((l) => evaluate(rod, l));
      cache.set(key, v);
    }
    return v;
  };
  const keep: RodMap[] = [];
  for (const m of candidates) {
    let ok = true;
    for (const [h, k] of rods) {
      if (h === 0 && k === 0) continue;
      const a = values(h, k);
      const b = values(m[0] * h + m[1] * k, m[2] * h + m[3] * k);
      for (let i = 0; i < a.length && ok; i++)
        if (Math.abs(a[i] - b[i]) > SYMMETRY_TOLERANCE * (Math.abs(a[i]) + Math.abs(b[i]) + 1e-30))
          ok = false;
      if (!ok) break;
    }
    if (ok) keep.push(m);
  }
  return keep;
}

function rodOrbits(
  rods: [number, number][],
  maps: RodMap[],
): { rep: [number, number]; multiplicity: number }[] {
  const seen = new Set<string>();
  const out: { rep: [number, number]; multiplicity: number }[] = [];
  for (const [h, k] of rods) {
    const key = `${h},${k}`;
    if (seen.has(key)) continue;
    const orbit = new Set<string>();
    for (const m of maps) orbit.add(`${m[0] * h + m[1] * k},${m[2] * h + m[3] * k}`);
    for (const o of orbit) seen.add(o);
    out.push({ rep: [h, k], multiplicity: orbit.size });
  }
  return out;
}

/** A random explicit sequence: first layer type from g, then the rows of α (DIFFaX GETLAY idea). */
export function randomSequence(model: FaultedModel, g: Float64Array, layers: number, rng: Rng): Int32Array {
  if (!(Number.isInteger(layers) && layers >= 1))
    throw new InputError('number of layers must be a positive integer', {
      field: 'layers',
      found: String(layers),
    });
  const n = model.transitions.length;
  const seq = new Int32Array(layers);
  const pick = (p: (j: number) => number): number => {
    const u = rng.next();
    let acc = 0;
    for (let j = 0; j < n; j++) {
      acc += p(j);
      if (u < acc) return j;
    }
    for (let j = n - 1; j >= 0; j--) if (p(j) > 0) return j;
    return n - 1;
  };
  seq[0] = pick((j) => g[j]);
  for (let q = 1; q < layers; q++) {
    const i = seq[q - 1];
    seq[q] = pick((j) => model.transitions[i][j].probability);
  }
  return seq;
}
