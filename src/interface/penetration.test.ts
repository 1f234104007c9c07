import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng.ts';
import {
  edgeFocusingFactor,
  electronicTransference,
  flawCriticalOverpotential,
  flawCriticalPressure,
  hebbWagnerCurrent,
  lowackCriticalCurrent,
  sampleWeibull,
  weibullCdf,
} from './penetration.ts';

describe('Porz flaw-filling criterion: worked numbers of brief §4.3 (Y = 1.12, K_IC = 1.3 MPa√m)', () => {
  const cases: [number, number, number][] = [
    // c (µm), p_crit (MPa), η_crit (mV) for Na, V_m = 23.78 cm³/mol
    [1, 655, 161],
    [10, 207, 51],
    [100, 65, 16],
  ];
  for (const [c, p, eta] of cases) {
    it(`Na, c = ${c} µm → p ≈ ${p} MPa, η ≈ ${eta} mV`, () => {
      expect(flawCriticalPressure(c * 1e-6, 1.3, 1.12)).toBeCloseTo(p, -0.3);
      expect(flawCriticalOverpotential(c * 1e-6, 1.3, 23.78, 1.12) * 1e3).toBeCloseTo(eta, -0.3);
    });
  }
  it('Li, c = 10 µm → η ≈ 28 mV', () => {
    expect(flawCriticalOverpotential(10e-6, 1.3, 13.0, 1.12) * 1e3).toBeCloseTo(28, -0.3);
  });
  it('η_crit ∝ c^(−1/2) and ∝ V_m·K_IC', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-7, max: 1e-3, noNaN: true }),
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        (c, k) => {
          const a = flawCriticalOverpotential(c, k, 23.78, 1.12);
          const b = flawCriticalOverpotential(4 * c, k, 23.78, 1.12);
          const d = flawCriticalOverpotential(c, 2 * k, 23.78, 1.12);
          return Math.abs(a / b - 2) < 1e-9 && Math.abs(d / a - 2) < 1e-9;
        },
      ),
    );
  });
  it('non-positive flaw → InputError', () => {
    expect(() => flawCriticalPressure(0, 1.3, 1.12)).toThrow(/flaw/);
  });
});

describe('current focusing, Lowack scaling, Weibull, leakage', () => {
  it('disc-edge focusing at r/a = 0.99 is 1/(2√(1−0.99²)) ≈ 3.54', () => {
    expect(edgeFocusingFactor(0.01)).toBeCloseTo(3.5444, 3);
    expect(edgeFocusingFactor(1)).toBeCloseTo(0.5, 12); // centre of the disc
  });
  it('Lowack J_crit scales as c^1.5 and rises with T for Ea > 0', () => {
    expect(lowackCriticalCurrent(1, 1e-5, 2e-5, 298.15, 298.15, 0.14) / 1).toBeCloseTo(2 ** 1.5, 9);
    expect(lowackCriticalCurrent(1, 1e-5, 1e-5, 333.15, 298.15, 0.14)).toBeGreaterThan(1);
  });
  it('Weibull samples follow the CDF (seeded, Kolmogorov distance small)', () => {
    const rng = new Rng(42);
    const n = 4000;
    const xs = Array.from({ length: n }, () => sampleWeibull(rng, 10, 3)).sort((a, b) => a - b);
    let dMax = 0;
    xs.forEach((x, i) => {
      dMax = Math.max(dMax, Math.abs(weibullCdf(x, 10, 3) - (i + 0.5) / n));
    });
    expect(dMax).toBeLessThan(0.03);
    // mean = λΓ(1 + 1/m) = 10·Γ(4/3) = 8.930
    expect(xs.reduce((s, x) => s + x, 0) / n).toBeCloseTo(8.93, 0);
  });
  it('electronic transference and Hebb–Wagner current', () => {
    expect(electronicTransference(1e-8, 1e-3)).toBeCloseTo(1e-5, 9);
    // σ_e = 1e-8 S/cm, U = 1 V, L = 0.1 cm → 1e-7 A/cm² = 1e-4 mA/cm²
    expect(hebbWagnerCurrent(1e-8, 1, 0.1)).toBeCloseTo(1e-4, 12);
  });
});
