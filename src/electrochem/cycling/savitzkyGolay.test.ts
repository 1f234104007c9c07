import { describe, expect, it } from 'vitest';
import { findPeaks } from './peaks.ts';
import { savitzkyGolay } from './savitzkyGolay.ts';

describe('Savitzky–Golay', () => {
  it('reproduces the tabulated 5-point quadratic weights (−3, 12, 17, 12, −3)/35', () => {
    for (let j = 0; j < 5; j++) {
      const y = new Float64Array(5);
      y[j] = 1;
      expect(savitzkyGolay(y, 1, 2, 2, 0)[2]).toBeCloseTo([-3, 12, 17, 12, -3][j] / 35, 14);
    }
  });
  it('reproduces the tabulated 5-point first-derivative weights (−2, −1, 0, 1, 2)/10', () => {
    for (let j = 0; j < 5; j++) {
      const y = new Float64Array(5);
      y[j] = 1;
      expect(savitzkyGolay(y, 1, 2, 2, 1)[2]).toBeCloseTo([-2, -1, 0, 1, 2][j] / 10, 14);
    }
  });
  it('is exact for a cubic with order 3, edges included', () => {
    const h = 0.01;
    const f = (x: number) => 2 - x + 3 * x * x - 0.5 * x * x * x;
    const df = (x: number) => -1 + 6 * x - 1.5 * x * x;
    const y = Float64Array.from({ length: 60 }, (_, i) => f(i * h));
    const s = savitzkyGolay(y, h, 7, 3, 0);
    const d = savitzkyGolay(y, h, 7, 3, 1);
    for (let i = 0; i < 60; i++) {
      expect(s[i]).toBeCloseTo(f(i * h), 10);
      expect(d[i]).toBeCloseTo(df(i * h), 8);
    }
  });
  it('reduces white-noise variance by the sum of squared weights', () => {
    // for m = 10, p = 3 the centre weights' Σw² ≈ 0.1 (≈ 3.1·(2m+1)⁻¹ for cubic smoothing)
    const y = new Float64Array(21);
    let sum = 0;
    for (let j = 0; j < 21; j++) {
      y.fill(0);
      y[j] = 1;
      sum += savitzkyGolay(y, 1, 10, 3, 0)[10] ** 2;
    }
    expect(sum).toBeGreaterThan(0.09);
    expect(sum).toBeLessThan(0.2);
  });
});

describe('findPeaks', () => {
  it('finds two Gaussians with their positions and areas', () => {
    const x = Float64Array.from({ length: 2001 }, (_, i) => i * 0.001);
    const g = (c: number, s: number, a: number, t: number) =>
      (a / (s * Math.sqrt(2 * Math.PI))) * Math.exp(-0.5 * ((t - c) / s) ** 2);
    const y = Float64Array.from(x, (t) => g(0.6, 0.02, 3, t) + g(1.4, 0.03, 1, t));
    const p = findPeaks(x, y, 1);
    expect(p).toHaveLength(2);
    expect(p[0].x).toBeCloseTo(0.6, 5);
    expect(p[1].x).toBeCloseTo(1.4, 5);
    expect(p[0].area).toBeCloseTo(3, 3);
    expect(p[1].area).toBeCloseTo(1, 3);
  });
  it('drops peaks below the prominence threshold', () => {
    const x = Float64Array.from([0, 1, 2, 3, 4, 5, 6]);
    const y = Float64Array.from([0, 5, 4, 4.5, 4, 10, 0]);
    expect(findPeaks(x, y, 1).map((p) => Math.round(p.x))).toEqual([1, 5]);
    expect(findPeaks(x, y, 0.1)).toHaveLength(3);
  });
});
