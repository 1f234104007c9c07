import { describe, expect, it } from 'vitest';
import { getElement } from './elements.ts';
import { InputError } from './errors.ts';
import {
  anomalousAt,
  anomalousDispersion,
  formFactor,
  formFactorCoefficients,
  formFactorTable,
  hasIonFormFactor,
} from './scattering.ts';

const NEUTRAL = [
  'H',
  'Li',
  'C',
  'O',
  'Na',
  'Mg',
  'Al',
  'Si',
  'P',
  'Ti',
  'Mn',
  'Fe',
  'Co',
  'Ni',
  'Zr',
  'La',
  'Hf',
  'U',
  'Cf',
];
const IONS: [string, number][] = [
  ['Li+', 2],
  ['Na+', 10],
  ['K+', 18],
  ['Mg2+', 10],
  ['Al3+', 10],
  ['Si4+', 10],
  ['Ti3+', 19],
  ['Ti4+', 18],
  ['Mn2+', 23],
  ['Mn3+', 22],
  ['Mn4+', 21],
  ['Fe2+', 24],
  ['Fe3+', 23],
  ['Co2+', 25],
  ['Co3+', 24],
  ['Ni2+', 26],
  ['Ni3+', 25],
  ['Zr4+', 36],
  ['O1-', 9],
  ['O2-', 10],
  ['F-', 10],
];

describe('X-ray form factors (IT Vol. C Table 6.1.1.4)', () => {
  it('gives f(0) ≈ Z within 0.5 % for neutral atoms', () => {
    for (const el of NEUTRAL) {
      const z = getElement(el).Z;
      expect(Math.abs(formFactor(formFactorCoefficients(el), 0) - z) / z).toBeLessThan(0.005);
    }
  });

  it('gives f(0) ≈ Z − charge for ions', () => {
    for (const [ion, electrons] of IONS) {
      expect(hasIonFormFactor(ion)).toBe(true);
      expect(formFactor(formFactorCoefficients(ion), 0)).toBeCloseTo(electrons, 1);
    }
  });

  it('decreases with s = sin θ/λ', () => {
    for (const key of [...NEUTRAL, ...IONS.map(([k]) => k)]) {
      const c = formFactorCoefficients(key);
      let previous = formFactor(c, 0);
      for (let s = 0.05; s <= 1.5; s += 0.05) {
        const f = formFactor(c, s);
        expect(f).toBeLessThan(previous);
        previous = f;
      }
    }
  });

  it('reproduces Hartree–Fock values of IT Vol. C Table 6.1.1.1 at s = 0.5 Å⁻¹', () => {
    // Fit error of the 4-Gaussian form is < 0.01 electron in this range.
    expect(formFactor(formFactorCoefficients('O'), 0.5)).toBeCloseTo(2.338, 2);
    expect(formFactor(formFactorCoefficients('Na'), 0.5)).toBeCloseTo(4.29, 2);
    expect(formFactor(formFactorCoefficients('C'), 0.5)).toBeCloseTo(1.685, 2);
  });

  it('uses the ion when tabulated and falls back to the neutral atom otherwise', () => {
    expect(formFactorCoefficients('Na+').key).toBe('Na1+');
    expect(formFactorCoefficients('Na1+').key).toBe('Na1+');
    expect(formFactorCoefficients('Fe+3').key).toBe('Fe3+');
    expect(formFactorCoefficients('P5+').key).toBe('P');
    expect(hasIonFormFactor('P5+')).toBe(false);
    expect(formFactorCoefficients('Na').c).toBeCloseTo(0.676, 6);
    expect(() => formFactorCoefficients('Es')).toThrow(InputError);
  });

  it('fills a row-per-species table identical to formFactor', () => {
    const keys = ['Na+', 'Co3+', 'O2-'];
    const s = Float64Array.from([0, 0.1, 0.25, 0.5, 1]);
    const table = formFactorTable(keys, s);
    expect(table.length).toBe(keys.length * s.length);
    keys.forEach((k, row) => {
      const c = formFactorCoefficients(k);
      s.forEach((sj, j) => {
        expect(table[row * s.length + j]).toBeCloseTo(formFactor(c, sj), 12);
      });
    });
  });
});

describe('anomalous dispersion (IT Vol. C Table 4.2.6.8)', () => {
  const required = ['Na', 'Li', 'O', 'Mn', 'Ni', 'Co', 'Fe', 'Ti', 'Zr', 'Si', 'P', 'Al', 'Ge', 'Sc', 'Mg'];

  it('has f″ ≥ 0 for every required element at both lines', () => {
    for (const el of required)
      for (const line of ['CuKa', 'MoKa'] as const)
        expect(anomalousDispersion(el, line).f2).toBeGreaterThanOrEqual(0);
  });

  it('matches the table', () => {
    expect(anomalousDispersion('Na', 'CuKa')).toEqual({ f1: 0.129, f2: 0.124 });
    expect(anomalousDispersion('Zr', 'MoKa')).toEqual({ f1: -2.965, f2: 0.56 });
    expect(anomalousDispersion('O', 'MoKa')).toEqual({ f1: 0.008, f2: 0.006 });
  });

  it('shows the Cu Kα fluorescence of Mn, Fe, Co (just above their K edges): large negative f′, large f″', () => {
    // Cu Kα (8.05 keV) lies above the Mn, Fe, Co K edges (6.54, 7.11, 7.71 keV) and below Ni's (8.33 keV).
    for (const el of ['Mn', 'Fe', 'Co']) {
      const { f1, f2 } = anomalousDispersion(el, 'CuKa');
      expect(f1).toBeLessThan(-0.5);
      expect(f2).toBeGreaterThan(2.5);
    }
    expect(anomalousDispersion('Co', 'CuKa')).toEqual({ f1: -2.464, f2: 3.608 });
    // Ni: just below its edge, f′ is most negative but f″ stays small (no K-shell absorption yet).
    const ni = anomalousDispersion('Ni', 'CuKa');
    expect(ni.f1).toBeLessThan(-2.5);
    expect(ni.f2).toBeLessThan(1);
  });

  it('picks the tabulated line within 0.02 Å and refuses other wavelengths', () => {
    expect(anomalousAt('Fe', 1.5418)).toEqual(anomalousDispersion('Fe', 'CuKa'));
    expect(anomalousAt('Fe', 0.7107)).toEqual(anomalousDispersion('Fe', 'MoKa'));
    expect(() => anomalousAt('Fe', 1.2)).toThrow(/Cu Kα and Mo Kα/);
    expect(() => anomalousAt('Fe', 1.2)).toThrow(/CuKa 1.54051 Å, MoKa 0.70926 Å/);
    expect(() => anomalousDispersion('U', 'CuKa')).toThrow(InputError);
  });
});
