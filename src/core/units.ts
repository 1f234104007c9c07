/**
 * Pure unit conversions. Every function names its units; impossible inputs (negative
 * wavelengths, d-spacings the wavelength cannot reach, …) throw InputError naming the field.
 */
import { BOLTZMANN_EV_PER_K, HC_KEV_A, KJ_PER_MOL_PER_EV, ZERO_CELSIUS_K } from './constants.ts';
import { InputError } from './errors.ts';

const DEG = Math.PI / 180;
/** B = 8π²U (Debye–Waller factor vs mean-square displacement). */
const EIGHT_PI_SQUARED = 8 * Math.PI * Math.PI;

function requirePositive(value: number, field: string, unit: string): void {
  if (!(Number.isFinite(value) && value > 0))
    throw new InputError(`${field} must be a positive number of ${unit}`, {
      field,
      found: String(value),
      expected: `a finite value > 0 ${unit}`,
    });
}

function requireFiniteNumber(value: number, field: string): void {
  if (!Number.isFinite(value))
    throw new InputError('not a usable number', { field, found: String(value), expected: 'a finite number' });
}

/** Energy per particle (eV) → molar energy (kJ/mol). */
export function evToKjPerMol(ev: number): number {
  return ev * KJ_PER_MOL_PER_EV;
}

/** Molar energy (kJ/mol) → energy per particle (eV). */
export function kjPerMolToEv(kjPerMol: number): number {
  return kjPerMol / KJ_PER_MOL_PER_EV;
}

/** Energy (eV) → equivalent temperature E/k_B (K). */
export function evToKelvin(ev: number): number {
  return ev / BOLTZMANN_EV_PER_K;
}

/** Temperature (K) → thermal energy k_B·T (eV). */
export function kelvinToEv(kelvin: number): number {
  return kelvin * BOLTZMANN_EV_PER_K;
}

/** °C → K. Throws below absolute zero. */
export function celsiusToKelvin(celsius: number): number {
  requireFiniteNumber(celsius, 'temperature');
  const k = celsius + ZERO_CELSIUS_K;
  if (k < 0)
    throw new InputError('temperature is below absolute zero', {
      field: 'temperature',
      found: `${celsius} °C`,
      expected: `a temperature ≥ ${-ZERO_CELSIUS_K} °C`,
    });
  return k;
}

/** K → °C. Throws for negative kelvin. */
export function kelvinToCelsius(kelvin: number): number {
  requireFiniteNumber(kelvin, 'temperature');
  if (kelvin < 0)
    throw new InputError('temperature is below absolute zero', {
      field: 'temperature',
      found: `${kelvin} K`,
      expected: 'a temperature ≥ 0 K',
    });
  return kelvin - ZERO_CELSIUS_K;
}

/** Å → nm. */
export function angstromToNm(angstrom: number): number {
  return angstrom / 10;
}

/** nm → Å. */
export function nmToAngstrom(nm: number): number {
  return nm * 10;
}

/** Isotropic displacement U (Å²) → B (Å²), B = 8π²U. */
export function uToB(u: number): number {
  return u * EIGHT_PI_SQUARED;
}

/** Isotropic displacement B (Å²) → U (Å²), U = B / 8π². */
export function bToU(b: number): number {
  return b / EIGHT_PI_SQUARED;
}

/** X-ray photon energy (keV) → wavelength (Å), λ = hc / E. */
export function keVToWavelength(keV: number): number {
  requirePositive(keV, 'energy', 'keV');
  return HC_KEV_A / keV;
}

/** X-ray wavelength (Å) → photon energy (keV), E = hc / λ. */
export function wavelengthToKeV(wavelengthA: number): number {
  requirePositive(wavelengthA, 'wavelength', 'Å');
  return HC_KEV_A / wavelengthA;
}

/** Bragg angle 2θ (degrees) → d-spacing (Å) at wavelength λ (Å): d = λ / (2 sin θ). */
export function twoThetaToD(twoThetaDeg: number, wavelengthA: number): number {
  requirePositive(wavelengthA, 'wavelength', 'Å');
  if (!(Number.isFinite(twoThetaDeg) && twoThetaDeg > 0 && twoThetaDeg <= 180))
    throw new InputError('2θ must lie in (0, 180] degrees', {
      field: 'twoTheta',
      found: String(twoThetaDeg),
      expected: 'an angle 0 < 2θ ≤ 180°',
    });
  return wavelengthA / (2 * Math.sin((twoThetaDeg / 2) * DEG));
}

/**
 * d-spacing (Å) → 2θ (degrees) at wavelength λ (Å). Throws when d < λ/2: that reflection
 * cannot satisfy Bragg's law at this wavelength.
 */
export function dToTwoTheta(dA: number, wavelengthA: number): number {
  requirePositive(wavelengthA, 'wavelength', 'Å');
  requirePositive(dA, 'd', 'Å');
  const sinTheta = wavelengthA / (2 * dA);
  if (sinTheta > 1)
    throw new InputError('d-spacing is below λ/2, so no Bragg angle reaches it', {
      field: 'd',
      found: `${dA} Å at λ = ${wavelengthA} Å`,
      expected: `d ≥ ${wavelengthA / 2} Å`,
    });
  return (2 * Math.asin(sinTheta)) / DEG;
}

/** d-spacing (Å) → scattering vector magnitude Q = 2π/d (Å⁻¹). */
export function dToQ(dA: number): number {
  requirePositive(dA, 'd', 'Å');
  return (2 * Math.PI) / dA;
}

/** Q (Å⁻¹) → d-spacing (Å) = 2π/Q. */
export function qToD(qInvA: number): number {
  requirePositive(qInvA, 'Q', 'Å⁻¹');
  return (2 * Math.PI) / qInvA;
}

/** 2θ (degrees) → Q = 4π sin θ / λ (Å⁻¹). */
export function twoThetaToQ(twoThetaDeg: number, wavelengthA: number): number {
  return dToQ(twoThetaToD(twoThetaDeg, wavelengthA));
}

/** Q (Å⁻¹) → 2θ (degrees) at wavelength λ (Å); throws when Q > 4π/λ. */
export function qToTwoTheta(qInvA: number, wavelengthA: number): number {
  return dToTwoTheta(qToD(qInvA), wavelengthA);
}

/** d-spacing (Å) → s = sin θ / λ = 1/(2d) (Å⁻¹), the argument of atomic form factors. */
export function dToSinThetaOverLambda(dA: number): number {
  requirePositive(dA, 'd', 'Å');
  return 1 / (2 * dA);
}
