import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { toExternal, toInternal } from './boundsTransform.ts';
import {
  correlationFromCovariance,
  covarianceFromJacobian,
  jacobianExternal,
  levenbergMarquardt,
} from './levenbergMarquardt.ts';
import {
  cholesky,
  choleskySolve,
  invertSpd,
  jacobiEigen,
  leastSquaresQr,
  normalEquations,
} from './linalg.ts';
import { nnls } from './nnls.ts';

describe('linear algebra', () => {
  it('Cholesky solves an SPD system and inverts it', () => {
    const a = new Float64Array([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);
    const l = new Float64Array(9);
    expect(cholesky(a, 3, l)).toBe(true);
    const x = choleskySolve(l, 3, [1, 2, 3], new Float64Array(3));
    for (let i = 0; i < 3; i++) {
      const ax = a[i * 3] * x[0] + a[i * 3 + 1] * x[1] + a[i * 3 + 2] * x[2];
      expect(ax).toBeCloseTo(i + 1, 12);
    }
    const inv = invertSpd(a, 3)!;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += a[i * 3 + k] * inv[k * 3 + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    expect(cholesky(new Float64Array([1, 2, 2, 1]), 2)).toBe(false);
  });

  it('Jacobi eigenvalues reproduce trace and determinant', () => {
    const a = new Float64Array([2, 1, 0, 1, 3, 1, 0, 1, 4]);
    const { values } = jacobiEigen(a, 3);
    const sum = values.reduce((s, v) => s + v, 0);
    const prod = values.reduce((s, v) => s * v, 1);
    expect(sum).toBeCloseTo(9, 12);
    expect(prod).toBeCloseTo(2 * (12 - 1) - 1 * 4, 10); // det
  });

  it('QR least squares agrees with the normal equations on a random well-posed problem', () => {
    const rng = new Rng(7);
    const m = 30;
    const n = 4;
    const a = new Float64Array(m * n).map(() => rng.normal());
    const b = new Float64Array(m).map(() => rng.normal());
    const { x } = leastSquaresQr(a, m, n, b);
    const { ata, atb } = normalEquations(a, m, n, b);
    const l = new Float64Array(n * n);
    cholesky(ata, n, l);
    const y = choleskySolve(l, n, atb, new Float64Array(n));
    for (let i = 0; i < n; i++) expect(x[i]).toBeCloseTo(y[i], 10);
  });
});

describe('bounds transform', () => {
  it('round-trips inside the bounds and maps every real into them', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (u) => {
        const x = toExternal(u, 0, 1);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
        const y = toExternal(u, 2, Number.POSITIVE_INFINITY);
        expect(y).toBeGreaterThan(2);
        expect(
          toExternal(toInternal(y, 2, Number.POSITIVE_INFINITY), 2, Number.POSITIVE_INFINITY),
        ).toBeCloseTo(y, 8);
      }),
    );
  });
});

