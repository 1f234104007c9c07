import { InputError } from '../../core/errors.ts';
import type { InstrumentBroadening } from './diffax.ts';

const DEG = Math.PI / 180;
const LN2 = Math.LN2;
/** Profiles are summed out to this many FWHM (the Lorentzian tail beyond holds < 1.3 % of its area). */
const WINDOW_FWHM = 25;
/**
 * Where a bin's content sits when it is broadened, in steps from its lower edge: 0 = at the bin's
 * label 2θ_i (the DIFFaX/GSAS-II convention, which the reference files follow; it places features
 * up to half a step, 0.01° for 0.02° bins, low).
 */
const BIN_POSITION = 0;

/** FWHM (degrees 2θ) of the instrument function at Bragg angle θ (radians). */
export function instrumentFwhm(b: InstrumentBroadening, theta: number): number {
  if (b.kind === 'none') return 0;
  if (b.kind === 'gaussian' || b.kind === 'lorentzian') return b.fwhmDeg;
  const t = Math.tan(theta);
  const h2 = b.u * t * t + b.v * t + b.w;
  if (!(h2 > 0))
    throw new InputError('pseudo-Voigt u, v, w give a non-positive width', {
      field: 'broadening',
      found: `u=${b.u}, v=${b.v}, w=${b.w} at 2θ = ${((2 * theta) / DEG).toFixed(2)}°`,
      expected: 'u·tan²θ + v·tanθ + w > 0 over the range',
    });
  return Math.sqrt(h2);
}

/**
 * Convolves a binned spectrum (integrated intensity per bin, bins of width `step` starting at x[i])
 * with an area-normalised instrument profile centred on each bin centre; returns intensity per degree.
 * Gaussian, Lorentzian, or pseudo-Voigt η·L + (1−η)·G with FWHM² = u tan²θ + v tanθ + w.
 */
export function broaden(
  x: Float64Array,
  y: Float64Array,
  step: number,
  b: InstrumentBroadening,
): Float64Array {
  const n = y.length;
  const out = new Float64Array(n);
  if (b.kind === 'none') {
    for (let i = 0; i < n; i++) out[i] = y[i] / step;
    return out;
  }
  const eta = b.kind === 'lorentzian' ? 1 : b.kind === 'gaussian' ? 0 : b.sigma;
  const gNorm = 2 * Math.sqrt(LN2 / Math.PI);
  for (let i = 0; i < n; i++) {
    const a = y[i];
    if (a === 0) continue;
    const off = BIN_POSITION;
    const c = x[i] + step * off;
    const H = instrumentFwhm(b, (c / 2) * DEG);
    if (H <= 0) {
      out[i] += a / step;
      continue;
    }
    const gAmp = ((1 - eta) * gNorm) / H;
    const lAmp = (eta * 2) / (Math.PI * H);
    const gK = (4 * LN2) / (H * H);
    const lK = 4 / (H * H);
    const reach = Math.ceil((WINDOW_FWHM * H) / step);
    const lo = Math.max(0, i - reach);
    const hi = Math.min(n - 1, i + reach);
    // Normalise the sampled kernel so a bin's area is conserved even for widths near the step.
    let norm = 0;
    for (let j = i - reach; j <= i + reach; j++) {
      const dx = (j - i - off) * step;
      norm += (gAmp * Math.exp(-gK * dx * dx) + lAmp / (1 + lK * dx * dx)) * step;
    }
    for (let j = lo; j <= hi; j++) {
      const dx = (j - i - off) * step;
      out[j] += (a * (gAmp * Math.exp(-gK * dx * dx) + lAmp / (1 + lK * dx * dx))) / norm;
    }
  }
  return out;
}
