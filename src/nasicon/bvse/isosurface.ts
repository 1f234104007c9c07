/**
 * Isosurface (level set) of a scalar field sampled on a periodic grid, by marching tetrahedra.
 *
 * Each grid cube is split into the six Kuhn tetrahedra that share its main diagonal (corner 0 →
 * corner 7). The split is the same in every cube, so neighbouring cubes cut their common face along
 * the same diagonal and the surface is watertight; tetrahedra have no ambiguous cases and need no
 * lookup table. Inside a tetrahedron the field is linear, so the surface there is an exact plane of
 * the linear interpolant. The periodic neighbour across the cell boundary is used, so surfaces that
 * cross a cell face are cut there (the cell's periodic image carries the rest).
 *
 * Output is an indexed mesh in Cartesian Å: a vertex lies on one grid edge and is shared by every
 * triangle that cuts that edge. Triangles are oriented so that their normal points toward
 * increasing field value (out of the region value < level), which makes the divergence-theorem
 * volume of a closed surface around a low-value pocket positive.
 *
 * Pure module (no Node or DOM APIs): the workbench page imports it to draw the BVSE surface.
 */
import type { BvseGrid } from './energy.ts';

/** A scalar field on the points (i/n_a, j/n_b, k/n_c) of a periodic cell. */
export interface PeriodicScalarGrid {
  /** Points along a, b, c. */
  dims: readonly [number, number, number];
  /** Field values, index (i·n_b + j)·n_c + k (c fastest). */
  values: ArrayLike<number>;
  /** Cartesian cell vectors a, b, c (Å), one row each. */
  cellVectors: readonly [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>];
}

export interface IsosurfaceMesh {
  /** The field value of the surface (same unit as the values). */
  level: number;
  /** x, y, z of each vertex (Cartesian Å). */
  vertices: Float32Array;
  /** Three vertex indices per triangle; the normal (v1 − v0) × (v2 − v0) points toward higher values. */
  triangles: Uint32Array;
  /** Unit normal per vertex (area-weighted mean of its triangles), toward higher values. */
  normals: Float32Array;
}

/** Corner code of a cube: bit 0 = +a, bit 1 = +b, bit 2 = +c. The six Kuhn tetrahedra 0 ⊂ p ⊂ q ⊂ 7. */
const TETRAHEDRA: readonly (readonly [number, number, number, number])[] = [
  [0, 1, 3, 7],
  [0, 2, 3, 7],
  [0, 2, 6, 7],
  [0, 4, 6, 7],
  [0, 4, 5, 7],
  [0, 1, 5, 7],
];
/** Grid-edge directions: every tetrahedron edge joins corners p ⊂ q, so q − p is one of these 7 0/1 vectors. */
const EDGE_TYPES = 7;

/**
 * The surface value = level of a periodic grid over one unit cell. Returns an empty mesh when the
 * level lies outside the range of the values.
 */
