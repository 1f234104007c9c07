/**
 * Solid-electrolyte workflow: effective capacitances of fitted arcs (Brug), assignment of arcs to
 * bulk / grain boundary / electrode by specific capacitance (Irvine–Sinclair–West), geometry →
 * conductivities, and the interfacial ASR of symmetric cells.
 *
 * Conventions:
 * - C_eff of an R‖CPE arc: C = (Q·R^(1−n))^(1/n) (Brug et al., J. Electroanal. Chem. 176 (1984) 275;
 *   Hsu & Mansfeld, Corrosion 57 (2001) 747). For an ideal R‖C arc, C itself.
 * - Specific capacitance C_spec = C·L/A (F·cm⁻¹ ≡ F for a unit cell constant), compared with
 *   data/eis/capacitance-ranges.json.
 * - σ = L/(R·A) in S/cm (L in cm, A in cm²). σ_gb here is the apparent ("macroscopic") value on
 *   the sample geometry; the brick-layer specific value σ_gb,sp = σ_gb·C_b/C_gb (Fleig & Maier 1999)
 *   is reported too, valid only for near-homogeneous grain boundaries.
 * - Interfacial ASR of a symmetric cell: ASR = R_int·A/2 per interface (two identical interfaces);
 *   'total' gives R_int·A. The convention is always written next to the value.
 */
import ranges from '../../../data/eis/capacitance-ranges.json' with { type: 'json' };
import { InputError } from '../../core/errors.ts';
import type { Circuit, CircuitNode } from './circuit.ts';

export type Process =
  | 'bulk'
  | 'grainBoundary'
  | 'surfaceLayer'
  | 'electrodeInterface'
  | 'electrochemicalReaction';

export interface SampleGeometry {
  /** Thickness L, cm. */
  thicknessCm: number;
  /** Electrode area A, cm². */
  areaCm2: number;
}

/** Geometry from thickness and either area or diameter (cm). */
export function sampleGeometry(
  thicknessCm: number,
  size: { areaCm2?: number; diameterCm?: number },
): SampleGeometry {
  if (!(thicknessCm > 0 && Number.isFinite(thicknessCm)))
    throw new InputError('thickness must be a positive length', {
      field: 'thickness',
      found: String(thicknessCm),
    });
  if ((size.areaCm2 === undefined) === (size.diameterCm === undefined))
    throw new InputError('give exactly one of area and diameter', { field: 'area/diameter' });
  const areaCm2 = size.areaCm2 ?? Math.PI * (size.diameterCm! / 2) ** 2;
  if (!(areaCm2 > 0 && Number.isFinite(areaCm2)))
    throw new InputError('area must be positive', {
      field: size.areaCm2 !== undefined ? 'area' : 'diameter',
      found: String(areaCm2),
    });
  return { thicknessCm, areaCm2 };
}

/** Brug effective capacitance of an R‖CPE element, F. */
export function brugCapacitance(R: number, Q: number, n: number): number {
  return (Q * R ** (1 - n)) ** (1 / n);
}

export interface Arc {
  /** Labels of the R and C/CPE forming the arc. */
  resistor: string;
  capacitor: string;
  R: number;
  /** Effective capacitance, F. */
  capacitanceF: number;
  /** CPE exponent (1 for an ideal C). */
  n: number;
  /** Apex frequency 1/(2πRC_eff), Hz. */
  peakFrequencyHz: number;
}

export interface SeriesCapacitance {
  label: string;
  /** C or CPE Q (then in F·s^(n−1)). */
  value: number;
  n: number;
}

/**
 * Finds the R‖C and R‖CPE arcs of a fitted circuit (parallel blocks of exactly one R and one C/CPE)
 * and the series C/CPE elements (blocking electrodes). Parameter values by name (impedance.py names).
 */
export function arcsOfCircuit(
  circuit: Circuit,
  values: Record<string, number>,
): { arcs: Arc[]; series: SeriesCapacitance[] } {
  const arcs: Arc[] = [];
  const series: SeriesCapacitance[] = [];
  const val = (label: string, i?: number) => values[i === undefined ? label : `${label}_${i}`];
  const visit = (node: CircuitNode, inSeries: boolean) => {
    if (node.type === 'element') {
      if (inSeries && node.symbol === 'C') series.push({ label: node.label, value: val(node.label), n: 1 });
      if (inSeries && node.symbol === 'CPE')
        series.push({ label: node.label, value: val(node.label, 0), n: val(node.label, 1) });
      return;
    }
    if (node.type === 'series') {
      for (const c of node.children) visit(c, inSeries);
      return;
    }
    const kids = node.children;
    const r = kids.find((k) => k.type === 'element' && k.symbol === 'R');
    const c = kids.find((k) => k.type === 'element' && (k.symbol === 'C' || k.symbol === 'CPE'));
    if (kids.length === 2 && r && c && r.type === 'element' && c.type === 'element') {
      const R = val(r.label);
      const n = c.symbol === 'C' ? 1 : val(c.label, 1);
      const C = c.symbol === 'C' ? val(c.label) : brugCapacitance(R, val(c.label, 0), n);
      arcs.push({
        resistor: r.label,
        capacitor: c.label,
        R,
        capacitanceF: C,
        n,
        peakFrequencyHz: 1 / (2 * Math.PI * R * C),
      });
    } else for (const k of kids) visit(k, false);
  };
  visit(circuit.root, true);
  return { arcs, series };
}

