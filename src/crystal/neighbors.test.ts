import { describe, expect, it } from 'vitest';
import { diamondSilicon, triclinicTest } from '../diffraction/testStructures.ts';
import { neighborList } from './neighbors.ts';
import { supercell } from './supercell.ts';

/** Brute force over a generous block of images: the independent reference. */
function bruteForce(s: ReturnType<typeof triclinicTest>, cutoff: number): number[] {
  const out: number[] = [];
  const n = s.sites.length;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let a = -4; a <= 4; a++)
        for (let b = -4; b <= 4; b++)
          for (let c = -4; c <= 4; c++) {
            const fi = s.sites[i].frac;
            const fj = s.sites[j].frac;
            const d = Math.sqrt(
              s.lattice.fracLengthSquared(fj[0] + a - fi[0], fj[1] + b - fi[1], fj[2] + c - fi[2]),
            );
            if (d > 1e-9 && d <= cutoff) out.push(d);
          }
  return out.sort((x, y) => x - y);
}

describe('neighbour list', () => {
  it('diamond Si: 4 neighbours at √3/4·a, 12 at a/√2', () => {
    const nl = neighborList(diamondSilicon(), 4.0);
    const a = 5.4307;
    const first = Array.from(nl.distance).filter((d) => Math.abs(d - (Math.sqrt(3) / 4) * a) < 1e-9).length;
    const second = Array.from(nl.distance).filter((d) => Math.abs(d - a / Math.SQRT2) < 1e-9).length;
    expect(first).toBe(8 * 4);
    expect(second).toBe(8 * 12);
  });

  it('matches a brute-force search on a skewed cell, also with a cutoff larger than the cell', () => {
    const s = triclinicTest();
    for (const cutoff of [3, 6.5, 11]) {
      const nl = neighborList(s, cutoff);
      const got = Array.from(nl.distance).sort((x, y) => x - y);
      const ref = bruteForce(s, cutoff);
      expect(got.length).toBe(ref.length);
      for (const [i, d] of got.entries()) expect(d).toBeCloseTo(ref[i], 9);
    }
  });

  it('pairs are symmetric and images point at the neighbour', () => {
    const s = supercell(triclinicTest(), [2, 2, 2]);
    const nl = neighborList(s, 4);
    for (let p = 0; p < nl.count; p += 37) {
      const i = nl.center[p];
      const j = nl.neighbor[p];
      const fi = s.sites[i].frac;
      const fj = s.sites[j].frac;
      const d = Math.sqrt(
        s.lattice.fracLengthSquared(
          fj[0] + nl.image[3 * p] - fi[0],
          fj[1] + nl.image[3 * p + 1] - fi[1],
          fj[2] + nl.image[3 * p + 2] - fi[2],
        ),
      );
      expect(d).toBeCloseTo(nl.distance[p], 9);
    }
    let ij = 0;
    let ji = 0;
    for (let p = 0; p < nl.count; p++) {
      if (nl.center[p] === 0 && nl.neighbor[p] === 1) ij++;
      if (nl.center[p] === 1 && nl.neighbor[p] === 0) ji++;
    }
    expect(ij).toBe(ji);
  });
});
