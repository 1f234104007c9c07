import { describe, expect, it } from 'vitest';
import { Lattice } from '../../crystal/lattice.ts';
import {
  bvseIsosurface,
  type IsosurfaceMesh,
  isosurface,
  meshArea,
  meshEnclosedVolume,
  type PeriodicScalarGrid,
  triangleSoup,
} from './isosurface.ts';
import { meshToObj } from './obj.ts';

type Vec = [number, number, number];
const rows = (L: Lattice): [Vec, Vec, Vec] => [
  L.toCartesian([1, 0, 0]),
  L.toCartesian([0, 1, 0]),
  L.toCartesian([0, 0, 1]),
];

/** Field f(r) sampled at the grid points of a cell (a lattice or explicit rows), f given in Cartesian Å. */
function sample(L: Lattice | [Vec, Vec, Vec], n: Vec, f: (p: Vec) => number): PeriodicScalarGrid {
  const [A, B, C] = L instanceof Lattice ? rows(L) : L;
  const values = new Float64Array(n[0] * n[1] * n[2]);
  for (let i = 0; i < n[0]; i++)
    for (let j = 0; j < n[1]; j++)
      for (let k = 0; k < n[2]; k++) {
        const [u, v, w] = [i / n[0], j / n[1], k / n[2]];
        const p: Vec = [0, 1, 2].map((x) => u * A[x] + v * B[x] + w * C[x]) as Vec;
        values[(i * n[1] + j) * n[2] + k] = f(p);
      }
  return { dims: n, values, cellVectors: [A, B, C] };
}

/** Every undirected edge is shared by exactly two triangles, traversed once in each direction. */
function expectClosedAndOriented(mesh: IsosurfaceMesh) {
  const nv = mesh.vertices.length / 3;
  const directed = new Map<number, number>();
  const t = mesh.triangles;
  for (let i = 0; i < t.length; i += 3)
    for (let e = 0; e < 3; e++) {
      const key = t[i + e] * nv + t[i + ((e + 1) % 3)];
      directed.set(key, (directed.get(key) ?? 0) + 1);
    }
  const bad: number[] = [];
  for (const [key, count] of directed) {
    const reverse = (key % nv) * nv + Math.floor(key / nv);
    if (count !== 1 || directed.get(reverse) !== 1) bad.push(key);
  }
  expect(bad.length, 'edges not shared by exactly two oppositely oriented triangles').toBe(0);
}

