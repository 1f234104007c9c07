import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import {
  composition,
  density,
  formatFormula,
  formulaUnits,
  molarMass,
  parseFormula,
  reducedFormula,
} from './composition.ts';
import { Lattice, type Vec3 } from './lattice.ts';
import type { Occupant, Structure } from './structure.ts';

const FCC: Vec3[] = [
  [0, 0, 0],
  [0, 0.5, 0.5],
  [0.5, 0, 0.5],
  [0.5, 0.5, 0],
];

function cubic(a: number, sites: [string, Vec3, Occupant[]][]): Structure {
  return {
    lattice: Lattice.fromParameters({ a, b: a, c: a, alpha: 90, beta: 90, gamma: 90 }),
    sites: sites.map(([label, frac, occupants]) => ({ label, frac, occupants })),
  };
}

function diamondSi(): Structure {
  const shifted = FCC.map((f) => f.map((x) => x + 0.25) as Vec3);
  return cubic(
    5.4307,
    [...FCC, ...shifted].map((f, i) => [`Si${i + 1}`, f, [{ element: 'Si', occupancy: 1 }]]),
  );
}

function rockSaltNaCl(): Structure {
  const cl = FCC.map((f) => f.map((x) => (x + 0.5) % 1) as Vec3);
  return cubic(5.6402, [
    ...FCC.map((f, i): [string, Vec3, Occupant[]] => [`Na${i + 1}`, f, [{ element: 'Na', occupancy: 1 }]]),
    ...cl.map((f, i): [string, Vec3, Occupant[]] => [`Cl${i + 1}`, f, [{ element: 'Cl', occupancy: 1 }]]),
  ]);
}

describe('composition and density', () => {
  it('gives diamond Si 2.329 g/cm³ for a = 5.4307 Å', () => {
    const si = diamondSi();
    expect(composition(si)).toEqual({ Si: 8 });
    expect(density(si)).toBeCloseTo(2.329, 3);
    expect(reducedFormula(si)).toBe('Si');
    expect(formulaUnits(si)).toBe(8);
  });

  it('gives rock-salt NaCl 2.165 g/cm³ for a = 5.6402 Å', () => {
    const nacl = rockSaltNaCl();
    expect(composition(nacl)).toEqual({ Na: 4, Cl: 4 });
    // 4 × 58.44 g/mol / (N_A × 179.43 Å³)
    expect(density(nacl)).toBeCloseTo(2.1634, 3);
    expect(reducedFormula(nacl)).toBe('NaCl');
  });

  it('weights by occupancy and reduces non-stoichiometric cells to a decimal formula', () => {
    // Two formula units of Na0.8CoO2: 2 Na sites at 0.8, 2 Co, 4 O.
    const occ = (element: string, occupancy: number): Occupant[] => [{ element, occupancy }];
    const s = cubic(6, [
      ['Na1', [0, 0, 0.25], occ('Na', 0.8)],
      ['Na2', [0, 0, 0.75], occ('Na', 0.8)],
      ['Co1', [0, 0, 0], occ('Co', 1)],
      ['Co2', [0, 0, 0.5], occ('Co', 1)],
      ['O1', [0.33, 0.67, 0.1], occ('O', 1)],
      ['O2', [0.67, 0.33, 0.4], occ('O', 1)],
      ['O3', [0.33, 0.67, 0.6], occ('O', 1)],
      ['O4', [0.67, 0.33, 0.9], occ('O', 1)],
    ]);
    expect(composition(s).Na).toBeCloseTo(1.6, 12);
    expect(formulaUnits(s)).toBe(2);
    expect(reducedFormula(s)).toBe('Na0.8CoO2');
  });

  it('counts mixed sites as integer totals (3 × Na0.67Mn0.9Ni0.1O2)', () => {
    const mixed: Occupant[] = [
      { element: 'Mn', occupancy: 0.9 },
      { element: 'Ni', occupancy: 0.1 },
    ];
    const sites: [string, Vec3, Occupant[]][] = [];
    for (let k = 0; k < 3; k++) {
      sites.push([`Na${k}`, [0, 0, k / 3 + 0.1], [{ element: 'Na', occupancy: 0.67 }]]);
      sites.push([`M${k}`, [0, 0, k / 3], mixed]);
      sites.push([`Oa${k}`, [1 / 3, 2 / 3, k / 3 + 0.05], [{ element: 'O', occupancy: 1 }]]);
      sites.push([`Ob${k}`, [2 / 3, 1 / 3, k / 3 + 0.2], [{ element: 'O', occupancy: 1 }]]);
    }
    const s = cubic(8, sites);
    expect(formulaUnits(s)).toBe(3);
    expect(reducedFormula(s)).toBe('Na0.67Mn0.9Ni0.1O2');
  });
});

