/**
 * Linear Kramers–Kronig test (Boukamp 1995; automatic M by Schönleber et al., Electrochim. Acta 131
 * (2014) 20, doi:10.1016/j.electacta.2014.01.034).
 *
 * Model: Ẑ(ω) = R0 + Σ_k R_k/(1 + jωτ_k) [+ jωL] [+ 1/(jωC)], with M time constants fixed and
 * log-spaced from τ_1 = 1/ω_max to τ_M = 1/ω_min (ω = 2πf; Schönleber's definition — impedance.py's
 * older linKK used 2π/f instead). The model is linear in (R0, R_k, L, 1/C), solved by weighted least
 * squares (weights 1/|Z| on real and imaginary rows, i.e. complex fit with modulus weighting).
 *
 * μ = 1 − Σ_{R_k<0}|R_k| / Σ_{R_k≥0}|R_k|; M grows from 1 until μ ≤ c (default 0.85): fewer RC
 * elements under-fit, more over-fit (negative R_k appear). The residuals Δ'/|Z|, Δ''/|Z| are the test:
 * a KK-compliant (linear, causal, stable, time-invariant) spectrum gives residuals at noise level.
 *
 * Under-fitting guard (natrium's addition, `underfitRatio`): μ < 1 also happens while the model is
 * still too coarse. A relaxation narrower than the τ grid spacing (an ideal RC arc, e.g.
 * Circuit3_EIS_1.z) is matched by a positive R_k next to negative neighbours (ringing), so μ dips
 * below c at M = 3…5 with residuals of 30–50 % and oscillates with M as grid points move onto or
 * off the arc. This is the opposite of the over-fitting the μ criterion is meant to detect. The
 * guard accepts μ ≤ c only once the pseudo-χ² has come within `underfitRatio` (default 10) of the
 * smallest pseudo-χ² among all M ≤ maxM with μ ≤ c (the fit's floor: noise or non-KK error).
 * On noise-free data the floor keeps falling with M and a large, over-fitted M is chosen; the
 * residuals (the verdict) are then tiny anyway.
 * On broad spectra (Schönleber's case: μ ≈ 1 until resolved) the guard changes nothing;
 * `underfitRatio: null` gives the plain first-μ ≤ c rule (as impedance.py's linKK).
 */
import { InputError } from '../../core/errors.ts';
import { leastSquaresQr } from '../../core/numerics/index.ts';
import type { SpectrumData } from './spectrumTypes.ts';

export interface LinKKOptions {
  /** μ threshold (default 0.85, Schönleber's value). */
  c?: number;
  /** Largest number of RC elements tried (default 50, and at most N − 2). */
  maxM?: number;
  /** Fix M instead of choosing it by μ. */
  M?: number;
  /** Add a series inductance (default true: most real cells show HF inductance). */
  inductance?: boolean;
  /** Add a series capacitance (blocking electrodes). */
  capacitance?: boolean;
  /**
   * Under-fitting guard: accept μ ≤ c only when pseudo-χ²(M) ≤ underfitRatio · (lowest pseudo-χ²
   * among the M ≤ maxM with μ ≤ c). Default 10; null disables it (plain Schönleber rule).
   */
  underfitRatio?: number | null;
}

export interface LinKKResult {
  M: number;
  mu: number;
  c: number;
  /** Time constants τ_k, s (τ = 1/ω convention). */
  tau: number[];
  /** R_k, Ω. */
  resistances: number[];
  R0: number;
  inductanceH: number | null;
  capacitanceF: number | null;
  frequencyHz: number[];
  /** (Z − Ẑ)/|Z| for Z' and Z''. */
  residualsReal: number[];
  residualsImag: number[];
  /** max |residual| over both parts. */
  maxAbsResidual: number;
  /** Σ residuals² (modulus-weighted pseudo-χ²). */
  chi2: number;
  fittedReal: number[];
  fittedImag: number[];
  /** True if μ ≤ c was reached (automatic mode). */
  criterionMet: boolean;
  /** How M was chosen. */
  rule: string;
  /** Automatic mode: μ and pseudo-χ² for every M tried (index 0 ↔ M = 1); empty with a fixed M. */
  muByM: number[];
  chi2ByM: number[];
}

/** Default under-fitting guard (pseudo-χ² within 10× its floor ≈ rms residual within ~3×). [P] */
export const DEFAULT_UNDERFIT_RATIO = 10;

