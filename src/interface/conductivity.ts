/**
 * Electrolyte transport: Arrhenius conductivities (form recorded, brief §2.2) and the membrane's
 * bulk + grain-boundary area-specific resistance for a thickness and temperature.
 * Later the NASICON module (src/nasicon) should supply `ElectrolyteProperties.bulk/grainBoundary`
 * from its composition → conductivity model; until then the sourced table in
 * data/interface/electrolytes.json is used.
 */
import { BOLTZMANN_EV_PER_K } from '../core/constants.ts';
import { InputError } from '../core/errors.ts';
import type { ArrheniusConductivity, ElectrolyteProperties } from './parameters.ts';

export function requireKelvin(T_K: number, field = 'temperature'): void {
  if (!(Number.isFinite(T_K) && T_K > 0))
    throw new InputError('temperature must be above 0 K', {
      field,
      found: `${T_K} K`,
      expected: 'a temperature > 0 K (> -273.15 °C)',
    });
}

/** σ(T) in S/cm from an Arrhenius record anchored at its reference temperature. */
export function arrheniusConductivity(p: ArrheniusConductivity, T_K: number): number {
  requireKelvin(T_K);
  const boltz = Math.exp((-p.Ea_eV / BOLTZMANN_EV_PER_K) * (1 / T_K - 1 / p.refT_K));
  return p.form === 'sigmaT' ? (p.sigmaRef_S_per_cm * p.refT_K * boltz) / T_K : p.sigmaRef_S_per_cm * boltz;
}

export interface MembraneResistance {
  bulkAsr_ohm_cm2: number;
  grainBoundaryAsr_ohm_cm2: number;
  totalAsr_ohm_cm2: number;
  sigmaBulk_S_per_cm: number;
  /** Effective grain-boundary conductivity at this grain size (brick layer, ∝ grain size). */
  sigmaGbEffective_S_per_cm: number | null;
  sigmaTotal_S_per_cm: number;
}

/**
 * Bulk and grain-boundary ASR of a membrane of thickness L. Brick-layer model: the series
 * grain-boundary resistance scales as 1/grain size, anchored at the electrolyte's reference grain
 * size [I]. `conductivityFactor` multiplies both (density, ZrO2, Na loss: see manufacturing.ts).
 */
export function membraneResistance(
  el: ElectrolyteProperties,
  thickness_cm: number,
  T_K: number,
  opts: { grainSize_um?: number; conductivityFactor?: number } = {},
): MembraneResistance {
  if (!(Number.isFinite(thickness_cm) && thickness_cm > 0))
    throw new InputError('thickness must be positive', {
      field: 'thickness',
      found: String(thickness_cm),
      expected: 'a thickness > 0 (e.g. 500um)',
    });
  const factor = opts.conductivityFactor ?? 1;
  const sb = arrheniusConductivity(el.bulk, T_K) * factor;
  let sgb: number | null = null;
  if (el.grainBoundary) {
    const d = opts.grainSize_um ?? el.referenceGrainSize_um;
    if (!(d > 0))
      throw new InputError('grain size must be positive', { field: 'grainSize', found: String(d) });
    sgb = arrheniusConductivity(el.grainBoundary, T_K) * factor * (d / el.referenceGrainSize_um);
  }
  const rb = thickness_cm / sb;
  const rgb = sgb === null ? 0 : thickness_cm / sgb;
  return {
    bulkAsr_ohm_cm2: rb,
    grainBoundaryAsr_ohm_cm2: rgb,
    totalAsr_ohm_cm2: rb + rgb,
    sigmaBulk_S_per_cm: sb,
    sigmaGbEffective_S_per_cm: sgb,
    sigmaTotal_S_per_cm: thickness_cm / (rb + rgb),
  };
}
