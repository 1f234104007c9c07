import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { loadSpaceGroupsNode } from '../../crystal/spacegroup.node.ts';
import { stackingAnalyze, stackingGenerate } from './stacking.ts';
import { stackingBuild } from './stackingBuild.ts';
import { stackingXrd, stackingXrdParallel } from './stackingXrd.ts';

beforeAll(() => {
  loadSpaceGroupsNode();
});

describe('stacking operations (CLI/API contract)', () => {
  it('analyze: exact JSON keys of the issue first', () => {
    const a = stackingAnalyze({ sequence: 'ABBAABBAABBCCAABBCCBBCCB' });
    expect(Object.keys(a).slice(0, 10)).toEqual([
      'slabs',
      'labels',
      'environments',
      'character',
      'interphases',
      'alpha',
      'alphaPerNm',
      'beta',
      'fractions',
      'polytype',
    ]);
    expect(a.interphases).toEqual([4, 8]);
    expect(JSON.parse(JSON.stringify(a)).beta).toBeNull();
  });
  it('generate: the analyser reads back the same α, β as reported', () => {
    const g = stackingGenerate({
      model: 'phase-type',
      phi2: 0.5,
      alpha: 0.1,
      beta: 0.3,
      layers: 5000,
      seed: 3,
    });
    const a = stackingAnalyze({ sequence: g.sequence });
    expect(a.alpha).toBe(g.measured.alpha);
    expect(a.beta).toBe(g.measured.beta);
    const m = stackingGenerate({ model: 'markov', q2: 0.2, q3: 0.2, layers: 300, seed: 3 });
    expect(stackingAnalyze({ sequence: m.sequence }).phi2).toBe(m.measured.phi2);
    expect(() => stackingGenerate({ model: 'markov', phi2: 0.5, alpha: 0.1, beta: 0.3 })).toThrow(InputError);
    expect(() => stackingGenerate({ model: 'phase-type', phi2: 0.5, alpha: 0.1 })).toThrow(/beta/);
  });
  it('build: P2 → P6₃/mmc and a CIF', () => {
    const b = stackingBuild({ sequence: 'ABBA', composition: 'Na0.46Mn0.9Ni0.1O2' });
    expect(b.spaceGroup?.number).toBe(194);
    expect(b.cif).toContain('_cell_length_c');
  });
  it('xrd: DIFFaX input gives twoTheta/intensity/raw; inputs are exclusive', () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/stacking/caseB_P2P3_alpha0.20.dat', import.meta.url),
      'utf8',
    );
    const r = stackingXrd(
      { diffax: { text, fileName: 'b.dat' }, twoThetaRange: [30, 45], step: 0.02 },
      { includeRaw: true },
    );
    expect(r.twoTheta.length).toBe(750);
    expect(r.intensity.length).toBe(750);
    expect(r.raw?.length).toBe(750);
    expect(r.broadening.kind).toBe('pseudo-voigt');
    // broadening conserves the area (per-degree intensity × step = bin integrals) away from the ends
    const sumRaw = (r.raw ?? []).slice(100, 650).reduce((s, v) => s + v, 0);
    const sumBro = r.intensity.slice(100, 650).reduce((s, v) => s + v * 0.02, 0);
    expect(Math.abs(sumBro / sumRaw - 1)).toBeLessThan(0.02);
    expect(() =>
      stackingXrd({
        sequence: 'ABBA',
        diffax: { text, fileName: 'b.dat' },
        twoThetaRange: [30, 45],
        step: 0.02,
      }),
    ).toThrow(/exactly one/);
    expect(() => stackingXrd({ sequence: 'ABBA', twoThetaRange: [30, 45], step: -1 })).toThrow(InputError);
  });
  it('xrd: Markov model (kind markov) = the counter-state model with one stage; β is refused', () => {
    const base = { twoThetaRange: [30, 45] as [number, number], step: 0.05 };
    const mk = stackingXrd({ ...base, model: { kind: 'markov', phi2: 0.6, alpha: 0.1 } });
    // φ₂ = 0.6, α = 0.1 ⇒ q₂ = α/(2φ₂) = 1/12, q₃ = α/(2(1−φ₂)) = 1/8 (brief §1.3)
    expect(mk.mode).toBe('infinite recursion, Markov q₂ = 0.0833, q₃ = 0.1250');
    expect(mk.layerTypes).toBe(4);
    // stationary probabilities of the chain: φ₂ split over the two orientations
    const phi2 = mk.stationary.slice(0, 2).reduce((a, b) => a + b, 0);
    expect(phi2).toBeCloseTo(0.6, 10);
    expect(() =>
      stackingXrd({ ...base, model: { kind: 'markov', phi2: 0.6, alpha: 0.1, beta: 0.5 } }),
    ).toThrow(/Markov model cannot set β/);
    expect(() => stackingXrd({ ...base, model: { phi2: 0.6, alpha: 0.1 } })).toThrow(/needs β/);
    expect(() => stackingXrd({ ...base, model: { kind: 'markov', phi2: 0.6, alpha: 1.5 } })).toThrow(
      InputError,
    );
  });
  it('xrd: --workers 2 gives the same numbers as 1 (DIFFaX input)', async () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/stacking/caseB_P2P3_alpha0.50.dat', import.meta.url),
      'utf8',
    );
    const req = {
      diffax: { text, fileName: 'b.dat' },
      twoThetaRange: [10, 60] as [number, number],
      step: 0.05,
    };
    const one = stackingXrd(req, { includeRaw: true });
    const two = await stackingXrdParallel(req, { includeRaw: true, workers: 2 });
    expect(two.raw).toEqual(one.raw);
    expect(two.intensity).toEqual(one.intensity);
  });
});
