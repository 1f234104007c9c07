import type { Lattice } from '../crystal/lattice.ts';

/** A group of reflections in one peak whose indices are permutations of each other (up to sign). */
export interface HklFamily {
  /**
   * Representative (h, k, l): the member with the most non-negative indices, ties broken by the
   * lexicographically largest — so R-3m gives the customary (0 1 2), (1 0 4), not (1 0 −2).
   */
  hkl: [number, number, number];
  /** Miller–Bravais (h, k, i, l) with i = −(h + k), for hexagonal cells. */
  hkil?: [number, number, number, number];
  multiplicity: number;
  label: string;
}

const ANGLE_TOL_DEG = 1e-3;
const LENGTH_TOL_REL = 1e-6;

/** True for cells with a = b, α = β = 90°, γ = 120° (hexagonal axes, including rhombohedral-on-hexagonal). */
export function isHexagonal(lattice: Lattice): boolean {
  const p = lattice.parameters;
  return (
    Math.abs(p.a - p.b) <= LENGTH_TOL_REL * p.a &&
    Math.abs(p.alpha - 90) < ANGLE_TOL_DEG &&
    Math.abs(p.beta - 90) < ANGLE_TOL_DEG &&
    Math.abs(p.gamma - 120) < ANGLE_TOL_DEG
  );
}

/**
 * Groups the reflections of one peak into families: members are permutations of each other's absolute
 * indices (on the 4-index form for hexagonal cells, where (1 0 −1 1) and (1 −1 0 1) are permutations).
 * When only one of each Friedel pair was enumerated, the mates are added back.
 */
export function pickFamilies(
  hkls: [number, number, number][],
  friedelHalf: boolean,
  hexagonal: boolean,
): HklFamily[] {
  const all: number[][] = [];
  for (const [h, k, l] of hkls) {
    all.push(hexagonal ? [h, k, -(h + k), l] : [h, k, l]);
    if (friedelHalf) all.push(hexagonal ? [-h, -k, h + k, -l] : [-h, -k, -l]);
  }
  const groups = new Map<string, number[][]>();
  for (const idx of all) {
    const key = idx
      .map(Math.abs)
      .sort((a, b) => a - b)
      .join(',');
    const g = groups.get(key);
    if (g) g.push(idx);
    else groups.set(key, [idx]);
  }
  const families: HklFamily[] = [];
  for (const members of groups.values()) {
    let best = members[0];
    for (const m of members) if (betterRepresentative(m, best, hexagonal)) best = m;
    const hkl: [number, number, number] = hexagonal
      ? [best[0], best[1], best[3]]
      : [best[0], best[1], best[2]];
    const family: HklFamily = { hkl, multiplicity: members.length, label: `(${best.join(' ')})` };
    if (hexagonal) family.hkil = best as [number, number, number, number];
    families.push(family);
  }
  families.sort((a, b) => (lexGreater(a.hkil ?? a.hkl, b.hkil ?? b.hkl) ? -1 : 1));
  return families;
}

function betterRepresentative(a: number[], b: number[], hexagonal: boolean): boolean {
  const na = nonNegative(a, hexagonal);
  const nb = nonNegative(b, hexagonal);
  return na !== nb ? na > nb : lexGreater(a, b);
}

/** Non-negative count over (h, k, l), skipping the redundant i of a 4-index. */
function nonNegative(idx: number[], hexagonal: boolean): number {
  let n = 0;
  for (let i = 0; i < idx.length; i++) if (!(hexagonal && i === 2) && idx[i] >= 0) n++;
  return n;
}

function lexGreater(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}
