import { describe, expect, it } from 'vitest';
import { powderPattern } from './powder.ts';
import { cagliotiFwhm, type ProfileParameters, sumPseudoVoigt } from './profile.ts';
import { diamondSilicon } from './testStructures.ts';

const DEG = Math.PI / 180;

function integrate(y: Float64Array, step: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i];
  return s * step;
}

describe('pseudo-Voigt profiles', () => {
  const base: ProfileParameters = { U: 0.01, V: -0.005, W: 0.01, eta: 0.5, step: 0.001 };

  it('a Gaussian peak keeps its area and has the Caglioti FWHM', () => {
    const p = { ...base, eta: 0 };
    const centre = 40;
    const y = sumPseudoVoigt(Float64Array.of(centre), Float64Array.of(7), p, 30, 20001);
    expect(integrate(y, p.step)).toBeCloseTo(7, 4);
    const H = cagliotiFwhm(p, (centre / 2) * DEG);
    const peak = Math.max(...y);
    const above = Array.from(y).filter((v) => v >= peak / 2).length * p.step;
    expect(Math.abs(above - H)).toBeLessThan(2 * p.step);
  });

  it('a Lorentzian keeps its area up to the tails cut at ±50 FWHM (analytic loss 1 − (2/π)·atan 100)', () => {
    const p = { ...base, eta: 1, step: 0.002 };
    const y = sumPseudoVoigt(Float64Array.of(60), Float64Array.of(1), p, 20, 40001);
    expect(integrate(y, p.step)).toBeCloseTo((2 / Math.PI) * Math.atan(100), 3);
  });

  it('the d and Q axes are the 2θ grid converted with Bragg’s law', () => {
    const tt = powderPattern(diamondSilicon(), { profile: { step: 0.05 } }).profile!;
    const d = powderPattern(diamondSilicon(), { profile: { step: 0.05 }, profileAxis: 'd' }).profile!;
    const q = powderPattern(diamondSilicon(), { profile: { step: 0.05 }, profileAxis: 'q' }).profile!;
    const lambda = 1.54184;
    for (const i of [0, 100, 800, tt.x.length - 1]) {
      const theta = (tt.x[i] / 2) * DEG;
      expect(d.x[i]).toBeCloseTo(lambda / (2 * Math.sin(theta)), 9);
      expect(q.x[i]).toBeCloseTo((4 * Math.PI * Math.sin(theta)) / lambda, 9);
      expect(d.y[i]).toBeCloseTo(tt.y[i], 12);
    }
    // The profile maximum sits on the strongest line (111 at 28.467°).
    const iMax = tt.y.indexOf(Math.max(...tt.y));
    expect(Math.abs(tt.x[iMax] - 28.467)).toBeLessThanOrEqual(0.05);
  });
});
