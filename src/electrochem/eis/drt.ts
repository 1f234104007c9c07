/**
 * Distribution of relaxation times by Tikhonov regularisation (after pyDRTtools, MIT; T. H. Wan,
 * M. Saccoccio, C. Chen, F. Ciucci, Electrochim. Acta 184 (2015) 483, doi:10.1016/j.electacta.2015.09.097).
 *
 *   Z(ω) = R∞ [+ jωL] + ∫ γ(ln τ)/(1 + jωτ) d ln τ,     γ(ln τ) = Σ_m x_m φ(ε (ln τ − ln τ_m))
 *
 * with Gaussian RBFs φ(u) = exp(−u²) centred on a log-τ grid (one per measured frequency, spanning
 * 1/(2πf_max)…1/(2πf_min)), shape ε = c·2√ln2/Δ(ln τ) (c = 0.5 → FWHM = 2 grid steps, pyDRTtools'
 * default "FWHM coefficient"). The non-negative solution minimises
 *   ‖A x − Z‖² + λ ‖D^(k) γ‖²   (k = 1 or 2; D^(k)γ = k-th derivative in ln τ, integrated)
 * solved as NNLS on the augmented system [A; √λ P] x ≈ [Z; 0] (P: derivative of the RBF expansion
 * sampled on a fine grid with quadrature weights, so ‖Px‖² ≈ ∫ (γ^(k))² d ln τ).
 *
 * τ convention: the kernel always uses the physical time constant (1/(1 + jωτ), ω = 2πf). With
 * tauConvention '1/(2πf)' (default) τ is reported as is and a peak at τ corresponds to f = 1/(2πτ);
 * with '1/f' every τ is reported multiplied by 2π (τ = 1/f at the characteristic frequency).
 */

import { InputError } from '../../core/errors.ts';
import { choleskySolve, nnlsNormal } from '../../core/numerics/index.ts';
import type { SpectrumData } from './spectrumTypes.ts';

export type TauConvention = '1/(2πf)' | '1/f';
export type LambdaMethod = 'gcv' | 'lcurve';

export interface DrtOptions {
  /** Fixed regularisation parameter λ; otherwise chosen by `lambdaMethod`. */
  lambda?: number;
  lambdaMethod?: LambdaMethod;
  /** Order of the derivative in the penalty (1 or 2; default 1). */
  derivative?: 1 | 2;
  /** Which data to fit (default 'combined'). */
  data?: 'combined' | 'real' | 'imag';
  /** Add a series inductance (sign-free) (default: true when some Z'' > 0). */
  inductance?: boolean;
  /** RBF FWHM coefficient (default 0.5). */
  shapeCoefficient?: number;
  tauConvention?: TauConvention;
  /** Points per decade of the output γ(τ) grid (default 20). */
  outputPointsPerDecade?: number;
  /** λ search range (log10), default [−8, 1]. */
  lambdaRange?: [number, number];
}

export interface DrtPeak {
  tau: number;
  frequencyHz: number;
  /** γ at the peak, Ω. */
  gamma: number;
  /** ∫γ d ln τ over the peak (between the neighbouring minima), Ω. */
  resistance: number;
  /** resistance / total polarisation resistance. */
  share: number;
  /** Full width at half maximum, decades of τ. */
  fwhmDecades: number;
  /** Frequencies of the half-maximum points [low, high], Hz. */
  frequencyRangeHz: [number, number];
}

export interface DrtResult {
  lambda: number;
  lambdaMethod: LambdaMethod | 'fixed';
  tauConvention: TauConvention;
  derivative: 1 | 2;
  dataUsed: 'combined' | 'real' | 'imag';
  rInf: number;
  inductanceH: number | null;
  /** Output grid τ, s (in the chosen convention). */
  tau: number[];
  /** γ(ln τ), Ω. */
  gamma: number[];
  /** ∫ γ d ln τ, Ω. */
  polarizationResistance: number;
  peaks: DrtPeak[];
  /** RBF weights and centres (τ in the chosen convention). */
  weights: number[];
  centres: number[];
  fitted: { frequencyHz: number[]; zReal: number[]; zImag: number[] };
  /** ‖A x − Z‖ (Ω) and ‖P x‖ at the chosen λ. */
  residualNorm: number;
  penaltyNorm: number;
  /** The λ scan used for the choice (empty when λ was given). */
  lambdaScan: { lambda: number; score: number }[];
  warnings: string[];
}