export function isosurface(grid: PeriodicScalarGrid, level: number): IsosurfaceMesh {
  const [na, nb, nc] = grid.dims;
  const v = grid.values;
  const [A, B, C] = grid.cellVectors;
  const a0 = A[0],
    a1 = A[1],
    a2 = A[2],
    b0 = B[0],
    b1 = B[1],
    b2 = B[2],
    c0 = C[0],
    c1 = C[1],
    c2 = C[2];
  const cellSign = Math.sign(det3(A, B, C)) || 1;
  const verts = new GrowableF64();
  const tris = new GrowableU32();
  // Vertex index per grid edge, keyed by the edge's lower endpoint (unwrapped, so the cell faces at
  // index n and 0 stay distinct) and its direction. Only two layers along a are ever needed.
  const layer = (nb + 1) * (nc + 1) * EDGE_TYPES;
  let here = new Int32Array(layer).fill(-1);
  let next = new Int32Array(layer).fill(-1);
  const cornerVal = new Float64Array(8);
  const inside = new Uint8Array(8);
  const cornerIndex = new Int32Array(8);
  const ins = new Int32Array(4);
  const outs = new Int32Array(4);

  /** Vertex on the edge between corners a and b of cube (i, j, k) (one inside, one outside). */
  function edgeVertex(a: number, b: number, i: number, j: number, k: number): number {
    const p = (a & b) === a ? a : b; // the lower corner (p ⊂ q)
    const q = p === a ? b : a;
    const pi = p & 1;
    const pj = (p >> 1) & 1;
    const pk = (p >> 2) & 1;
    const d = q ^ p;
    const slot = ((j + pj) * (nc + 1) + (k + pk)) * EDGE_TYPES + (d - 1);
    const cache = pi ? next : here;
    const cached = cache[slot];
    if (cached >= 0) return cached;
    const t = (level - cornerVal[p]) / (cornerVal[q] - cornerVal[p]);
    const f0 = (i + pi + t * (d & 1)) / na;
    const f1 = (j + pj + t * ((d >> 1) & 1)) / nb;
    const f2 = (k + pk + t * ((d >> 2) & 1)) / nc;
    const index = verts.length / 3;
    verts.push3(f0 * a0 + f1 * b0 + f2 * c0, f0 * a1 + f1 * b1 + f2 * c1, f0 * a2 + f1 * b2 + f2 * c2);
    cache[slot] = index;
    return index;
  }
  /**
   * Adds a triangle whose vertices were listed for the ordered corner tuple (x0, x1, x2, x3) of
   * orientation `sign`. The orientation is decided combinatorially (not from vertex positions), so it
   * stays consistent when a grid value equals the level exactly and triangles collapse to zero area.
   */
  function emit(a: number, b: number, c: number, sign: number) {
    if (sign * cellSign > 0) tris.push3(a, b, c);
    else tris.push3(a, c, b);
  }

  for (let i = 0; i < na; i++) {
    const i0 = i * nb * nc;
    const i1 = ((i + 1) % na) * nb * nc;
    for (let j = 0; j < nb; j++) {
      const j0 = j * nc;
      const j1 = ((j + 1) % nb) * nc;
      for (let c = 0; c < 8; c++) cornerIndex[c] = (c & 1 ? i1 : i0) + (c & 2 ? j1 : j0) + (c & 4 ? 1 : 0);
      for (let k = 0; k < nc; k++) {
        const wrap = k + 1 === nc ? -nc : 0; // +c neighbour of the last point is point 0
        let below = 0;
        for (let c = 0; c < 8; c++) {
          const x = v[cornerIndex[c] + k + (c & 4 ? wrap : 0)];
          cornerVal[c] = x;
          const isIn = x < level ? 1 : 0;
          inside[c] = isIn;
          below += isIn;
        }
        if (below === 0 || below === 8) continue;

        for (let t = 0; t < 6; t++) {
          const tet = TETRAHEDRA[t];
          let nIn = 0;
          let nOut = 0;
          for (let m = 0; m < 4; m++) {
            const c = tet[m];
            if (inside[c]) ins[nIn++] = c;
            else outs[nOut++] = c;
          }
          if (nIn === 0 || nIn === 4) continue;
          if (nIn === 1) {
            // For a positively oriented (L, a, b, c) the triangle (La, Lb, Lc) faces away from L.
            const L = ins[0];
            emit(
              edgeVertex(L, outs[0], i, j, k),
              edgeVertex(L, outs[1], i, j, k),
              edgeVertex(L, outs[2], i, j, k),
              orientation(L, outs[0], outs[1], outs[2]),
            );
          } else if (nIn === 3) {
            // Lone outside corner: the same triangle, facing toward it.
            const L = outs[0];
            emit(
              edgeVertex(L, ins[0], i, j, k),
              edgeVertex(L, ins[1], i, j, k),
              edgeVertex(L, ins[2], i, j, k),
              -orientation(L, ins[0], ins[1], ins[2]),
            );
          } else {
            // Two in, two out: a quadrilateral on edges p0q0, p0q1, p1q1, p1q0 (a closed cycle).
            const e0 = edgeVertex(ins[0], outs[0], i, j, k);
            const e1 = edgeVertex(ins[0], outs[1], i, j, k);
            const e2 = edgeVertex(ins[1], outs[1], i, j, k);
            const e3 = edgeVertex(ins[1], outs[0], i, j, k);
            // For a positively oriented (p0, p1, q0, q1) this cycle faces from p toward q.
            const sign = orientation(ins[0], ins[1], outs[0], outs[1]);
            emit(e0, e1, e2, sign);
            emit(e0, e2, e3, sign);
          }
        }
      }
    }
    // Layer i + 1 becomes the lower layer of the next slab.
    const swap = here;
    here = next;
    next = swap.fill(-1);
  }

  const positions = verts.view();
  const triangles = tris.view().slice();
  return {
    level,
    vertices: Float32Array.from(positions),
    triangles,
    normals: vertexNormals(positions, triangles),
  };
}

