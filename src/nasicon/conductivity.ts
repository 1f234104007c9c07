/**
 * Ionic conductivity of NASICONs: Arrhenius forms (σT = A·exp(−Ea/kT) and σ = σ0·exp(−Ea/kT)),
 * least-squares fits in log space, membrane ASR = L/σ, and σ(x, T) estimates from the curated
 * dataset data/nasicon/conductivity.json with an honest spread instead of a single number.
 */

import dataset from '../../data/nasicon/conductivity.json' with { type: 'json' };
import { BOLTZMANN_EV_PER_K } from '../core/constants.ts';
import { InputError } from '../core/errors.ts';
import { type NasiconComposition, parseNasiconFormula } from './composition.ts';

export type ArrheniusForm = 'sigmaT' | 'sigma';

export interface ArrheniusFit {
  form: ArrheniusForm;
  /** Activation energy (eV). */
  activationEnergyEv: number;
  /** Prefactor: A in S·K/cm for 'sigmaT', σ0 in S/cm for 'sigma'. */
  prefactor: number;
  /** Points used. */
  n: number;
}

/**
 * Arrhenius fit by linear least squares of ln(σT) or ln(σ) against 1/T (two points = exact).
 * temperaturesK and sigmasScm must have the same length ≥ 2, T > 0, σ > 0, not all T equal.
 */
export function fitArrhenius(
  temperaturesK: number[],
  sigmasScm: number[],
  form: ArrheniusForm = 'sigmaT',
): ArrheniusFit {
  if (temperaturesK.length !== sigmasScm.length || temperaturesK.length < 2)
    throw new InputError('an Arrhenius fit needs at least two (T, σ) pairs of equal length', {
      field: 'data',
    });
  for (let i = 0; i < temperaturesK.length; i++) {
    if (!(temperaturesK[i] > 0))
      throw new InputError('temperature must be positive (K)', {
        field: 'T',
        found: String(temperaturesK[i]),
      });
    if (!(sigmasScm[i] > 0))
      throw new InputError('conductivity must be positive (S/cm)', {
        field: 'sigma',
        found: String(sigmasScm[i]),
      });
  }
  const xs = temperaturesK.map((t) => 1 / t);
  const ys = sigmasScm.map((s, i) => Math.log(form === 'sigmaT' ? s * temperaturesK[i] : s));
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  if (!(sxx > 0)) throw new InputError('all temperatures are equal: no slope to fit', { field: 'T' });
  const slope = sxy / sxx;
  return {
    form,
    activationEnergyEv: -slope * BOLTZMANN_EV_PER_K,
    prefactor: Math.exp(my - slope * mx),
    n,
  };
}

/** σ (S/cm) at T from an Arrhenius fit. */
export function arrheniusSigma(
  fit: Pick<ArrheniusFit, 'form' | 'activationEnergyEv' | 'prefactor'>,
  temperatureK: number,
): number {
  const b = Math.exp(-fit.activationEnergyEv / (BOLTZMANN_EV_PER_K * temperatureK));
  return fit.form === 'sigmaT' ? (fit.prefactor * b) / temperatureK : fit.prefactor * b;
}

/** Area-specific resistance (Ω·cm²) of a membrane of thickness L (µm) and conductivity σ (S/cm). */
export function membraneAsr(thicknessUm: number, sigmaScm: number): number {
  if (!(thicknessUm > 0))
    throw new InputError('thickness must be positive', {
      field: 'thickness',
      found: String(thicknessUm),
      expected: 'µm > 0',
    });
  if (!(sigmaScm > 0))
    throw new InputError('conductivity must be positive', { field: 'sigma', found: String(sigmaScm) });
  return (thicknessUm * 1e-4) / sigmaScm;
}

export interface ConductivityRow {
  id: string;
  composition: string;
  temperatureK: number;
  temperatureIsRoomTemperature: boolean;
  sigmaTotalScm: number | null;
  sigmaBulkScm: number | null;
  activationEnergyEv: number | null;
  arrheniusForm: ArrheniusForm | null;
  method: string | null;
  doi: string | null;
  reference: string | null;
  url?: string | null;
  tag: string;
  notes: string | null;
}

/** The curated dataset (rows as stored). */
export function conductivityRows(): ConductivityRow[] {
  return (dataset as unknown as { rows: ConductivityRow[] }).rows;
}

export interface ConductivityOptions {
  /** Temperature (K). */
  temperatureK: number;
  /** Largest |Δ(alkali per f.u.)| of a dataset row still used. Default 0.5. */
  maxDeltaX?: number;
  /**
   * Activation-energy range (eV) used to move a row measured at another temperature to T when the row
   * has no Ea of its own. Default [0.30, 0.47]: the span of the NASICON Ea values in the dataset.
   */
  fallbackEaRangeEv?: [number, number];
  /** Include [R] (recalled) rows. Default false: only [S] rows count. */
  includeRecalled?: boolean;
  /** Use only these dataset rows (ids), e.g. one processing route; the other rules still apply. */
  rowIds?: readonly string[];
}

export interface BasisRow {
  id: string;
  composition: string;
  temperatureK: number;
  doi: string | null;
  reference: string | null;
  tag: string;
  /** σ_total moved to the requested T (S/cm), with its own low/high from the Ea range. */
  sigmaTotalAtT: [number, number] | null;
  sigmaBulkAtT: [number, number] | null;
}

