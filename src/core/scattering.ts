/**
 * X-ray atomic scattering: form factors f₀(s) from the International Tables Vol. C Table 6.1.1.4
 * four-Gaussian fits, and the dispersion corrections f′, f″ of Table 4.2.6.8 at Cu and Mo Kα.
 * Sources, repository and commit are in data/xray-form-factors.json and
 * data/anomalous-dispersion.json.
 */
import anomalousTable from '../../data/anomalous-dispersion.json' with { type: 'json' };
import formFactorData from '../../data/xray-form-factors.json' with { type: 'json' };
import { getElement, parseSpeciesSymbol } from './elements.ts';
import { InputError } from './errors.ts';

/** f₀(s) = c + Σᵢ aᵢ exp(−bᵢ s²), s = sin θ / λ in Å⁻¹; a in electrons, b in Å². */
export interface FormFactorCoefficients {
  /** Table key actually used ('Na1+', or 'Na' after falling back to the neutral atom). */
  key: string;
  a: [number, number, number, number];
  b: [number, number, number, number];
  c: number;
}

type RawCoefficients = { a: number[]; b: number[]; c: number };
const COEFFICIENTS = formFactorData.coefficients as Record<string, RawCoefficients>;

/** Table key of a species: 'Na' or 'Na1+' / 'O2-' (magnitude always written, as in the table). */
function speciesKey(element: string, oxidationState?: number): string {
  if (!oxidationState) return element;
  return `${element}${Math.abs(oxidationState)}${oxidationState > 0 ? '+' : '-'}`;
}

/**
 * Form-factor coefficients for an element or ion ('Na', 'Na+', 'Na1+', 'O2-', 'Fe+3'). Ions missing
 * from the table fall back to the neutral atom (`key` tells which was used); unknown elements throw.
 */
export function formFactorCoefficients(species: string): FormFactorCoefficients {
  const { element, oxidationState } = parseSpeciesSymbol(species);
  const ionKey = speciesKey(element, oxidationState);
  const key = ionKey in COEFFICIENTS ? ionKey : element;
  const raw = COEFFICIENTS[key];
  if (!raw)
    throw new InputError('no X-ray form factor tabulated for this element', {
      field: 'species',
      found: species,
      expected: 'an element H…Cf',
    });
  return {
    key,
    a: raw.a as FormFactorCoefficients['a'],
    b: raw.b as FormFactorCoefficients['b'],
    c: raw.c,
  };
}

/** True when the table has coefficients for exactly this ion (no fallback needed). */
export function hasIonFormFactor(species: string): boolean {
  const { element, oxidationState } = parseSpeciesSymbol(species);
  return speciesKey(element, oxidationState) in COEFFICIENTS;
}

/** f₀ (electrons) at s = sin θ / λ (Å⁻¹). */
export function formFactor(coeffs: FormFactorCoefficients, s: number): number {
  const s2 = s * s;
  const { a, b } = coeffs;
  return (
    coeffs.c +
    a[0] * Math.exp(-b[0] * s2) +
    a[1] * Math.exp(-b[1] * s2) +
    a[2] * Math.exp(-b[2] * s2) +
    a[3] * Math.exp(-b[3] * s2)
  );
}

/**
 * f₀ for many species at many s values, for structure-factor loops: row k (offset k·n) holds
 * species `keys[k]` at every `sValues[j]` (s = sin θ / λ, Å⁻¹).
 */
export function formFactorTable(keys: readonly string[], sValues: Float64Array): Float64Array {
  const n = sValues.length;
  const out = new Float64Array(keys.length * n);
  const s2 = new Float64Array(n);
  for (let j = 0; j < n; j++) s2[j] = sValues[j] * sValues[j];
  for (let k = 0; k < keys.length; k++) {
    const { a, b, c } = formFactorCoefficients(keys[k]);
    const row = k * n;
    for (let j = 0; j < n; j++) {
      const q = s2[j];
      out[row + j] =
        c +
        a[0] * Math.exp(-b[0] * q) +
        a[1] * Math.exp(-b[1] * q) +
        a[2] * Math.exp(-b[2] * q) +
        a[3] * Math.exp(-b[3] * q);
    }
  }
  return out;
}

// ------------------------------------------------------------------ anomalous dispersion

export type TabulatedLine = 'CuKa' | 'MoKa';

/** Dispersion corrections in electrons: f = f₀ + f′ + i f″. */
export interface AnomalousDispersion {
  /** f′ (electrons). */
  f1: number;
  /** f″ (electrons), always ≥ 0. */
  f2: number;
}

type AnomalousRow = Record<TabulatedLine, AnomalousDispersion>;
const ANOMALOUS = anomalousTable.values as Record<string, AnomalousRow>;
/** Wavelengths (Å) at which the table was computed (Kα₁). */
export const ANOMALOUS_WAVELENGTHS_A: Readonly<Record<TabulatedLine, number>> = anomalousTable.wavelengthsA;
/** How far (Å) a requested wavelength may be from a tabulated line and still use it. */
export const ANOMALOUS_WAVELENGTH_TOLERANCE_A = 0.02;

/** f′, f″ of a neutral element at Cu Kα or Mo Kα (IT Vol. C Table 4.2.6.8). */
export function anomalousDispersion(element: string, line: TabulatedLine): AnomalousDispersion {
  getElement(element);
  if (!(line in ANOMALOUS_WAVELENGTHS_A))
    throw new InputError('no dispersion corrections tabulated for this line', {
      field: 'line',
      found: String(line),
      expected: "'CuKa' or 'MoKa'",
    });
  const row = ANOMALOUS[element];
  if (!row)
    throw new InputError('no dispersion corrections tabulated for this element', {
      field: 'element',
      found: element,
      expected: 'an element H…Hg',
    });
  return { ...row[line] };
}

/**
 * f′, f″ at a wavelength (Å): the tabulated line within 0.02 Å of it, else an InputError naming the
 * tabulated wavelengths (interpolating across absorption edges would give wrong numbers).
 */
export function anomalousAt(element: string, wavelengthA: number): AnomalousDispersion {
  for (const line of Object.keys(ANOMALOUS_WAVELENGTHS_A) as TabulatedLine[])
    if (Math.abs(ANOMALOUS_WAVELENGTHS_A[line] - wavelengthA) <= ANOMALOUS_WAVELENGTH_TOLERANCE_A)
      return anomalousDispersion(element, line);
  const lines = Object.entries(ANOMALOUS_WAVELENGTHS_A)
    .map(([name, w]) => `${name} ${w} Å`)
    .join(', ');
  throw new InputError('dispersion corrections are tabulated only at Cu Kα and Mo Kα', {
    field: 'wavelength',
    found: `${wavelengthA} Å`,
    expected: `within ${ANOMALOUS_WAVELENGTH_TOLERANCE_A} Å of ${lines}`,
  });
}
