import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { parseCif } from '../io/cif/semantic.ts';
import { Lattice } from './lattice.ts';
import { loadSpaceGroupsNode } from './spacegroup.node.ts';
import {
  analyzeSymmetry,
  operationsForHallNumber,
  operationsForSymbol,
  resolveSpaceGroup,
  spaceGroupSettings,
} from './spacegroup.ts';
import type { Site, Structure } from './structure.ts';
import { composeSymOps, mod1, type SymOp } from './symop.ts';

const fixture = (path: string) =>
  readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), 'utf8');

const opKey = (o: SymOp) =>
  `${o.rotation.join(',')};${o.translation.map((t) => Math.round(mod1(t) * 1000) % 1000).join(',')}`;

function isClosed(ops: SymOp[]): boolean {
  const set = new Set(ops.map(opKey));
  for (const a of ops)
    for (const b of ops) {
      if (!set.has(opKey(composeSymOps(a, b)))) return false;
    }
  return true;
}

beforeAll(() => loadSpaceGroupsNode());

describe('operations from symbols', () => {
  it('every one of the 530 settings gives a closed group (rotation order checked)', () => {
    for (let h = 1; h <= 530; h++) expect(isClosed(operationsForHallNumber(h)), `Hall ${h}`).toBe(true);
  });

  it('match the operations listed in the fixtures', () => {
    for (const [file, symbol] of [
      ['xrd/LiCoO2.cif', 'R -3 m'],
      ['xrd/Na0.8CoO2_P63mmc.cif', 'P 63/m m c'],
      ['cif/Na4Zr2Si3O12_R-3c_Tran-Qui1981.cif', 'R -3 c H'],
      ['xrd/Silicon.cif', 'F d 3 m :1'],
    ]) {
      const listed = parseCif(fixture(file)).structure.symmetry!;
      const generated = operationsForSymbol(symbol);
      expect(new Set(generated.map(opKey)), file).toEqual(new Set(listed.map(opKey)));
    }
  });

  it('normalises H-M spellings and settings', () => {
    const n = (s: string) => resolveSpaceGroup(s).setting;
    expect(n('Fd-3m').hallNumber).toBe(526);
    expect(n('F d 3 m').hallNumber).toBe(526);
    expect(n('fd-3m:1').hallNumber).toBe(525);
    expect(n('F d -3 m S').hallNumber).toBe(525);
    expect(n('R -3 m').setting).toBe('H');
    expect(n('R-3m:R').setting).toBe('R');
    expect(n('R -3 c H').number).toBe(167);
    expect(n('P 63/m m c').number).toBe(194);
    expect(n('P6_3/mmc').number).toBe(194);
    expect(n('P 21/c').hallNumber).toBe(81);
    expect(n('P 21/n').hallNumber).toBe(82);
    expect(n('P 1 21/n 1').hallNumber).toBe(82);
    expect(n('Pbnm').number).toBe(62);
    expect(n('Cmca').number).toBe(64);
    expect(n('-R 3 2"').hallNumber).toBe(458);
    expect(n('166').hallNumber).toBe(458);
    expect(operationsForSymbol('R -3 m')).toHaveLength(36);
    expect(operationsForSymbol('R -3 m', { setting: 'R' })).toHaveLength(12);
    expect(operationsForSymbol(227)).toHaveLength(192);
    expect(resolveSpaceGroup('R -3 m').assumption).toMatch(/hexagonal/);
    expect(resolveSpaceGroup('Fd-3m').assumption).toMatch(/origin choice 2/);
    expect(resolveSpaceGroup('P 63/m m c').assumption).toBeUndefined();
    expect(() => resolveSpaceGroup('P 7')).toThrow(InputError);
    expect(() => resolveSpaceGroup('Fd-3m:3')).toThrow(InputError);
    expect(() => resolveSpaceGroup(231)).toThrow(InputError);
  });

  it('every ITA short and full symbol resolves to its own group', () => {
    for (let number = 1; number <= 230; number++)
      for (const s of spaceGroupSettings(number)) {
        expect(resolveSpaceGroup(s.hmFull).setting.number, s.hmFull).toBe(number);
        expect(resolveSpaceGroup(s.hmShort).setting.number, s.hmShort).toBe(number);
        // A few Hall symbols name two settings (e.g. Ccce 'C 2 2 -1ac' for '1' and '1ba-c'): same operations.
        expect(resolveSpaceGroup(s.hallSymbol).setting.hallSymbol, s.hallSymbol).toBe(s.hallSymbol);
      }
  });
});

