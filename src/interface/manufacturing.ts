/**
 * Manufacturing → properties (brief §6): relative density, ZrO2 second phase and Na loss →
 * conductivity factor; porosity → fracture toughness; membrane thickness → ASR; the areal
 * resistance budget of a Na | NZSP | cathode stack and the thickness needed for a target.
 * Every relation here is empirical or effective-medium and says so (`empirical: true`).
 */
import table from '../../data/interface/manufacturing.json' with { type: 'json' };
import { InputError } from '../core/errors.ts';

export const MANUFACTURING = table;

function fraction(v: number, field: string, lo = 0, hi = 1): void {
  if (!(Number.isFinite(v) && v >= lo && v <= hi))
    throw new InputError(`${field} must be between ${lo} and ${hi}`, {
      field,
      found: String(v),
      expected: `a fraction in [${lo}, ${hi}]`,
    });
}

export interface ProcessingInput {
  /** Relative density ρ/ρ_theoretical, (0, 1]. */
  relativeDensity?: number;
  /** Volume fraction of monoclinic ZrO2 second phase, [0, 1). */
  zirconiaVolumeFraction?: number;
  /** Fraction of the nominal Na lost by volatilization, [0, 1). */
  sodiumLossFraction?: number;
  /** Grain size (µm); enters the grain-boundary term (brick layer) via membraneResistance. */
  grainSize_um?: number;
  /** Apply the LATP microcracking halving above the threshold grain size. */
  latpMicrocracking?: boolean;
}

export interface ProcessingEffect {
  conductivityFactor: number;
  fractureToughnessFactor: number;
  parts: { name: string; factor: number; relation: string; empirical: boolean; tag: string }[];
}

/** Multiplicative factors on σ and K_IC from processing, each with its relation and tag. */
export function processingEffect(p: ProcessingInput): ProcessingEffect {
  const parts: ProcessingEffect['parts'] = [];
  let kic = 1;
  if (p.relativeDensity !== undefined) {
    fraction(p.relativeDensity, 'relativeDensity');
    if (p.relativeDensity === 0)
      throw new InputError('relative density must be above 0', { field: 'relativeDensity', found: '0' });
    const n = table.porosityConductivityExponent.value;
    parts.push({
      name: 'porosity',
      factor: p.relativeDensity ** n,
      relation: `σ/σ_dense = ρ_rel^${n} (Bruggeman)`,
      empirical: true,
      tag: table.porosityConductivityExponent.tag,
    });
    kic = Math.exp(-table.porosityToughnessCoefficient.value * (1 - p.relativeDensity));
  }
  if (p.zirconiaVolumeFraction !== undefined) {
    fraction(p.zirconiaVolumeFraction, 'zirconiaVolumeFraction', 0, 0.99);
    const n = table.zirconiaConductivityExponent.value;
    parts.push({
      name: 'ZrO2',
      factor: (1 - p.zirconiaVolumeFraction) ** n,
      relation: `(1 − v_ZrO2)^${n}`,
      empirical: true,
      tag: table.zirconiaConductivityExponent.tag,
    });
  }
  if (p.sodiumLossFraction !== undefined) {
    fraction(p.sodiumLossFraction, 'sodiumLossFraction', 0, 0.99);
    const n = table.naLossCarrierScaling.value;
    parts.push({
      name: 'Na loss',
      factor: (1 - p.sodiumLossFraction) ** n,
      relation: `(1 − δ_Na)^${n}`,
      empirical: true,
      tag: table.naLossCarrierScaling.tag,
    });
  }
  if (
    p.latpMicrocracking &&
    p.grainSize_um !== undefined &&
    p.grainSize_um >= table.latpMicrocrackGrainSize_um.value
  )
    parts.push({
      name: 'LATP microcracking',
      factor: table.latpMicrocrackFactor.value,
      relation: 'σ halves for grains ≥ 4.8 µm',
      empirical: true,
      tag: 'S',
    });
  return { conductivityFactor: parts.reduce((s, x) => s * x.factor, 1), fractureToughnessFactor: kic, parts };
}

/** Membrane ASR (Ω·cm²) = L/σ for L in µm and σ in mS/cm. */
export function membraneAsr(sigma_mS_per_cm: number, thickness_um: number): number {
  if (!(sigma_mS_per_cm > 0))
    throw new InputError('conductivity must be positive', {
      field: '--sigma',
      found: String(sigma_mS_per_cm),
    });
  if (!(thickness_um > 0))
    throw new InputError('thickness must be positive', { field: '--thickness', found: String(thickness_um) });
  return (thickness_um * 1e-4) / (sigma_mS_per_cm * 1e-3);
}

export function membraneAsrTable(sigmas_mS_per_cm: number[], thicknesses_um: number[]): number[][] {
  return sigmas_mS_per_cm.map((s) => thicknesses_um.map((l) => membraneAsr(s, l)));
}

export interface BudgetInput {
  anodeInterfaceAsr_ohm_cm2: number;
  electrolyteSigma_mS_per_cm: number;
  electrolyteThickness_um: number;
  cathodeInterfaceAsr_ohm_cm2: number;
  cathodeAsr_ohm_cm2: number;
  /** Target total ASR (Ω·cm²) for the thickness read-out. */
  targetTotalAsr_ohm_cm2?: number;
}

export interface Budget {
  items: { part: string; asr_ohm_cm2: number; share: number }[];
  totalAsr_ohm_cm2: number;
  /** Thickest membrane (µm) that meets the target, null if the other parts alone exceed it. */
  maxThicknessForTarget_um: number | null;
}

/** Areal resistance budget of a full Na | NZSP | cathode stack. */
export function resistanceBudget(b: BudgetInput): Budget {
  for (const [k, v] of Object.entries(b))
    if (v !== undefined && !(Number.isFinite(v) && v >= 0))
      throw new InputError('must be a non-negative number', { field: k, found: String(v) });
  const se = membraneAsr(b.electrolyteSigma_mS_per_cm, b.electrolyteThickness_um);
  const raw = [
    { part: 'anode interface', asr_ohm_cm2: b.anodeInterfaceAsr_ohm_cm2 },
    { part: 'electrolyte membrane', asr_ohm_cm2: se },
    { part: 'cathode interface', asr_ohm_cm2: b.cathodeInterfaceAsr_ohm_cm2 },
    { part: 'cathode', asr_ohm_cm2: b.cathodeAsr_ohm_cm2 },
  ];
  const total = raw.reduce((s, x) => s + x.asr_ohm_cm2, 0);
  let maxL: number | null = null;
  if (b.targetTotalAsr_ohm_cm2 !== undefined) {
    const room = b.targetTotalAsr_ohm_cm2 - (total - se);
    maxL = room > 0 ? room * b.electrolyteSigma_mS_per_cm * 1e-3 * 1e4 : null;
  }
  return {
    items: raw.map((x) => ({ ...x, share: x.asr_ohm_cm2 / total })),
    totalAsr_ohm_cm2: total,
    maxThicknessForTarget_um: maxL,
  };
}
