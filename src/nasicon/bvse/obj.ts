/**
 * Wavefront OBJ text of a triangle mesh (readable by Blender, MeshLab, ParaView, OVITO, three.js):
 * `v x y z` per vertex (Å), `vn nx ny nz` per vertex normal, `f a//a b//b c//c` per triangle with
 * 1-based indices. Pure module (no Node APIs).
 */
import type { IsosurfaceMesh } from './isosurface.ts';

/** Digits after the decimal point for coordinates (1e-5 Å) and normals. */
const COORD_DIGITS = 5;
const NORMAL_DIGITS = 4;

export function meshToObj(
  mesh: Pick<IsosurfaceMesh, 'vertices' | 'triangles' | 'normals'>,
  comment = '',
): string {
  const out: string[] = [];
  for (const line of comment.split('\n')) if (line.trim()) out.push(`# ${line.trim()}`);
  out.push(
    `# ${mesh.vertices.length / 3} vertices, ${mesh.triangles.length / 3} triangles; lengths in angstrom`,
  );
  const p = mesh.vertices;
  for (let i = 0; i < p.length; i += 3)
    out.push(
      `v ${p[i].toFixed(COORD_DIGITS)} ${p[i + 1].toFixed(COORD_DIGITS)} ${p[i + 2].toFixed(COORD_DIGITS)}`,
    );
  const n = mesh.normals;
  for (let i = 0; i < n.length; i += 3)
    out.push(
      `vn ${n[i].toFixed(NORMAL_DIGITS)} ${n[i + 1].toFixed(NORMAL_DIGITS)} ${n[i + 2].toFixed(NORMAL_DIGITS)}`,
    );
  const t = mesh.triangles;
  for (let i = 0; i < t.length; i += 3) {
    const a = t[i] + 1;
    const b = t[i + 1] + 1;
    const c = t[i + 2] + 1;
    out.push(`f ${a}//${a} ${b}//${b} ${c}//${c}`);
  }
  return `${out.join('\n')}\n`;
}
