import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { Lattice } from '../../crystal/lattice.ts';
import { parseCif } from '../../io/cif/index.ts';
import { bvseGrid } from './energy.ts';
import { bvseGrd, readGrd, writeGrd } from './grd.ts';

const cell = { a: 8.1, b: 9.2, c: 21.7, alpha: 90, beta: 90, gamma: 120 };

describe('.grd volumetric export (BVlain/CAVD layout)', () => {
  it('writes a hand-made asymmetric 2×3×4 landscape in a-outer, c-inner order', () => {
    // value(i, j, k) = 100 i + 10 j + k: every position is distinct, so any transposition shows.
    const dims: [number, number, number] = [2, 3, 4];
    const values = new Float64Array(24);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++)
        for (let k = 0; k < 4; k++) values[(i * 3 + j) * 4 + k] = 100 * i + 10 * j + k;
    const text = writeGrd({ title: 'test\nwith newline', cell, dims, values });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('test with newline');
    expect(lines[1].split(' ').map(Number)).toEqual([8.1, 9.2, 21.7, 90, 90, 120]);
    expect(lines[2]).toBe('2 3 4');
    // Literal file order: i outermost, k innermost.
    expect(lines.slice(3, 11).map(Number)).toEqual([0, 1, 2, 3, 10, 11, 12, 13]);
    expect(lines.slice(15, 19).map(Number)).toEqual([100, 101, 102, 103]);
    expect(Number(lines[lines.length - 1])).toBe(123);
    expect(lines.length).toBe(3 + 24);
    const back = readGrd(text);
    expect(back.dims).toEqual(dims);
    expect(Array.from(back.values)).toEqual(Array.from(values));
    // value(1, 2, 3) read back at the same grid index.
    expect(back.values[(1 * 3 + 2) * 4 + 3]).toBe(123);
  });

  it('round trip: values, dimensions and cell survive write → read (property)', () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.integer({ min: 1, max: 5 }),
          fc.integer({ min: 1, max: 5 }),
          fc.integer({ min: 1, max: 5 }),
        ),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 2, max: 30, noNaN: true }),
        fc.double({ min: 60, max: 120, noNaN: true }),
        (dims, scale, a, gamma) => {
          const n = dims[0] * dims[1] * dims[2];
          const values = Float64Array.from({ length: n }, (_, v) => scale * Math.sin(1.7 * v + 0.3));
          const c = { ...cell, a, gamma };
          const back = readGrd(writeGrd({ title: 'p', cell: c, dims, values }));
          expect(back.dims).toEqual(dims);
          for (const key of ['a', 'b', 'c', 'alpha', 'beta', 'gamma'] as const)
            expect(Math.abs(back.cell[key] - c[key])).toBeLessThanOrEqual(1e-9 * Math.abs(c[key]));
          for (let v = 0; v < n; v++)
            expect(Math.abs(back.values[v] - values[v])).toBeLessThanOrEqual(
              1e-8 * Math.max(1, Math.abs(values[v])),
            );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('BVSE landscape: header cell equals the structure lattice; values are eV above the minimum', () => {
    const name = 'LiFePO4.cif';
    const s = parseCif(readFileSync(new URL(`../../../test/fixtures/cif/${name}`, import.meta.url), 'utf8'), {
      fileName: name,
    }).structure;
    const g = bvseGrid(s, { ion: 'Li', gridSpacing: 0.5 });
    const back = readGrd(bvseGrd(g));
    const p = s.lattice.parameters;
    for (const key of ['a', 'b', 'c', 'alpha', 'beta', 'gamma'] as const)
      expect(back.cell[key]).toBeCloseTo(p[key], 8);
    expect(back.dims).toEqual(g.dims);
    let min = Number.POSITIVE_INFINITY;
    for (const e of g.energy) min = Math.min(min, e);
    for (let v = 0; v < g.energy.length; v += 97)
      expect(back.values[v]).toBeCloseTo(Math.min(g.energy[v] - min, 10), 6);
    expect(Math.min(...back.values)).toBe(0);
    expect(Math.max(...back.values)).toBeLessThanOrEqual(10);
  });

  it('bvseGrd keeps a non-orthogonal cell as parameters (not vectors)', () => {
    const lattice = Lattice.fromParameters({ a: 5, b: 6, c: 7, alpha: 80, beta: 100, gamma: 110 });
    const energy = Float64Array.from({ length: 8 }, (_, v) => v * 0.5 - 3);
    const back = readGrd(
      bvseGrd({ ion: 'Na', lattice, dims: [2, 2, 2], energy, cutoff: 10, morseConvention: 'bvlain' }),
    );
    expect(back.cell.alpha).toBeCloseTo(80, 9);
    expect(back.cell.gamma).toBeCloseTo(110, 9);
    expect(Array.from(back.values)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]);
  });

  it('reads BVlain-style files (comment title, one value per line) and rejects malformed ones with the line', () => {
    const bvlain = '# BVSE data made with bvlain package\n5.0 5.0 5.0 90.0 90.0 90.0\n1 1 2\n-1.25\n0.5\n';
    const v = readGrd(bvlain, { fileName: 'x.grd' });
    expect(Array.from(v.values)).toEqual([-1.25, 0.5]);
    const bad: [string, RegExp, number | undefined][] = [
      ['t\n5 5 5 90 90\n1 1 1\n0\n', /cell/, 2],
      ['t\n5 5 5 90 90 90\n1 0 1\n', /grid size/, 3],
      ['t\n5 5 5 90 90 90\n1 1 2\n0\nabc\n', /not a number/, 5],
      ['t\n5 5 5 90 90 90\n1 1 2\n0\n', /fewer values/, undefined],
      ['t\n5 5 5 90 90 90\n1 1 1\n0 1\n', /more values/, 4],
      ['t\n-5 5 5 90 90 90\n1 1 1\n0\n', /not a valid unit cell/, 2],
    ];
    for (const [text, message, line] of bad) {
      let err: unknown;
      try {
        readGrd(text, { fileName: 'bad.grd' });
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(message);
      expect((err as InputError).file).toBe('bad.grd');
      expect((err as InputError).line).toBe(line);
    }
  });
});
