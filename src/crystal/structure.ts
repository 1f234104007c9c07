import type { Lattice, Vec3 } from './lattice.ts';
import type { SymOp } from './symop.ts';

/**
 * Isotropic atomic displacement, stored with the unit the user gave so nothing is lost:
 * B (Å²) = 8π² U (Å²).
 */
export interface Displacement {
  kind: 'B' | 'U';
  /** Value in Å². */
  value: number;
}

/** One chemical species on a site, with its share of the site. */
export interface Occupant {
  /** Element symbol as in the periodic table ('Na', 'O'); never includes a charge. */
  element: string;
  /** Formal oxidation state, if known (e.g. +1 for Na⁺, −2 for O²⁻). */
  oxidationState?: number;
  /** Fraction of the site held by this species, 0 < occupancy ≤ 1. */
  occupancy: number;
}

/** A position in the cell with everything that sits there (one entry per species for disorder). */
export interface Site {
  label: string;
  /** Fractional coordinates, in [0, 1) for expanded structures. */
  frac: Vec3;
  occupants: Occupant[];
  displacement?: Displacement;
  /** Anisotropic U (Å²) in the CIF order U11, U22, U33, U12, U13, U23, when given. */
  uAniso?: [number, number, number, number, number, number];
  /** Label of the asymmetric-unit site this one was generated from. */
  orbit?: string;
  /** Wyckoff letter, when symmetry analysis has assigned one. */
  wyckoff?: string;
}

export interface SpaceGroupInfo {
  /** Hermann–Mauguin symbol as given or found. */
  symbol?: string;
  /** International Tables number 1–230. */
  number?: number;
  hall?: string;
}

/**
 * A periodic crystal structure. `sites` lists every position in the cell (symmetry already applied).
 * `symmetry` and `asymmetricUnit`, when present, record how the sites were generated so a writer can
 * emit the compact form again.
 */
export interface Structure {
  title?: string;
  lattice: Lattice;
  sites: Site[];
  spaceGroup?: SpaceGroupInfo;
  symmetry?: SymOp[];
  asymmetricUnit?: Site[];
}

/** U (Å²) of a displacement, whichever unit it was stored in. */
export function uIso(d: Displacement): number {
  return d.kind === 'U' ? d.value : d.value / (8 * Math.PI * Math.PI);
}

/** B (Å²) of a displacement, whichever unit it was stored in. */
export function bIso(d: Displacement): number {
  return d.kind === 'B' ? d.value : d.value * 8 * Math.PI * Math.PI;
}

/** Sum of occupancies on a site. */
export function siteOccupancy(site: Site): number {
  let s = 0;
  for (const o of site.occupants) s += o.occupancy;
  return s;
}