const QUAD_POINTS = 241;
/** (ε u)² beyond which an RBF value is treated as 0 (e^−300 ≈ 5e−131; avoids subnormal arithmetic). */
const RBF_CUTOFF = 300;
const QUAD_HALF_WIDTH = 6; // in units of 1/ε: φ < e^-36 beyond

/**
 * Kernel integral ∫ φ(ε u)·[1, −x]/(1 + x²) du with x = e^(s + u) (trapezoid rule): real part into
 * out[0], imaginary part into out[1]. `phi` holds the weighted RBF samples, `ex` = e^u.
 */
function kernelAt(s: number, phi: Float64Array, ex: Float64Array, out: Float64Array): void {
  const wt = Math.exp(s);
  let sr = 0;
  let si = 0;
  for (let q = 0; q < QUAD_POINTS; q++) {
    const x = wt * ex[q];
    const d = 1 / (1 + x * x);
    sr += phi[q] * d;
    si -= phi[q] * x * d;
  }
  out[0] = sr;
  out[1] = si;
}

/**
 * Assembles the real and imaginary kernel matrices (n × M, row-major) for RBF centres yc (ln τ).
 * When the frequencies lie on the centres' log grid (ln ω_i = ln ω_min + p_i·Δ, p_i integer, the
 * usual log-spaced sweep) an entry depends only on p_i + m, so only 2M − 1 distinct integrals are
 * computed (the Toeplitz/Hankel structure pyDRTtools also exploits); otherwise every entry is computed.
 */
export function drtMatrices(
  omega: Float64Array,
  yc: Float64Array,
  eps: number,
): { aRe: Float64Array; aIm: Float64Array } {
  const n = omega.length;
  const M = yc.length;
  const aRe = new Float64Array(n * M);
  const aIm = new Float64Array(n * M);
  const h = (2 * QUAD_HALF_WIDTH) / eps / (QUAD_POINTS - 1);
  const phi = new Float64Array(QUAD_POINTS);
  const ex = new Float64Array(QUAD_POINTS);
  for (let q = 0; q < QUAD_POINTS; q++) {
    const u = -QUAD_HALF_WIDTH / eps + q * h;
    phi[q] = Math.exp(-((eps * u) ** 2)) * h * (q === 0 || q === QUAD_POINTS - 1 ? 0.5 : 1);
    ex[q] = Math.exp(u);
  }
  const out = new Float64Array(2);
  // Grid test: ln ω_i = ln ω_min + p_i Δ with Δ the centre spacing, p_i integer (to 1e-9).
  const dy = M > 1 ? yc[1] - yc[0] : 0;
  let lnWMin = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) lnWMin = Math.min(lnWMin, Math.log(omega[i]));
  const p = new Int32Array(n);
  let onGrid = M > 1 && dy > 0;
  for (let i = 0; i < n && onGrid; i++) {
    const t = (Math.log(omega[i]) - lnWMin) / dy;
    p[i] = Math.round(t);
    if (Math.abs(t - p[i]) > 1e-9) onGrid = false;
  }
  if (onGrid) {
    // ln(ω_i τ_m) = (lnWMin + yc[0]) + (p_i + m)Δ
    const base = lnWMin + yc[0];
    let kMax = 0;
    for (let i = 0; i < n; i++) kMax = Math.max(kMax, p[i] + M - 1);
    const cRe = new Float64Array(kMax + 1);
    const cIm = new Float64Array(kMax + 1);
    for (let k = 0; k <= kMax; k++) {
      kernelAt(base + k * dy, phi, ex, out);
      cRe[k] = out[0];
      cIm[k] = out[1];
    }
    for (let i = 0; i < n; i++)
      for (let m = 0; m < M; m++) {
        aRe[i * M + m] = cRe[p[i] + m];
        aIm[i * M + m] = cIm[p[i] + m];
      }
    return { aRe, aIm };
  }
  for (let i = 0; i < n; i++) {
    const lw = Math.log(omega[i]);
    for (let m = 0; m < M; m++) {
      kernelAt(lw + yc[m], phi, ex, out);
      aRe[i * M + m] = out[0];
      aIm[i * M + m] = out[1];
    }
  }
  return { aRe, aIm };
}

