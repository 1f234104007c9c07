import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { Lattice } from '../../crystal/lattice.ts';
import type { Structure } from '../../crystal/structure.ts';
import { parseCif } from '../../io/cif/index.ts';
import { buildNasicon } from '../template.ts';
import { bottleneckHops } from './bottleneck.ts';
import { bvseCube } from './cube.ts';
import { bvseGrid, erfc } from './energy.ts';
import { percolationBarriers, vectorRank } from './percolation.ts';

const cif = (name: string) =>
  parseCif(readFileSync(new URL(`../../../test/fixtures/cif/${name}`, import.meta.url), 'utf8'), {
    fileName: name,
  }).structure;

/** Synthetic landscape: base level with straight channels along chosen axes. */
function channels(n: number, levels: { a?: number; b?: number; c?: number }, base = 1): Float64Array {
  const e = new Float64Array(n * n * n).fill(base);
  const at = (i: number, j: number, k: number) => (i * n + j) * n + k;
  const m = 5;
  for (let t = 0; t < n; t++) {
    // Channel along a at (j, k) = (m, m): a cosine ripple of amplitude 0.05 around 0.1 (barrier 0.1).
    if (levels.a !== undefined) e[at(t, m, m)] = levels.a + 0.05 * Math.cos((2 * Math.PI * t) / n);
    if (levels.b !== undefined) e[at(m, t, m)] = Math.min(e[at(m, t, m)], levels.b);
    if (levels.c !== undefined) e[at(m, m, t)] = Math.min(e[at(m, m, t)], levels.c);
  }
  return e;
}

describe('percolation by union–find with periodic images', () => {
  it('channels along one, two, three axes give 1D/2D/3D barriers', () => {
    const n = 20;
    const r = percolationBarriers(channels(n, { a: 0.1, b: 0.4, c: 0.7 }), [n, n, n]);
    // Global minimum 0.05 (ripple), channel a tops at 0.15 → 0.1; b at 0.4 → 0.35; c at 0.7 → 0.65.
    expect(r.minimum).toBeCloseTo(0.05, 12);
    expect(r.barriers['1D']).toBeCloseTo(0.1, 3);
    expect(r.barriers['2D']).toBeCloseTo(0.35, 3);
    expect(r.barriers['3D']).toBeCloseTo(0.65, 3);
    // Only one channel: 1D only below the base level.
    const one = percolationBarriers(channels(n, { a: 0.1 }), [n, n, n], { energyCutoff: 0.5 });
    expect(one.barriers).toEqual({ '1D': expect.closeTo(0.1, 3), '2D': null, '3D': null });
    // Above the base everything connects in 3D.
    const all = percolationBarriers(channels(n, { a: 0.1 }), [n, n, n]);
    expect(all.barriers['3D']).toBeCloseTo(0.95, 3);
  });

  it('a closed pocket does not percolate; a diagonal channel does (26-connectivity + winding)', () => {
    const n = 12;
    const e = new Float64Array(n * n * n).fill(1);
    for (let t = 0; t < n; t++) e[(t * n + t) * n + t] = 0; // body diagonal, wraps onto itself
    const r = percolationBarriers(e, [n, n, n], { energyCutoff: 0.5 });
    expect(r.barriers['1D']).toBe(0);
    expect(r.barriers['2D']).toBeNull();
    const pocket = new Float64Array(n * n * n).fill(1);
    pocket[0] = 0;
    pocket[1] = 0;
    expect(percolationBarriers(pocket, [n, n, n], { energyCutoff: 0.5 }).barriers['1D']).toBeNull();
  });

  it('invariants: order 1D ≤ 2D ≤ 3D, shift and axis-permutation invariance (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        (seed, shift) => {
          const n = 7;
          let s = seed;
          const rnd = () => {
            s = (s * 16807) % 2147483647;
            return s / 2147483647;
          };
          const e = new Float64Array(n * n * n).map(() => rnd());
          const r = percolationBarriers(e, [n, n, n], { binWidth: 1e-5, energyCutoff: 1.01 });
          const b = r.barriers;
          if (!(b['1D']! <= b['2D']! && b['2D']! <= b['3D']!)) return false;
          const shifted = percolationBarriers(
            e.map((v) => v + shift),
            [n, n, n],
            { binWidth: 1e-5, energyCutoff: 1.01 },
          ).barriers;
          // Transpose a ↔ c: same barriers.
          const tr = new Float64Array(n * n * n);
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++)
              for (let k = 0; k < n; k++) tr[(k * n + j) * n + i] = e[(i * n + j) * n + k];
          const t = percolationBarriers(tr, [n, n, n], { binWidth: 1e-5, energyCutoff: 1.01 }).barriers;
          for (const d of ['1D', '2D', '3D'] as const) {
            if (Math.abs(shifted[d]! - b[d]!) > 1e-5) return false;
            if (Math.abs(t[d]! - b[d]!) > 1e-5) return false;
          }
          return true;
        },
      ),
      { numRuns: 25 },
    );
  });

  it('vectorRank', () => {
    expect(vectorRank([1, 0, 0, 2, 0, 0], 2)).toBe(1);
    expect(vectorRank([1, 0, 0, 0, 1, 0, 1, 1, 0], 3)).toBe(2);
    expect(vectorRank([1, 1, 0, 0, 1, 1, 1, 0, 1], 3)).toBe(3);
  });
});

