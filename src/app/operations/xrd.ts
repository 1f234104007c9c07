import type { Structure } from '../../crystal/structure.ts';
import { type PowderOptions, type PowderPattern, powderPattern } from '../../diffraction/index.ts';

/** Options of an XRD request as the CLI and the HTTP API accept them. */
export type XrdRequest = Omit<PowderOptions, 'formFactors' | 'onProgress'>;

/** The machine-readable XRD result shared by `natrium xrd --json` and `POST /api/xrd`. */
export interface XrdResult {
  /** Nominal wavelength, Å. */
  wavelength: number;
  radiation: string;
  twoThetaRange: [number, number];
  peaks: {
    twoTheta: number;
    d: number;
    intensity: number;
    hkl: [number, number, number][];
    multiplicity: number;
    label: string;
    line: string;
  }[];
  profile?: { axis: string; x: number[]; y: number[] };
  reflectionsEvaluated: number;
}

export function xrdFromStructure(
  structure: Structure,
  request: XrdRequest & { onProgress?: PowderOptions['onProgress'] },
): XrdResult {
  const pattern: PowderPattern = powderPattern(structure, request);
  return {
    wavelength: pattern.wavelength,
    radiation: pattern.radiation.name,
    twoThetaRange: pattern.twoThetaRange,
    peaks: pattern.peaks.map((p) => ({
      twoTheta: p.twoTheta,
      d: p.d,
      intensity: p.intensity,
      hkl: p.hkl,
      multiplicity: p.multiplicity,
      label: p.label,
      line: p.line,
    })),
    profile: pattern.profile
      ? { axis: pattern.profile.axis, x: pattern.profile.x, y: pattern.profile.y }
      : undefined,
    reflectionsEvaluated: pattern.reflectionsEvaluated,
  };
}
