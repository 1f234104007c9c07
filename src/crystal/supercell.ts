import { InputError } from '../core/errors.ts';
import { det3, inv3, type Mat3, type Vec3 } from './lattice.ts';
import type { Site, Structure } from './structure.ts';

/**
 * Supercell with vectors A' = M·A (rows of M are integer combinations of a, b, c). A number n gives
 * n×n×n, a triple [na, nb, nc] a diagonal supercell. Every site appears det(M) times; labels get
 * no suffix (the `orbit` field keeps the parent label) so formulas and symmetry stay readable.
 */
export function supercell(structure: Structure, scaling: number | Vec3 | Mat3): Structure {
  const M = toMatrix(scaling);
  const det = Math.round(det3(M));
  if (det <= 0 || M.some((v) => !Number.isInteger(v)))
    throw new InputError('supercell matrix must have integer entries and a positive determinant', {
      field: 'scaling',
      found: JSON.stringify(scaling),
    });
  const lattice = structure.lattice.transformed(M);
  const Minv = inv3(M);
  // Integer translations to try: the bounding box of the supercell's corners in parent coordinates.
  const lo = [0, 0, 0];
  const hi = [0, 0, 0];
  for (let c = 0; c < 8; c++) {
    const w = [(c & 1) >> 0, (c & 2) >> 1, (c & 4) >> 2];
    for (let a = 0; a < 3; a++) {
      const v = w[0] * M[a] + w[1] * M[3 + a] + w[2] * M[6 + a];
      lo[a] = Math.min(lo[a], v);
      hi[a] = Math.max(hi[a], v);
    }
  }
  const eps = 1e-9;
  const sites: Site[] = [];
  for (const site of structure.sites) {
    let added = 0;
    for (let i = lo[0]; i <= hi[0]; i++)
      for (let j = lo[1]; j <= hi[1]; j++)
        for (let k = lo[2]; k <= hi[2]; k++) {
          const p = [wrap(site.frac[0]) + i, wrap(site.frac[1]) + j, wrap(site.frac[2]) + k];
          // Fractional coordinates in the supercell: p · M⁻¹.
          const f: Vec3 = [0, 0, 0];
          let inside = true;
          for (let a = 0; a < 3; a++) {
            const v = p[0] * Minv[a] + p[1] * Minv[3 + a] + p[2] * Minv[6 + a];
            if (v < -eps || v >= 1 - eps) inside = false;
            f[a] = Math.abs(v) < eps ? 0 : v;
          }
          if (!inside) continue;
          sites.push({
            ...site,
            frac: f,
            occupants: site.occupants.map((o) => ({ ...o })),
            orbit: site.orbit ?? site.label,
          });
          added++;
        }
    if (added !== det)
      throw new Error(
        `supercell: site ${site.label} appeared ${added} times, expected ${det} (fractional coordinates outside [0,1)?)`,
      );
  }
  return { title: structure.title, lattice, sites };
}

function wrap(v: number): number {
  return v - Math.floor(v);
}

function toMatrix(s: number | Vec3 | Mat3): Mat3 {
  if (typeof s === 'number') return [s, 0, 0, 0, s, 0, 0, 0, s];
  if (s.length === 3) return [s[0], 0, 0, 0, s[1], 0, 0, 0, s[2]];
  if (s.length === 9) return [...s] as Mat3;
  throw new InputError('supercell scaling must be a number, three numbers or a 3×3 matrix', {
    field: 'scaling',
  });
}
