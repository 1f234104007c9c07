import { InputError } from '../../core/errors.ts';
import { density, reducedFormula } from '../../crystal/composition.ts';
import { analyzeSymmetry, type SymmetryAnalysis } from '../../crystal/spacegroup.ts';
import { type Structure, siteOccupancy, uIso } from '../../crystal/structure.ts';

export { structureScene } from './structureScene.ts';

export interface SiteSummary {
  label: string;
  /** Occupants written as 'Na0.6' or 'Co'; disordered sites 'Si0.667P0.333'. */
  species: string;
  wyckoff?: string;
  x: number;
  y: number;
  z: number;
  occupancy: number;
  /** Isotropic U in Å², whichever unit the file used. */
  uIso?: number;
  /** How many positions of the cell this asymmetric-unit site generates. */
  multiplicity: number;
}

export interface StructureSummary {
  title?: string;
  formula: string;
  cell: { a: number; b: number; c: number; alpha: number; beta: number; gamma: number; volume: number };
  spaceGroup: {
    symbol?: string;
    number?: number;
    source: 'analysis' | 'file' | 'unknown';
    symbolInFile?: string;
  };
  /** g/cm³ */
  density: number;
  atomsInCell: number;
  sites: SiteSummary[];
  warnings: { code: string; message: string; label?: string }[];
}

/**
 * What a researcher wants to see first about a structure: formula, cell, space group (found by
 * symmetry analysis of the expanded cell; the file's own symbol is kept alongside), density and the
 * asymmetric-unit site table with Wyckoff letters.
 */
export function summarizeStructure(
  structure: Structure,
  warnings: { code: string; message: string; label?: string }[] = [],
): StructureSummary {
  const p = structure.lattice.parameters;
  let sym: SymmetryAnalysis | undefined;
  const allWarnings = [...warnings];
  try {
    sym = analyzeSymmetry(structure);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    allWarnings.push({ code: 'symmetry-analysis-failed', message: err.message });
  }
  // One row per orbit (asymmetric-unit site), in file order.
  const firstOfOrbit = new Map<string, number>();
  const countOfOrbit = new Map<string, number>();
  structure.sites.forEach((s, i) => {
    const key = s.orbit ?? s.label;
    if (!firstOfOrbit.has(key)) firstOfOrbit.set(key, i);
    countOfOrbit.set(key, (countOfOrbit.get(key) ?? 0) + 1);
  });
  const sites: SiteSummary[] = [];
  for (const [key, i] of firstOfOrbit) {
    const s = structure.sites[i];
    sites.push({
      label: key,
      species: s.occupants
        .map((o) => `${o.element}${o.occupancy === 1 ? '' : round(o.occupancy, 4)}`)
        .join(''),
      wyckoff: sym?.wyckoffSymbols[i],
      x: round(s.frac[0], 6),
      y: round(s.frac[1], 6),
      z: round(s.frac[2], 6),
      occupancy: round(siteOccupancy(s), 6),
      uIso: s.displacement ? round(uIso(s.displacement), 6) : undefined,
      multiplicity: countOfOrbit.get(key) ?? 1,
    });
  }
  return {
    title: structure.title,
    formula: reducedFormula(structure),
    cell: { ...mapRound(p, 6), volume: round(structure.lattice.volume, 4) },
    spaceGroup: sym
      ? {
          symbol: sym.symbol,
          number: sym.number,
          source: 'analysis',
          symbolInFile: structure.spaceGroup?.symbol,
        }
      : {
          symbol: structure.spaceGroup?.symbol,
          number: structure.spaceGroup?.number,
          source: structure.spaceGroup ? 'file' : 'unknown',
        },
    density: round(density(structure), 4),
    atomsInCell: structure.sites.length,
    sites,
    warnings: allWarnings,
  };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function mapRound<T extends object>(o: T, digits: number): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v as number, digits)])) as T;
}
