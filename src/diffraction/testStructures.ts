import { Lattice, type LatticeParameters, type Vec3 } from '../crystal/lattice.ts';
import type { Structure } from '../crystal/structure.ts';

/** Small hand-built structures for physics tests (all atoms listed explicitly, P1). */
export function p1Structure(params: LatticeParameters, atoms: [string, Vec3, number?][]): Structure {
  return {
    lattice: Lattice.fromParameters(params),
    sites: atoms.map(([element, frac, occupancy], i) => ({
      label: `${element}${i + 1}`,
      frac,
      occupants: [{ element, occupancy: occupancy ?? 1 }],
    })),
  };
}

const FCC: Vec3[] = [
  [0, 0, 0],
  [0, 0.5, 0.5],
  [0.5, 0, 0.5],
  [0.5, 0.5, 0],
];

/** Diamond-structure silicon, a = 5.4307 Å (same cell as test/fixtures/xrd/Silicon.cif). */
export function diamondSilicon(): Structure {
  const atoms: [string, Vec3][] = [];
  for (const t of FCC) {
    atoms.push(['Si', t]);
    atoms.push(['Si', [t[0] + 0.25, t[1] + 0.25, t[2] + 0.25]]);
  }
  return p1Structure({ a: 5.4307, b: 5.4307, c: 5.4307, alpha: 90, beta: 90, gamma: 90 }, atoms);
}

/** Zinc-blende AB with A at the fcc sites and B at (¼,¼,¼)+fcc: non-centrosymmetric (F-43m). */
export function zincBlende(a: string, b: string, cell: number): Structure {
  const atoms: [string, Vec3][] = [];
  for (const t of FCC) {
    atoms.push([a, t]);
    atoms.push([b, [t[0] + 0.25, t[1] + 0.25, t[2] + 0.25]]);
  }
  return p1Structure({ a: cell, b: cell, c: cell, alpha: 90, beta: 90, gamma: 90 }, atoms);
}

/** A low-symmetry triclinic cell with three species, for invariance tests. */
export function triclinicTest(): Structure {
  return p1Structure({ a: 5.1, b: 6.3, c: 7.2, alpha: 83, beta: 101, gamma: 95 }, [
    ['Na', [0.1, 0.2, 0.3]],
    ['Co', [0.55, 0.15, 0.72], 0.8],
    ['O', [0.31, 0.66, 0.12]],
    ['O', [0.82, 0.41, 0.49]],
  ]);
}
