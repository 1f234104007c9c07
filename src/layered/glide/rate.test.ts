import { describe, expect, it } from 'vitest';
import { resolveParams } from './params.ts';
import { effectiveDiffusivity, rateCapability, sphereDischargeFraction } from './rate.ts';

describe('single-particle spherical diffusion', () => {
  const p = resolveParams({});

  it('fast diffusion delivers the whole window', () => {
    expect(sphereDischargeFraction(p, 1e-6, 5, 1)).toBeGreaterThan(0.99);
  });

  it('matches the quasi-steady limit 1 − R²C/(15·3600·D) of constant-flux diffusion in a sphere', () => {
    // Surface minus mean concentration = J·R/(5D) once the profile is parabolic (t ≫ R²/D·0.1).
    const D = 1e-10;
    const R = 5;
    const c = 1;
    const expected = 1 - ((R * 1e-4) ** 2 * c) / (15 * 3600 * D);
    expect(sphereDischargeFraction(p, D, R, c, { shells: 80, stepsPerDischarge: 2000 })).toBeCloseTo(
      expected,
      2,
    );
  });

  it('capacity falls with C-rate and rises with diffusivity', () => {
    const slow = rateCapability(p, 0.8, [0.1, 1, 5]);
    const fast = rateCapability(p, 0.1, [0.1, 1, 5]);
    expect(slow.capacityFraction[0]).toBeGreaterThan(slow.capacityFraction[1]);
    expect(slow.capacityFraction[1]).toBeGreaterThan(slow.capacityFraction[2]);
    for (let i = 0; i < 3; i++) expect(fast.capacityFraction[i]).toBeGreaterThan(slow.capacityFraction[i]);
  });

  it('P and O layers conduct in parallel (arithmetic mean)', () => {
    expect(effectiveDiffusivity(p, 0)).toBe(p.diffusivityPCm2PerS);
    expect(effectiveDiffusivity(p, 1)).toBe(p.diffusivityOCm2PerS);
    expect(effectiveDiffusivity(p, 0.5)).toBeCloseTo((p.diffusivityPCm2PerS + p.diffusivityOCm2PerS) / 2, 20);
  });

  it('rejects a non-positive C-rate', () => {
    expect(() => sphereDischargeFraction(p, 1e-10, 5, 0)).toThrow(/C-rate/);
  });
});
