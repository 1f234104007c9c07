import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { composition } from '../crystal/composition.ts';
import { loadSpaceGroupsNode } from '../crystal/spacegroup.node.ts';
import { analyzeSymmetry } from '../crystal/spacegroup.ts';
import { parseCif, writeCif } from '../io/cif/index.ts';
import { buildStructure } from './builder.ts';
import { parseStack } from './notation.ts';
import { resolveLayeredParams } from './parameters.ts';

beforeAll(() => {
  loadSpaceGroupsNode();
});

const table: [string, number][] = [
  ['AB', 164],
  ['ABBA', 194],
  ['ABAC', 186],
  ['ABBCCA', 166],
  ['ABCABC', 166],
  ['ABBABCCB', 187],
  ['ABBCBAAC', 186],
  ['ABBACBBC', 194],
];

describe('atomic models of the pure polytypes come out in the space groups of brief §2.4', () => {
  for (const comp of ['Na0.46Mn0.9Ni0.1O2', 'MnO2'])
    for (const [seq, sg] of table)
      it(`${seq} ${comp} → ${sg}`, () => {
        const s = buildStructure(
          parseStack(seq, { periodic: true }),
          resolveLayeredParams({ composition: comp }),
        );
        expect(analyzeSymmetry(s).number).toBe(sg);
      });
  it('P3 with Na on one prism set only → R3m (160)', () => {
    const s = buildStructure(
      parseStack('ABBCCA', { periodic: true }),
      resolveLayeredParams({ naP3Sites: 'single' }),
    );
    expect(analyzeSymmetry(s).number).toBe(160);
  });
});

describe('builder geometry and chemistry', () => {
  it('h = √(r² − a²/3), c = Σ d, composition NaₓMO₂ per slab', () => {
    const p = resolveLayeredParams({
      a: 2.88,
      bond: 1.95,
      dP: 5.58,
      dO: 5.58,
      composition: 'Na0.46Mn0.9Ni0.1O2',
    });
    expect(p.h).toBeCloseTo(Math.sqrt(1.95 ** 2 - 2.88 ** 2 / 3), 12);
    expect(p.h).toBeCloseTo(1.019, 3);
    const s = buildStructure(parseStack('P2*10 P3*6 P2*4'), p);
    expect(s.lattice.parameters.c).toBeCloseTo(21 * 5.58, 9);
    const f = composition(s);
    expect(f.Na).toBeCloseTo(0.46 * 21, 9);
    expect(f.Mn).toBeCloseTo(0.9 * 21, 9);
    expect(f.Ni).toBeCloseTo(0.1 * 21, 9);
    expect(f.O).toBeCloseTo(42, 9);
  });
  it('P2 z(O) = h/c ≈ 0.091 in the usual setting (brief §3.1)', () => {
    const p = resolveLayeredParams({ a: 2.88, bond: 1.95, dP: 5.58 });
    const s = buildStructure(parseStack('ABBA', { periodic: true }), p);
    const oUp = s.sites.find((x) => x.label === 'O_up1');
    const m = s.sites.find((x) => x.label === 'M1');
    expect(((oUp?.frac[2] ?? 0) - (m?.frac[2] ?? 0)) * s.lattice.parameters.c).toBeCloseTo(p.h, 9);
    expect(p.h / s.lattice.parameters.c).toBeCloseTo(0.0913, 3);
  });
  it('Na_e : Na_f = 2 : 1 in P2 and Na_e–Na_f = a/√3', () => {
    const s = buildStructure(
      parseStack('ABBA', { periodic: true }),
      resolveLayeredParams({ composition: 'Na0.6CoO2' }),
    );
    const e = s.sites.find((x) => x.label === 'Na_e1');
    const f = s.sites.find((x) => x.label === 'Na_f1');
    expect(e?.occupants[0].occupancy).toBeCloseTo(0.4, 12);
    expect(f?.occupants[0].occupancy).toBeCloseTo(0.2, 12);
    const fe = e?.frac ?? [0, 0, 0];
    const ff = f?.frac ?? [0, 0, 0];
    const wrap = (x: number) => x - Math.round(x);
    const d = Math.sqrt(
      s.lattice.fracLengthSquared(wrap(fe[0] - ff[0]), wrap(fe[1] - ff[1]), wrap(fe[2] - ff[2])),
    );
    expect(d).toBeCloseTo(2.88 / Math.sqrt(3), 6);
  });
  it('CIF round trip keeps the space group', () => {
    const s = buildStructure(parseStack('ABBA', { periodic: true }), resolveLayeredParams());
    const back = parseCif(writeCif(s, { mode: 'P1' })).structure;
    expect(analyzeSymmetry(back).number).toBe(194);
    expect(back.sites.length).toBe(s.sites.length);
  });
  it('rejects impossible chemistry and geometry', () => {
    expect(() => resolveLayeredParams({ composition: 'Na0.5Mn0.8O2' })).toThrow(/sum to 1/);
    expect(() => resolveLayeredParams({ composition: 'Na0.5MnO3' })).toThrow(/O2/);
    expect(() => resolveLayeredParams({ composition: 'Na1.5MnO2' })).toThrow(InputError);
    expect(() => resolveLayeredParams({ dP: -1 })).toThrow(InputError);
    expect(() => resolveLayeredParams({ dO: Number.NaN })).toThrow(InputError);
    expect(() => resolveLayeredParams({ dP: 1.5 })).toThrow(/slab thickness/);
    expect(() => resolveLayeredParams({ bond: 1.2 })).toThrow(/octahedron/);
  });
});
