/**
 * Bond-valence sums (Brown & Altermatt 1985; parameters of Brese & O'Keeffe 1991, see
 * data/bond-valence.json): s = exp((R0 − R)/b) for every cation–anion pair closer than a cutoff,
 * V_i = Σ s. A simple periodic search over all lattice images within the cutoff is used here.
 */
import bondValenceTable from '../../data/bond-valence.json' with { type: 'json' };
import { getElement } from '../core/elements.ts';
import { InputError } from '../core/errors.ts';
import { neighborList } from './neighbors.ts';
import type { Occupant, Structure } from './structure.ts';

export interface BondValenceParameters {
  /** R0 (Å): the bond length of unit valence. */
  r0: number;
  /** Softness b (Å). */
  b: number;
  /** Reference the pair was taken from. */
  source: string;
}

interface TableRow {
  cation: string;
  /** null: published without an oxidation state, applies to any. */
  cationCharge: number | null;
  anion: string;
  anionCharge: number;
  r0: number;
  b: number;
  ref: string;
}

const ROWS = bondValenceTable.parameters as TableRow[];
const REFERENCES = bondValenceTable.references as Record<string, string>;
/** Default search radius (Å) for cation–anion bonds. */
export const DEFAULT_BOND_VALENCE_CUTOFF_A = 3.5;

function ionName(element: string, charge: number): string {
  const magnitude = Math.abs(charge);
  return `${element}${magnitude === 1 ? '' : magnitude}${charge < 0 ? '-' : '+'}`;
}

/**
 * R0, b and source for a cation–anion pair (charges as signed integers: 'Na', 1, 'O', −2). An entry
 * for the cation's oxidation state wins over one published for any state. Throws InputError listing
 * the tabulated partners of the cation when the pair is missing.
 */
export function bondValenceParameters(
  cation: string,
  cationCharge: number,
  anion: string,
  anionCharge: number,
): BondValenceParameters {
  getElement(cation);
  getElement(anion);
  const forPair = ROWS.filter(
    (r) => r.cation === cation && r.anion === anion && r.anionCharge === anionCharge,
  );
  const row =
    forPair.find((r) => r.cationCharge === cationCharge) ?? forPair.find((r) => r.cationCharge === null);
  if (!row) {
    const known = ROWS.filter((r) => r.cation === cation)
      .map(
        (r) =>
          `${r.cationCharge === null ? `${cation}(any)` : ionName(cation, r.cationCharge)}–${ionName(r.anion, r.anionCharge)}`,
      )
      .join(', ');
    throw new InputError('no bond-valence parameters for this cation–anion pair', {
      field: 'bond valence',
      found: `${ionName(cation, cationCharge)}–${ionName(anion, anionCharge)}`,
      expected: known ? `one of: ${known}` : 'a cation listed in data/bond-valence.json',
    });
  }
  return { r0: row.r0, b: row.b, source: REFERENCES[row.ref] ?? row.ref };
}

export interface BondValenceOptions {
  /** Largest cation–anion distance counted as a bond (Å); default 3.5. */
  cutoff?: number;
}

export interface SiteBondValence {
  label: string;
  element: string;
  oxidationState: number;
  /** Bond-valence sum (valence units) with the sign of the oxidation state (anions negative). */
  bvs: number;
  /** bvs − oxidationState. */
  deviation: number;
  /** Number of counter-ion neighbour sites within the cutoff (each image counted). */
  bonds: number;
}

/**
 * Bond-valence sum of every occupant of every site (one row per occupant, so mixed sites give one
 * row per species). Oxidation states come from the occupants and are required. Partial occupancy:
 * each bond is weighted by the occupancy of the neighbour species (the expected valence the site
 * receives); the centre's own occupancy does not enter. Pairs of same-sign ions and neutral
 * occupants are ignored.
 */
export function bondValenceSums(structure: Structure, options: BondValenceOptions = {}): SiteBondValence[] {
  const cutoff = options.cutoff ?? DEFAULT_BOND_VALENCE_CUTOFF_A;
  if (!(Number.isFinite(cutoff) && cutoff > 0))
    throw new InputError('bond-valence cutoff must be a positive number of Å', {
      field: 'cutoff',
      found: String(cutoff),
    });
  const { sites } = structure;
  for (const site of sites)
    for (const o of site.occupants)
      if (o.oxidationState === undefined || !Number.isFinite(o.oxidationState))
        throw new InputError('bond-valence sums need the oxidation state of every species', {
          field: `site ${site.label}`,
          found: o.element,
          expected: "oxidation states on all occupants (e.g. CIF type symbols 'Na1+', 'O2-')",
        });

  // Pairs come from the shared cell-list neighbour search, grouped by centre site.
  const pairs = neighborList(structure, cutoff);
  const pairStart = new Int32Array(sites.length + 1);
  for (let p = 0; p < pairs.count; p++) pairStart[pairs.center[p] + 1]++;
  for (let i = 0; i < sites.length; i++) pairStart[i + 1] += pairStart[i];
  const paramCache = new Map<string, { r0: number; b: number }>();
  const paramsFor = (centre: Occupant, partner: Occupant) => {
    const key = `${centre.element}${centre.oxidationState}|${partner.element}${partner.oxidationState}`;
    let v = paramCache.get(key);
    if (!v) {
      const q = centre.oxidationState as number;
      v =
        q > 0
          ? bondValenceParameters(centre.element, q, partner.element, partner.oxidationState as number)
          : bondValenceParameters(partner.element, partner.oxidationState as number, centre.element, q);
      paramCache.set(key, v);
    }
    return v;
  };

  const rows: SiteBondValence[] = [];
  for (let i = 0; i < sites.length; i++) {
    for (const centre of sites[i].occupants) {
      const q = centre.oxidationState as number;
      let sum = 0;
      let bonds = 0;
      if (q !== 0) {
        for (let p = pairStart[i]; p < pairStart[i + 1]; p++) {
          const partners = sites[pairs.neighbor[p]].occupants.filter(
            (o) => Math.sign(o.oxidationState as number) === -Math.sign(q),
          );
          if (partners.length === 0) continue;
          const r = pairs.distance[p];
          bonds++;
          for (const o of partners) {
            const { r0, b } = paramsFor(centre, o);
            sum += o.occupancy * Math.exp((r0 - r) / b);
          }
        }
      }
      const bvs = Math.sign(q) * sum;
      rows.push({
        label: sites[i].label,
        element: centre.element,
        oxidationState: q,
        bvs,
        deviation: bvs - q,
        bonds,
      });
    }
  }
  return rows;
}
