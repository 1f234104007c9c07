import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImpedance } from '../../io/eis/index.ts';
import { parseCircuit } from './circuit.ts';
import { computeDrt } from './drt.ts';
import { circuitImpedance } from './evaluate.ts';

const f = Float64Array.from({ length: 71 }, (_, i) => 10 ** (6 - (8 * i) / 70)); // 1 MHz … 10 mHz
const spectrum = (circuit: string, p: number[]) => {
  const z = circuitImpedance(parseCircuit(circuit), p, f);
  return { frequencyHz: f, zReal: z.zReal, zImag: z.zImag };
};
const decades = (a: number, b: number) => Math.abs(Math.log10(a / b));

describe('DRT (Gaussian RBF, Tikhonov, NNLS)', () => {
  it('recovers a single RC: R∞, R and τ', () => {
    const d = computeDrt(spectrum('R0-p(R1,C1)', [10, 50, 2e-5]), { lambda: 1e-6 }); // τ = 1e-3 s
    expect(Math.abs(d.rInf / 10 - 1)).toBeLessThan(0.015);
    expect(d.peaks.length).toBe(1);
    expect(decades(d.peaks[0].tau, 1e-3)).toBeLessThan(0.05);
    expect(d.peaks[0].resistance / 50).toBeCloseTo(1, 1);
    expect(d.polarizationResistance / 50).toBeCloseTo(1, 2);
    expect(d.peaks[0].frequencyHz).toBeCloseTo(1 / (2 * Math.PI * d.peaks[0].tau), 8);
  });

  it('resolves two RCs a decade apart with their resistances', () => {
    const d = computeDrt(spectrum('R0-p(R1,C1)-p(R2,C2)', [5, 30, 1e-4 / 30, 20, 1e-3 / 20]), {
      lambda: 1e-7,
    });
    const big = d.peaks.filter((p) => p.share > 0.1).sort((a, b) => a.tau - b.tau);
    expect(big.length).toBe(2);
    expect(decades(big[0].tau, 1e-4)).toBeLessThan(0.1);
    expect(decades(big[1].tau, 1e-3)).toBeLessThan(0.1);
    expect(big[0].resistance / 30).toBeGreaterThan(0.85);
    expect(big[0].resistance / 30).toBeLessThan(1.15);
    expect(big[1].resistance / 20).toBeGreaterThan(0.85);
    expect(big[1].resistance / 20).toBeLessThan(1.15);
  });

  it('a ZARC gives the analytic Fuoss–Kirkwood distribution at its centre', () => {
    const R = 50;
    const phi = 0.8;
    const tau0 = 0.01;
    const d = computeDrt(spectrum('R0-p(R1,CPE1)', [10, R, tau0 ** phi / R, phi]), { lambda: 1e-8 });
    // γ(ln τ0) = (R/2π) sin((1−φ)π)/(1 − cos((1−φ)π))
    const exact = ((R / (2 * Math.PI)) * Math.sin((1 - phi) * Math.PI)) / (1 - Math.cos((1 - phi) * Math.PI));
    const p = d.peaks[0];
    expect(decades(p.tau, tau0)).toBeLessThan(0.05);
    expect(p.gamma / exact).toBeGreaterThan(0.9);
    expect(p.gamma / exact).toBeLessThan(1.1);
  });

  it('λ limits: residual grows and roughness falls monotonically with λ; λ → 0 reproduces the data', () => {
    const s = spectrum('R0-p(R1,C1)-p(R2,C2)', [5, 30, 1e-4 / 30, 20, 1e-3 / 20]);
    let prevRes = -1;
    let prevPen = Number.POSITIVE_INFINITY;
    for (const lambda of [1e-10, 1e-6, 1e-3, 1e-1, 10, 1e3]) {
      const d = computeDrt(s, { lambda });
      expect(d.residualNorm).toBeGreaterThanOrEqual(prevRes * (1 - 1e-6));
      expect(d.penaltyNorm).toBeLessThanOrEqual(prevPen * (1 + 1e-6));
      prevRes = d.residualNorm;
      prevPen = d.penaltyNorm;
    }
    // Two ideal RCs are δ-functions in τ: a non-negative Gaussian expansion cannot fit them exactly,
    // so λ → 0 saturates at a small misfit (< 0.5 % rms); a ZARC (smooth γ) is reproduced to 1e-5.
    const tiny = computeDrt(s, { lambda: 1e-10 });
    expect(tiny.residualNorm / Math.sqrt(2 * f.length) / 55).toBeLessThan(5e-3);
    const zarc = computeDrt(spectrum('R0-p(R1,CPE1)', [10, 50, 0.01 ** 0.8 / 50, 0.8]), { lambda: 1e-10 });
    expect(zarc.residualNorm / 60).toBeLessThan(1e-4);
    const huge = computeDrt(s, { lambda: 1e6 });
    // λ → ∞ with a first-derivative penalty: γ flattens (one broad hump, no resolution).
    expect(huge.peaks.length).toBeLessThanOrEqual(1);
    expect(huge.residualNorm).toBeGreaterThan(100 * tiny.residualNorm);
  });

  it('τ convention 1/f multiplies every τ by 2π but keeps the peak frequency', () => {
    const s = spectrum('R0-p(R1,C1)', [10, 50, 2e-5]);
    const a = computeDrt(s, { lambda: 1e-6 });
    const b = computeDrt(s, { lambda: 1e-6, tauConvention: '1/f' });
    expect(b.peaks[0].tau / a.peaks[0].tau).toBeCloseTo(2 * Math.PI, 10);
    expect(b.peaks[0].frequencyHz).toBeCloseTo(a.peaks[0].frequencyHz, 10);
  });

  it('1ZARC.csv (pyDRTtools synthetic: R∞ = 10 Ω, one ZARC of 50 Ω): GCV and L-curve choose λ and find it', () => {
    const s = parseImpedance(
      readFileSync(new URL('../../../test/fixtures/eis/pydrttools/1ZARC.csv', import.meta.url)),
      {
        fileName: '1ZARC.csv',
      },
    );
    for (const method of ['gcv', 'lcurve'] as const) {
      const d = computeDrt(s, { lambdaMethod: method });
      expect(d.lambda).toBeGreaterThan(1e-6);
      expect(d.lambda).toBeLessThan(1);
      expect(Math.abs(d.rInf / 10 - 1)).toBeLessThan(0.05);
      expect(Math.abs(d.polarizationResistance / 50 - 1)).toBeLessThan(0.03);
      const main = d.peaks.reduce((p, q) => (q.resistance > p.resistance ? q : p));
      expect(main.share).toBeGreaterThan(0.8);
      expect(d.lambdaScan.length).toBeGreaterThan(10);
    }
  });

  it('2XZARCequal.csv (R∞ = 10, 2 × 50 Ω at τ = 1e-4 and 0.1 s, noise 0.5 Ω): both arcs found', () => {
    const s = parseImpedance(
      readFileSync(new URL('../../../test/fixtures/eis/pydrttools/2XZARCequal.csv', import.meta.url)),
      { fileName: '2XZARCequal.csv' },
    );
    const d = computeDrt(s);
    const main = [...d.peaks]
      .sort((a, b) => b.resistance - a.resistance)
      .slice(0, 2)
      .sort((a, b) => a.tau - b.tau);
    expect(decades(main[0].tau, 1e-4)).toBeLessThan(0.15);
    expect(decades(main[1].tau, 0.1)).toBeLessThan(0.15);
    expect(Math.abs(d.polarizationResistance / 100 - 1)).toBeLessThan(0.03);
    expect(Math.abs(d.rInf / 10 - 1)).toBeLessThan(0.05);
  });
});
