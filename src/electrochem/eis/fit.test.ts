import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/rng.ts';
import { parseImpedance } from '../../io/eis/index.ts';
import { parseCircuit } from './circuit.ts';
import { circuitImpedance } from './evaluate.ts';
import { fitCircuit } from './fit.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/eis/${name}`, import.meta.url));
const expected = JSON.parse(fixture('expected/exampleData_fit_A_impedancepy.json').toString('utf8'));
const converged = JSON.parse(fixture('expected/exampleData_fit_A_scipy_converged.json').toString('utf8'));

describe('CNLS fit against impedance.py (fit A, exampleData.csv)', () => {
  const data = parseImpedance(fixture('exampleData.csv'), { fileName: 'exampleData.csv' });
  const fit = fitCircuit(expected.circuit, data, { initialGuess: expected.initial_guess });

  it('drops the inductive points and says so', () => {
    expect(fit.pointsUsed).toBe(expected.n_points);
    expect(fit.pointsDropped).toBe(66 - expected.n_points);
    expect(fit.warnings.join(' ')).toMatch(/inductive/);
  });

  it('values: 0.1 % for R0, R1, C1; 1 % for R2, Wo1_0, C2', () => {
    expected.param_names.forEach((name: string, i: number) => {
      if (name === 'Wo1_1') return;
      const tol = ['R0', 'R1', 'C1'].includes(name) ? 1e-3 : 1e-2;
      const v = fit.parameters[name].value;
      expect(Math.abs(v / expected.fit[i] - 1), name).toBeLessThan(tol);
      expect(fit.parameters[name].unit).toBe(expected.param_units[i]);
    });
  });

  it("Wo1_1 lies 2.3 % above impedance.py's value: impedance.py stops before the minimum", () => {
    // Why (bench/python/impedance_fit_scipy.py, an independent scipy re-run of impedance.py's
    // documented procedure, recorded in exampleData_fit_A_scipy_converged.json): impedance.py's
    // settings reproduce its published values exactly and end on scipy's absolute gtol = 1e-8 test,
    // where d ln SSR/d ln τ is still −0.013; the same call with tight tolerances (and method 'lm')
    // goes on to a lower SSR — the point natrium finds. Same data, weights, element and convention.
    expect(fit.ssr).toBeLessThan(expected.ssr_stacked);
    expect(converged.impedancepy_procedure.ssr / expected.ssr_stacked).toBeCloseTo(1, 8);
    expect(Math.abs(converged.stationarity.at_impedancepy_published[5])).toBeGreaterThan(0.01);
    const i = expected.param_names.indexOf('Wo1_1');
    const diff = Math.abs(fit.parameters.Wo1_1.value - expected.fit[i]);
    expect(diff).toBeLessThan(0.5 * expected.conf_1sigma[i]);
  });

  it('matches scipy run to the minimum: 0.1 % for R0, R1, C1, 1 % for the rest, σ within 5 % (all seven)', () => {
    expect(fit.ssr / converged.converged.ssr).toBeCloseTo(1, 9);
    converged.param_names.forEach((name: string, i: number) => {
      const tol = ['R0', 'R1', 'C1'].includes(name) ? 1e-3 : 1e-2;
      expect(Math.abs(fit.parameters[name].value / converged.converged.fit[i] - 1), name).toBeLessThan(tol);
      expect(Math.abs(fit.parameters[name].stderr / converged.converged.sigma[i] - 1), name).toBeLessThan(
        0.05,
      );
      // In fact the agreement is at the 1e-5 level:
      expect(Math.abs(fit.parameters[name].value / converged.converged.fit[i] - 1), name).toBeLessThan(1e-5);
    });
  });

  it("σ within 5 % of impedance.py's at our optimum for all but Wo1_1, and for all at impedance.py's point", () => {
    expected.param_names.forEach((name: string, i: number) => {
      if (name === 'Wo1_1') return;
      expect(Math.abs(fit.parameters[name].stderr / expected.conf_1sigma[i] - 1), name).toBeLessThan(0.05);
    });
    // Same convention check without the optimiser: evaluate σ at impedance.py's parameters.
    const at = fitCircuit(expected.circuit, data, { initialGuess: expected.fit, maxIterations: 0 });
    expected.param_names.forEach((name: string, i: number) => {
      expect(at.parameters[name].value / expected.fit[i]).toBeCloseTo(1, 12);
      expect(Math.abs(at.parameters[name].stderr / expected.conf_1sigma[i] - 1), name).toBeLessThan(0.005);
    });
    expect(at.ssr / expected.ssr_stacked).toBeCloseTo(1, 10);
  });

  it("started at impedance.py's point, natrium moves on to the same minimum", () => {
    const again = fitCircuit(expected.circuit, data, { initialGuess: expected.fit });
    expect(again.ssr).toBeLessThan(expected.ssr_stacked);
    expect(again.parameters.Wo1_1.value / converged.converged.fit[5]).toBeCloseTo(1, 4);
  });

  it('rmse, SSR and modulus-weighted χ² agree', () => {
    expect(Math.abs(fit.rmse / expected.rmse_stacked - 1)).toBeLessThan(1e-3);
    expect(Math.abs(fit.ssr / expected.ssr_stacked - 1)).toBeLessThan(1e-3);
    expect(Math.abs(fit.chi2 / expected.chi2_modulus_weighted - 1)).toBeLessThan(1e-2);
  });

  it('correlation matrix is symmetric with unit diagonal', () => {
    const c = fit.correlation;
    for (let i = 0; i < c.length; i++) {
      expect(c[i][i]).toBeCloseTo(1, 12);
      for (let j = 0; j < c.length; j++) expect(c[i][j]).toBeCloseTo(c[j][i], 12);
    }
  });
});

