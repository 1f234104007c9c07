/**
 * Mechanics of the metal and the ceramic: shear moduli, power-law creep of the metal, and the
 * Monroe–Newman ratio (reported with its caveat: ceramics pass it by >10× and are still
 * penetrated, brief §4.3).
 */
import { GAS_CONSTANT_J_PER_MOL_K } from '../core/constants.ts';
import type { ElectrolyteProperties, MetalProperties } from './parameters.ts';

/** G = E / (2(1 + ν)), same unit as E. */
export function shearModulus(youngModulus: number, poissonRatio: number): number {
  return youngModulus / (2 * (1 + poissonRatio));
}

function arrheniusCreepFactor(m: MetalProperties, T_K: number): number {
  return Math.exp(
    ((-m.creepActivation_kJ_per_mol * 1e3) / GAS_CONSTANT_J_PER_MOL_K) * (1 / T_K - 1 / m.refT_K),
  );
}

/** Power-law creep ε̇ = ε̇_ref·(σ/σ_ref)^n·exp(−Q/R(1/T − 1/T_ref)) in 1/s, σ in MPa. */
export function creepStrainRate(m: MetalProperties, stress_MPa: number, T_K: number): number {
  return (
    m.refStrainRate_per_s *
    (stress_MPa / m.flowStressRef_MPa) ** m.creepExponent *
    arrheniusCreepFactor(m, T_K)
  );
}

/** Flow stress (MPa) at a strain rate and temperature: inverse of `creepStrainRate`. */
export function flowStress(
  m: MetalProperties,
  T_K: number,
  strainRate_per_s = m.refStrainRate_per_s,
): number {
  return (
    m.flowStressRef_MPa *
    (strainRate_per_s / (m.refStrainRate_per_s * arrheniusCreepFactor(m, T_K))) ** (1 / m.creepExponent)
  );
}

export interface MonroeNewmanResult {
  shearModulusElectrolyte_GPa: number;
  shearModulusMetal_GPa: number;
  ratio: number;
  /** G_SE/G_metal ≥ 2 (Monroe & Newman, J. Electrochem. Soc. 152 (2005) A396). */
  passes: boolean;
  caveat: string;
}

export function monroeNewman(el: ElectrolyteProperties, m: MetalProperties): MonroeNewmanResult {
  const gSe = shearModulus(el.youngModulus_GPa, el.poissonRatio);
  const gM = shearModulus(m.youngModulus_GPa, m.poissonRatio);
  return {
    shearModulusElectrolyte_GPa: gSe,
    shearModulusMetal_GPa: gM,
    ratio: gSe / gM,
    passes: gSe / gM >= 2,
    caveat:
      'Monroe–Newman is necessary, not sufficient: dense ceramics pass it by more than 10× and are still penetrated through flaws and grain boundaries (flaw-filling criterion governs).',
  };
}
