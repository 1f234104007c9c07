import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { parseCif } from '../io/cif/semantic.ts';
import { writeCif } from '../io/cif/writer.ts';
import { expandAsymmetricUnit, minimumImageDistance2, rotateUAniso } from './expand.ts';
import { Lattice } from './lattice.ts';
import type { Site } from './structure.ts';
import { supercell } from './supercell.ts';
import { applySymOp, IDENTITY, mod1, parseSymOp } from './symop.ts';

const fixture = (path: string) =>
  readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), 'utf8');
const site = (label: string, frac: [number, number, number], element = label, occupancy = 1): Site => ({
  label,
  frac,
  occupants: [{ element, occupancy }],
});
const cubic = (a: number) => Lattice.fromParameters({ a, b: a, c: a, alpha: 90, beta: 90, gamma: 90 });

describe('expandAsymmetricUnit', () => {
  it('Si Fd-3m: 192 operations → 8 atoms in [0,1), orbit = label', () => {
    const { structure } = parseCif(fixture('xrd/Silicon.cif'));
    const r = expandAsymmetricUnit(structure.lattice, structure.symmetry!, structure.asymmetricUnit!);
    expect(r.sites).toHaveLength(8);
    expect(r.warnings).toEqual([]);
    expect(r.sites.every((s) => s.orbit === 'Si' && s.frac.every((v) => v >= 0 && v < 1))).toBe(true);
  });

  it('drops symmetry images closer than the tolerance, using the metric and minimum image', () => {
    const ops = ['x,y,z', '-x,-y,-z'].map((t) => parseSymOp(t));
    const L = cubic(10);
    // x = 0.0005 → image at −0.0005 ≡ 0.9995: 0.01 Å apart across the cell boundary → one site.
    expect(expandAsymmetricUnit(L, ops, [site('Na', [0.0005, 0, 0])]).sites).toHaveLength(1);
    // x = 0.005 → 0.1 Å apart: a genuine split pair.
    expect(expandAsymmetricUnit(L, ops, [site('Na', [0.005, 0, 0])]).sites).toHaveLength(2);
    expect(expandAsymmetricUnit(L, ops, [site('Na', [0.005, 0, 0])], { tolerance: 0.2 }).sites).toHaveLength(
      1,
    );
    expect(() => expandAsymmetricUnit(L, ops, [], { tolerance: 0 })).toThrow(InputError);
    expect(() => expandAsymmetricUnit(L, ops, [], { tolerance: 8 })).toThrow(InputError);
  });

  it('uses real distances in oblique cells (hexagonal 120°)', () => {
    const L = Lattice.fromParameters({ a: 3, b: 3, c: 5, alpha: 90, beta: 90, gamma: 120 });
    // (0.001, 0.001) and (−0.001, −0.001) differ by (0.002, 0.002): 0.006 Å along a+b (short diagonal).
    const d = Math.sqrt(minimumImageDistance2(L, [0.001, 0.001, 0], [0.999, 0.999, 0]));
    expect(d).toBeCloseTo(0.006, 9);
    // Along a−b the same fractional step is √3 times longer.
    expect(Math.sqrt(minimumImageDistance2(L, [0.001, 0.999, 0], [0.999, 0.001, 0]))).toBeCloseTo(
      0.006 * Math.sqrt(3),
      9,
    );
  });

  it('merges different asymmetric-unit sites on one position; drops exact repeats', () => {
    const L = cubic(5);
    const ops = [IDENTITY, parseSymOp('-x,-y,-z')];
    const r = expandAsymmetricUnit(L, ops, [
      site('Si1', [0.1, 0.2, 0.3], 'Si', 0.6),
      site('P1', [0.1, 0.2, 0.3], 'P', 0.4),
      site('O1', [0.5, 0.5, 0.5], 'O'),
      site('O2', [0.5, 0.5, 0.5], 'O'),
    ]);
    expect(r.sites).toHaveLength(3);
    expect(r.sites[0].occupants.map((o) => o.element)).toEqual(['Si', 'P']);
    expect(r.sites[1].occupants.map((o) => o.element)).toEqual(['Si', 'P']);
    expect(r.warnings.map((w) => w.code)).toEqual(['merged-sites', 'duplicate-atoms']);
    const over = expandAsymmetricUnit(
      L,
      [IDENTITY],
      [site('A', [0, 0, 0], 'Na', 0.8), site('B', [0, 0, 0], 'K', 0.8)],
    );
    expect(over.warnings.map((w) => w.code)).toEqual(['merged-sites', 'occupancy-above-one']);
  });

  it('transforms anisotropic U with the operation (site symmetry leaves it invariant)', () => {
    const { structure } = parseCif(fixture('xrd/Na0.8CoO2_P63mmc.cif'));
    const co = structure.asymmetricUnit![0];
    for (const op of structure.symmetry!) {
      const p = applySymOp(op, co.frac).map(mod1);
      const u = rotateUAniso(structure.lattice, op.rotation, co.uAniso!);
      if (p.every((v, i) => Math.abs(v - co.frac[i]) < 1e-9))
        for (let k = 0; k < 6; k++) expect(u[k]).toBeCloseTo(co.uAniso![k], 12);
    }
    // A 6-fold image of a general tensor is a different tensor, and applying the inverse restores it.
    const L = structure.lattice;
    const u0 = [0.01, 0.02, 0.03, 0.004, 0.005, 0.006];
    const six = parseSymOp('x-y,x,z').rotation;
    const sixInv = parseSymOp('y,-x+y,z').rotation;
    const back = rotateUAniso(L, sixInv, rotateUAniso(L, six, u0));
    for (let k = 0; k < 6; k++) expect(back[k]).toBeCloseTo(u0[k], 12);
    // Every image of Na2 (2d) has U33 unchanged.
    const na2 = structure.sites.filter((s) => s.orbit === 'Na2');
    expect(na2.every((s) => Math.abs(s.uAniso![2] + 0.003) < 1e-12)).toBe(true);
  });

  it('is linear-time: the 8000-atom Si P1 supercell parses in well under a few seconds', () => {
    const { structure } = parseCif(fixture('xrd/Silicon.cif'));
    const big = supercell({ lattice: structure.lattice, sites: structure.sites }, 10);
    const text = writeCif(big, { mode: 'P1', blockName: 'Si_10x10x10' });
    const t0 = performance.now();
    const r = parseCif(text, { fileName: 'Silicon_10x10x10_supercell.cif' });
    const ms = performance.now() - t0;
    expect(r.structure.sites).toHaveLength(8000);
    expect(r.warnings).toEqual([]);
    expect(ms).toBeLessThan(3000);
  });
});
