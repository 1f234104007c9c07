/**
 * Isosurface of a periodic scalar grid by marching tetrahedra (each grid cube split into six
 * tetrahedra along its main diagonal; no lookup tables needed, no ambiguous cases). Geometry only:
 * the values come from the server (BVSE site energies); this module just draws their level set.
 */

/** The six tetrahedra of a cube, as corner indices (corner bit 0 = +i, bit 1 = +j, bit 2 = +k). */
const TETRAHEDRA: [number, number, number, number][] = [
  [0, 1, 3, 7],
  [0, 3, 2, 7],
  [0, 2, 6, 7],
  [0, 6, 4, 7],
  [0, 4, 5, 7],
  [0, 5, 1, 7],
];

export interface PeriodicGrid {
  /** Points along a, b, c; voxel (i, j, k) at fractional (i/n_a, j/n_b, k/n_c), index (i·n_b + j)·n_c + k. */
  dims: [number, number, number];
  values: ArrayLike<number>;
  /** Cartesian cell vectors a, b, c (Å). */
  cellVectors: [number[], number[], number[]];
}

/**
 * Triangles (9 floats each, Cartesian Å) of the surface value = level over the whole unit cell,
 * using the periodic neighbour across the cell boundary so the surface closes at the faces.
 */
export function isosurface(grid: PeriodicGrid, level: number): Float32Array {
  const [na, nb, nc] = grid.dims;
  const v = grid.values;
  const [A, B, C] = grid.cellVectors;
  const out: number[] = [];
  const cornerVal = new Float64Array(8);
  const cornerFrac = new Float64Array(24);
  const cross = (p: number, q: number, o: number) => {
    const t = (level - cornerVal[p]) / (cornerVal[q] - cornerVal[p]);
    const f0 = cornerFrac[3 * p] + t * (cornerFrac[3 * q] - cornerFrac[3 * p]);
    const f1 = cornerFrac[3 * p + 1] + t * (cornerFrac[3 * q + 1] - cornerFrac[3 * p + 1]);
    const f2 = cornerFrac[3 * p + 2] + t * (cornerFrac[3 * q + 2] - cornerFrac[3 * p + 2]);
    pts[o] = f0 * A[0] + f1 * B[0] + f2 * C[0];
    pts[o + 1] = f0 * A[1] + f1 * B[1] + f2 * C[1];
    pts[o + 2] = f0 * A[2] + f1 * B[2] + f2 * C[2];
  };
  const pts = new Float64Array(12);
  for (let i = 0; i < na; i++)
    for (let j = 0; j < nb; j++)
      for (let k = 0; k < nc; k++) {
        let below = 0;
        for (let c = 0; c < 8; c++) {
          const di = c & 1;
          const dj = (c >> 1) & 1;
          const dk = (c >> 2) & 1;
          const val = v[(((i + di) % na) * nb + ((j + dj) % nb)) * nc + ((k + dk) % nc)];
          cornerVal[c] = val;
          cornerFrac[3 * c] = (i + di) / na;
          cornerFrac[3 * c + 1] = (j + dj) / nb;
          cornerFrac[3 * c + 2] = (k + dk) / nc;
          if (val < level) below++;
        }
        if (below === 0 || below === 8) continue;
        for (const tet of TETRAHEDRA) {
          const inside: number[] = [];
          const outside: number[] = [];
          for (const c of tet) (cornerVal[c] < level ? inside : outside).push(c);
          if (inside.length === 0 || inside.length === 4) continue;
          if (inside.length === 1 || inside.length === 3) {
            const lone = inside.length === 1 ? inside[0] : outside[0];
            const rest = inside.length === 1 ? outside : inside;
            cross(lone, rest[0], 0);
            cross(lone, rest[1], 3);
            cross(lone, rest[2], 6);
            for (let n = 0; n < 9; n++) out.push(pts[n]);
          } else {
            // Two in, two out: the section is a quadrilateral, drawn as two triangles.
            const [p0, p1] = inside;
            const [q0, q1] = outside;
            cross(p0, q0, 0);
            cross(p0, q1, 3);
            cross(p1, q1, 6);
            cross(p1, q0, 9);
            out.push(pts[0], pts[1], pts[2], pts[3], pts[4], pts[5], pts[6], pts[7], pts[8]);
            out.push(pts[0], pts[1], pts[2], pts[6], pts[7], pts[8], pts[9], pts[10], pts[11]);
          }
        }
      }
  return new Float32Array(out);
}

/** Decodes the server's byte-quantised landscape (energy = byte · stepEv, eV above the minimum). */
export function decodeLandscape(base64: string, stepEv: number): Float32Array {
  const bin = atob(base64);
  const out = new Float32Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i) * stepEv;
  return out;
}