describe('Levenberg–Marquardt', () => {
  it('finds the Rosenbrock minimum (1, 1)', () => {
    const res = levenbergMarquardt(
      {
        m: 2,
        x0: [-1.2, 1],
        residuals: (x, out) => {
          out[0] = 10 * (x[1] - x[0] * x[0]);
          out[1] = 1 - x[0];
        },
      },
      { maxIterations: 2000 },
    );
    expect(res.x[0]).toBeCloseTo(1, 8);
    expect(res.x[1]).toBeCloseTo(1, 8);
  });

  it('forward-difference Jacobian: same Rosenbrock minimum with about half the evaluations', () => {
    const problem = {
      m: 2,
      x0: [-1.2, 1],
      residuals: (x: Float64Array, out: Float64Array) => {
        out[0] = 10 * (x[1] - x[0] * x[0]);
        out[1] = 1 - x[0];
      },
    };
    const central = levenbergMarquardt(problem, { maxIterations: 2000 });
    const forward = levenbergMarquardt(problem, { maxIterations: 2000, differences: 'forward' });
    expect(forward.x[0]).toBeCloseTo(1, 7);
    expect(forward.x[1]).toBeCloseTo(1, 7);
    expect(forward.evaluations / forward.iterations).toBeLessThan(central.evaluations / central.iterations);
  });

  it('analytic Jacobian hook (external variables, bounds chain rule applied inside): same optimum', () => {
    const rng = new Rng(4);
    const t = Float64Array.from({ length: 30 }, (_, i) => i * 0.3);
    const y = t.map((ti) => 2 * Math.exp(-0.4 * ti) + 0.01 * rng.normal());
    const residuals = (x: Float64Array, out: Float64Array) => {
      for (let i = 0; i < t.length; i++) out[i] = x[0] * Math.exp(-x[1] * t[i]) - y[i];
    };
    const jacobian = (x: Float64Array, jac: Float64Array) => {
      for (let i = 0; i < t.length; i++) {
        jac[i] = Math.exp(-x[1] * t[i]); // ∂r_i/∂A, parameter-major
        jac[t.length + i] = -x[0] * t[i] * Math.exp(-x[1] * t[i]); // ∂r_i/∂k
      }
    };
    // k bounded on both sides (logistic transform), A one-sided (log transform).
    const base = {
      m: t.length,
      x0: [0.5, 2],
      lower: [0, 0.01],
      upper: [Number.POSITIVE_INFINITY, 5],
      residuals,
    };
    const fd = levenbergMarquardt(base);
    const an = levenbergMarquardt({ ...base, jacobian });
    expect(an.x[0]).toBeCloseTo(fd.x[0], 7);
    expect(an.x[1]).toBeCloseTo(fd.x[1], 7);
    expect(an.ssr / fd.ssr).toBeCloseTo(1, 10);
    expect(an.evaluations).toBeLessThan(fd.evaluations);
  });

  it('fits an exponential decay with positive bounds from a far start, and σ matches linear theory', () => {
    // y = A exp(-k t) + noise; with log-transform bounds A, k > 0.
    const rng = new Rng(3);
    const t = Float64Array.from({ length: 40 }, (_, i) => i * 0.25);
    const y = t.map((ti) => 5 * Math.exp(-0.7 * ti) + 0.01 * rng.normal());
    const residuals = (x: Float64Array, out: Float64Array) => {
      for (let i = 0; i < t.length; i++) out[i] = x[0] * Math.exp(-x[1] * t[i]) - y[i];
    };
    const res = levenbergMarquardt({ m: t.length, x0: [0.1, 10], lower: [0, 0], residuals });
    expect(res.x[0]).toBeCloseTo(5, 1);
    expect(res.x[1]).toBeCloseTo(0.7, 2);
    const jac = jacobianExternal(residuals, res.x, t.length);
    const { covariance } = covarianceFromJacobian(jac, t.length, 2, res.ssr);
    // Analytic Jacobian at the optimum gives the same covariance.
    const ja = new Float64Array(t.length * 2);
    for (let i = 0; i < t.length; i++) {
      ja[i * 2] = Math.exp(-res.x[1] * t[i]);
      ja[i * 2 + 1] = -res.x[0] * t[i] * Math.exp(-res.x[1] * t[i]);
    }
    const exact = covarianceFromJacobian(ja, t.length, 2, res.ssr).covariance;
    for (let i = 0; i < 4; i++) expect(covariance[i]).toBeCloseTo(exact[i], 10);
    const corr = correlationFromCovariance(covariance, 2);
    expect(corr[0]).toBeCloseTo(1, 12);
    expect(Math.abs(corr[1])).toBeLessThan(1);
  });

  it('a straight-line fit gives the OLS slope standard error', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2];
    const residuals = (p: Float64Array, out: Float64Array) => {
      for (let i = 0; i < x.length; i++) out[i] = p[0] + p[1] * x[i] - y[i];
    };
    const res = levenbergMarquardt({ m: 6, x0: [0, 0], residuals });
    const n = x.length;
    const mx = x.reduce((s, v) => s + v, 0) / n;
    const sxx = x.reduce((s, v) => s + (v - mx) ** 2, 0);
    const s2 = res.ssr / (n - 2);
    const { covariance } = covarianceFromJacobian(jacobianExternal(residuals, res.x, 6), 6, 2, res.ssr);
    expect(Math.sqrt(covariance[3])).toBeCloseTo(Math.sqrt(s2 / sxx), 10);
  });
});

describe('NNLS (Lawson–Hanson)', () => {
  it('satisfies the KKT conditions on random problems', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const rng = new Rng(seed);
        const m = 12;
        const n = 6;
        const a = new Float64Array(m * n).map(() => rng.normal());
        const b = new Float64Array(m).map(() => rng.normal());
        const { x } = nnls(a, m, n, b);
        const r = new Float64Array(m);
        for (let i = 0; i < m; i++) {
          let s = b[i];
          for (let j = 0; j < n; j++) s -= a[i * n + j] * x[j];
          r[i] = s;
        }
        for (let j = 0; j < n; j++) {
          expect(x[j]).toBeGreaterThanOrEqual(0);
          let w = 0;
          for (let i = 0; i < m; i++) w += a[i * n + j] * r[i];
          if (x[j] > 0) expect(Math.abs(w)).toBeLessThan(1e-8);
          else expect(w).toBeLessThan(1e-8);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('returns the unconstrained solution when it is already non-negative', () => {
    const a = new Float64Array([1, 0, 0, 1, 1, 1]);
    const b = [1, 2, 3];
    const { x } = nnls(a, 3, 2, b);
    expect(x[0]).toBeCloseTo(1, 12);
    expect(x[1]).toBeCloseTo(2, 12);
  });

  it('a free variable may go negative', () => {
    const a = new Float64Array([1, 1, 1, -1]);
    const { x } = nnls(a, 2, 2, [0, 2], { free: [false, true] });
    expect(x[0]).toBeCloseTo(1, 12);
    expect(x[1]).toBeCloseTo(-1, 12);
  });
});

import { normalQuantile, studentTQuantile } from './statistics.ts';

describe('quantiles', () => {
  it('normal and Student-t quantiles match tabulated values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 7);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 6);
    // Tables: t(0.975; 5) = 2.5706, t(0.975; 10) = 2.2281, t(0.975; 110) = 1.9818
    expect(studentTQuantile(0.975, 5)).toBeCloseTo(2.5706, 2);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.2281, 3);
    expect(studentTQuantile(0.975, 110)).toBeCloseTo(1.9818, 4);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
  });
});

describe('covariance of an undetermined parameter', () => {
  it('is infinite, not zero', () => {
    // r = x0 + 0·x1: x1 does not influence the residuals.
    const jac = new Float64Array([1, 0, 1, 0, 1, 0]);
    const { covariance, rank } = covarianceFromJacobian(jac, 3, 2, 0.3);
    expect(rank).toBe(1);
    expect(covariance[3]).toBe(Number.POSITIVE_INFINITY);
    expect(covariance[0]).toBeCloseTo(0.3 / (3 - 2) / 3, 12); // s² = SSR/(m − n), (JᵀJ)⁻¹ = 1/3
  });
});