export function linKK(data: SpectrumData, options: LinKKOptions = {}): LinKKResult {
  const n = data.frequencyHz.length;
  const c = options.c ?? 0.85;
  const useL = options.inductance ?? true;
  const useC = options.capacitance ?? false;
  const extra = 1 + (useL ? 1 : 0) + (useC ? 1 : 0);
  const maxM = Math.min(options.maxM ?? 50, 2 * n - extra - 1);
  if (maxM < 1)
    throw new InputError(`${n} points are too few for a Kramers–Kronig test`, {
      expected: 'at least 3 points',
    });
  if (!(c > 0 && c <= 1))
    throw new InputError('μ threshold must be in (0, 1]', { field: 'c', found: String(c) });
  const w = Float64Array.from(data.frequencyHz, (f) => 2 * Math.PI * f);
  const wMin = Math.min(...w);
  const wMax = Math.max(...w);

  const solve = (M: number) => {
    const tau = Float64Array.from({ length: M }, (_, k) =>
      M === 1 ? 1 / wMax : 10 ** (Math.log10(1 / wMax) + (k / (M - 1)) * Math.log10(wMax / wMin)),
    );
    const cols = M + extra;
    const a = new Float64Array(2 * n * cols);
    const b = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const mod = Math.hypot(data.zReal[i], data.zImag[i]);
      const wt = 1 / mod;
      const rr = i * cols;
      const ri = (n + i) * cols;
      a[rr] = wt; // R0
      for (let k = 0; k < M; k++) {
        const x = w[i] * tau[k];
        const d = 1 + x * x;
        a[rr + 1 + k] = wt / d;
        a[ri + 1 + k] = (-wt * x) / d;
      }
      let col = 1 + M;
      if (useL) a[ri + col++] = wt * w[i];
      if (useC) a[ri + col++] = -wt / w[i]; // parameter is 1/C
      b[i] = wt * data.zReal[i];
      b[n + i] = wt * data.zImag[i];
    }
    const { x, ssr } = leastSquaresQr(a, 2 * n, cols, b);
    const rk = Array.from(x.subarray(1, 1 + M));
    let neg = 0;
    let pos = 0;
    for (const r of rk) r < 0 ? (neg += -r) : (pos += r);
    const mu = pos > 0 ? 1 - neg / pos : Number.NEGATIVE_INFINITY;
    return { tau, x, rk, mu, ssr };
  };

  /** Σ [(ΔZ'/|Z|)² + (ΔZ''/|Z|)²] of a solution (the weighted least-squares residual). */
  const pseudoChi2 = (s: ReturnType<typeof solve>) => s.ssr;

  let M: number;
  let sol: ReturnType<typeof solve>;
  let met = false;
  let rule: string;
  const muByM: number[] = [];
  const chi2ByM: number[] = [];
  const guard = options.underfitRatio === undefined ? DEFAULT_UNDERFIT_RATIO : options.underfitRatio;
  if (guard !== null && !(guard >= 1))
    throw new InputError('under-fitting ratio must be ≥ 1 (or null to disable the guard)', {
      field: 'underfitRatio',
      found: String(guard),
    });
  if (options.M !== undefined) {
    if (!(Number.isInteger(options.M) && options.M >= 1 && options.M <= maxM))
      throw new InputError('number of RC elements out of range', {
        field: 'M',
        expected: `1..${maxM}`,
        found: String(options.M),
      });
    M = options.M;
    sol = solve(M);
    rule = 'fixed M';
  } else if (guard === null) {
    M = 1;
    sol = solve(1);
    muByM.push(sol.mu);
    chi2ByM.push(pseudoChi2(sol));
    while (sol.mu > c && M < maxM) {
      M++;
      sol = solve(M);
      muByM.push(sol.mu);
      chi2ByM.push(pseudoChi2(sol));
    }
    met = sol.mu <= c;
    rule = `smallest M with μ ≤ c (Schönleber 2014), no under-fitting guard`;
  } else {
    // All M up to maxM: each is one small linear least-squares problem.
    const sols: ReturnType<typeof solve>[] = [];
    for (let m = 1; m <= maxM; m++) {
      const s = solve(m);
      sols.push(s);
      muByM.push(s.mu);
      chi2ByM.push(pseudoChi2(s));
    }
    // Floor: the lowest pseudo-χ² among the M that pass the μ criterion (noise level, or the
    // non-KK error, or ~0 for noise-free data — then the best-resolved candidate is taken).
    let floor = Number.POSITIVE_INFINITY;
    for (let m = 1; m <= maxM; m++) if (muByM[m - 1] <= c) floor = Math.min(floor, chi2ByM[m - 1]);
    let pick = -1;
    for (let m = 1; m <= maxM && pick < 0; m++)
      if (muByM[m - 1] <= c && chi2ByM[m - 1] <= guard * floor) pick = m;
    met = pick > 0;
    M = met ? pick : maxM;
    sol = sols[M - 1];
    rule = `smallest M with μ ≤ c (Schönleber 2014) and pseudo-χ² ≤ ${guard}× its floor ${floor.toExponential(3)} (under-fitting guard)`;
  }
  const { x, tau, rk, mu } = sol;
  const resR: number[] = [];
  const resI: number[] = [];
  const fitR: number[] = [];
  const fitI: number[] = [];
  let chi2 = 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    let zr = x[0];
    let zi = 0;
    for (let k = 0; k < M; k++) {
      const t = w[i] * tau[k];
      const d = 1 + t * t;
      zr += rk[k] / d;
      zi -= (rk[k] * t) / d;
    }
    let col = 1 + M;
    if (useL) zi += x[col++] * w[i];
    if (useC) zi -= x[col++] / w[i];
    const mod = Math.hypot(data.zReal[i], data.zImag[i]);
    const dr = (data.zReal[i] - zr) / mod;
    const di = (data.zImag[i] - zi) / mod;
    resR.push(dr);
    resI.push(di);
    fitR.push(zr);
    fitI.push(zi);
    chi2 += dr * dr + di * di;
    maxAbs = Math.max(maxAbs, Math.abs(dr), Math.abs(di));
  }
  let col = 1 + M;
  const inductanceH = useL ? x[col++] : null;
  const capacitanceF = useC ? 1 / x[col++] : null;
  return {
    M,
    mu,
    c,
    tau: Array.from(tau),
    resistances: rk,
    R0: x[0],
    inductanceH,
    capacitanceF,
    frequencyHz: Array.from(data.frequencyHz),
    residualsReal: resR,
    residualsImag: resI,
    maxAbsResidual: maxAbs,
    chi2,
    fittedReal: fitR,
    fittedImag: fitI,
    criterionMet: options.M !== undefined ? true : met,
    rule,
    muByM,
    chi2ByM,
  };
}
