/**
 * R-3c NASICON structure for any composition: the Na4Zr2Si3O12 framework of Tran Qui et al. (1981)
 * with occupancies set from the composition (average-structure model, brief §1.3) and a lattice
 * taken from sourced end members, interpolated linearly in x when needed (flagged).
 */

import latticeTable from '../../data/nasicon/lattice.json' with { type: 'json' };
import templateTable from '../../data/nasicon/template-R-3c.json' with { type: 'json' };
import { InputError } from '../core/errors.ts';
import { expandAsymmetricUnit } from '../crystal/expand.ts';
import { Lattice, type Vec3 } from '../crystal/lattice.ts';
import type { Occupant, Site, Structure } from '../crystal/structure.ts';
import { parseSymOp, type SymOp } from '../crystal/symop.ts';
import { type NasiconComposition, nasiconCharge, parseNasiconFormula } from './composition.ts';

/** Wyckoff keys of the template (multiplicity + letter; two 18e orbits and two 36f orbits). */
export type TemplateSiteKey = '6b' | '18e_A' | '12c' | '18e_T' | '36f_O1' | '36f_O2';

interface TemplateSite {
  role: 'alkali' | 'octahedral' | 'tetrahedral' | 'oxygen';
  frac: Vec3;
  B: number;
  labelIn1981: string;
}

const TEMPLATE = templateTable as unknown as {
  symmetryOperations: string[];
  sites: Record<TemplateSiteKey, TemplateSite>;
  lattice: { a: number; c: number };
};

interface LatticePoint {
  x: number;
  a: number;
  c: number;
  tag: string;
  source: string;
}
const SERIES = (
  latticeTable as unknown as { series: Record<string, { variable: string; points: LatticePoint[] }> }
).series;

let opsCache: SymOp[] | undefined;
/** The 36 operations of R-3c (hexagonal axes) from the template data. */
export function r3cOperations(): SymOp[] {
  opsCache ??= TEMPLATE.symmetryOperations.map((s) => parseSymOp(s));
  return opsCache;
}

export interface LatticeChoice {
  a: number;
  c: number;
  /** 'sourced' = an end-member value; 'interpolated' = Vegard between two sourced points; 'user'. */
  basis: 'sourced' | 'interpolated' | 'user';
  /** Worst provenance tag among the points used ([S] < [R]); [I] added for interpolation. */
  tags: string[];
  sources: string[];
  series?: string;
}

/** Lattice parameters for a composition: user values win; else the series table. */
export function nasiconLattice(comp: NasiconComposition, user?: { a?: number; c?: number }): LatticeChoice {
  if (user?.a !== undefined || user?.c !== undefined) {
    if (user.a === undefined || user.c === undefined)
      throw new InputError('give both hexagonal lattice parameters', {
        field: 'a/c',
        expected: 'a and c in Å',
      });
    for (const [k, v] of [
      ['a', user.a],
      ['c', user.c],
    ] as const)
      if (!(Number.isFinite(v) && v > 0))
        throw new InputError('lattice parameter must be a positive length', {
          field: k,
          found: String(v),
          expected: 'Å > 0',
        });
    return { a: user.a, c: user.c, basis: 'user', tags: [], sources: ['user'] };
  }
  let series: string | undefined;
  let variable = comp.x;
  if (comp.alkali === 'Na' && comp.host === 'Zr') {
    series = 'Na-Zr-Si-P';
    variable = comp.silicon;
  } else if (comp.alkali === 'Li' && comp.host === 'Ti' && comp.silicon === 0) series = 'Li-Al-Ti-P';
  else if (comp.alkali === 'Li' && comp.host === 'Ge' && comp.silicon === 0) series = 'Li-Al-Ge-P';
  if (!series)
    throw new InputError(`no sourced lattice parameters for ${comp.formula}`, {
      field: 'lattice',
      expected: 'explicit hexagonal a and c (Å), e.g. --a 8.8 --c 22.7',
    });
  const pts = [...SERIES[series].points].sort((p, q) => p.x - q.x);
  const tol = 1e-6;
  const exact = pts.find((p) => Math.abs(p.x - variable) < tol);
  if (exact)
    return { a: exact.a, c: exact.c, basis: 'sourced', tags: [exact.tag], sources: [exact.source], series };
  for (let i = 0; i + 1 < pts.length; i++) {
    const [p, q] = [pts[i], pts[i + 1]];
    if (variable > p.x && variable < q.x) {
      const t = (variable - p.x) / (q.x - p.x);
      return {
        a: p.a + t * (q.a - p.a),
        c: p.c + t * (q.c - p.c),
        basis: 'interpolated',
        tags: [p.tag, q.tag, 'I'],
        sources: [p.source, q.source],
        series,
      };
    }
  }
  throw new InputError(
    `composition lies outside the sourced lattice span of ${series} (${SERIES[series].variable} from ${pts[0].x} to ${pts[pts.length - 1].x}); no extrapolation`,
    { field: 'lattice', found: String(variable), expected: 'explicit hexagonal a and c (Å)' },
  );
}

