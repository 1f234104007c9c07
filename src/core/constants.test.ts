import { describe, expect, it } from 'vitest';
import {
  BOHR_RADIUS_A,
  BOLTZMANN_EV_PER_K,
  FARADAY_C_PER_MOL,
  GAS_CONSTANT_J_PER_MOL_K,
  HC_KEV_A,
  KJ_PER_MOL_PER_EV,
} from './constants.ts';

describe('CODATA 2018 constants', () => {
  it('derives F, R, k_B/e and hc from the exact SI constants', () => {
    expect(FARADAY_C_PER_MOL).toBeCloseTo(96485.33212331, 6);
    expect(GAS_CONSTANT_J_PER_MOL_K).toBeCloseTo(8.314462618153, 10);
    expect(BOLTZMANN_EV_PER_K).toBeCloseTo(8.617333262e-5, 14);
    expect(HC_KEV_A).toBeCloseTo(12.398419843320026, 12);
    expect(KJ_PER_MOL_PER_EV).toBeCloseTo(96.48533212331, 9);
  });

  it('has the Bohr radius in Å', () => {
    expect(BOHR_RADIUS_A).toBe(0.529177210903);
  });
});
