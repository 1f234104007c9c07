import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/rng.ts';
import { parseImpedance } from '../../io/eis/index.ts';
import { parseCircuit } from './circuit.ts';
import { circuitImpedance } from './evaluate.ts';
import { linKK } from './linkk.ts';

const f = Float64Array.from({ length: 60 }, (_, i) => 10 ** (5 - (7 * i) / 59));

describe('Lin-KK (Schönleber μ criterion)', () => {
  it('a KK-compliant circuit spectrum (with a CPE and a Warburg) gives residuals at the 1e-3 level', () => {
    const z = circuitImpedance(
      parseCircuit('R0-p(R1,CPE1)-p(R2-Ws1,C2)'),
      [10, 100, 1e-5, 0.85, 50, 200, 10, 1e-3],
      f,
    );
    const r = linKK({ frequencyHz: f, zReal: z.zReal, zImag: z.zImag }, { inductance: false });
    expect(r.criterionMet).toBe(true);
    expect(r.mu).toBeLessThanOrEqual(0.85);
    expect(r.M).toBeGreaterThan(3);
    expect(r.maxAbsResidual).toBeLessThan(5e-3);
    // R0 + ΣR_k ≈ DC resistance 10 + 100 + 50 + 200
    expect(r.R0 + r.resistances.reduce((s, v) => s + v, 0)).toBeCloseTo(360, -1);
  });

  it('a spectrum that drifts during the measurement (non-stationary) has much larger residuals', () => {
    const circuit = parseCircuit('R0-p(R1,CPE1)-p(R2-Ws1,C2)');
    const p = [10, 100, 1e-5, 0.85, 50, 200, 10, 1e-3];
    const good = circuitImpedance(circuit, p, f);
    const zr = new Float64Array(f.length);
    const zi = new Float64Array(f.length);
    for (let i = 0; i < f.length; i++) {
      // The bulk-arc resistance doubles during the sweep: each point sees another system.
      const q = p.slice();
      q[1] = 100 * (1 + (1.0 * i) / f.length);
      const z = circuitImpedance(circuit, q, [f[i]]);
      zr[i] = z.zReal[0];
      zi[i] = z.zImag[0];
    }
    const ok = linKK({ frequencyHz: f, zReal: good.zReal, zImag: good.zImag }, { M: 20 });
    const bad = linKK({ frequencyHz: f, zReal: zr, zImag: zi }, { M: 20 });
    expect(ok.maxAbsResidual).toBeLessThan(5e-3);
    expect(bad.maxAbsResidual).toBeGreaterThan(4 * ok.maxAbsResidual);
  });

  it('noise sets the residual floor; fixed M is honoured', () => {
    const z = circuitImpedance(
      parseCircuit('R0-p(R1,CPE1)-p(R2-Ws1,C2)'),
      [10, 100, 1e-5, 0.85, 50, 200, 10, 1e-3],
      f,
    );
    const rng = new Rng(5);
    const zr = z.zReal.map((v, i) => v + 0.01 * Math.hypot(z.zReal[i], z.zImag[i]) * rng.normal());
    const zi = z.zImag.map((v, i) => v + 0.01 * Math.hypot(z.zReal[i], z.zImag[i]) * rng.normal());
    const r = linKK({ frequencyHz: f, zReal: zr, zImag: zi }, { M: 20 });
    const rms = Math.sqrt(r.chi2 / (2 * f.length));
    // 1 % noise, 21 + 1 linear parameters out of 120 residuals → rms ≈ 1 % · √(98/120).
    expect(rms).toBeGreaterThan(0.006);
    expect(rms).toBeLessThan(0.012);
    expect(r.M).toBe(20);
  });

  it("Circuit3_EIS_1.z (impedance.py's Lin-KK file): the automatic M resolves the arc", () => {
    const s = parseImpedance(
      readFileSync(new URL('../../../test/fixtures/eis/Circuit3_EIS_1.z', import.meta.url)),
      {
        fileName: 'Circuit3_EIS_1.z',
      },
    );
    const r = linKK(s);
    expect(r.residualsReal.length).toBe(53);
    expect(r.criterionMet).toBe(true);
    expect(r.mu).toBeLessThanOrEqual(0.85);
    // A fixed M = 15 gives 0.45 %: the automatic choice must be as good (< 1 %), not the
    // under-fitted M = 5 (29 %) the unguarded rule picks.
    expect(r.maxAbsResidual).toBeLessThan(0.01);
    expect(linKK(s, { M: 15 }).maxAbsResidual).toBeLessThan(0.01);
    // Why the guard is needed: without it the first μ ≤ c is an under-fitted, ringing solution.
    const plain = linKK(s, { underfitRatio: null });
    expect(plain.M).toBeLessThan(r.M);
    expect(plain.maxAbsResidual).toBeGreaterThan(0.1);
    // The guard only moves M up, never below the plain rule's choice; μ is reported for every M.
    expect(r.muByM.length).toBeGreaterThanOrEqual(r.M);
    expect(r.muByM[r.M - 1]).toBe(r.mu);
  });

  it('an ideal RC arc (narrower than the τ grid) is resolved, noise-free residuals ≪ 1 %', () => {
    const z = circuitImpedance(parseCircuit('R0-p(R1,C1)'), [10, 100, 1e-5], f);
    const r = linKK({ frequencyHz: f, zReal: z.zReal, zImag: z.zImag });
    expect(r.criterionMet).toBe(true);
    expect(r.maxAbsResidual).toBeLessThan(1e-3);
    expect(
      linKK({ frequencyHz: f, zReal: z.zReal, zImag: z.zImag }, { underfitRatio: null }).maxAbsResidual,
    ).toBeGreaterThan(1e-2);
  });

  it('a non-KK spectrum (resistance drifting during the sweep) keeps large residuals with the automatic M', () => {
    const circuit = parseCircuit('R0-p(R1,CPE1)-p(R2-Ws1,C2)');
    const p = [10, 100, 1e-5, 0.85, 50, 200, 10, 1e-3];
    const zr = new Float64Array(f.length);
    const zi = new Float64Array(f.length);
    for (let i = 0; i < f.length; i++) {
      const q = p.slice();
      q[1] = 100 * (1 + i / f.length);
      const z = circuitImpedance(circuit, q, [f[i]]);
      zr[i] = z.zReal[0];
      zi[i] = z.zImag[0];
    }
    const good = circuitImpedance(circuit, p, f);
    const bad = linKK({ frequencyHz: f, zReal: zr, zImag: zi });
    const ok = linKK({ frequencyHz: f, zReal: good.zReal, zImag: good.zImag });
    expect(bad.maxAbsResidual).toBeGreaterThan(0.01);
    expect(bad.maxAbsResidual).toBeGreaterThan(20 * ok.maxAbsResidual);
  });

  it('a bad guard ratio is an InputError', () => {
    expect(() => linKK({ frequencyHz: f, zReal: f, zImag: f }, { underfitRatio: 0.5 })).toThrow(/≥ 1/);
  });
});