export interface BuildOptions {
  /** Occupancy of the 6b (Na1/M1) site; the rest of the alkali goes to 18e. Default min(1, A). */
  sixBOccupancy?: number;
  /** User lattice (hexagonal a, c in Å). */
  lattice?: { a?: number; c?: number };
}

export interface NasiconStructure {
  structure: Structure;
  composition: NasiconComposition;
  lattice: LatticeChoice;
  /** Occupancy of each template site (sum over occupants), keyed by Wyckoff key. */
  siteOccupancy: Record<TemplateSiteKey, Record<string, number>>;
  /** 'idealized' = brief §1.3 default (6b full first); 'user' = given 6b occupancy. */
  alkaliDistribution: 'idealized' | 'user';
  warnings: string[];
}

/**
 * Builds the R-3c average structure of a composition (formula string or parsed composition).
 * Alkali: 6b occupancy n1 (default min(1, A), the idealised model of brief §1.3, [I]); 18e gets
 * (A − n1)/3. Li analogues use the same two sites (the extra-Li 36f "M3" site of LATP is not
 * modelled: [I] simplification, documented).
 */
export function buildNasicon(
  input: string | NasiconComposition,
  options: BuildOptions = {},
): NasiconStructure {
  const comp = typeof input === 'string' ? parseNasiconFormula(input) : input;
  const lat = nasiconLattice(comp, options.lattice);
  const A = comp.alkaliAmount;
  const n1 = options.sixBOccupancy ?? Math.min(1, A);
  if (!(Number.isFinite(n1) && n1 >= 0 && n1 <= 1))
    throw new InputError('6b occupancy must lie between 0 and 1', {
      field: 'sixBOccupancy',
      found: String(n1),
      expected: '0 ≤ n(6b) ≤ 1',
    });
  const n2 = (A - n1) / 3;
  if (n2 < -1e-9 || n2 > 1 + 1e-9)
    throw new InputError(
      `with 6b occupancy ${n1} the remaining ${(A - n1).toFixed(4)} ${comp.alkali} per f.u. gives an 18e occupancy of ${n2.toFixed(4)}`,
      {
        field: 'sixBOccupancy',
        expected: `a 6b occupancy between ${Math.max(0, A - 3).toFixed(4)} and ${Math.min(1, A).toFixed(4)}`,
      },
    );
  const occ: Record<TemplateSiteKey, Record<string, number>> = {
    '6b': { [comp.alkali]: n1 },
    '18e_A': { [comp.alkali]: Math.max(0, n2) },
    '12c': Object.fromEntries(Object.entries(comp.octahedral).map(([el, v]) => [el, v / 2])),
    '18e_T': Object.fromEntries(Object.entries(comp.tetrahedral).map(([el, v]) => [el, v / 3])),
    '36f_O1': { O: comp.oxygen / 12 },
    '36f_O2': { O: comp.oxygen / 12 },
  };
  const asym: Site[] = [];
  for (const key of Object.keys(TEMPLATE.sites) as TemplateSiteKey[]) {
    const t = TEMPLATE.sites[key];
    const occupants: Occupant[] = Object.entries(occ[key])
      .filter(([, v]) => v > 1e-12)
      .map(([element, occupancy]) => ({ element, occupancy, oxidationState: nasiconCharge(element) }));
    if (occupants.length === 0) continue;
    const wyckoff = key.split('_')[0];
    asym.push({
      label: `${occupants.map((o) => o.element).join('')}_${wyckoff}${key.includes('_O2') ? '_2' : ''}`,
      frac: [...t.frac] as Vec3,
      occupants,
      displacement: { kind: 'B', value: t.B },
      wyckoff: wyckoff.replace(/^\d+/, ''),
      orbit: key,
    });
  }
  const lattice = Lattice.fromParameters({ a: lat.a, b: lat.a, c: lat.c, alpha: 90, beta: 90, gamma: 120 });
  const ops = r3cOperations();
  const { sites } = expandAsymmetricUnit(lattice, ops, asym);
  const structure: Structure = {
    title: `${comp.formula} (NASICON R-3c template)`,
    lattice,
    sites,
    spaceGroup: { symbol: 'R -3 c', number: 167 },
    symmetry: ops,
    asymmetricUnit: asym,
  };
  const warnings = [...comp.warnings];
  if (lat.basis === 'interpolated')
    warnings.push(
      `lattice parameters interpolated linearly between end members (${lat.series}); a first guess [I]`,
    );
  if (lat.tags.includes('R'))
    warnings.push('lattice uses a recalled [R] end-member value: verify before quoting');
  if (Object.keys(comp.dopants).length > 0)
    warnings.push('dopant effect on the lattice is not modelled (host-series lattice used)');
  return {
    structure,
    composition: comp,
    lattice: lat,
    siteOccupancy: occ,
    alkaliDistribution: options.sixBOccupancy === undefined ? 'idealized' : 'user',
    warnings,
  };
}