export function computeDrt(data: SpectrumData, options: DrtOptions = {}): DrtResult {
  const n = data.frequencyHz.length;
  if (n < 5) throw new InputError(`${n} points are too few for a DRT`, { expected: 'at least 5 points' });
  const derivative = options.derivative ?? 1;
  if (derivative !== 1 && derivative !== 2)
    throw new InputError('penalty derivative must be 1 or 2', {
      field: 'derivative',
      found: String(derivative),
    });
  const mode = options.data ?? 'combined';
  if (!['combined', 'real', 'imag'].includes(mode))
    throw new InputError('unknown data selection', {
      field: 'data',
      expected: 'combined, real or imag',
      found: String(mode),
    });
  const conv = options.tauConvention ?? '1/(2πf)';
  if (conv !== '1/(2πf)' && conv !== '1/f')
    throw new InputError('unknown τ convention', {
      field: 'tauConvention',
      expected: "'1/(2πf)' or '1/f'",
      found: String(conv),
    });
  const tauScale = conv === '1/f' ? 2 * Math.PI : 1;
  const warnings: string[] = [];
  const anyInductive = Array.from(data.zImag).some((v) => v > 0);
  const useL = (options.inductance ?? anyInductive) && mode !== 'real';
  const omega = Float64Array.from(data.frequencyHz, (f) => 2 * Math.PI * f);
  const wMin = Math.min(...omega);
  const wMax = Math.max(...omega);
  const M = n;
  const y0 = Math.log(1 / wMax);
  const y1 = Math.log(1 / wMin);
  const dy = (y1 - y0) / (M - 1);
  const yc = Float64Array.from({ length: M }, (_, m) => y0 + m * dy);
  const eps = ((options.shapeCoefficient ?? 0.5) * 2 * Math.sqrt(Math.LN2)) / dy;
  const { aRe, aIm } = drtMatrices(omega, yc, eps);

  // Unknowns: [R∞, (L), x_1..x_M]; rows: real and/or imaginary parts.
  const off = 1 + (useL ? 1 : 0);
  const cols = off + M;
  const rowsRe = mode !== 'imag';
  const rowsIm = mode !== 'real';
  const m = (rowsRe ? n : 0) + (rowsIm ? n : 0);
  const a = new Float64Array(m * cols);
  const b = new Float64Array(m);
  let r = 0;
  if (rowsRe)
    for (let i = 0; i < n; i++, r++) {
      a[r * cols] = 1;
      for (let k = 0; k < M; k++) a[r * cols + off + k] = aRe[i * M + k];
      b[r] = data.zReal[i];
    }
  if (rowsIm)
    for (let i = 0; i < n; i++, r++) {
      if (useL) a[r * cols + 1] = omega[i];
      for (let k = 0; k < M; k++) a[r * cols + off + k] = aIm[i * M + k];
      b[r] = data.zImag[i];
    }
  if (mode === 'imag') warnings.push('imaginary-part DRT: R∞ estimated afterwards from the real part');

  // Penalty P on a fine grid (4 samples per RBF spacing, 3 spacings beyond the ends).
  const fine = Math.round(4 * (M + 5));
  const yf0 = y0 - 3 * dy;
  const hf = (y1 - y0 + 6 * dy) / (fine - 1);
  const pen = new Float64Array(fine * cols);
  for (let k = 0; k < fine; k++) {
    const y = yf0 + k * hf;
    const sq = Math.sqrt(hf);
    for (let j = 0; j < M; j++) {
      const u = y - yc[j];
      const e2u = eps * u * (eps * u);
      // Beyond e^−300 the RBF is set to 0: its products in PᵀP would otherwise be subnormal
      // numbers, which cost ~100× a normal multiply (relative change < 1e−130).
      const g = e2u > RBF_CUTOFF ? 0 : Math.exp(-e2u);
      const e2 = eps * eps;
      const d = derivative === 1 ? -2 * e2 * u * g : (4 * e2 * e2 * u * u - 2 * e2) * g;
      pen[k * cols + off + j] = sq * d;
    }
  }
  const ata = gram(a, m, cols);
  const atb = new Float64Array(cols);
  for (let i = 0; i < m; i++) for (let j = 0; j < cols; j++) atb[j] += a[i * cols + j] * b[i];
  let btb = 0;
  for (let i = 0; i < m; i++) btb += b[i] * b[i];
  const ptp = gram(pen, fine, cols);
  // Tiny fixed ridge on R∞/L keeps the unpenalised block invertible in the GCV algebra.
  const free = Array.from({ length: cols }, (_, j) => useL && j === 1);

  const solveAt = (lambda: number) => {
    const h = new Float64Array(cols * cols);
    for (let i = 0; i < h.length; i++) h[i] = ata[i] + lambda * ptp[i];
    const res = nnlsNormal(h, atb, cols, { free });
    return res.x;
  };
  const norms = (x: Float64Array) => {
    let rr = 0;
    for (let i = 0; i < m; i++) {
      let s = -b[i];
      for (let j = 0; j < cols; j++) s += a[i * cols + j] * x[j];
      rr += s * s;
    }
    let pp = 0;
    for (let k = 0; k < fine; k++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += pen[k * cols + j] * x[j];
      pp += s * s;
    }
    return { res: Math.sqrt(rr), pen: Math.sqrt(pp) };
  };

  let lambda: number;
  let method: DrtResult['lambdaMethod'];
  const scan: { lambda: number; score: number }[] = [];
  const [lo, hi] = options.lambdaRange ?? [-8, 1];
  if (options.lambda !== undefined) {
    if (!(options.lambda >= 0) || !Number.isFinite(options.lambda))
      throw new InputError('λ must be a non-negative number', {
        field: 'lambda',
        found: String(options.lambda),
      });
    lambda = options.lambda;
    method = 'fixed';
  } else if ((options.lambdaMethod ?? 'gcv') === 'gcv') {
    method = 'gcv';
    const gcv = gcvFunction(a, ata, atb, btb, ptp, cols, m);
    let best = Number.POSITIVE_INFINITY;
    lambda = 10 ** lo;
    for (let e = lo; e <= hi + 1e-9; e += 0.25) {
      const lam = 10 ** e;
      const s = gcv(lam);
      scan.push({ lambda: lam, score: s });
      if (s < best) {
        best = s;
        lambda = lam;
      }
    }
    // Golden-section refinement on log10 λ within ±0.25 decade.
    let a1 = Math.log10(lambda) - 0.25;
    let b1 = Math.log10(lambda) + 0.25;
    const gr = (Math.sqrt(5) - 1) / 2;
    // Golden section: one new GCV evaluation per step (the other interior point is reused).
    let c1 = b1 - gr * (b1 - a1);
    let d1 = a1 + gr * (b1 - a1);
    let fc = gcv(10 ** c1);
    let fd = gcv(10 ** d1);
    for (let it = 0; it < 15; it++) {
      if (fc < fd) {
        b1 = d1;
        d1 = c1;
        fd = fc;
        c1 = b1 - gr * (b1 - a1);
        fc = gcv(10 ** c1);
      } else {
        a1 = c1;
        c1 = d1;
        fc = fd;
        d1 = a1 + gr * (b1 - a1);
        fd = gcv(10 ** d1);
      }
    }
    lambda = 10 ** ((a1 + b1) / 2);
    if (Math.log10(lambda) <= lo + 0.3 || Math.log10(lambda) >= hi - 0.3)
      warnings.push(
        `GCV minimum at the edge of the λ range 1e${lo}…1e${hi}: choose λ by hand or widen the range`,
      );
  } else {
    method = 'lcurve';
    const pts: { e: number; rho: number; eta: number }[] = [];
    for (let e = lo; e <= hi + 1e-9; e += 0.25) {
      const { res, pen: p } = norms(solveAt(10 ** e));
      pts.push({ e, rho: Math.log(Math.max(res, 1e-300)), eta: Math.log(Math.max(p, 1e-300)) });
    }
    // Curvature of the parametric curve (ρ(e), η(e)) by central differences.
    let bestK = Number.NEGATIVE_INFINITY;
    lambda = 10 ** pts[Math.floor(pts.length / 2)].e;
    for (let k = 1; k < pts.length - 1; k++) {
      const h = pts[k + 1].e - pts[k].e;
      const r1 = (pts[k + 1].rho - pts[k - 1].rho) / (2 * h);
      const e1 = (pts[k + 1].eta - pts[k - 1].eta) / (2 * h);
      const r2 = (pts[k + 1].rho - 2 * pts[k].rho + pts[k - 1].rho) / (h * h);
      const e2 = (pts[k + 1].eta - 2 * pts[k].eta + pts[k - 1].eta) / (h * h);
      const kappa = (r1 * e2 - r2 * e1) / (r1 * r1 + e1 * e1) ** 1.5;
      scan.push({ lambda: 10 ** pts[k].e, score: kappa });
      if (Number.isFinite(kappa) && kappa > bestK) {
        bestK = kappa;
        lambda = 10 ** pts[k].e;
      }
    }
  }

  const x = solveAt(lambda);
  const { res: residualNorm, pen: penaltyNorm } = norms(x);
  let rInf = x[0];
  const weights = Array.from(x.subarray(off));
  // Model at the data points.
  const fitRe: number[] = [];
  const fitIm: number[] = [];
  for (let i = 0; i < n; i++) {
    let sr = 0;
    let si = useL ? omega[i] * x[1] : 0;
    for (let k = 0; k < M; k++) {
      sr += aRe[i * M + k] * x[off + k];
      si += aIm[i * M + k] * x[off + k];
    }
    fitRe.push(sr);
    fitIm.push(si);
  }
  if (mode === 'imag') {
    let s = 0;
    for (let i = 0; i < n; i++) s += data.zReal[i] - fitRe[i];
    rInf = Math.max(0, s / n);
  }
  for (let i = 0; i < n; i++) fitRe[i] += rInf;

  // γ on the output grid.
  const ppd = options.outputPointsPerDecade ?? 20;
  const decades = (y1 - y0) / Math.LN10;
  const nOut = Math.max(2, Math.round(decades * ppd) + 1);
  const yOut = Float64Array.from({ length: nOut }, (_, k) => y0 + ((y1 - y0) * k) / (nOut - 1));
  const gamma = Array.from(yOut, (y) => {
    let s = 0;
    for (let j = 0; j < M; j++) s += weights[j] * Math.exp(-((eps * (y - yc[j])) ** 2));
    return s;
  });
  const rbfArea = Math.sqrt(Math.PI) / eps;
  const polarizationResistance = weights.reduce((s, v) => s + v, 0) * rbfArea;
  const peaks = findPeaks(yOut, gamma, polarizationResistance, tauScale);
  return {
    lambda,
    lambdaMethod: method,
    tauConvention: conv,
    derivative,
    dataUsed: mode,
    rInf,
    inductanceH: useL ? x[1] : null,
    tau: Array.from(yOut, (y) => Math.exp(y) * tauScale),
    gamma,
    polarizationResistance,
    peaks,
    weights,
    centres: Array.from(yc, (y) => Math.exp(y) * tauScale),
    fitted: { frequencyHz: Array.from(data.frequencyHz), zReal: fitRe, zImag: fitIm },
    residualNorm,
    penaltyNorm,
    lambdaScan: scan,
    warnings,
  };
}

