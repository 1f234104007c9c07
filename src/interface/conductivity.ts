/**
 * Electrolyte transport of the interface model. The bulk and grain-boundary conductivities come from
 * the NASICON module: its σ(x, T) estimate over the curated dataset data/nasicon/conductivity.json
 * (src/nasicon/conductivity.ts, `natrium nasicon conductivity`), for the electrolyte's formula at the
 * requested temperature. The interface keeps no conductivity table of its own; it adds only the
 * membrane geometry (ASR = L/σ), the brick-layer grain-size scaling of the grain-boundary term and
 * the manufacturing factor.
 */
import { BOLTZMANN_EV_PER_K } from '../core/constants.ts';
import { InputError } from '../core/errors.ts';
// File path, not the nasicon index: the index also loads the BVSE and stability code the interface does not need.
import { type BasisRow, type ConductivityEstimate, estimateConductivity } from '../nasicon/conductivity.ts';
import type { ArrheniusConductivity, ElectrolyteProperties } from './parameters.ts';

export function requireKelvin(T_K: number, field = 'temperature'): void {
  if (!(Number.isFinite(T_K) && T_K > 0))
    throw new InputError('temperature must be above 0 K', {
      field,
      found: `${T_K} K`,
      expected: 'a temperature > 0 K (> -273.15 °C)',
    });
}

/** σ(T) in S/cm from an Arrhenius record anchored at its reference temperature (either form, brief §2.2). */
export function arrheniusConductivity(p: ArrheniusConductivity, T_K: number): number {
  requireKelvin(T_K);
  const boltz = Math.exp((-p.Ea_eV / BOLTZMANN_EV_PER_K) * (1 / T_K - 1 / p.refT_K));
  return p.form === 'sigmaT' ? (p.sigmaRef_S_per_cm * p.refT_K * boltz) / T_K : p.sigmaRef_S_per_cm * boltz;
}

/** One dataset row behind the conductivity, as reported with every simulation. */
export interface ConductivityBasisRow {
  id: string;
  composition: string;
  /** Temperature of the measurement (K). */
  measuredAt_K: number;
  doi: string | null;
  reference: string | null;
  tag: string;
  /** σ_total / σ_bulk of this row moved to T (S/cm, [low, high] from the Ea range when the row has no Ea). */
  sigmaTotalAtT_S_per_cm: [number, number] | null;
  sigmaBulkAtT_S_per_cm: [number, number] | null;
}

/** The electrolyte's conductivity at T and where it came from. */
export interface ElectrolyteConductivity {
  module: string;
  formula: string;
  T_K: number;
  /** Geometric mean σ_total of the basis rows at T (S/cm); null if no row gives a total. */
  sigmaTotal_S_per_cm: number | null;
  sigmaBulk_S_per_cm: number | null;
  /** Effective grain-boundary conductivity 1/(1/σ_tot − 1/σ_b) at the reference grain size; null = lumped. */
  sigmaGrainBoundary_S_per_cm: number | null;
  /** [min, max] σ_total over the basis rows (S/cm). */
  range_S_per_cm: [number, number] | null;
  basis: ConductivityBasisRow[];
  /** Whether the value is a dataset interpolation rather than one measurement at this composition and T. */
  interpolated: {
    /** Rows of other compositions of the same family were averaged in. */
    acrossCompositions: boolean;
    /** Rows measured at another temperature were moved to T (own Ea, or the NASICON module's Ea range). */
    inTemperature: boolean;
    /** More than one row was averaged. */
    acrossRows: boolean;
  };
  /** How bulk and grain-boundary terms were formed. */
  split: string;
  caveats: string[];
}

const CACHE_LIMIT = 512;
const cache = new Map<string, ElectrolyteConductivity>();

function basisRow(b: BasisRow): ConductivityBasisRow {
  return {
    id: b.id,
    composition: b.composition,
    measuredAt_K: b.temperatureK,
    doi: b.doi,
    reference: b.reference,
    tag: b.tag,
    sigmaTotalAtT_S_per_cm: b.sigmaTotalAtT,
    sigmaBulkAtT_S_per_cm: b.sigmaBulkAtT,
  };
}

/**
 * σ of the electrolyte at T from the NASICON module. With `basisRows` = null this is exactly
 * `estimateConductivity(formula, {temperatureK: T})` (= `natrium nasicon conductivity`); with a list
 * the same estimate restricted to those rows (`rowIds`).
 */
