import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { Rng } from '../core/rng.ts';
import { analyzeStack } from './analyze.ts';
import {
  blockStack,
  designPhaseType,
  domainLengthMoments,
  lawFromMoments,
  markovFromTargets,
  markovStack,
  markovTheory,
  phaseTypeStack,
  sampleDomainLength,
} from './generators.ts';
import { coefficientOfVariation as coefficientOfVariationOf } from './metrics.ts';

const N = 200_001;

describe('block generator', () => {
  it('reads back its labels', () => {
    const a = analyzeStack(
      blockStack([
        { label: 'P2', count: 10 },
        { label: 'P3', count: 6 },
        { label: 'P2', count: 4 },
      ]),
    );
    expect(a.slabs).toBe(21);
    expect(a.interphases).toEqual([10, 16]);
  });
});

describe('Markov generator: identities of brief §1.3 within sampling error', () => {
  for (const q of [0.05, 0.2, 0.5])
    it(`q₂ = q₃ = ${q}: φ₂ = ½, α = q, β = √(1−q)`, () => {
      const a = analyzeStack(markovStack({ q2: q, q3: q, slabs: N }, new Rng(11)));
      const th = markovTheory(q, q);
      const gaps = a.interphases.length - 1;
      // φ₂: correlated samples; std ≈ √(φ(1−φ)/(N q)) per domain count
      expect(Math.abs(a.phi2 - th.phi2)).toBeLessThan(4 * Math.sqrt(0.25 / (N * q)) + 1e-3);
      expect(Math.abs(a.alpha - th.alpha)).toBeLessThan(4 * Math.sqrt(q / N));
      // CV of a geometric sample: s.e. ≈ β·√((1+β²)/(2 n)) (normal-theory approximation; generous ×5)
      const b = th.betaEqualQ as number;
      expect(Math.abs((a.beta as number) - b)).toBeLessThan(
        5 * b * Math.sqrt((1 + b * b) / (2 * gaps)) + 2e-3,
      );
      // Fano cross-check agrees with β (renewal identity)
      expect(a.fano?.betaEstimate).toBeGreaterThan(0.8 * b);
      expect(a.fano?.betaEstimate).toBeLessThan(1.2 * b);
    });
  it('unequal switching: φ₂ = q₃/(q₂+q₃), α = 2q₂q₃/(q₂+q₃); inverse recovers the targets', () => {
    const { q2, q3 } = markovFromTargets(0.7, 0.08);
    const th = markovTheory(q2, q3);
    expect(th.phi2).toBeCloseTo(0.7, 14);
    expect(th.alpha).toBeCloseTo(0.08, 14);
    const a = analyzeStack(markovStack({ q2, q3, slabs: N }, new Rng(3)));
    expect(Math.abs(a.phi2 - 0.7)).toBeLessThan(0.02);
    expect(Math.abs(a.alpha - 0.08)).toBeLessThan(4 * Math.sqrt(0.08 / N));
  });
  it('is reproducible by seed and different between seeds', () => {
    const x = analyzeStack(markovStack({ q2: 0.2, q3: 0.2, slabs: 200 }, new Rng(5))).sequence;
    expect(analyzeStack(markovStack({ q2: 0.2, q3: 0.2, slabs: 200 }, new Rng(5))).sequence).toBe(x);
    expect(analyzeStack(markovStack({ q2: 0.2, q3: 0.2, slabs: 200 }, new Rng(6))).sequence).not.toBe(x);
  });
  it('glide state O gives O2/O3 with the same interphases', () => {
    const p = analyzeStack(markovStack({ q2: 0.2, q3: 0.2, slabs: 500 }, new Rng(9)));
    const o = analyzeStack(markovStack({ q2: 0.2, q3: 0.2, slabs: 500, glideState: 'O' }, new Rng(9)));
    expect(o.interphases).toEqual(p.interphases);
    expect(o.fractions.O2 + o.fractions.O3).toBeCloseTo(1, 12);
  });
});

describe('phase-type generator', () => {
  it('Erlang CV = √(1−q)/√k (q = 0.2, k = 4 → 0.447)', () => {
    const rng = new Rng(1);
    const law = { stages: 4, exitProbability: 0.2, offset: 0 };
    const xs = Array.from({ length: 40_000 }, () => sampleDomainLength(law, rng));
    const cv = coefficientOfVariationOf(xs);
    expect(Math.abs(cv - Math.sqrt(0.8) / 2)).toBeLessThan(0.01);
    expect(domainLengthMoments(law).mean).toBeCloseTo(20, 12);
  });
  it('lawFromMoments reproduces mean and CV exactly in theory', () => {
    for (const [m, c] of [
      [10, 0.3],
      [12, 0.05],
      [8, 0.8],
      [30, 0.5],
      [5, 0],
    ] as const) {
      const law = lawFromMoments(m, c);
      const mo = domainLengthMoments(law);
      expect(mo.mean).toBeCloseTo(m, 9);
      expect(Math.sqrt(mo.variance) / mo.mean).toBeCloseTo(c, 2);
    }
  });
  for (const [phi2, alpha, beta] of [
    [0.5, 0.1, 0.3],
    [0.6, 0.05, 0.5],
    [0.4, 0.2, 0.25],
  ] as const)
    it(`inverse hits φ₂ = ${phi2}, α = ${alpha}, β = ${beta} within sampling error`, () => {
      const { stack } = phaseTypeStack({ phi2, alpha, beta, slabs: N }, new Rng(21));
      const a = analyzeStack(stack);
      const gaps = a.interphases.length - 1;
      expect(Math.abs(a.alpha - alpha) / alpha).toBeLessThan(0.03);
      expect(Math.abs(a.phi2 - phi2)).toBeLessThan(0.02);
      expect(Math.abs((a.beta as number) - beta)).toBeLessThan(
        6 * beta * Math.sqrt((1 + beta * beta) / (2 * gaps)) + 0.01,
      );
    });
  it('low β at low α is reachable (impossible for a first-order Markov chain)', () => {
    const d = designPhaseType(0.5, 0.05, 0.1);
    expect(d.cv).toBeCloseTo(0.1, 12);
  });
  it('rejects unreachable targets', () => {
    expect(() => designPhaseType(0.8, 0.1, 0.1)).toThrow(InputError); // β < |2φ₂−1|
    expect(() => designPhaseType(0.5, 1.5, 0.1)).toThrow(InputError);
    expect(() => designPhaseType(0.5, 0.1, -1)).toThrow(InputError);
    expect(() => markovFromTargets(0.1, 0.5)).toThrow(InputError);
  });
});