export interface ConductivityEstimate {
  composition: string;
  temperatureK: number;
  /** Geometric mean of the rows' σ_total at T (S/cm); null when no row qualifies. */
  sigmaTotal: number | null;
  sigmaBulk: number | null;
  /** Mean activation energy of the rows that report one (eV), else null. */
  Ea: number | null;
  /** [min, max] of σ_total over the rows and their Ea-range extrapolation (S/cm). */
  range: [number, number] | null;
  bulkRange: [number, number] | null;
  basis: BasisRow[];
  /** What the numbers mean and do not mean. */
  caveats: string[];
}

const DEFAULT_EA_RANGE: [number, number] = [0.3, 0.47];

function sameFamily(a: NasiconComposition, b: NasiconComposition): boolean {
  if (a.alkali !== b.alkali || a.host !== b.host) return false;
  const da = Object.keys(a.dopants).sort().join();
  const db = Object.keys(b.dopants).sort().join();
  return da === db;
}

/**
 * σ(x, T) of a composition from the dataset: rows of the same family (alkali, host, dopant set)
 * within maxDeltaX in alkali content, moved to T by their own Ea (or the fallback Ea range), then
 * summarised by the geometric mean and the full min–max spread. No fit across processing routes is
 * attempted: the spread *is* the uncertainty (processing changes σ_total by 1–2 decades).
 */
export function estimateConductivity(formula: string, options: ConductivityOptions): ConductivityEstimate {
  const T = options.temperatureK;
  if (!(Number.isFinite(T) && T > 0))
    throw new InputError('temperature must be a positive number', {
      field: 'T',
      found: String(T),
      expected: 'K > 0 (°C > −273.15)',
    });
  const comp = parseNasiconFormula(formula);
  const maxDx = options.maxDeltaX ?? 0.5;
  const eaRange = options.fallbackEaRangeEv ?? DEFAULT_EA_RANGE;
  const basis: BasisRow[] = [];
  const move = (
    sigma: number,
    Tm: number,
    ea: number | null,
    form: ArrheniusForm | null,
  ): [number, number] => {
    if (Math.abs(Tm - T) < 1e-9) return [sigma, sigma];
    const f = form ?? 'sigmaT';
    const at = (e: number) => {
      const scale = Math.exp((-e / BOLTZMANN_EV_PER_K) * (1 / T - 1 / Tm));
      return f === 'sigmaT' ? (sigma * scale * Tm) / T : sigma * scale;
    };
    const vals = ea !== null ? [at(ea)] : [at(eaRange[0]), at(eaRange[1])];
    return [Math.min(...vals), Math.max(...vals)];
  };
  const eas: number[] = [];
  for (const row of conductivityRows()) {
    if (row.tag !== 'S' && !options.includeRecalled) continue;
    if (options.rowIds && !options.rowIds.includes(row.id)) continue;
    const rc = parseNasiconFormula(row.composition);
    if (!sameFamily(rc, comp) || Math.abs(rc.alkaliAmount - comp.alkaliAmount) > maxDx + 1e-9) continue;
    const tot =
      row.sigmaTotalScm !== null
        ? move(row.sigmaTotalScm, row.temperatureK, row.activationEnergyEv, row.arrheniusForm)
        : null;
    const bulk =
      row.sigmaBulkScm !== null
        ? move(row.sigmaBulkScm, row.temperatureK, row.activationEnergyEv, row.arrheniusForm)
        : null;
    if (row.activationEnergyEv !== null) eas.push(row.activationEnergyEv);
    basis.push({
      id: row.id,
      composition: row.composition,
      temperatureK: row.temperatureK,
      doi: row.doi,
      reference: row.reference,
      tag: row.tag,
      sigmaTotalAtT: tot,
      sigmaBulkAtT: bulk,
    });
  }
  const summarise = (key: 'sigmaTotalAtT' | 'sigmaBulkAtT') => {
    const rows = basis.map((b) => b[key]).filter((v): v is [number, number] => v !== null);
    if (rows.length === 0) return { mean: null, range: null };
    const logs = rows.map(([lo, hi]) => (Math.log(lo) + Math.log(hi)) / 2);
    return {
      mean: Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length),
      range: [Math.min(...rows.map((r) => r[0])), Math.max(...rows.map((r) => r[1]))] as [number, number],
    };
  };
  const tot = summarise('sigmaTotalAtT');
  const bulk = summarise('sigmaBulkAtT');
  const caveats = [
    'dataset interpolation, not a model: the range spans processing routes (density, ZrO2 impurity, sintering aids)',
    'rows measured at other temperatures are moved to T with their own Ea, or with the Ea range when they report none',
  ];
  if (basis.length === 0)
    caveats.push(`no ${options.includeRecalled ? '' : '[S] '}row of this family within Δx ≤ ${maxDx}`);
  if (basis.length === 1) caveats.push('a single measurement: the range reflects only the Ea uncertainty');
  return {
    composition: comp.formula,
    temperatureK: T,
    sigmaTotal: tot.mean,
    sigmaBulk: bulk.mean,
    Ea: eas.length ? eas.reduce((a, b) => a + b, 0) / eas.length : null,
    range: tot.range,
    bulkRange: bulk.range,
    basis,
    caveats,
  };
}
