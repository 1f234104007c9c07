import { describe, expect, it } from 'vitest';
import { BOLTZMANN_EV_PER_K } from '../../core/constants.ts';
import { arrheniusFit } from './arrhenius.ts';
import { parseCircuit } from './circuit.ts';
import { circuitImpedance } from './evaluate.ts';
import { fitCircuit } from './fit.ts';
import {
  arcsOfCircuit,
  brugCapacitance,
  conductivities,
  interfacialAsr,
  processFromCapacitance,
  sampleGeometry,
} from './solidElectrolyte.ts';

describe('capacitance and assignment', () => {
  it('Brug C_eff: equals Q when n = 1, and the apex of an R‖CPE arc is at 1/(2πRC_eff)', () => {
    expect(brugCapacitance(1e3, 2e-9, 1)).toBeCloseTo(2e-9, 20);
    const R = 1e5;
    const Q = 3e-10;
    const n = 0.8;
    const C = brugCapacitance(R, Q, n);
    // −Z'' of R‖CPE is maximal where (ωτ)^n = 1 with τ^n = RQ, i.e. ω = (RQ)^(−1/n) = 1/(R C_eff).
    const f = Float64Array.from({ length: 2001 }, (_, i) => 10 ** (1 + (5 * i) / 2000));
    const z = circuitImpedance(parseCircuit('p(R1,CPE1)'), [R, Q, n], f);
    let best = 0;
    for (let i = 1; i < f.length; i++) if (-z.zImag[i] > -z.zImag[best]) best = i;
    expect(Math.log10(f[best])).toBeCloseTo(Math.log10(1 / (2 * Math.PI * R * C)), 2);
  });

  it('Irvine–Sinclair–West classes', () => {
    expect(processFromCapacitance(2e-12)).toBe('bulk');
    expect(processFromCapacitance(1e-10)).toBe('grainBoundary');
    expect(processFromCapacitance(5e-6)).toBe('electrodeInterface');
    expect(processFromCapacitance(1e-4)).toBe('electrochemicalReaction');
  });

  it('geometry: σ = L/(RA); diameter or area; ASR convention stated', () => {
    const g = sampleGeometry(0.21, { diameterCm: 0.8 });
    expect(g.areaCm2).toBeCloseTo(Math.PI * 0.16, 12);
    expect(() => sampleGeometry(0.21, {})).toThrow(/exactly one/);
    expect(() => sampleGeometry(-1, { areaCm2: 1 })).toThrow(/thickness/);
    const asr = interfacialAsr(100, 2);
    expect(asr.asrOhmCm2).toBe(100);
    expect(asr.convention).toMatch(/per interface/);
    expect(interfacialAsr(100, 2, 'total').asrOhmCm2).toBe(200);
  });

  it('a synthetic blocking-electrode pellet: arcs found, assigned, σ recovered', () => {
    const g = sampleGeometry(0.1, { areaCm2: 1 });
    const circuit = parseCircuit('p(R1,CPE1)-p(R2,CPE2)-CPE3');
    // Bulk: 1 kΩ with 5 pF; grain boundary: 4 kΩ with 1 nF; electrode: blocking CPE.
    const truth = [1000, 5e-12, 1, 4000, 1e-9, 1, 1e-6, 0.8];
    const f = Float64Array.from({ length: 60 }, (_, i) => 10 ** (8 - (9 * i) / 59));
    const z = circuitImpedance(circuit, truth, f);
    const fit = fitCircuit(
      circuit,
      { frequencyHz: f, zReal: z.zReal, zImag: z.zImag },
      { weight: 'modulus' },
    );
    const values = Object.fromEntries(Object.entries(fit.parameters).map(([k, p]) => [k, p.value]));
    const { arcs, series } = arcsOfCircuit(circuit, values);
    expect(arcs.length).toBe(2);
    expect(series.map((s) => s.label)).toEqual(['CPE3']);
    const r = conductivities(arcs, g);
    expect(r.sigmaBulk! / (0.1 / 1000)).toBeCloseTo(1, 3);
    expect(r.sigmaGrainBoundary! / (0.1 / 4000)).toBeCloseTo(1, 3);
    expect(r.sigmaTotal! / (0.1 / 5000)).toBeCloseTo(1, 3);
    expect(r.sigmaGrainBoundarySpecific! / ((0.1 / 4000) * (5e-12 / 1e-9))).toBeCloseTo(1, 2);
  });

  it('bulk arc above the measured range: series R used as R_bulk, with a warning', () => {
    const r = conductivities(
      [{ resistor: 'R1', capacitor: 'CPE1', R: 4000, capacitanceF: 1e-9, n: 1, peakFrequencyHz: 40e3 }],
      sampleGeometry(0.1, { areaCm2: 1 }),
      {
        seriesResistance: 1000,
      },
    );
    expect(r.sigmaBulk).toBeCloseTo(1e-4, 12);
    expect(r.warnings.join(' ')).toMatch(/above the highest frequency/);
  });
});

describe('Arrhenius', () => {
  it('Winand two-point check (nasicon.md §2.2): 0.470 eV (σT), 0.428 eV (σ)', () => {
    const T = [600, 400];
    const s = [7.5e-5, 1.2e-6];
    const a = arrheniusFit(T, s, 'sigmaT');
    expect(a.Ea).toBeCloseTo(0.47, 2);
    expect(a.prefactor).toBeGreaterThan(380);
    expect(a.prefactor).toBeLessThan(410);
    expect(a.EaStderr).toBeNull();
    const b = arrheniusFit(T, s, 'sigma');
    expect(b.Ea).toBeCloseTo(0.428, 3);
    expect(b.prefactor).toBeCloseTo(0.293, 2);
    // Sc, x = 1: 0.399 eV in σT form
    expect(arrheniusFit(T, [6e-3, 1.9e-4], 'sigmaT').Ea).toBeCloseTo(0.399, 3);
  });

  it('exact synthetic data give the input Ea; the σ form differs by about k_B·T_mean', () => {
    const T = [300, 350, 400, 450, 500];
    const s = T.map((t) => (1e3 / t) * Math.exp(-0.35 / (BOLTZMANN_EV_PER_K * t)));
    const a = arrheniusFit(T, s, 'sigmaT');
    expect(a.Ea).toBeCloseTo(0.35, 10);
    expect(a.EaStderr!).toBeLessThan(1e-10);
    const b = arrheniusFit(T, s, 'sigma');
    expect(a.Ea - b.Ea).toBeGreaterThan(0.5 * BOLTZMANN_EV_PER_K * 400);
    expect(a.Ea - b.Ea).toBeLessThan(1.5 * BOLTZMANN_EV_PER_K * 400);
    expect(() => arrheniusFit([300], [1])).toThrow(/two/);
    expect(() => arrheniusFit([300, 300], [1, 2])).toThrow(/equal/);
  });
});
