import { InputError } from '../core/errors.ts';

/**
 * Pseudo-Voigt peak shape with Caglioti width: FWHM² = U·tan²θ + V·tanθ + W (FWHM in degrees 2θ,
 * U, V, W in deg²), η = Lorentzian fraction (Thompson–Cox–Hastings simplified to a fixed η).
 * Caglioti, Paoletti & Ricci, Nucl. Instrum. 3, 223 (1958), doi:10.1016/0369-643X(58)90029-X.
 */
export interface ProfileParameters {
  U: number;
  V: number;
  W: number;
  /** Lorentzian mixing 0…1. */
  eta: number;
  /** Grid step in degrees 2θ. */
  step: number;
}

/** Axis for the returned profile: 2θ (deg), d (Å) or Q = 4π sinθ/λ (Å⁻¹). */
export type ProfileAxis = 'twoTheta' | 'd' | 'q';

export const DEFAULT_PROFILE: ProfileParameters = { U: 0.004, V: -0.002, W: 0.004, eta: 0.5, step: 0.01 };

const LN2 = Math.LN2;
/** Peaks are evaluated within this many FWHM of their centre (Lorentzian tail beyond holds < 0.7 % of the area). */
const WINDOW_FWHM = 50;

export function validateProfile(p: ProfileParameters): void {
  for (const k of ['U', 'V', 'W', 'eta', 'step'] as const)
    if (!Number.isFinite(p[k]))
      throw new InputError('profile parameter is not a number', {
        field: `profile.${k}`,
        found: String(p[k]),
      });
  if (p.eta < 0 || p.eta > 1)
    throw new InputError('η must lie between 0 and 1', { field: 'profile.eta', found: String(p.eta) });
  if (!(p.step > 0)) throw new InputError('step must be > 0°', { field: 'step', found: String(p.step) });
}

/** FWHM in degrees at Bragg angle θ (radians); throws if U, V, W give a non-positive width there. */
export function cagliotiFwhm(p: ProfileParameters, theta: number): number {
  const t = Math.tan(theta);
  const h2 = p.U * t * t + p.V * t + p.W;
  if (!(h2 > 0))
    throw new InputError('Caglioti U, V, W give a non-positive peak width', {
      field: 'profile',
      found: `U=${p.U}, V=${p.V}, W=${p.W} at 2θ = ${((2 * theta * 180) / Math.PI).toFixed(2)}°`,
      expected: 'U·tan²θ + V·tanθ + W > 0 over the whole range',
    });
  return Math.sqrt(h2);
}

/**
 * Sums area-normalised pseudo-Voigt peaks (integrated intensity `area[i]` at `center[i]`, degrees)
 * on the grid x0, x0+step, … (n points). Returns intensity per degree 2θ.
 */
export function sumPseudoVoigt(
  centers: Float64Array,
  areas: Float64Array,
  p: ProfileParameters,
  x0: number,
  n: number,
): Float64Array {
  const y = new Float64Array(n);
  const gNorm = 2 * Math.sqrt(LN2 / Math.PI);
  const degToRad = Math.PI / 180;
  for (let i = 0; i < centers.length; i++) {
    const c = centers[i];
    const H = cagliotiFwhm(p, (c / 2) * degToRad);
    const a = areas[i];
    const gAmp = (a * (1 - p.eta) * gNorm) / H;
    const lAmp = (a * p.eta * 2) / (Math.PI * H);
    const gK = (4 * LN2) / (H * H);
    const lK = 4 / (H * H);
    const lo = Math.max(0, Math.ceil((c - WINDOW_FWHM * H - x0) / p.step));
    const hi = Math.min(n - 1, Math.floor((c + WINDOW_FWHM * H - x0) / p.step));
    for (let j = lo; j <= hi; j++) {
      const dx = x0 + j * p.step - c;
      const dx2 = dx * dx;
      y[j] += gAmp * Math.exp(-gK * dx2) + lAmp / (1 + lK * dx2);
    }
  }
  return y;
}