describe('analyzeSymmetry', () => {
  const read = (path: string) => parseCif(fixture(path)).structure;

  it('Si → 227 Fd-3m, all atoms on 8a', () => {
    const a = analyzeSymmetry(read('xrd/Silicon.cif'));
    expect(a.number).toBe(227);
    expect(a.symbol).toBe('F d -3 m');
    expect(a.wyckoffSymbols).toEqual(Array(8).fill('8a'));
    expect(a.pearson).toBe('cF8');
    expect(new Set(a.equivalentAtoms).size).toBe(1);
  });

  it('LiCoO2 → 166, Li/Co on 3a/3b, O on 6c', () => {
    const s = read('xrd/LiCoO2.cif');
    const a = analyzeSymmetry(s);
    expect(a.number).toBe(166);
    const by = (el: string) =>
      new Set(s.sites.flatMap((x, i) => (x.occupants[0].element === el ? [a.wyckoffSymbols[i]] : [])));
    expect([...by('O')]).toEqual(['6c']);
    expect(new Set([...by('Li'), ...by('Co')])).toEqual(new Set(['3a', '3b']));
  });

  it('NASICON → 167 R-3c; Na0.8CoO2 (partial Na) → 194', () => {
    expect(analyzeSymmetry(read('cif/Na4Zr2Si3O12_R-3c_Tran-Qui1981.cif')).number).toBe(167);
    expect(analyzeSymmetry(read('xrd/Na3Zr2Si2PO12_R-3c_avg_model.cif')).number).toBe(167);
    const a = analyzeSymmetry(read('xrd/Na0.8CoO2_P63mmc.cif'));
    expect(a.number).toBe(194);
    expect(new Set(a.wyckoffSymbols)).toEqual(new Set(['2a', '4f', '2b', '2d']));
  });

  it('disorder lowers symmetry only where it breaks it', () => {
    const si = read('xrd/Silicon.cif');
    const withSites = (sites: Site[]): Structure => ({ lattice: si.lattice, sites });
    // Every site Si0.5Ge0.5: still Fd-3m.
    const allMixed = si.sites.map((s) => ({
      ...s,
      occupants: [
        { element: 'Si', occupancy: 0.5 },
        { element: 'Ge', occupancy: 0.5 },
      ],
    }));
    expect(analyzeSymmetry(withSites(allMixed)).number).toBe(227);
    // One of the 8 sites split into Si/Ge: the F centring and the diamond glide are lost; the
    // substituted site keeps its -43m site symmetry on a primitive cubic lattice → P-43m (215).
    const one = si.sites.map((s, i) =>
      i === 0
        ? {
            ...s,
            occupants: [
              { element: 'Si', occupancy: 0.5 },
              { element: 'Ge', occupancy: 0.5 },
            ],
          }
        : s,
    );
    const a = analyzeSymmetry(withSites(one));
    expect(a.number).not.toBe(227);
    expect(a.number).toBe(215);
    // One whole fcc sublattice replaced by Ge: zinc blende, F-43m (216).
    const half = si.sites.map((s) => {
      const onFirst = Math.abs(((s.frac[0] + s.frac[1] + s.frac[2]) * 2) % 1) < 1e-6; // x+y+z ∈ ½ℤ
      return onFirst ? s : { ...s, occupants: [{ element: 'Ge', occupancy: 1 }] };
    });
    expect(analyzeSymmetry(withSites(half)).number).toBe(216);
  });

  it('rejects a bad tolerance', () => {
    const s: Structure = {
      lattice: Lattice.fromParameters({ a: 3, b: 3, c: 3, alpha: 90, beta: 90, gamma: 90 }),
      sites: [{ label: 'Na', frac: [0, 0, 0], occupants: [{ element: 'Na', occupancy: 1 }] }],
    };
    expect(analyzeSymmetry(s).number).toBe(221);
    expect(() => analyzeSymmetry(s, { symprec: -1 })).toThrow(InputError);
  });
});