export function electrolyteConductivity(el: ElectrolyteProperties, T_K: number): ElectrolyteConductivity {
  requireKelvin(T_K);
  const spec = el.conductivity;
  const key = `${spec.nasiconFormula}|${spec.basisRows?.join('+') ?? '*'}|${T_K}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const est: ConductivityEstimate = estimateConductivity(spec.nasiconFormula, {
    temperatureK: T_K,
    ...(spec.basisRows !== null ? { rowIds: spec.basisRows } : {}),
  });
  const rows = est.basis;
  const { sigmaTotal, sigmaBulk, range } = est;
  if (spec.basisRows !== null) {
    const missing = spec.basisRows.filter((id) => !rows.some((b) => b.id === id));
    if (missing.length > 0)
      throw new InputError('the electrolyte names conductivity rows the NASICON module does not use', {
        file: 'data/interface/electrolytes.json',
        field: `${el.id}.conductivity.basisRows`,
        found: missing.join(', '),
        expected: `ids of [S] rows of ${spec.nasiconFormula} in data/nasicon/conductivity.json`,
      });
  }
  if (sigmaTotal === null && sigmaBulk === null)
    throw new InputError('the NASICON dataset has no conductivity for this electrolyte', {
      field: 'electrolyte',
      found: `${el.id} (${spec.nasiconFormula})`,
      expected: 'a composition with rows in data/nasicon/conductivity.json',
    });
  let sigmaGb: number | null = null;
  let split: string;
  if (sigmaTotal !== null && sigmaBulk !== null && sigmaBulk > sigmaTotal) {
    sigmaGb = 1 / (1 / sigmaTotal - 1 / sigmaBulk);
    split = `bulk = mean σ_bulk of the basis rows; grain boundary = 1/(1/σ_total − 1/σ_bulk) at the reference grain size ${el.referenceGrainSize_um} µm [I]`;
  } else if (sigmaTotal !== null) {
    split =
      sigmaBulk === null
        ? 'no σ_bulk in the basis rows: σ_total lumped into the bulk term (no separate grain-boundary term)'
        : 'mean σ_bulk ≤ mean σ_total (different rows report each): σ_total lumped into the bulk term';
  } else split = 'only σ_bulk in the basis rows: used alone (grain boundaries not represented)';
  const composition = est.composition;
  const out: ElectrolyteConductivity = {
    module: 'src/nasicon/conductivity.ts estimateConductivity (data/nasicon/conductivity.json)',
    formula: spec.nasiconFormula,
    T_K,
    sigmaTotal_S_per_cm: sigmaTotal,
    sigmaBulk_S_per_cm: sigmaBulk,
    sigmaGrainBoundary_S_per_cm: sigmaGb,
    range_S_per_cm: range,
    basis: rows.map(basisRow),
    interpolated: {
      acrossCompositions: rows.some((b) => b.composition !== composition),
      inTemperature: rows.some((b) => Math.abs(b.temperatureK - T_K) > 1e-9),
      acrossRows: rows.length > 1,
    },
    split,
    caveats: spec.basisRows === null ? est.caveats : [spec.note, ...est.caveats.slice(1)],
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, out);
  return out;
}

export interface MembraneResistance {
  bulkAsr_ohm_cm2: number;
  grainBoundaryAsr_ohm_cm2: number;
  totalAsr_ohm_cm2: number;
  sigmaBulk_S_per_cm: number;
  /** Effective grain-boundary conductivity at this grain size (brick layer, ∝ grain size). */
  sigmaGbEffective_S_per_cm: number | null;
  sigmaTotal_S_per_cm: number;
  /** The NASICON estimate behind the numbers. */
  conductivity: ElectrolyteConductivity;
}

/**
 * Bulk and grain-boundary ASR of a membrane of thickness L (cm) at T: L/σ_b + L/σ_gb. Brick-layer
 * model: the series grain-boundary resistance scales as 1/grain size, anchored at the electrolyte's
 * reference grain size [I]. `conductivityFactor` multiplies both (density, ZrO2, Na loss: see
 * manufacturing.ts).
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
  const c = electrolyteConductivity(el, T_K);
  const factor = opts.conductivityFactor ?? 1;
  const bulkOnly = c.sigmaGrainBoundary_S_per_cm === null;
  const sb =
    ((bulkOnly ? (c.sigmaTotal_S_per_cm ?? c.sigmaBulk_S_per_cm) : c.sigmaBulk_S_per_cm) as number) * factor;
  let sgb: number | null = null;
  if (!bulkOnly) {
    const d = opts.grainSize_um ?? el.referenceGrainSize_um;
    if (!(d > 0))
      throw new InputError('grain size must be positive', { field: 'grainSize', found: String(d) });
    sgb = (c.sigmaGrainBoundary_S_per_cm as number) * factor * (d / el.referenceGrainSize_um);
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
    conductivity: c,
  };
}
