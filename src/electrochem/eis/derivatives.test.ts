import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCircuit } from './circuit.ts';
import { circuitImpedance, compileCircuitJacobian } from './evaluate.ts';

const f = Float64Array.from({ length: 25 }, (_, i) => 10 ** (5 - (8 * i) / 24));

/** Central-difference ∂Z/∂p_i (relative step 1e-6); a wrong formula would be off by O(1). */
function numeric(circuit: ReturnType<typeof parseCircuit>, p: number[], i: number) {
  const h = 1e-6 * Math.abs(p[i]);
  const up = p.slice();
  const dn = p.slice();
  up[i] += h;
  dn[i] -= h;
  const a = circuitImpedance(circuit, up, f);
  const b = circuitImpedance(circuit, dn, f);
  return {
    re: a.zReal.map((v, k) => (v - b.zReal[k]) / (2 * h)),
    im: a.zImag.map((v, k) => (v - b.zImag[k]) / (2 * h)),
  };
}

function check(source: string, p: number[]) {
  const circuit = parseCircuit(source);
  const n = f.length;
  const P = circuit.parameters.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const dRe = new Float64Array(P * n);
  const dIm = new Float64Array(P * n);
  compileCircuitJacobian(circuit, f)(p, re, im, dRe, dIm);
  const z = circuitImpedance(circuit, p, f);
  for (let k = 0; k < n; k++) {
    const mod = Math.hypot(z.zReal[k], z.zImag[k]);
    expect(Math.abs(re[k] - z.zReal[k])).toBeLessThan(1e-12 * mod);
    expect(Math.abs(im[k] - z.zImag[k])).toBeLessThan(1e-12 * mod);
  }
  for (let i = 0; i < P; i++) {
    const d = numeric(circuit, p, i);
    for (let k = 0; k < n; k++) {
      // Tolerance: 1e-4 of |∂Z| plus the FD roundoff ε|Z|/h ≈ 2e-10·|Z|/|p| (with a margin).
      const tol =
        1e-4 * Math.hypot(d.re[k], d.im[k]) + (1e-8 * Math.hypot(z.zReal[k], z.zImag[k])) / Math.abs(p[i]);
      const what = `${source} ${circuit.parameters[i].name} @${k}`;
      expect(Math.abs(dRe[i * n + k] - d.re[k]), what).toBeLessThan(tol);
      expect(Math.abs(dIm[i * n + k] - d.im[k]), what).toBeLessThan(tol);
    }
  }
}

describe('analytic ∂Z/∂p against central differences', () => {
  it('every element, alone and inside series/parallel nesting', () => {
    check('R0-C1', [10, 1e-6]);
    check('L0-p(R1,CPE1)', [1e-6, 100, 1e-5, 0.8]);
    check('La0-W1', [1e-6, 0.7, 30]);
    check('p(R0-Wo1,C1)', [5, 20, 0.5, 1e-4]);
    check('p(R0-Ws1,C1)', [5, 20, 0.5, 1e-4]);
    check('R0-p(G1,C1)', [2, 40, 1e-3, 1e-6]);
    check('R0-p(R1,C1)-p(R2-Wo1,C2)', [0.0165, 0.0087, 3.3, 0.0054, 0.064, 238, 0.22]);
    check('R0-p(R1,p(R2,CPE1)-Ws1,C1)-L1', [10, 100, 50, 1e-5, 0.9, 30, 2, 1e-6, 1e-7]);
  });

  it('random parameters of a nested circuit (property)', () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.double({ min: 1, max: 1e3, noNaN: true }),
          fc.double({ min: 1, max: 1e4, noNaN: true }),
          fc.double({ min: 1e-8, max: 1e-3, noNaN: true }),
          fc.double({ min: 0.5, max: 1, noNaN: true }),
          fc.double({ min: 1, max: 1e3, noNaN: true }),
          fc.double({ min: 1e-3, max: 1e2, noNaN: true }),
        ),
        ([r0, r1, q, n, z0, tau]) => {
          check('R0-p(R1,CPE1)-Wo1', [r0, r1, q, n, z0, tau]);
        },
      ),
      { numRuns: 25 },
    );
  });
});
