/**
 * Contact between the metal and the electrolyte: Holm constriction for N contact spots, the
 * contact fraction set by wetting, stack pressure and metal creep, and the charge-transfer
 * resistance through the true contact area. All ASR per interface, geometric area (Ω·cm²).
 */
import { BOLTZMANN_EV_PER_K } from '../core/constants.ts';
import { InputError } from '../core/errors.ts';
import { flowStress } from './mechanics.ts';
import type { InterfaceParameters, MetalProperties } from './parameters.ts';

/** Holm: one circular spot of radius a on a half-space of conductivity σ, one side: R = 1/(4σa) (Ω). */
export function holmSpotResistance(sigma_S_per_cm: number, radius_cm: number): number {
  return 1 / (4 * sigma_S_per_cm * radius_cm);
}

/** Radius (cm) of each of n spots per cm² that together cover the area fraction f. */
export function spotRadius(contactFraction: number, spotDensity_per_cm2: number): number {
  return Math.sqrt(contactFraction / (Math.PI * spotDensity_per_cm2));
}

/**
 * Constriction ASR of n spots per cm² covering fraction f: ASR = ψ(f)/(4σ·n·a), the parallel sum
 * of Holm spots, with the spot-interaction correction ψ = (1 − √f)^1.5 (Cooper–Mikic–Yovanovich
 * [R]) that vanishes at full contact (the Fleig–Maier regime of crowded spots).
 */
export function constrictionAsr(
  sigma_S_per_cm: number,
  contactFraction: number,
  spotDensity_per_cm2: number,
): number {
  const a = spotRadius(contactFraction, spotDensity_per_cm2);
  const psi = (1 - Math.sqrt(contactFraction)) ** 1.5;
  return psi / (4 * sigma_S_per_cm * spotDensity_per_cm2 * a);
}

/** Charge-transfer ASR through full contact at T (Arrhenius from the reference value). */
export function chargeTransferAsrFull(p: InterfaceParameters, T_K: number): number {
  return (
    p.chargeTransferAsrFullContact_ohm_cm2 *
    Math.exp((p.chargeTransferEa_eV / BOLTZMANN_EV_PER_K) * (1 / T_K - 1 / p.refT_K))
  );
}

/** Interfacial ASR (Ω·cm²) at contact fraction f: charge transfer through the true area + constriction. */
export function interfacialAsr(
  p: InterfaceParameters,
  sigma_S_per_cm: number,
  contactFraction: number,
  T_K: number,
): number {
  const f = Math.max(contactFraction, p.minContactFraction);
  return chargeTransferAsrFull(p, T_K) / f + constrictionAsr(sigma_S_per_cm, f, p.contactSpotDensity_per_cm2);
}

/** Indentation hardness of the metal (MPa) = Tabor factor × flow stress at the reference strain rate. */
export function metalHardness(m: MetalProperties, p: InterfaceParameters, T_K: number): number {
  return p.taborFactor * flowStress(m, T_K);
}

/**
 * Steady contact fraction under stack pressure: the wetted fraction plus the creep-closed part
 * of the rest, f = f_wet + (1 − f_wet)·P/(P + H(T)) [I]: asperities of the soft metal flow until the
 * real contact carries the load at its hardness H; H falls with T through the creep law.
 */
export function contactFraction(
  m: MetalProperties,
  p: InterfaceParameters,
  wettedFraction: number,
  pressure_MPa: number,
  T_K: number,
): number {
  if (!(pressure_MPa >= 0))
    throw new InputError('stack pressure must not be negative', {
      field: 'pressure',
      found: `${pressure_MPa} MPa`,
      expected: 'a pressure ≥ 0 (e.g. 1MPa)',
    });
  const h = metalHardness(m, p, T_K);
  return wettedFraction + ((1 - wettedFraction) * pressure_MPa) / (pressure_MPa + h);
}

/**
 * The wetted fraction f for which the interfacial ASR equals `targetAsr` (bisection in log f).
 * Used to calibrate the bare interface and interlayers on a measured R_int at zero pressure.
 */
export function wettedFractionForAsr(
  p: InterfaceParameters,
  sigma_S_per_cm: number,
  targetAsr_ohm_cm2: number,
  T_K: number,
): number {
  const full = interfacialAsr(p, sigma_S_per_cm, 1, T_K);
  if (!(targetAsr_ohm_cm2 > full))
    throw new InputError(
      'target interfacial ASR is below the full-contact charge-transfer ASR of the model',
      {
        field: 'targetAsr',
        found: `${targetAsr_ohm_cm2} Ω·cm²`,
        expected: `a value > ${full.toFixed(2)} Ω·cm²`,
      },
    );
  let lo = Math.log(p.minContactFraction);
  let hi = 0;
  for (let i = 0; i < 100; i++) {
    const mid = 0.5 * (lo + hi);
    if (interfacialAsr(p, sigma_S_per_cm, Math.exp(mid), T_K) > targetAsr_ohm_cm2) lo = mid;
    else hi = mid;
  }
  return Math.exp(0.5 * (lo + hi));
}
