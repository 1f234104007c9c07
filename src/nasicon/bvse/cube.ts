/**
 * Gaussian cube export of a BVSE landscape (readable by VESTA, VMD, OVITO, ASE). Lengths in bohr as
 * the format requires; values in eV relative to the global minimum. Voxel (i, j, k) sits at
 * fractional (i/n_a, j/n_b, k/n_c); the data order (a outermost, c innermost) is the grid's own.
 */
import { BOHR_RADIUS_A } from '../../core/constants.ts';
import { getElement } from '../../core/elements.ts';
import type { Structure } from '../../crystal/structure.ts';
import type { BvseGrid } from './energy.ts';

/** Values above min + clip (eV) are written as min + clip to keep the file readable. Default 10. */
export function bvseCube(grid: BvseGrid, structure: Structure, options: { clip?: number } = {}): string {
  const clip = options.clip ?? 10;
  const [na, nb, nc] = grid.dims;
  const m = grid.lattice.matrix;
  const b = 1 / BOHR_RADIUS_A;
  let min = Number.POSITIVE_INFINITY;
  for (const v of grid.energy) if (v < min) min = v;
  const atoms = structure.sites.map((s) => {
    const major = [...s.occupants].sort((p, q) => q.occupancy - p.occupancy)[0];
    const c = grid.lattice.toCartesian(s.frac);
    return `${getElement(major.element).Z} 0.0 ${(c[0] * b).toFixed(6)} ${(c[1] * b).toFixed(6)} ${(c[2] * b).toFixed(6)}`;
  });
  const f = (x: number) => x.toFixed(6);
  const lines = [
    `natrium BVSE ${grid.ion}+ site energy (eV above the minimum ${min.toFixed(4)} eV)`,
    `grid ${na}x${nb}x${nc}, cutoff ${grid.cutoff} A, Morse convention ${grid.morseConvention}`,
    `${atoms.length} 0.000000 0.000000 0.000000`,
  ];
  const dims = [na, nb, nc];
  for (let r = 0; r < 3; r++)
    lines.push(
      `${dims[r]} ${f((m[3 * r] * b) / dims[r])} ${f((m[3 * r + 1] * b) / dims[r])} ${f((m[3 * r + 2] * b) / dims[r])}`,
    );
  lines.push(...atoms);
  const out: string[] = [lines.join('\n')];
  let row: string[] = [];
  for (let v = 0; v < grid.energy.length; v++) {
    row.push(Math.min(grid.energy[v] - min, clip).toExponential(5));
    if (row.length === 6 || (v + 1) % nc === 0) {
      out.push(row.join(' '));
      row = [];
    }
  }
  return `${out.join('\n')}\n`;
}