function gram(a: Float64Array, m: number, n: number): Float64Array {
  const g = new Float64Array(n * n);
  for (let r = 0; r < m; r++) {
    const o = r * n;
    for (let i = 0; i < n; i++) {
      const ai = a[o + i];
      if (ai === 0) continue;
      for (let j = i; j < n; j++) g[i * n + j] += ai * a[o + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) g[i * n + j] = g[j * n + i];
  return g;
}

/**
 * GCV(λ) = m‖(I − K)b‖²/(m − tr K)² for the unconstrained Tikhonov solution, K = A H⁻¹ Aᵀ,
 * H = AᵀA + λPᵀP (Golub, Heath, Wahba 1979), evaluated from the normal equations with a Cholesky
 * factor H = LLᵀ for every λ. tr K = tr(H⁻¹AᵀA) = ‖L⁻¹Rᵀ‖_F² with AᵀA = RᵀR (R from one Householder
 * QR of A): a triangular solve with a triangular right-hand side, n³/6 per λ. (A simultaneous
 * diagonalisation would make each λ O(n), but PᵀP of a Gaussian basis is too ill-conditioned for
 * it: tried and rejected.) Nothing is allocated per call.
 */
function gcvFunction(
  a: Float64Array,
  ata: Float64Array,
  atb: Float64Array,
  btb: number,
  ptp: Float64Array,
  n: number,
  m: number,
): (lambda: number) => number {
  let tr = 0;
  for (let i = 0; i < n; i++) tr += ata[i * n + i];
  const r = householderR(a, m, n);
  const h = new Float64Array(n * n);
  const l = new Float64Array(n * n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  return (lambda: number) => {
    for (let i = 0; i < h.length; i++) h[i] = ata[i] + lambda * ptp[i];
    for (let i = 0; i < n; i++) h[i * n + i] += 1e-14 * (tr / n); // numerical floor
    if (!choleskyRows(h, n, l)) return Number.POSITIVE_INFINITY;
    choleskySolve(l, n, atb, x);
    // ‖Ax − b‖² = xᵀAᵀAx − 2xᵀAᵀb + bᵀb
    let q = 0;
    let lin = 0;
    for (let i = 0; i < n; i++) {
      lin += x[i] * atb[i];
      let s = 0;
      for (let j = 0; j < n; j++) s += ata[i * n + j] * x[j];
      q += x[i] * s;
    }
    const rss = Math.max(q - 2 * lin + btb, 0);
    // tr K = Σ_j ‖L⁻¹ (Rᵀ e_j)‖²; column j of Rᵀ (= row j of R) is zero above row j.
    let trK = 0;
    for (let j = 0; j < n; j++) {
      const rj = j * n;
      for (let i = j; i < n; i++) {
        const li = i * n;
        let s = r[rj + i];
        for (let k = j; k < i; k++) s -= l[li + k] * y[k];
        const v = s / l[li + i];
        y[i] = v;
        trK += v * v;
      }
    }
    const den = m - trK;
    return den > 0 ? (m * rss) / (den * den) : Number.POSITIVE_INFINITY;
  };
}

/** Cholesky factor (lower, row-major) with hoisted row offsets; false when not positive definite. */
function choleskyRows(a: Float64Array, n: number, l: Float64Array): boolean {
  for (let i = 0; i < n; i++) {
    const li = i * n;
    for (let j = 0; j <= i; j++) {
      const lj = j * n;
      let sum = a[li + j];
      for (let k = 0; k < j; k++) sum -= l[li + k] * l[lj + k];
      if (i === j) {
        if (!(sum > 0) || !Number.isFinite(sum)) return false;
        l[li + i] = Math.sqrt(sum);
      } else l[li + j] = sum / l[lj + j];
    }
  }
  return true;
}

/** Upper-triangular R (n×n, row-major) of a Householder QR of the m×n row-major matrix a. */
function householderR(aIn: Float64Array, m: number, n: number): Float64Array {
  const a = Float64Array.from(aIn);
  const v = new Float64Array(m);
  for (let k = 0; k < Math.min(m, n); k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += a[i * n + k] * a[i * n + k];
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const alpha = a[k * n + k] > 0 ? -norm : norm;
    for (let i = k; i < m; i++) v[i] = a[i * n + k];
    v[k] -= alpha;
    let vv = 0;
    for (let i = k; i < m; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i] * a[i * n + j];
      const f = (2 * s) / vv;
      for (let i = k; i < m; i++) a[i * n + j] -= f * v[i];
    }
  }
  const r = new Float64Array(n * n);
  for (let i = 0; i < Math.min(m, n); i++) for (let j = i; j < n; j++) r[i * n + j] = a[i * n + j];
  return r;
}

function findPeaks(y: Float64Array, g: number[], total: number, tauScale: number): DrtPeak[] {
  const n = g.length;
  const gmax = Math.max(...g);
  const peaks: DrtPeak[] = [];
  if (!(gmax > 0)) return peaks;
  for (let k = 0; k < n; k++) {
    const left = k === 0 ? Number.NEGATIVE_INFINITY : g[k - 1];
    const right = k === n - 1 ? Number.NEGATIVE_INFINITY : g[k + 1];
    if (!(g[k] > left && g[k] >= right && g[k] > 0.01 * gmax)) continue;
    // Region between the neighbouring minima.
    let a = k;
    while (a > 0 && g[a - 1] <= g[a]) a--;
    let b = k;
    while (b < n - 1 && g[b + 1] <= g[b]) b++;
    let area = 0;
    for (let i = a; i < b; i++) area += 0.5 * (g[i] + g[i + 1]) * (y[i + 1] - y[i]);
    // Half-maximum crossings (linear interpolation) inside the region.
    const half = g[k] / 2;
    let yl = y[a];
    for (let i = k; i > a; i--)
      if (g[i - 1] < half) {
        yl = y[i - 1] + ((half - g[i - 1]) / (g[i] - g[i - 1])) * (y[i] - y[i - 1]);
        break;
      }
    let yr = y[b];
    for (let i = k; i < b; i++)
      if (g[i + 1] < half) {
        yr = y[i] + ((g[i] - half) / (g[i] - g[i + 1])) * (y[i + 1] - y[i]);
        break;
      }
    const tau = Math.exp(y[k]);
    peaks.push({
      tau: tau * tauScale,
      frequencyHz: 1 / (2 * Math.PI * tau),
      gamma: g[k],
      resistance: area,
      share: total > 0 ? area / total : 0,
      fwhmDecades: (yr - yl) / Math.LN10,
      frequencyRangeHz: [1 / (2 * Math.PI * Math.exp(yr)), 1 / (2 * Math.PI * Math.exp(yl))],
    });
  }
  return peaks;
}
