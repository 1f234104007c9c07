import { describe, expect, it } from 'vitest';
import {
  MANUFACTURING,
  membraneAsr,
  membraneAsrTable,
  processingEffect,
  resistanceBudget,
} from './manufacturing.ts';

describe('membrane ASR table of brief §6', () => {
  it('reproduces every entry to the printed precision', () => {
    const t = MANUFACTURING.membraneTable;
    const calc = membraneAsrTable(t.sigma_mS_per_cm, t.thickness_um);
    t.asr_ohm_cm2.forEach((row, i) => {
      row.forEach((v, k) => {
        // the brief prints 2 significant figures
        expect(Math.abs(calc[i][k] - v) / v).toBeLessThan(0.02);
      });
    });
  });
  it('lab pellets (1 mm) at 1 mS/cm are 10× the 10 Ω·cm² target', () => {
    expect(membraneAsr(1, 1000) / MANUFACTURING.practicalTargets.electrolyteAsr_ohm_cm2).toBeCloseTo(10, 9);
  });
  it('bad input → InputError', () => {
    expect(() => membraneAsr(-1, 100)).toThrow(/--sigma/);
    expect(() => membraneAsr(1, 0)).toThrow(/--thickness/);
  });
});

describe('processing → conductivity and toughness (empirical, flagged)', () => {
  it('is neutral for a dense, pure, stoichiometric ceramic', () => {
    const e = processingEffect({ relativeDensity: 1, zirconiaVolumeFraction: 0, sodiumLossFraction: 0 });
    expect(e.conductivityFactor).toBe(1);
    expect(e.fractureToughnessFactor).toBe(1);
    expect(e.parts.every((p) => p.empirical)).toBe(true);
  });
  it('σ rises with density (91 → 96 %, JCPR direction) and falls with ZrO2 and Na loss', () => {
    expect(processingEffect({ relativeDensity: 0.96 }).conductivityFactor).toBeGreaterThan(
      processingEffect({ relativeDensity: 0.91 }).conductivityFactor,
    );
    expect(processingEffect({ zirconiaVolumeFraction: 0.1 }).conductivityFactor).toBeLessThan(1);
    expect(processingEffect({ sodiumLossFraction: 0.05 }).conductivityFactor).toBeCloseTo(0.95, 12);
    expect(processingEffect({ relativeDensity: 0.9 }).fractureToughnessFactor).toBeCloseTo(
      Math.exp(-0.5),
      12,
    );
  });
  it('out-of-range fractions → InputError', () => {
    expect(() => processingEffect({ relativeDensity: 1.2 })).toThrow(/relativeDensity/);
  });
});

describe('cell-level resistance budget', () => {
  it('sums the parts and gives the thickest membrane for a target', () => {
    const b = resistanceBudget({
      anodeInterfaceAsr_ohm_cm2: 10,
      electrolyteSigma_mS_per_cm: 3,
      electrolyteThickness_um: 300,
      cathodeInterfaceAsr_ohm_cm2: 5,
      cathodeAsr_ohm_cm2: 5,
      targetTotalAsr_ohm_cm2: 30,
    });
    expect(b.totalAsr_ohm_cm2).toBeCloseTo(30, 9);
    expect(b.items.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 12);
    // 10 Ω·cm² left for the membrane at 3 mS/cm → 300 µm
    expect(b.maxThicknessForTarget_um).toBeCloseTo(300, 9);
  });
});
