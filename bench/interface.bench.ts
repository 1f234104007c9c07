import { readCcd, readMeasuredTrace, simulateEnsemble } from '../src/interface/index.ts';
import type { BenchCase } from './run.ts';

const input = { electrolyte: 'Na3Zr2Si2PO12', thickness_cm: 0.05, T_K: 298.15, pressure_MPa: 1 };
const ramp = {
  kind: 'step-ramp',
  start_mA_cm2: 0.05,
  increment_mA_cm2: 0.05,
  stepDuration_s: 1800,
  maxSteps: 200,
} as const;

/** A 200 000-row symmetric-cell step ramp as a generic cycler CSV (time_s, voltage_V, current_A), 1 s sampling. */
function longCyclerTrace(): string {
  const area = 0.785;
  const lines = ['time_s,voltage_V,current_A'];
  for (let i = 0; i < 200_000; i++) {
    const step = Math.floor(i / 1200);
    const j = 0.05 * (step + 1) * (i % 1200 < 600 ? 1 : -1); // mA/cm²
    const r =
      80 * (1 + 0.005 * Math.sin(i / 20)) * (step >= 150 && i % 1200 < 600 ? 1 + (i % 1200) / 300 : 1);
    lines.push(`${i},${(j * 1e-3 * r).toFixed(7)},${((j * area) / 1e3).toExponential(9)}`);
  }
  return lines.join('\n');
}
const cyclerText = longCyclerTrace();

export const cases: BenchCase[] = [
  {
    name: 'interface: 1 000-cell Weibull flaw ensemble, Na|NZSP|Na step ramp 0.05 mA/cm² per 30 min, 1 MPa, 25 °C',
    note: 'no peer code: natrium-only model (30 time steps per half step)',
    run: () => simulateEnsemble(input, ramp, 1000, 1),
    iterations: 3,
  },
  {
    name: 'interface: CCD read-off of a 200 000-row cycler CSV (generic reader, A → mA/cm², symmetric check, step read-off)',
    note: 'no peer code; reading through src/io/cycling dominates',
    run: () => {
      const m = readMeasuredTrace(cyclerText, { fileName: 'bench.csv', area_cm2: 0.785 });
      return readCcd(m.trace);
    },
    iterations: 5,
  },
];
