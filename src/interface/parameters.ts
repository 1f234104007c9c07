/**
 * Typed parameter objects of the metal | NASICON interface model, loaded from
 * data/interface/*.json. Values carry their provenance tag ([S] sourced, [R] recalled, [I] inferred,
 * [P] proposed placeholder) in the JSON; here they become flat numbers for the hot loops, and
 * `provenance()` gives the tags back for reports.
 */

import electrolyteTable from '../../data/interface/electrolytes.json' with { type: 'json' };
import modelTable from '../../data/interface/interface-model.json' with { type: 'json' };
import metalTable from '../../data/interface/metals.json' with { type: 'json' };
import { InputError } from '../core/errors.ts';

export type MetalSymbol = 'Na' | 'Li';

interface Tagged {
  value: number;
  tag: string;
  source?: string;
}

/** Mechanical and creep properties of the alkali metal. */
export interface MetalProperties {
  symbol: MetalSymbol;
  /** Charge number of the ion. */
  z: number;
  molarVolume_cm3_per_mol: number;
  youngModulus_GPa: number;
  poissonRatio: number;
  /** Flow stress at refStrainRate_per_s and refT_K (MPa). */
  flowStressRef_MPa: number;
  refStrainRate_per_s: number;
  creepExponent: number;
  creepActivation_kJ_per_mol: number;
  refT_K: number;
  meltingPoint_K: number;
}

/** Arrhenius conductivity: σ(T) = σ_ref·(T_ref/T)^[form = sigmaT]·exp(−Ea/k_B·(1/T − 1/T_ref)). */
export interface ArrheniusConductivity {
  sigmaRef_S_per_cm: number;
  Ea_eV: number;
  /** 'sigma': σ = σ0·exp(−Ea/kT); 'sigmaT': σT = A·exp(−Ea/kT). */
  form: 'sigma' | 'sigmaT';
  refT_K: number;
}

/** Which NASICON dataset estimate supplies an electrolyte's conductivity. */
export interface ElectrolyteConductivitySpec {
  /** Formula as src/nasicon parses it (three tetrahedral cations per formula unit, e.g. LiZr2P3O12). */
  nasiconFormula: string;
  /** null: every row the NASICON module uses for the formula; else only these dataset row ids. */
  basisRows: string[] | null;
  note: string;
}

/** Solid electrolyte transport and mechanics. */
export interface ElectrolyteProperties {
  id: string;
  ion: MetalSymbol;
  label: string;
  /** Where σ comes from: the NASICON module's σ(x, T) estimate for this formula (see conductivity.ts). */
  conductivity: ElectrolyteConductivitySpec;
  /** Grain size (µm) at which the estimate's grain-boundary term holds (brick-layer scaling). */
  referenceGrainSize_um: number;
  theoreticalDensity_g_cm3: number;
  youngModulus_GPa: number;
  poissonRatio: number;
  fractureToughness_MPa_sqrt_m: number;
  electronicConductivity_S_per_cm: number;
}

/** Interface and failure-model parameters for one metal (see data/interface/interface-model.json). */
export interface InterfaceParameters {
  bareInterfaceAsr_ohm_cm2: number;
  chargeTransferAsrFullContact_ohm_cm2: number;
  chargeTransferEa_eV: number;
  contactSpotDensity_per_cm2: number;
  taborFactor: number;
  strippingPressureSlope_MPa_cm2_per_mA: number;
  strippingPressureOffset_MPa: number;
  jcritEa_eV: number;
  voidHeight_um: number;
  platingRefillEfficiency: number;
  minContactFraction: number;
  edgeCutoffFraction: number;
  flawGeometryFactor: number;
  flawWeibullScale_um: number;
  flawWeibullModulus: number;
  dendriteFocusing: number;
  shortAsr_ohm_cm2: number;
  gbNetworkPorosity: number;
  vacancyDiffusivityPrefactor_cm2_per_s: number;
  vacancyMigration_eV: number;
  criticalVacancySiteFraction: number;
  subcriticalVelocity_cm_per_s: number;
  subcriticalExponent: number;
  electronicConductivityRef_S_per_cm: number;
  refT_K: number;
}

function values<T>(record: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    out[k] = v !== null && typeof v === 'object' && 'value' in (v as object) ? (v as Tagged).value : v;
  }
  return out as T;
}

export function metalProperties(symbol: MetalSymbol): MetalProperties {
  const rec = (metalTable.metals as Record<string, Record<string, unknown>>)[symbol];
  return { symbol, ...values<Omit<MetalProperties, 'symbol'>>(rec) };
}

export function interfaceParameters(symbol: MetalSymbol): InterfaceParameters {
  return values<InterfaceParameters>(
    (modelTable as unknown as Record<string, Record<string, unknown>>)[symbol],
  );
}

export const ELECTROLYTE_IDS = Object.keys(electrolyteTable.electrolytes);

export function electrolyteProperties(id: string): ElectrolyteProperties {
  const rec = (electrolyteTable.electrolytes as Record<string, Record<string, unknown>>)[id];
  if (!rec)
    throw new InputError('unknown electrolyte', {
      field: 'electrolyte',
      found: id,
      expected: `one of ${ELECTROLYTE_IDS.join(', ')}`,
    });
  return { ...values<Omit<ElectrolyteProperties, 'id'>>(rec), id };
}

/** Provenance tags of every parameter of a metal / electrolyte, for reports ("[S]", "[P]", …). */
export function provenance(kind: 'metal' | 'interface', symbol: MetalSymbol): Record<string, string> {
  const rec =
    kind === 'metal'
      ? (metalTable.metals as Record<string, Record<string, unknown>>)[symbol]
      : (modelTable as unknown as Record<string, Record<string, unknown>>)[symbol];
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec))
    if (v !== null && typeof v === 'object' && 'tag' in (v as object)) out[k] = (v as Tagged).tag;
  return out;
}
