/** The user's choices for a simulated pattern, and how they map onto an /api/xrd request. */
import type { XrdRequest } from '../../api.ts';

export type Source = 'CuKa' | 'MoKa' | 'CoKa' | 'AgKa' | 'custom';

export interface XrdSettings {
  source: Source;
  /** Wavelength in Å, used when source is 'custom'. */
  customWavelength: number;
  /** Cu Kα1 + Kα2 doublet instead of the weighted-mean Kα line (Cu only). */
  kalpha2: boolean;
  twoThetaMin: number;
  twoThetaMax: number;
}

export const SOURCES: { value: Source; label: string; wavelength?: number }[] = [
  { value: 'CuKa', label: 'Cu Kα', wavelength: 1.5418 },
  { value: 'MoKa', label: 'Mo Kα', wavelength: 0.7107 },
  { value: 'CoKa', label: 'Co Kα', wavelength: 1.7903 },
  { value: 'AgKa', label: 'Ag Kα', wavelength: 0.5609 },
  { value: 'custom', label: 'Custom λ' },
];

export const DEFAULT_SETTINGS: XrdSettings = {
  source: 'CuKa',
  customWavelength: 1.5406,
  kalpha2: false,
  twoThetaMin: 10,
  twoThetaMax: 90,
};

/**
 * Peak shape for the profile curve: Caglioti widths of a typical lab diffractometer
 * (FWHM ≈ 0.08° at 30° rising to ≈ 0.17° at 120° 2θ), half Lorentzian.
 */
const PROFILE = { U: 0.01, V: -0.005, W: 0.008, eta: 0.5, step: 0.01 };

export function xrdRequest(cif: string, fileName: string | undefined, s: XrdSettings): XrdRequest {
  return {
    cif,
    fileName,
    wavelength: s.source === 'custom' ? s.customWavelength : s.source,
    kalpha2: s.source === 'CuKa' && s.kalpha2,
    twoThetaMin: s.twoThetaMin,
    twoThetaMax: s.twoThetaMax,
    profile: PROFILE,
  };
}

/** Short tag for file names, e.g. 'CuKa12' or '1.5406A'. */
export function sourceTag(s: XrdSettings): string {
  if (s.source === 'custom') return `${s.customWavelength}A`;
  return s.source === 'CuKa' && s.kalpha2 ? 'CuKa12' : s.source;
}
