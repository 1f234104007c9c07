import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { Rng } from '../../core/rng.ts';
import { parseDiffax } from './diffax.ts';
import { FaultedPowderPool, faultedPowderPatternParallel } from './parallel.node.ts';
import { faultedPowderPattern } from './powder.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/stacking/${name}`, import.meta.url), 'utf8');

/** Bit-for-bit equality of two Float64Arrays (Object.is also separates 0 and −0). */
function identical(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

describe('worker threads across rods (1 vs k workers give identical numbers)', () => {
  const pool = new FaultedPowderPool(2);
  afterAll(() => pool.close());

  it('DIFFaX fixture caseB α = 0.20, infinite recursion, 5–90° at 0.02°: 1 and 2 workers bit-identical', async () => {
    const input = parseDiffax(fixture('caseB_P2P3_alpha0.20.dat'));
    const o = { wavelength: input.wavelength, twoThetaRange: [5, 90] as [number, number], step: 0.02 };
    const one = faultedPowderPattern(input.model, o);
    const two = await pool.pattern(input.model, o);
    expect(two.intensity).toBeInstanceOf(Float64Array);
    expect(identical(one.intensity, two.intensity)).toBe(true);
    expect(two.rods).toEqual(one.rods);
    expect(two.minPivot).toBe(one.minPivot);
    // a real pattern, not two empty arrays
    expect(Math.max(...one.intensity)).toBeGreaterThan(0);
    expect(one.rods.length).toBeGreaterThan(3);
  });

  it('explicit average over seeded random stacks, with lateral size: identical too', async () => {
    const input = parseDiffax(fixture('caseB_P2P3_alpha0.30.dat'));
    const model = { ...input.model, lateralWidth: { a: 150, b: 150 } };
    const o = (seed: number) => ({
      wavelength: input.wavelength,
      twoThetaRange: [30, 50] as [number, number],
      step: 0.05,
      average: { stacks: 4, layers: 30, rng: new Rng(seed) },
    });
    const one = faultedPowderPattern(model, o(7));
    const two = await faultedPowderPatternParallel(model, { ...o(7), workers: 2 });
    expect(identical(one.intensity, two.intensity)).toBe(true);
  });

  it('progress reaches the number of orbits; bad worker counts are InputErrors', async () => {
    const input = parseDiffax(fixture('caseB_P2P3_alpha0.00.dat'));
    const seen: number[] = [];
    const p = await pool.pattern(input.model, {
      wavelength: input.wavelength,
      twoThetaRange: [10, 40],
      step: 0.05,
      onProgress: (d, t) => seen.push(d / t),
    });
    expect(seen.at(-1)).toBe(1);
    expect(seen).toHaveLength(p.rods.length);
    for (const w of [0, 1.5, 1000])
      await expect(
        faultedPowderPatternParallel(input.model, {
          wavelength: 1.54,
          twoThetaRange: [10, 40],
          step: 0.05,
          workers: w,
        }),
      ).rejects.toThrow(InputError);
  });
});