describe('marching-tetrahedra isosurface on a periodic grid', () => {
  const r = 3;
  // A triclinic cell exercises the fractional → Cartesian mapping; the sphere sits at the cell centre.
  const cell = Lattice.fromParameters({ a: 11, b: 10, c: 12, alpha: 80, beta: 95, gamma: 105 });
  const centre = cell.toCartesian([0.5, 0.5, 0.5]);
  const distance = (p: Vec) => Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]);

  it('a distance field gives a closed sphere: area 4πr², volume 4/3πr³ (divergence theorem), errors shrink with h', () => {
    const errors = [];
    for (const n of [24, 48]) {
      const mesh = isosurface(sample(cell, [n, n, n], distance), r);
      expectClosedAndOriented(mesh);
      const area = meshArea(mesh);
      const volume = meshEnclosedVolume(mesh);
      const aErr = Math.abs(area / (4 * Math.PI * r * r) - 1);
      const vErr = Math.abs(volume / ((4 / 3) * Math.PI * r ** 3) - 1);
      // Grid spacing ≈ 0.45 Å (n = 24) and 0.23 Å (n = 48): chords of a 3 Å sphere cut ~h²/(8r) inside.
      expect(aErr).toBeLessThan(n === 24 ? 0.03 : 0.01);
      expect(vErr).toBeLessThan(n === 24 ? 0.03 : 0.01);
      // The linear interpolant of a convex field crosses the level early: vertices at or inside r.
      for (let p = 0; p < mesh.vertices.length; p += 3) {
        const d = distance([mesh.vertices[p], mesh.vertices[p + 1], mesh.vertices[p + 2]]);
        expect(d).toBeLessThan(r + 1e-5);
        expect(d).toBeGreaterThan(r - 0.05);
      }
      errors.push({ aErr, vErr });
    }
    // Second-order method: halving h cuts the volume error by about 4 (allow ≥ 2.5).
    expect(errors[0].vErr / errors[1].vErr).toBeGreaterThan(2.5);
    expect(errors[0].aErr).toBeGreaterThan(errors[1].aErr);
  });

  it('a left-handed cell (c reversed) gives the same outward orientation and volume', () => {
    const [A, B, C] = rows(cell);
    const left: [Vec, Vec, Vec] = [A, B, [-C[0], -C[1], -C[2]]];
    const c2 = [0.5 * (A[0] + B[0] - C[0]), 0.5 * (A[1] + B[1] - C[1]), 0.5 * (A[2] + B[2] - C[2])];
    const mesh = isosurface(
      sample(left, [32, 32, 32], (p) => Math.hypot(p[0] - c2[0], p[1] - c2[1], p[2] - c2[2])),
      r,
    );
    expectClosedAndOriented(mesh);
    expect(meshEnclosedVolume(mesh) / ((4 / 3) * Math.PI * r ** 3)).toBeCloseTo(1, 1);
  });

  it('vertex normals point outward (toward higher values) on the sphere', () => {
    const mesh = isosurface(sample(cell, [32, 32, 32], distance), r);
    let minDot = 1;
    for (let p = 0; p < mesh.vertices.length; p += 3) {
      const d = [
        mesh.vertices[p] - centre[0],
        mesh.vertices[p + 1] - centre[1],
        mesh.vertices[p + 2] - centre[2],
      ];
      const len = Math.hypot(d[0], d[1], d[2]);
      const dot = (d[0] * mesh.normals[p] + d[1] * mesh.normals[p + 1] + d[2] * mesh.normals[p + 2]) / len;
      minDot = Math.min(minDot, dot);
    }
    expect(minDot).toBeGreaterThan(0.95);
  });

  it('a planar field gives two flat sheets at the right heights with the area of the cell face', () => {
    // Hexagonal cell (c along z): f = |z − c/2| is periodic; level L cuts at z = c/2 ± L.
    const hex = Lattice.fromParameters({ a: 8, b: 8, c: 10, alpha: 90, beta: 90, gamma: 120 });
    const c = 10;
    const L = 2.3;
    const n: Vec = [12, 12, 20];
    const mesh = isosurface(
      sample(hex, n, (p) => Math.abs(p[2] - c / 2)),
      L,
    );
    expect(mesh.triangles.length).toBeGreaterThan(0);
    let low = 0;
    let high = 0;
    for (let p = 0; p < mesh.vertices.length; p += 3) {
      const z = mesh.vertices[p + 2];
      const lowSheet = Math.abs(z - (c / 2 - L)) < 1e-5;
      const highSheet = Math.abs(z - (c / 2 + L)) < 1e-5;
      expect(lowSheet || highSheet, `vertex at z = ${z}`).toBe(true);
      // Normals point away from the mid-plane (toward larger f).
      expect(mesh.normals[p + 2]).toBeCloseTo(lowSheet ? -1 : 1, 5);
      if (lowSheet) low++;
      else high++;
    }
    expect(low).toBe(high);
    const face = 8 * 8 * Math.sin((120 * Math.PI) / 180);
    expect(meshArea(mesh)).toBeCloseTo(2 * face, 3);
  });

  it('a level outside the data range gives no vertices and no triangles', () => {
    const g = sample(cell, [10, 10, 10], distance);
    for (const level of [-1, 100]) {
      const mesh = isosurface(g, level);
      expect(mesh.vertices.length).toBe(0);
      expect(mesh.triangles.length).toBe(0);
    }
  });

  it('triangle soup and OBJ carry the same triangles as the indexed mesh', () => {
    const mesh = isosurface(sample(cell, [16, 16, 16], distance), r);
    const soup = triangleSoup(mesh);
    expect(soup.length).toBe(mesh.triangles.length * 3);
    const t = 5;
    expect(Array.from(soup.slice(9 * t, 9 * t + 3))).toEqual(
      Array.from(mesh.vertices.slice(3 * mesh.triangles[3 * t], 3 * mesh.triangles[3 * t] + 3)),
    );
    const obj = meshToObj(mesh, 'sphere test');
    const lines = obj.split('\n');
    const v = lines.filter((l) => l.startsWith('v '));
    const vn = lines.filter((l) => l.startsWith('vn '));
    const f = lines.filter((l) => l.startsWith('f '));
    expect(v.length).toBe(mesh.vertices.length / 3);
    expect(vn.length).toBe(v.length);
    expect(f.length).toBe(mesh.triangles.length / 3);
    // OBJ indices are 1-based: face t lists triangles[3t..3t+2] + 1.
    expect(f[t]).toBe(
      `f ${[0, 1, 2].map((e) => `${mesh.triangles[3 * t + e] + 1}//${mesh.triangles[3 * t + e] + 1}`).join(' ')}`,
    );
    const [x, y, z] = v[mesh.triangles[0]].split(' ').slice(1).map(Number);
    expect(x).toBeCloseTo(mesh.vertices[3 * mesh.triangles[0]], 4);
    expect(y).toBeCloseTo(mesh.vertices[3 * mesh.triangles[0] + 1], 4);
    expect(z).toBeCloseTo(mesh.vertices[3 * mesh.triangles[0] + 2], 4);
  });

  it('bvseIsosurface measures the level from the landscape minimum', () => {
    const g = sample(cell, [16, 16, 16], distance);
    const shifted = Float64Array.from(g.values as Float64Array, (x) => x - 7);
    const a = bvseIsosurface({ dims: [16, 16, 16], energy: shifted, lattice: cell }, r);
    const b = isosurface(g, r);
    expect(a.level_eV).toBe(r);
    expect(a.minimumEv).toBeCloseTo(Math.min(...(g.values as Float64Array)) - 7, 12);
    // min of the distance field is 0 (a grid point at the centre), so level r above it = distance r.
    expect(a.triangles.length).toBe(b.triangles.length);
  });
});