describe('formulas', () => {
  it('parses plain, decimal and grouped formulas', () => {
    expect(parseFormula('Na3Zr2Si2PO12')).toEqual({ Na: 3, Zr: 2, Si: 2, P: 1, O: 12 });
    expect(parseFormula('Na0.67Mn0.9Ni0.1O2')).toEqual({ Na: 0.67, Mn: 0.9, Ni: 0.1, O: 2 });
    const latp = parseFormula('Li1.3Al0.3Ti1.7(PO4)3');
    expect(latp).toEqual({ Li: 1.3, Al: 0.3, Ti: 1.7, P: 3, O: 12 });
    expect(parseFormula('Ca3[Co(CN)6]2')).toEqual({ Ca: 3, Co: 2, C: 12, N: 12 });
    expect(parseFormula(' Na3 Zr2 Si2 P O12 ')).toEqual({ Na: 3, Zr: 2, Si: 2, P: 1, O: 12 });
    expect(parseFormula('CO')).toEqual({ C: 1, O: 1 });
  });

  it('rejects garbage with an InputError', () => {
    for (const bad of ['', 'na3', 'Xx2O', 'Na3(PO4', 'Na)3', '(PO4]3', 'Na-2', 'Na0O2', '()', 'NaCl!'])
      expect(() => parseFormula(bad), bad).toThrow(InputError);
  });

  it('computes molar masses from IUPAC 2021 weights', () => {
    expect(molarMass(parseFormula('NaCl'))).toBeCloseTo(58.44, 2);
    // Na3Zr2Si2PO12 (NASICON): 3·22.990 + 2·91.224 + 2·28.085 + 30.974 + 12·15.999
    expect(molarMass(parseFormula('Na3Zr2Si2PO12'))).toBeCloseTo(530.55, 2);
  });

  it('orders elements by electronegativity, alkali first and O last', () => {
    expect(formatFormula({ O: 12, P: 1, Si: 2, Zr: 2, Na: 3 })).toBe('Na3Zr2Si2PO12');
    expect(formatFormula({ O: 2, Co: 1, Li: 1 })).toBe('LiCoO2');
    expect(reducedFormula({ Na: 6, Zr: 4, Si: 4, P: 2, O: 24 })).toBe('Na3Zr2Si2PO12');
    expect(formatFormula(parseFormula('Li1.3Al0.3Ti1.7(PO4)3'))).toBe('Li1.3Ti1.7Al0.3P3O12');
  });

  it('round-trips formatted random compositions through parseFormula', () => {
    const symbols = [
      'H',
      'Li',
      'C',
      'O',
      'F',
      'Na',
      'Mg',
      'Al',
      'Si',
      'P',
      'S',
      'Cl',
      'K',
      'Ti',
      'Mn',
      'Fe',
      'Co',
      'Ni',
      'Zr',
      'La',
    ];
    const amount = fc.integer({ min: 1, max: 50_000 }).map((k) => k / 1000);
    const formulaArb = fc.dictionary(fc.constantFrom(...symbols), amount, { minKeys: 1, maxKeys: 8 });
    fc.assert(
      fc.property(formulaArb, (formula) => {
        const back = parseFormula(formatFormula(formula));
        expect(Object.keys(back).sort()).toEqual(Object.keys(formula).sort());
        for (const el of Object.keys(formula)) expect(back[el]).toBeCloseTo(formula[el], 9);
      }),
    );
  });
});
