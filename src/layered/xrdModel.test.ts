import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng.ts';
import {
  faultedPowderPattern,
  randomSequence,
  stationaryProbabilities,
  structureFromSequence,
} from '../diffraction/faulted/index.ts';
import { powderPattern } from '../diffraction/index.ts';
import { buildStructure } from './builder.ts';
import { domainLengthMoments } from './generators.ts';
import { parseStack } from './notation.ts';
import { resolveLayeredParams } from './parameters.ts';
import { explicitModel, intergrowthFromTargets, intergrowthModel } from './xrdModel.ts';

const params = resolveLayeredParams({ composition: 'Na0.46Mn0.9Ni0.1O2' });

describe('intergrowth stacking models', () => {
  it('Markov model (one stage): stationary φ₂ = q₃/(q₂+q₃)', () => {
    const m = intergrowthModel(
      {
        law2: { stages: 1, exitProbability: 0.1, offset: 0 },
        law3: { stages: 1, exitProbability: 0.3, offset: 0 },
      },
      params,
    );
    expect(m.transitions.length).toBe(4);
    const g = stationaryProbabilities(m);
    expect(g[0] + g[1]).toBeCloseTo(0.3 / 0.4, 10);
  });
  it('phase-type model from (φ₂, α, β): state chain reproduces φ₂ and the domain means', () => {
    const m = intergrowthFromTargets({ phi2: 0.6, alpha: 0.1, beta: 0.4 }, params);
    const g = stationaryProbabilities(m);
    // states are listed χ = 2 first
    // φ₂ from the random sequences the model generates
    const rng = new Rng(4);
    const seq = randomSequence(m, g, 100_000, rng);
    const chiOf = (state: number) => (state < countChi2(m) ? 2 : 3);
    let c2 = 0;
    let boundaries = 0;
    for (let i = 0; i < seq.length; i++) {
      if (chiOf(seq[i]) === 2) c2++;
      if (i > 0 && chiOf(seq[i]) !== chiOf(seq[i - 1])) boundaries++;
    }
    const phi2 = c2 / seq.length;
    expect(Math.abs(phi2 - 0.6)).toBeLessThan(0.03);
    expect(Math.abs(boundaries / seq.length - 0.1)).toBeLessThan(0.01);
  });
  it('pure P2 model (φ₂ = 1) = powder pattern of the built P2 crystal (explicit cell from the same slabs)', () => {
    const m = intergrowthFromTargets({ phi2: 1, alpha: 0, beta: 0 }, params);
    const built = buildStructure(parseStack('ABBA', { periodic: true }), params);
    const fp = faultedPowderPattern(m, {
      wavelength: 1.5406,
      twoThetaRange: [10, 70],
      step: 0.02,
      detune: 1e-6,
    });
    const pp = powderPattern(built, {
      wavelength: 1.5406,
      twoThetaRange: [10.2, 69.8],
      debyeWaller: true,
      minRelativeIntensity: 0,
    });
    const sum = (c: number) => {
      let s = 0;
      for (let i = 0; i < fp.twoTheta.length; i++)
        if (Math.abs(fp.twoTheta[i] + 0.01 - c) < 0.1) s += fp.intensity[i];
      return s;
    };
    // Merge reflections closer than the ±0.1° window (e.g. 006 and 104 of P2, 0.015° apart).
    const peaks: { twoTheta: number; intensity: number }[] = [];
    for (const p of pp.peaks) {
      const last = peaks[peaks.length - 1];
      if (last && p.twoTheta - last.twoTheta < 0.2) last.intensity += p.intensity;
      else peaks.push({ twoTheta: p.twoTheta, intensity: p.intensity });
    }
    const ref = sum(peaks[0].twoTheta) / peaks[0].intensity;
    for (const p of peaks.filter((q) => q.intensity > 1))
      expect(Math.abs(sum(p.twoTheta) / ref - p.intensity), `${p.twoTheta}`).toBeLessThan(
        0.02 + 0.002 * p.intensity,
      );
  });
  it('explicit model of a periodic stack repeated many times approaches its crystal', () => {
    const stack = parseStack('ABBA'.repeat(60));
    const m = explicitModel(stack, params);
    expect(m.stacking.kind).toBe('explicit');
    const cell = structureFromSequence({ ...m, stacking: { kind: 'infinite' } }, [0, 1]);
    expect(cell.lattice.parameters.c).toBeCloseTo(2 * params.spacing.P2, 9);
  });
});

function countChi2(m: ReturnType<typeof intergrowthModel>): number {
  // States were created χ = 2 first; the χ = 3 block starts where the P3 layer is first used.
  const layerLabels = m.layers.map((L) =>
    L.atoms.some((a) => a.species === 'Na' && Math.abs(a.occupancy - params.sodium / 2) < 1e-12),
  );
  const first3 = (m.layerOfState ?? []).findIndex((li) => layerLabels[li]);
  return first3 < 0 ? m.transitions.length : first3;
}

it('domain-length moments used by the model equal the targets', () => {
  const m = domainLengthMoments({ stages: 2, exitProbability: 0.5, offset: 1.5 });
  expect(m.mean).toBeCloseTo(5.5, 12);
});

it('glided (O-type) pure O2 model with unequal O2/O3 spacings (adaptive path) = powder pattern of the built O2 crystal', () => {
  const m = intergrowthFromTargets({ phi2: 1, alpha: 0, beta: 0, glideState: 'O' }, params);
  const built = buildStructure(parseStack('ABAC', { periodic: true }), params);
  const fp = faultedPowderPattern(m, {
    wavelength: 1.5406,
    twoThetaRange: [15, 70],
    step: 0.02,
    detune: 1e-5,
  });
  const pp = powderPattern(built, {
    wavelength: 1.5406,
    twoThetaRange: [15.2, 69.8],
    debyeWaller: true,
    minRelativeIntensity: 0,
  });
  const sum = (c: number) => {
    let s = 0;
    for (let i = 0; i < fp.twoTheta.length; i++)
      if (Math.abs(fp.twoTheta[i] + 0.01 - c) < 0.1) s += fp.intensity[i];
    return s;
  };
  const peaks: { twoTheta: number; intensity: number }[] = [];
  for (const p of pp.peaks) {
    const last = peaks[peaks.length - 1];
    if (last && p.twoTheta - last.twoTheta < 0.2) last.intensity += p.intensity;
    else peaks.push({ twoTheta: p.twoTheta, intensity: p.intensity });
  }
  const top = peaks.reduce((a, p) => (p.intensity > a.intensity ? p : a), peaks[0]);
  const ref = sum(top.twoTheta) / top.intensity;
  for (const p of peaks.filter((q) => q.intensity > 1))
    expect(Math.abs(sum(p.twoTheta) / ref - p.intensity), `${p.twoTheta}`).toBeLessThan(
      0.1 + 0.005 * p.intensity,
    );
});