/** Assigns a process from a specific capacitance C·L/A (F for unit cell constant). */
export function processFromCapacitance(specificF: number): Process {
  for (const p of ranges.processes)
    if (p.decisionUpperF !== null && specificF < p.decisionUpperF) return p.process as Process;
  return 'electrochemicalReaction';
}

export interface AssignedArc extends Arc {
  specificCapacitanceF: number;
  process: Process;
}

export interface ConductivityReport {
  arcs: AssignedArc[];
  /** σ in S/cm; null when the arc was not identified. */
  sigmaBulk: number | null;
  sigmaGrainBoundary: number | null;
  /** Brick-layer specific grain-boundary conductivity σ_gb·C_b/C_gb, S/cm. */
  sigmaGrainBoundarySpecific: number | null;
  sigmaTotal: number | null;
  rBulk: number | null;
  rGrainBoundary: number | null;
  cellConstantPerCm: number;
  warnings: string[];
}

/**
 * Conductivities from assigned arcs. When no arc is bulk-like but the circuit has a series resistance
 * (HF intercept), that resistance is taken as R_bulk with a warning that the bulk arc lies above the
 * measured frequencies.
 */
export function conductivities(
  arcs: Arc[],
  geometry: SampleGeometry,
  options: { seriesResistance?: number; maxFrequencyHz?: number } = {},
): ConductivityReport {
  const k = geometry.thicknessCm / geometry.areaCm2;
  const warnings: string[] = [];
  const assigned: AssignedArc[] = arcs.map((a) => {
    const specific = a.capacitanceF * k;
    return { ...a, specificCapacitanceF: specific, process: processFromCapacitance(specific) };
  });
  // C_bulk < C_gb: when several arcs fall in the bulk range, only the smallest-C one is bulk and the
  // next one is taken as grain boundary (said in a warning).
  const bulkLike = assigned
    .filter((a) => a.process === 'bulk')
    .sort((a, b) => a.capacitanceF - b.capacitanceF);
  if (bulkLike.length > 1) {
    for (const a of bulkLike.slice(1)) a.process = 'grainBoundary';
    warnings.push(
      `${bulkLike.length} arcs have bulk-like capacitances (${bulkLike.map((a) => `${a.capacitor}: ${a.specificCapacitanceF.toExponential(2)} F·cm⁻¹`).join(', ')}); the smallest is taken as bulk, the others as grain boundary`,
    );
  }
  const sum = (p: Process) => {
    const xs = assigned.filter((a) => a.process === p);
    return xs.length ? xs.reduce((s, a) => s + a.R, 0) : null;
  };
  let rBulk = sum('bulk');
  const rGb = sum('grainBoundary');
  for (const a of assigned)
    if (options.maxFrequencyHz && a.peakFrequencyHz > options.maxFrequencyHz)
      warnings.push(
        `arc ${a.resistor}‖${a.capacitor} peaks at ${a.peakFrequencyHz.toPrecision(3)} Hz, above the highest measured frequency ${options.maxFrequencyHz.toPrecision(3)} Hz: its R and C are extrapolated`,
      );
  if (rBulk === null && options.seriesResistance !== undefined && options.seriesResistance > 0) {
    rBulk = options.seriesResistance;
    warnings.push(
      'no bulk-like arc (C·L/A < 1e-11 F) in the measured range: the bulk arc lies above the highest frequency; the series resistance is used as R_bulk (σ_bulk is a lower-bound estimate; σ_total is robust)',
    );
  } else if (rBulk === null) warnings.push('no bulk arc identified: σ_bulk not resolvable; σ_total only');
  if (assigned.filter((a) => a.process === 'grainBoundary').length > 1)
    warnings.push('more than one grain-boundary arc: their resistances were added');
  const sigma = (R: number | null) => (R !== null && R > 0 ? k / R : null);
  const cB = assigned.find((a) => a.process === 'bulk')?.capacitanceF;
  const cGb = assigned.find((a) => a.process === 'grainBoundary')?.capacitanceF;
  const sGb = sigma(rGb);
  const rTot = (rBulk ?? 0) + (rGb ?? 0);
  return {
    arcs: assigned,
    sigmaBulk: sigma(rBulk),
    sigmaGrainBoundary: sGb,
    sigmaGrainBoundarySpecific:
      sGb !== null && cB !== undefined && cGb !== undefined ? (sGb * cB) / cGb : null,
    sigmaTotal: rBulk !== null || rGb !== null ? sigma(rTot) : null,
    rBulk,
    rGrainBoundary: rGb,
    cellConstantPerCm: k,
    warnings,
  };
}

/** Interfacial area-specific resistance of a symmetric cell, Ω·cm², with its convention. */
export function interfacialAsr(
  rInterfaceOhm: number,
  areaCm2: number,
  convention: 'perInterface' | 'total' = 'perInterface',
): { asrOhmCm2: number; convention: string } {
  const total = rInterfaceOhm * areaCm2;
  return convention === 'perInterface'
    ? {
        asrOhmCm2: total / 2,
        convention: 'ASR = R_int·A/2 (per interface; symmetric cell with two identical interfaces)',
      }
    : { asrOhmCm2: total, convention: 'ASR = R_int·A (both interfaces together)' };
}
