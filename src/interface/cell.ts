/**
 * A symmetric metal | electrolyte | metal cell: the resolved parameter set that the simulator,
 * the ensemble and the mitigation comparison share. Built once from user-level inputs
 * (electrolyte id, thickness, T, stack pressure, flaw size, overrides) so that hot loops only read numbers.
 */
import { InputError } from '../core/errors.ts';
import { type ElectrolyteConductivity, membraneResistance, requireKelvin } from './conductivity.ts';
import { contactFraction, interfacialAsr, wettedFractionForAsr } from './contact.ts';
import {
  type ElectrolyteProperties,
  electrolyteProperties,
  type InterfaceParameters,
  interfaceParameters,
  type MetalProperties,
  metalProperties,
} from './parameters.ts';
import { electronicTransference } from './penetration.ts';

/** What a user sets (SI-like with the unit in each name). */
export interface CellInput {
  electrolyte: string;
  thickness_cm: number;
  T_K: number;
  pressure_MPa: number;
  /** Largest surface flaw on each face (m); default: the Weibull scale of the interface parameters. */
  flawSize_m?: number;
  grainSize_um?: number;
  /** Multiplies the electrolyte's conductivities (manufacturing: density, ZrO2, Na loss). */
  conductivityFactor?: number;
  /** Changes applied by mitigations or by the user. */
  overrides?: CellOverrides;
}

export interface CellOverrides {
  /** Interfacial ASR (Ω·cm², per interface) measured at zero pressure and T_ref that the wetted fraction is fitted to. */
  referenceInterfaceAsr_ohm_cm2?: number;
  jcritEa_eV?: number;
  electronicConductivity_S_per_cm?: number;
  fractureToughness_MPa_sqrt_m?: number;
  interface?: Partial<InterfaceParameters>;
}

export interface Cell {
  input: CellInput;
  metal: MetalProperties;
  electrolyte: ElectrolyteProperties;
  params: InterfaceParameters;
  /** Electrolyte ASR (Ω·cm²), bulk + grain boundary. */
  electrolyteAsr_ohm_cm2: number;
  sigmaTotal_S_per_cm: number;
  /** Where the electrolyte's σ came from (NASICON module estimate, basis rows, interpolation flags). */
  conductivity: ElectrolyteConductivity;
  wettedFraction: number;
  /** Steady contact fraction under the stack pressure. */
  equilibriumContact: number;
  /** ASR of one interface at the steady contact (Ω·cm²). */
  interfaceAsr_ohm_cm2: number;
  jcritEa_eV: number;
  fractureToughness_MPa_sqrt_m: number;
  electronicTransference: number;
  electronicConductivity_S_per_cm: number;
  flawSize_m: number;
}

export function buildCell(input: CellInput): Cell {
  requireKelvin(input.T_K);
  if (!(input.thickness_cm > 0))
    throw new InputError('thickness must be positive', {
      field: 'thickness',
      found: String(input.thickness_cm),
      expected: 'a thickness > 0 (e.g. 500um)',
    });
  if (!(input.pressure_MPa >= 0))
    throw new InputError('stack pressure must not be negative', {
      field: 'pressure',
      found: `${input.pressure_MPa} MPa`,
      expected: 'a pressure ≥ 0 (e.g. 1MPa)',
    });
  const electrolyte = electrolyteProperties(input.electrolyte);
  const metal = metalProperties(electrolyte.ion);
  const o = input.overrides ?? {};
  const params = { ...interfaceParameters(electrolyte.ion), ...(o.interface ?? {}) };
  if (input.T_K >= metal.meltingPoint_K)
    throw new InputError(`temperature is at or above the melting point of ${metal.symbol}`, {
      field: 'temperature',
      found: `${input.T_K} K`,
      expected: `a temperature below ${metal.meltingPoint_K} K (the model is for solid metal)`,
    });
  const membrane = membraneResistance(electrolyte, input.thickness_cm, input.T_K, {
    grainSize_um: input.grainSize_um,
    conductivityFactor: input.conductivityFactor,
  });
  // The wetted fraction is calibrated at the reference conditions of the measured R_int.
  const refMembrane = membraneResistance(electrolyte, input.thickness_cm, params.refT_K);
  const targetAsr = o.referenceInterfaceAsr_ohm_cm2 ?? params.bareInterfaceAsr_ohm_cm2;
  const wettedFraction = wettedFractionForAsr(
    params,
    refMembrane.sigmaTotal_S_per_cm,
    targetAsr,
    params.refT_K,
  );
  const equilibriumContact = contactFraction(metal, params, wettedFraction, input.pressure_MPa, input.T_K);
  const flaw = input.flawSize_m ?? params.flawWeibullScale_um * 1e-6;
  if (!(flaw > 0))
    throw new InputError('flaw size must be positive', {
      field: 'flawSize',
      found: String(flaw),
      expected: 'a length > 0 (e.g. 10um)',
    });
  return {
    input,
    metal,
    electrolyte,
    params,
    electrolyteAsr_ohm_cm2: membrane.totalAsr_ohm_cm2,
    sigmaTotal_S_per_cm: membrane.sigmaTotal_S_per_cm,
    conductivity: membrane.conductivity,
    wettedFraction,
    equilibriumContact,
    interfaceAsr_ohm_cm2: interfacialAsr(params, membrane.sigmaTotal_S_per_cm, equilibriumContact, input.T_K),
    jcritEa_eV: o.jcritEa_eV ?? params.jcritEa_eV,
    fractureToughness_MPa_sqrt_m: o.fractureToughness_MPa_sqrt_m ?? electrolyte.fractureToughness_MPa_sqrt_m,
    electronicTransference: electronicTransference(
      o.electronicConductivity_S_per_cm ?? electrolyte.electronicConductivity_S_per_cm,
      membrane.sigmaTotal_S_per_cm,
    ),
    electronicConductivity_S_per_cm:
      o.electronicConductivity_S_per_cm ?? electrolyte.electronicConductivity_S_per_cm,
    flawSize_m: flaw,
  };
}

/** Total ASR of the symmetric cell at steady contact: electrolyte + two interfaces (Ω·cm²). */
export function cellAsr(cell: Cell): number {
  return cell.electrolyteAsr_ohm_cm2 + 2 * cell.interfaceAsr_ohm_cm2;
}
