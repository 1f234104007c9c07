import table from '../../data/xray-wavelengths.json' with { type: 'json' };
import { InputError } from '../core/errors.ts';

/** One emission line used in a calculation: wavelength in Å and its relative weight. */
export interface SpectralLine {
  label: string;
  wavelength: number;
  weight: number;
}

/** An X-ray source: one or more lines. `wavelength` is the nominal one reported to the user. */
export interface Radiation {
  name: string;
  wavelength: number;
  lines: SpectralLine[];
}

export type Anode = 'Cu' | 'Mo' | 'Co' | 'Ag' | 'Fe' | 'Cr';

/**
 * Wavelength spec accepted everywhere: 'CuKa' (weighted Kα̅, single line), 'CuKa1' (Kα1 only),
 * 'CuKa12' (Kα1 + Kα2 doublet), same for Mo, Co, Ag, Fe, Cr; or a number in Å (single line).
 */
export type WavelengthSpec = string | number;

const LINES = table.lines as Record<string, { kAlpha: number; kAlpha1: number; kAlpha2: number }>;

/** Default Kα2/Kα1 intensity ratio (see data/xray-wavelengths.json). */
export const DEFAULT_KALPHA2_RATIO: number = table.kAlpha2Ratio;

export const WAVELENGTH_NAMES: string[] = Object.keys(LINES).flatMap((k) => [k, `${k}1`, `${k}12`]);

/** Resolves a wavelength spec into the lines to compute; throws InputError for unknown or non-positive input. */
export function resolveRadiation(
  spec: WavelengthSpec = 'CuKa',
  kAlpha2Ratio = DEFAULT_KALPHA2_RATIO,
): Radiation {
  if (typeof spec === 'number' || /^\s*[0-9.]+([eE][-+]?\d+)?\s*$/.test(String(spec))) {
    const lambda = Number(spec);
    if (!(Number.isFinite(lambda) && lambda > 0))
      throw new InputError('wavelength must be a positive number of Å', {
        field: 'wavelength',
        found: String(spec),
        expected: `a number > 0 (Å) or one of ${WAVELENGTH_NAMES.join(', ')}`,
      });
    return {
      name: `${lambda} Å`,
      wavelength: lambda,
      lines: [{ label: 'λ', wavelength: lambda, weight: 1 }],
    };
  }
  const m = /^([A-Z][a-z])Ka(1|12)?$/i.exec(spec.trim());
  const key = m ? `${m[1][0].toUpperCase()}${m[1][1].toLowerCase()}Ka` : '';
  const entry = LINES[key];
  if (!m || !entry)
    throw new InputError('unknown wavelength', {
      field: 'wavelength',
      found: String(spec),
      expected: `a number > 0 (Å) or one of ${WAVELENGTH_NAMES.join(', ')}`,
    });
  if (!(Number.isFinite(kAlpha2Ratio) && kAlpha2Ratio >= 0))
    throw new InputError('Kα2/Kα1 ratio must be a non-negative number', { field: 'kAlpha2Ratio' });
  if (m[2] === '1')
    return {
      name: `${key}1`,
      wavelength: entry.kAlpha1,
      lines: [{ label: 'Kα1', wavelength: entry.kAlpha1, weight: 1 }],
    };
  if (m[2] === '12')
    return {
      name: `${key}12`,
      wavelength: entry.kAlpha1,
      lines: [
        { label: 'Kα1', wavelength: entry.kAlpha1, weight: 1 },
        { label: 'Kα2', wavelength: entry.kAlpha2, weight: kAlpha2Ratio },
      ],
    };
  return {
    name: key,
    wavelength: entry.kAlpha,
    lines: [{ label: 'Kα', wavelength: entry.kAlpha, weight: 1 }],
  };
}

/** The tabulated anode whose Kα̅ lies within `tolerance` Å of λ, if any (for anomalous-dispersion tables). */
export function anodeForWavelength(lambda: number, tolerance = 0.02): Anode | undefined {
  for (const [key, v] of Object.entries(LINES))
    if (Math.abs(v.kAlpha - lambda) <= tolerance) return key.slice(0, 2) as Anode;
  return undefined;
}