describe('BVSE energy', () => {
  it('erfc against reference values', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(0.5)).toBeCloseTo(0.4795001222, 6);
    expect(erfc(1)).toBeCloseTo(0.1572992071, 6);
    expect(erfc(2)).toBeCloseTo(0.004677734981, 7);
    expect(erfc(-1)).toBeCloseTo(1.8427007929, 6);
  });

  it('single anion in a big cell: grid value equals the analytic Morse term', () => {
    const lattice: Structure = {
      lattice: Lattice.fromParameters({ a: 20, b: 20, c: 20, alpha: 90, beta: 90, gamma: 90 }),
      sites: [
        { label: 'O1', frac: [0, 0, 0], occupants: [{ element: 'O', oxidationState: -2, occupancy: 1 }] },
        {
          label: 'Na1',
          frac: [0.5, 0.5, 0.5],
          occupants: [{ element: 'Na', oxidationState: 1, occupancy: 1 }],
        },
      ],
    };
    const g = bvseGrid(lattice, { ion: 'Na', gridSpacing: 0.5, cutoff: 6 });
    // Voxel (4, 0, 0) is 2.0 Å from O along a.
    const R = 2.0;
    const D0 = 0.575227;
    const Rmin = 2.374335;
    const alpha = 2.074689;
    const expected = 0.5 * D0 * ((Math.exp(alpha * (Rmin - R)) - 1) ** 2 - 1);
    expect(g.energy[(4 * g.dims[1] + 0) * g.dims[2] + 0]).toBeCloseTo(expected, 5);
    // CAVD convention doubles the Morse term.
    const c = bvseGrid(lattice, { ion: 'Na', gridSpacing: 0.5, cutoff: 6, morseConvention: 'cavd' });
    expect(c.energy[4 * g.dims[1] * g.dims[2]]).toBeCloseTo(2 * expected, 5);
  });

  it('LiFePO4 on BVlain’s grid reproduces the published BVlain barriers (README: 0.4395 / 3.3301 / 3.3594 eV)', () => {
    const s = cif('LiFePO4.cif');
    // BVlain: r_cut 10, resolution 0.2 → n = floor(L/0.2) points on linspace(0, 1) = n − 1 distinct.
    const g = bvseGrid(s, { ion: 'Li', gridSpacing: 0.2, gridPoints: [51, 29, 22], cutoff: 10 });
    expect(g.oxidationStates.Fe).toEqual({ charge: 2, from: 'charge balance' });
    const r = percolationBarriers(g.energy, g.dims);
    // BVlain bisects to 0.01 eV and reports the upper bracket: allow 0.02 eV.
    expect(r.barriers['1D']).toBeCloseTo(0.4395, 1);
    expect(Math.abs(r.barriers['1D']! - 0.4395)).toBeLessThan(0.02);
    expect(Math.abs(r.barriers['2D']! - 3.3301)).toBeLessThan(0.02);
    expect(Math.abs(r.barriers['3D']! - 3.3594)).toBeLessThan(0.02);
  });

  it('LiFePO4: halving the grid spacing changes barriers only within the discretisation error', () => {
    const s = cif('LiFePO4.cif');
    const coarse = percolationBarriers(...grid(s, 0.2)).barriers;
    const fine = percolationBarriers(...grid(s, 0.1)).barriers;
    // 1D channel saddle is shallow (|∇E| small): < 0.01 eV. 2D/3D saddles sit on steep walls
    // (|∇E| ~ 2–4 eV/Å), so a 0.1 Å shift of the sampled point moves them by up to ~0.05 eV.
    expect(Math.abs(coarse['1D']! - fine['1D']!)).toBeLessThan(0.01);
    expect(Math.abs(coarse['2D']! - fine['2D']!)).toBeLessThan(0.05);
    expect(Math.abs(coarse['3D']! - fine['3D']!)).toBeLessThan(0.05);
    // The 1D channel is along b (the olivine [010] channel).
    expect(fine['1D']!).toBeLessThan(0.5);
  });

  it('Morse convention changes the LiFePO4 1D barrier by about ×2 (brief §2.4)', () => {
    const s = cif('LiFePO4.cif');
    const b = percolationBarriers(...grid(s, 0.2)).barriers['1D']!;
    const g = bvseGrid(s, { ion: 'Li', gridSpacing: 0.2, morseConvention: 'cavd' });
    const c = percolationBarriers(g.energy, g.dims).barriers['1D']!;
    expect(c / b).toBeGreaterThan(1.8);
    expect(c / b).toBeLessThan(2.4);
  });

  it('R-centring translations: scattering one site per orbit gives the same grid (exact speed-up)', () => {
    const s = cif('Na4Zr2Si3O12_R-3c_Tran-Qui1981.cif');
    const fast = bvseGrid(s, { ion: 'Na', gridSpacing: 0.4 });
    // Dims are rounded up to multiples of 3 so that (2/3, 1/3, 1/3) maps grid points onto grid points.
    expect(fast.dims.every((n) => n % 3 === 0)).toBe(true);
    const slow = bvseGrid(s, { ion: 'Na', gridSpacing: 0.4, gridPoints: fast.dims, useTranslations: false });
    let maxDiff = 0;
    for (let v = 0; v < fast.energy.length; v++)
      maxDiff = Math.max(maxDiff, Math.abs(fast.energy[v] - slow.energy[v]));
    expect(maxDiff).toBeLessThan(1e-9);
    // The landscape itself is invariant under the centring translation.
    const [na, nb, nc] = fast.dims;
    const at = (i: number, j: number, k: number) => fast.energy[((i % na) * nb + (j % nb)) * nc + (k % nc)];
    expect(at(5 + (2 * na) / 3, 7 + nb / 3, 11 + nc / 3)).toBeCloseTo(at(5, 7, 11), 9);
  });

  it('the built x = 3 template and the published CIF give the same landscape (independent paths)', () => {
    const fromCif = bvseGrid(cif('Na4Zr2Si3O12_R-3c_Tran-Qui1981.cif'), { ion: 'Na', gridSpacing: 0.5 });
    const built = bvseGrid(buildNasicon('Na4Zr2Si3O12').structure, { ion: 'Na', gridSpacing: 0.5 });
    expect(built.dims).toEqual(fromCif.dims);
    let maxDiff = 0;
    for (let v = 0; v < built.energy.length; v++)
      maxDiff = Math.max(maxDiff, Math.abs(built.energy[v] - fromCif.energy[v]));
    expect(maxDiff).toBeLessThan(1e-6);
  });

  it('cube export: header, atom count, one value per voxel, minimum 0', () => {
    const s = cif('LiFePO4.cif');
    const g = bvseGrid(s, { ion: 'Li', gridSpacing: 0.5 });
    const text = bvseCube(g, s);
    const lines = text.trim().split('\n');
    expect(Number(lines[2].split(/\s+/)[0])).toBe(s.sites.length);
    expect(lines[3].split(/\s+/)[0]).toBe(String(g.dims[0]));
    // a-vector per voxel in bohr = a / n_a / 0.529177…
    expect(Number(lines[3].split(/\s+/)[1])).toBeCloseTo(g.lattice.matrix[0] / g.dims[0] / 0.529177210903, 5);
    const values = lines
      .slice(6 + s.sites.length)
      .join(' ')
      .trim()
      .split(/\s+/)
      .map(Number);
    expect(values.length).toBe(g.energy.length);
    expect(Math.min(...values)).toBe(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(10);
  });

  it('bad input: no mobile ion, grid ≤ 0, unknown pair', () => {
    const s = cif('LiFePO4.cif');
    expect(() => bvseGrid(s, { ion: 'Na', gridSpacing: 0.2 })).toThrow(/contains no Na/);
    expect(() => bvseGrid(s, { ion: 'Li', gridSpacing: 0 })).toThrow(InputError);
    expect(() => bvseGrid(s, { ion: 'Li', gridSpacing: -0.1 })).toThrow(/positive/);
    expect(() => bvseGrid(s, { ion: 'Li', gridSpacing: Number.NaN })).toThrow(InputError);
  });

  it('NASICON Na4Zr2Si3O12: Na1→Na2 bottleneck ≈ 2.21 Å at ~36 % from 6b (brief §1.6 [I]: 2.20 Å, 37 %)', () => {
    const s = cif('Na4Zr2Si3O12_R-3c_Tran-Qui1981.cif');
    const hops = bottleneckHops(s, 'Na');
    expect(hops.length).toBeGreaterThan(0);
    const h = hops[0];
    expect(h.length).toBeCloseTo(3.478, 2);
    expect(h.bottleneckDistance).toBeGreaterThan(2.15);
    expect(h.bottleneckDistance).toBeLessThan(2.25);
    expect(h.freeRadius).toBeCloseTo(h.bottleneckDistance - 1.4, 12);
  });
});

function grid(s: ReturnType<typeof cif>, h: number): [Float64Array, [number, number, number]] {
  const g = bvseGrid(s, { ion: 'Li', gridSpacing: h });
  return [g.energy, g.dims];
}
