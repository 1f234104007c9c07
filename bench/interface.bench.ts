import { simulateEnsemble } from '../src/interface/index.ts';
import type { BenchCase } from './run.ts';

const input = { electrolyte: 'Na3Zr2Si2PO12', thickness_cm: 0.05, T_K: 298.15, pressure_MPa: 1 };
const ramp = {
  kind: 'step-ramp',
  start_mA_cm2: 0.05,
  increment_mA_cm2: 0.05,
  stepDuration_s: 1800,
  maxSteps: 200,
} as const;

export const cases: BenchCase[] = [
  {
    name: 'interface: 1 000-cell Weibull flaw ensemble, Na|NZSP|Na step ramp 0.05 mA/cm² per 30 min, 1 MPa, 25 °C',
    note: 'no peer code: natrium-only model (30 time steps per half step)',
    run: () => simulateEnsemble(input, ramp, 1000, 1),
    iterations: 3,
  },
];
