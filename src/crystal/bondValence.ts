/**
 * Bond-valence sums (Brown & Altermatt 1985; parameters of Brese & O'Keeffe 1991, see
 * data/bond-valence.json): s = exp((R0 − R)/b) for every cation–anion pair closer than a cutoff,
 * V_i = Σ s. A simple periodic search over all lattice images within the cutoff is used here.
 */
import bondValenceTable from '../../data/bond-valence.json' with { type: 'json' };
import { getElement } from '../core/elements.ts';
import { InputError } from '../core/errors.ts';
import type { Structure } from './structure.ts';

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
  const { sites, lattice } = structure;
  for (const site of sites)
    for (const o of site.occupants)
      if (o.oxidationState === undefined || !Number.isFinite(o.oxidationState))
        throw new InputError('bond-valence sums need the oxidation state of every species', {
          field: `site ${site.label}`,
          found: o.element,
          expected: "oxidation states on all occupants (e.g. CIF type symbols 'Na1+', 'O2-')",
        });

  const n = sites.length;
  const frac = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) frac[3 * i + k] = sites[i].frac[k];
  const G = lattice.metric;
  const R = lattice.reciprocal;
  // |x_k| ≤ |r|·|a*_k| bounds the fractional component of any vector shorter than the cutoff.
  const reach = [0, 1, 2].map((k) => cutoff * Math.hypot(R[3 * k], R[3 * k + 1], R[3 * k + 2]));
  const cutoff2 = cutoff * cutoff;

  const rows: SiteBondValence[] = [];
  for (let i = 0; i < n; i++) {
    for (const centre of sites[i].occupants) {
      const q = centre.oxidationState as number;
      let sum = 0;
      let bonds = 0;
      if (q !== 0) {
        for (let j = 0; j < n; j++) {
          const partners = sites[j].occupants.filter(
            (o) => Math.sign(o.oxidationState as number) === -Math.sign(q),
          );
          if (partners.length === 0) continue;
          const params = partners.map((o) =>
            q > 0
              ? bondValenceParameters(centre.element, q, o.element, o.oxidationState as number)
              : bondValenceParameters(o.element, o.oxidationState as number, centre.element, q),
          );
          // Wrap the difference into [−0.5, 0.5) so the image loop stays small.
          const d0 = frac[3 * j] - frac[3 * i];
          const d1 = frac[3 * j + 1] - frac[3 * i + 1];
          const d2 = frac[3 * j + 2] - frac[3 * i + 2];
          const w0 = d0 - Math.round(d0);
          const w1 = d1 - Math.round(d1);
          const w2 = d2 - Math.round(d2);
          for (let n0 = Math.ceil(-reach[0] - w0); n0 <= Math.floor(reach[0] - w0); n0++)
            for (let n1 = Math.ceil(-reach[1] - w1); n1 <= Math.floor(reach[1] - w1); n1++)
              for (let n2 = Math.ceil(-reach[2] - w2); n2 <= Math.floor(reach[2] - w2); n2++) {
                const x = w0 + n0;
                const y = w1 + n1;
                const z = w2 + n2;
                const r2 =
                  x * x * G[0] +
                  y * y * G[4] +
                  z * z * G[8] +
                  2 * (x * y * G[1] + x * z * G[2] + y * z * G[5]);
                if (r2 > cutoff2 || r2 === 0) continue;
                const r = Math.sqrt(r2);
                bonds++;
                for (let p = 0; p < partners.length; p++)
                  sum += partners[p].occupancy * Math.exp((params[p].r0 - r) / params[p].b);
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