describe('CNLS fit on synthetic data (independent truth)', () => {
  const f = Float64Array.from({ length: 50 }, (_, i) => 10 ** (6 - (8 * i) / 49));
  const circuit = parseCircuit('R0-p(R1,CPE1)-p(R2,CPE2)');
  const truth = [20, 1000, 1e-9, 0.9, 5000, 1e-6, 0.8];
  const z = circuitImpedance(circuit, truth, f);

  it('recovers exact parameters without a user guess (data-driven guess + multi-start)', () => {
    const fit = fitCircuit(
      circuit,
      { frequencyHz: f, zReal: z.zReal, zImag: z.zImag },
      { weight: 'modulus' },
    );
    circuit.parameters.forEach((p, i) => {
      expect(fit.parameters[p.name].value / truth[i]).toBeCloseTo(1, 4);
    });
  });

  it('σ from the covariance matches the scatter over noisy replicates', () => {
    const rng = new Rng(11);
    const sigma = 2; // Ω noise on each component
    const values: number[] = [];
    const errs: number[] = [];
    for (let r = 0; r < 40; r++) {
      const zr = z.zReal.map((v) => v + sigma * rng.normal());
      const zi = z.zImag.map((v) => v + sigma * rng.normal());
      const fit = fitCircuit(
        circuit,
        { frequencyHz: f, zReal: zr, zImag: zi },
        { initialGuess: truth, multiStart: 0 },
      );
      values.push(fit.parameters.R1.value);
      errs.push(fit.parameters.R1.stderr);
    }
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    const meanErr = errs.reduce((s, v) => s + v, 0) / errs.length;
    expect(sd / meanErr).toBeGreaterThan(0.7);
    expect(sd / meanErr).toBeLessThan(1.4);
  });

  it('fixed parameters stay fixed and are reported without σ', () => {
    const fit = fitCircuit(
      circuit,
      { frequencyHz: f, zReal: z.zReal, zImag: z.zImag },
      {
        initialGuess: truth.map((v) => v * 1.2),
        constants: { R0: 20 },
      },
    );
    expect(fit.parameters.R0.value).toBe(20);
    expect(fit.parameters.R0.fixed).toBe(true);
    expect(Number.isNaN(fit.parameters.R0.stderr)).toBe(true);
    expect(fit.freeParameters).not.toContain('R0');
  });

  it('bad options are InputErrors', () => {
    const d = { frequencyHz: f, zReal: z.zReal, zImag: z.zImag };
    expect(() => fitCircuit(circuit, d, { initialGuess: [1, 2] })).toThrow(/7 parameters/);
    expect(() => fitCircuit(circuit, d, { constants: { X9: 1 } })).toThrow(/not in the circuit/);
  });
});