/** Append-only Float64 buffer (doubling), to avoid boxed number[] growth in the mesh loop. */
class GrowableF64 {
  private data = new Float64Array(3 * 1024);
  length = 0;
  push3(x: number, y: number, z: number) {
    if (this.length + 3 > this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
    this.data[this.length++] = y;
    this.data[this.length++] = z;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** Append-only Uint32 buffer (doubling). */
class GrowableU32 {
  private data = new Uint32Array(3 * 2048);
  length = 0;
  push3(x: number, y: number, z: number) {
    if (this.length + 3 > this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
    this.data[this.length++] = y;
    this.data[this.length++] = z;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Determinant of the 3×3 matrix with rows u, v, w. */
function det3(u: ArrayLike<number>, v: ArrayLike<number>, w: ArrayLike<number>): number {
  return (
    u[0] * (v[1] * w[2] - v[2] * w[1]) -
    u[1] * (v[0] * w[2] - v[2] * w[0]) +
    u[2] * (v[0] * w[1] - v[1] * w[0])
  );
}

/** Orientation (±1, 0 if flat) of four cube corners in index space: sign det(x1 − x0, x2 − x0, x3 − x0). */
function orientationOf(x0: number, x1: number, x2: number, x3: number): number {
  const d = (x: number) => [
    (x & 1) - (x0 & 1),
    ((x >> 1) & 1) - ((x0 >> 1) & 1),
    ((x >> 2) & 1) - ((x0 >> 2) & 1),
  ];
  return Math.sign(det3(d(x1), d(x2), d(x3)));
}
/** orientationOf for every tuple of four corner codes, tabulated once (4096 entries). */
const ORIENTATION = (() => {
  const t = new Int8Array(8 ** 4);
  for (let n = 0; n < t.length; n++) t[n] = orientationOf(n >> 9, (n >> 6) & 7, (n >> 3) & 7, n & 7);
  return t;
})();
function orientation(x0: number, x1: number, x2: number, x3: number): number {
  return ORIENTATION[(x0 << 9) | (x1 << 6) | (x2 << 3) | x3];
}

/** Area-weighted vertex normals (unit length; zero for a vertex of degenerate triangles only). */
function vertexNormals(verts: ArrayLike<number>, tris: Uint32Array): Float32Array {
  const n = new Float64Array(verts.length);
  for (let t = 0; t < tris.length; t += 3) {
    const a = tris[t];
    const b = tris[t + 1];
    const c = tris[t + 2];
    const ux = verts[3 * b] - verts[3 * a];
    const uy = verts[3 * b + 1] - verts[3 * a + 1];
    const uz = verts[3 * b + 2] - verts[3 * a + 2];
    const wx = verts[3 * c] - verts[3 * a];
    const wy = verts[3 * c + 1] - verts[3 * a + 1];
    const wz = verts[3 * c + 2] - verts[3 * a + 2];
    const cx = uy * wz - uz * wy;
    const cy = uz * wx - ux * wz;
    const cz = ux * wy - uy * wx;
    n[3 * a] += cx;
    n[3 * a + 1] += cy;
    n[3 * a + 2] += cz;
    n[3 * b] += cx;
    n[3 * b + 1] += cy;
    n[3 * b + 2] += cz;
    n[3 * c] += cx;
    n[3 * c + 1] += cy;
    n[3 * c + 2] += cz;
  }
  const out = new Float32Array(n.length);
  for (let p = 0; p < n.length; p += 3) {
    const len = Math.hypot(n[p], n[p + 1], n[p + 2]);
    if (len > 0) {
      out[p] = n[p] / len;
      out[p + 1] = n[p + 1] / len;
      out[p + 2] = n[p + 2] / len;
    }
  }
  return out;
}

/** Total area of the mesh (Å²). */
export function meshArea(mesh: Pick<IsosurfaceMesh, 'vertices' | 'triangles'>): number {
  const { vertices: p, triangles: t } = mesh;
  let area = 0;
  for (let i = 0; i < t.length; i += 3) {
    const [a, b, c] = [3 * t[i], 3 * t[i + 1], 3 * t[i + 2]];
    const ux = p[b] - p[a];
    const uy = p[b + 1] - p[a + 1];
    const uz = p[b + 2] - p[a + 2];
    const wx = p[c] - p[a];
    const wy = p[c + 1] - p[a + 1];
    const wz = p[c + 2] - p[a + 2];
    area += 0.5 * Math.hypot(uy * wz - uz * wy, uz * wx - ux * wz, ux * wy - uy * wx);
  }
  return area;
}

/**
 * Volume enclosed by a closed, consistently oriented mesh (Å³), by the divergence theorem:
 * V = (1/6) Σ v0 · (v1 × v2). Positive for a surface around a low-value pocket. Meaningless for a
 * surface cut open at the cell faces.
 */
export function meshEnclosedVolume(mesh: Pick<IsosurfaceMesh, 'vertices' | 'triangles'>): number {
  const { vertices: p, triangles: t } = mesh;
  let six = 0;
  for (let i = 0; i < t.length; i += 3) {
    const [a, b, c] = [3 * t[i], 3 * t[i + 1], 3 * t[i + 2]];
    six +=
      p[a] * (p[b + 1] * p[c + 2] - p[b + 2] * p[c + 1]) +
      p[a + 1] * (p[b + 2] * p[c] - p[b] * p[c + 2]) +
      p[a + 2] * (p[b] * p[c + 1] - p[b + 1] * p[c]);
  }
  return six / 6;
}

/** Unindexed triangle list (9 floats per triangle), the form three.js BufferGeometry draws directly. */
export function triangleSoup(mesh: Pick<IsosurfaceMesh, 'vertices' | 'triangles'>): Float32Array {
  const { vertices: p, triangles: t } = mesh;
  const out = new Float32Array(t.length * 3);
  for (let i = 0; i < t.length; i++) {
    out[3 * i] = p[3 * t[i]];
    out[3 * i + 1] = p[3 * t[i] + 1];
    out[3 * i + 2] = p[3 * t[i] + 2];
  }
  return out;
}

/** A BVSE isosurface: the mesh at `level_eV` above the global site-energy minimum. */
export interface BvseIsosurface extends IsosurfaceMesh {
  /** Level in eV above the global minimum of the landscape. */
  level_eV: number;
  /** The global minimum the level is measured from (eV, absolute site energy). */
  minimumEv: number;
}

/** Isosurface of a BVSE landscape at levelEv above its global minimum (Cartesian Å, cell of the grid). */
export function bvseIsosurface(
  grid: Pick<BvseGrid, 'dims' | 'energy' | 'lattice'>,
  levelEv: number,
): BvseIsosurface {
  let min = Number.POSITIVE_INFINITY;
  for (const e of grid.energy) if (e < min) min = e;
  const m = grid.lattice.matrix;
  const mesh = isosurface(
    { dims: grid.dims, values: grid.energy, cellVectors: [m.slice(0, 3), m.slice(3, 6), m.slice(6, 9)] },
    min + levelEv,
  );
  return { ...mesh, level_eV: levelEv, minimumEv: min };
}
