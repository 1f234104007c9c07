import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { loadSpaceGroupsNode } from '../../crystal/spacegroup.node.ts';
import { stackingAnalyze, stackingGenerate } from './stacking.ts';
import { stackingBuild } from './stackingBuild.ts';
import { stackingXrd } from './stackingXrd.ts';

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
});
