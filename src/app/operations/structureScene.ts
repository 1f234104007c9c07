import colors from '../../../data/element-colors.json' with { type: 'json' };
import type { Vec3 } from '../../crystal/lattice.ts';
import type { Structure } from '../../crystal/structure.ts';

export interface SceneAtom {
  /** Cartesian position in Å. */
  x: number;
  y: number;
  z: number;
  element: string;
  /** Drawing radius in Å. */
  radius: number;
  /** CSS hex colour. */
  color: string;
  occupancy: number;
  label: string;
}

export interface Scene {
  atoms: SceneAtom[];
  /** The 12 edges of the unit cell as Cartesian segment endpoints (Å). */
  cellEdges: [Vec3, Vec3][];
}

const TABLE = colors.elements as Record<string, { color: string; covalentRadius: number }>;

/**
 * Pure structure → scene description for a 3-D viewer: one sphere per site (majority occupant's
 * colour), atoms on cell faces/edges/corners repeated so the drawn cell looks complete.
 */
export function structureScene(structure: Structure, maxAtoms = 20000): Scene {
  const lat = structure.lattice;
  const atoms: SceneAtom[] = [];
  const edgeTol = 1e-3;
  for (const site of structure.sites) {
    const main = site.occupants.reduce((a, b) => (b.occupancy > a.occupancy ? b : a));
    const entry = TABLE[main.element] ?? colors.fallback;
    const occupancy = site.occupants.reduce((s, o) => s + o.occupancy, 0);
    const f = site.frac.map((v) => v - Math.floor(v)) as Vec3;
    // Boundary atoms (coordinate 0) are also drawn at 1 along that axis.
    const shifts = f.map((v) => (v < edgeTol || v > 1 - edgeTol ? [0, v < edgeTol ? 1 : -1] : [0]));
    for (const sa of shifts[0])
      for (const sb of shifts[1])
        for (const sc of shifts[2]) {
          if (atoms.length >= maxAtoms) break;
          const [x, y, z] = lat.toCartesian([f[0] + sa, f[1] + sb, f[2] + sc]);
          atoms.push({
            x,
            y,
            z,
            element: main.element,
            radius: entry.covalentRadius * colors.displayScale,
            color: entry.color,
            occupancy,
            label: site.label,
          });
        }
  }
  const corners: Vec3[] = [];
  for (let c = 0; c < 8; c++) corners.push(lat.toCartesian([c & 1 ? 1 : 0, c & 2 ? 1 : 0, c & 4 ? 1 : 0]));
  const cellEdges: [Vec3, Vec3][] = [];
  for (let a = 0; a < 8; a++)
    for (const bit of [1, 2, 4]) if (!(a & bit)) cellEdges.push([corners[a], corners[a | bit]]);
  return { atoms, cellEdges };
}
