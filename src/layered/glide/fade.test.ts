import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/rng.ts';
import { type LocalLabel, stackFromLabels } from '../index.ts';
import {
  DEFAULT_CALIBRATION_SETTINGS,
  INTERGROWTH_OBSERVED,
  modelRetention,
  SINGLE_PHASE_TARGET,
  singlePhaseSource,
} from './calibrate.ts';
import { applyCycleDamage } from './damage.ts';
import { retentionAt } from './ensemble.ts';
import { latticeFromStack } from './lattice.ts';
import { DEFAULT_GLIDE_PARAMS, resolveParams } from './params.ts';
import { newParticle } from './particle.ts';
import { simulateEnsemble } from './run.ts';

describe('damage law (Basquin/Paris-type in run length and ε_c)', () => {
  const p = resolveParams({ damageAmplitude2: 0.01, damageAmplitude3: 0.02, damageExponent: 1.5 });
  const lat = latticeFromStack(stackFromLabels(new Array<LocalLabel>(12).fill('P2')));

  it('ΔD = A·(|ε_c|·L/L_ref)^m for each interlayer of a transformed run', () => {
    const st = newParticle(lat, p, new Rng(1));
    st.strength.fill(1e9);
    // Runs: [0..3] (4), [6..7] (2); interlayer 4 and 5 stay P.
    for (const i of [0, 1, 2, 3, 6, 7]) st.transformed[i] = 1;
    applyCycleDamage(st, p, 3);
    const d = (L: number) => 3 * 0.01 * ((Math.abs(p.strainC2) * L) / p.damageReferenceLayers) ** 1.5;
    expect(st.damage[0]).toBeCloseTo(d(4), 14);
    expect(st.damage[3]).toBeCloseTo(d(4), 14);
    expect(st.damage[4]).toBe(0);
    expect(st.damage[6]).toBeCloseTo(d(2), 14);
    expect(st.damage[11]).toBe(0);
  });

  it('an inactive interlayer does not split a run but is not damaged; failure makes interlayers inactive', () => {
    const st = newParticle(lat, p, new Rng(1));
    st.strength.fill(1e9);
    st.active[2] = 0;
    for (const i of [0, 1, 3]) st.transformed[i] = 1;
    applyCycleDamage(st, p, 1);
    const d4 = 0.01 * ((Math.abs(p.strainC2) * 4) / p.damageReferenceLayers) ** 1.5;
    expect(st.damage[0]).toBeCloseTo(d4, 14);
    expect(st.damage[2]).toBe(0);
    st.strength[0] = st.damage[0] * 1.5;
    const failed = applyCycleDamage(st, p, 1);
    expect(failed).toContain(0);
    expect(st.active[0]).toBe(0);
  });
});

describe('retention curve', () => {
  it('without damage, retention is the background fade exp(−k₀(N−1)) exactly', () => {
    const p = resolveParams({ damageAmplitude2: 0, damageAmplitude3: 0, backgroundFadePerCycle: 3e-4 });
    const r = simulateEnsemble({ kind: 'sequence', sequence: 'P2*40' }, p, {
      cycles: 50,
      particles: 2,
      seed: 1,
      cycleStride: 7,
    });
    r.cycles.forEach((c, k) => {
      expect(r.retention[k]).toBeCloseTo(Math.exp(-3e-4 * (c - 1)), 14);
    });
    expect(retentionAt(r, 50)).toBeCloseTo(Math.exp(-3e-4 * 49), 14);
  });

  it('single-phase P2 and P3 land in their calibration range (67–69 % at 500 cycles) with the default set', () => {
    const s = DEFAULT_CALIBRATION_SETTINGS;
    for (const chi of [2, 3] as const) {
      const r = modelRetention(singlePhaseSource(chi, s.layers), DEFAULT_GLIDE_PARAMS, [500], s)[0];
      expect(r).toBeGreaterThanOrEqual(SINGLE_PHASE_TARGET.low);
      expect(r).toBeLessThanOrEqual(SINGLE_PHASE_TARGET.high);
    }
  });

  it('and stay near it with another seed (stochastic spread of the calibration)', () => {
    const s = { ...DEFAULT_CALIBRATION_SETTINGS, seed: 77 };
    for (const chi of [2, 3] as const) {
      const r = modelRetention(singlePhaseSource(chi, s.layers), DEFAULT_GLIDE_PARAMS, [500], s)[0];
      expect(Math.abs(r - 0.68)).toBeLessThan(0.04);
    }
  });
});

describe('trends that can fail (φ₂ = 0.5, 500 cycles, default parameter set)', () => {
  const s = { particles: 10, layers: 200, seed: 3, cycleStride: 25 };
  const at500 = (alpha: number, beta: number) =>
    modelRetention(
      { kind: 'generated', phi2: 0.5, alpha, beta, layers: s.layers },
      DEFAULT_GLIDE_PARAMS,
      [500],
      s,
    )[0];

  it('retention at 500 cycles rises with α (β = 0.5)', () => {
    const r = [0.03, 0.1, 0.25].map((a) => at500(a, 0.5));
    expect(r[1]).toBeGreaterThan(r[0]);
    expect(r[2]).toBeGreaterThan(r[1]);
  });

  it('retention at 500 cycles falls with β (α = 0.15)', () => {
    // The β effect is small (≈ 0.5–1 % here) and weakest at low α, where it is within the noise.
    const r = [0.1, 0.7].map((b) => at500(0.15, b));
    expect(r[1]).toBeLessThan(r[0]);
  });

  it('the engineered intergrowth is predicted above both single-phase materials (never fitted to 81.2 %)', () => {
    const inter = at500(0.1, 0.5);
    const p2 = modelRetention(singlePhaseSource(2, s.layers), DEFAULT_GLIDE_PARAMS, [500], s)[0];
    const p3 = modelRetention(singlePhaseSource(3, s.layers), DEFAULT_GLIDE_PARAMS, [500], s)[0];
    expect(inter).toBeGreaterThan(p2);
    expect(inter).toBeGreaterThan(p3);
    // Recorded for the report; not asserted against (the model was not fitted to it).
    expect(INTERGROWTH_OBSERVED.retention).toBe(0.812);
  });
});
