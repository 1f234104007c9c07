import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { fitRetention, modelRetention, parseRetentionCsv } from './calibrate.ts';
import { resolveParams } from './params.ts';

describe('retention CSV reader', () => {
  it('reads fractions, percent headers, comments and separators', () => {
    const a = parseRetentionCsv('# cell 7\ncycle,retention\n1,1.0\n100,0.95\n500,0.8\n', 'a.csv');
    expect(a.cycle).toEqual([1, 100, 500]);
    expect(a.retention).toEqual([1, 0.95, 0.8]);
    const b = parseRetentionCsv('cycle;retention (%)\n1;100\n500;81.2\n', 'b.csv');
    expect(b.retention[1]).toBeCloseTo(0.812, 12);
  });

  const bad: [string, RegExp][] = [
    ['cycle,retention\n1,1\n2,abc\n', /line 3/],
    ['cycle,retention\n1,1\n1,0.9\n', /increase/],
    ['1,100\n2,99\n', /percent/],
    ['cycle,retention\n1\n', /two columns/],
    ['cycle,retention\n1,1\n', /at least two rows/],
    ['cycle,retention\n0,1\n2,0.9\n', /cycle must be/],
    ['cycle,retention\n1,1\n2,-0.2\n', /positive/],
  ];
  for (const [text, re] of bad)
    it(`rejects malformed input: ${JSON.stringify(text.slice(0, 28))}`, () => {
      expect(() => parseRetentionCsv(text, 'bad.csv')).toThrow(InputError);
      expect(() => parseRetentionCsv(text, 'bad.csv')).toThrow(re);
      try {
        parseRetentionCsv(text, 'bad.csv');
      } catch (e) {
        expect((e as InputError).file).toBe('bad.csv');
      }
    });

  it('round-trips any increasing curve (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 5000 }), { minLength: 2, maxLength: 40 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (cycles, r) => {
          const cs = [...cycles].sort((x, y) => x - y);
          const text = `cycle,retention\n${cs.map((c, i) => `${c},${r * (1 - i / 100)}`).join('\n')}\n`;
          const out = parseRetentionCsv(text);
          expect(out.cycle).toEqual(cs);
          for (const [i, v] of out.retention.entries()) expect(v).toBeCloseTo(r * (1 - i / 100), 12);
        },
      ),
    );
  });
});

describe('fitting damage and background parameters', () => {
  const truth = resolveParams({ damageAmplitude2: 4e-4, backgroundFadePerCycle: 3e-4 });
  const src = { kind: 'generated' as const, phi2: 1, alpha: 0, beta: 0, layers: 60 };
  const cycles = [1, 50, 100, 150, 200, 250, 300];
  const settings = { particles: 10, layers: 60, seed: 5, cycleStride: 25 };
  // "Measured" curve: the model with another seed (other particles, other noise).
  const data = modelRetention(src, truth, cycles, { ...settings, seed: 99 });
  const curve = { name: 'synthetic', cycle: cycles, retention: data };

  it('recovers A₂ (k₀ known) from a curve simulated with another seed, with an uncertainty', () => {
    const start = resolveParams({ damageAmplitude2: 1e-4, backgroundFadePerCycle: 3e-4 });
    const fit = fitRetention([{ curve, source: src }], start, ['damageAmplitude2'], settings);
    expect(fit.values.damageAmplitude2 / 4e-4).toBeGreaterThan(0.8);
    expect(fit.values.damageAmplitude2 / 4e-4).toBeLessThan(1.25);
    expect(fit.sigma.damageAmplitude2).toBeGreaterThan(0);
    expect(fit.rmse).toBeLessThan(0.01);
  });

  it('fitting A₂ and k₀ together reproduces the curve (the two are nearly collinear for one single-phase curve)', () => {
    const start = resolveParams({ damageAmplitude2: 1e-4, backgroundFadePerCycle: 1e-4 });
    const fit = fitRetention(
      [{ curve, source: src }],
      start,
      ['damageAmplitude2', 'backgroundFadePerCycle'],
      settings,
    );
    expect(fit.rmse).toBeLessThan(0.01);
    expect(fit.correlation).toHaveLength(4);
    expect(Math.abs(fit.correlation[1])).toBeLessThanOrEqual(1);
  });

  it('refuses more parameters than data points', () => {
    const p = resolveParams({});
    const src = { kind: 'generated' as const, phi2: 1, alpha: 0, beta: 0, layers: 20 };
    expect(() =>
      fitRetention(
        [{ curve: { name: 'x', cycle: [1, 2], retention: [1, 0.99] }, source: src }],
        p,
        ['damageAmplitude2', 'backgroundFadePerCycle'],
        {
          particles: 1,
          layers: 20,
          seed: 1,
          cycleStride: 1,
        },
      ),
    ).toThrow(InputError);
  });
});
