import { readFileSync } from 'node:fs';
import { Rng } from '../src/core/rng.ts';
import { differentialCapacity, summarizeCycles, syntheticCycling } from '../src/electrochem/cycling/index.ts';
import { type CyclingData, parseCyclingFile } from '../src/io/cycling/index.ts';
import type { BenchCase } from './run.ts';

const biologicBytes = readFileSync(
  new URL('../test/fixtures/cycling/test_loopsnewoutput_MB_CE1_short10k.csv', import.meta.url),
);
let bigCsv = '';
let big: CyclingData;

/** A seeded synthetic cell written as a generic CSV of 1 000 000 rows with realistic digits. */
function makeBigCsv(): string {
  const data = syntheticCycling({
    cycles: 50,
    current_A: 0.0025,
    slopeCapacity_Ah: 0.0012,
    plateauCapacity_Ah: 0.0013,
    v0_V: 2.0,
    v1_V: 4.2,
    plateau_V: 3.3,
    plateauWidth_V: 0.02,
    hysteresis_V: 0.05,
    dt_s: 0.36,
    rest_s: 0,
    voltageNoise_V: 0.0005,
    rng: new Rng(20261125),
  });
  const { time_s: t, voltage_V: v, current_A: I, cycle: c, step: s } = data.columns;
  const parts: string[] = ['time_s,voltage_V,current_A,cycle,step'];
  for (let i = 0; i < data.length; i++)
    parts.push(`${t[i].toFixed(3)},${v[i].toFixed(5)},${I[i].toFixed(6)},${c![i]},${s![i]}`);
  return parts.join('\n');
}

export const cases: BenchCase[] = [
  {
    name: 'cycling: parse generic CSV, 10⁶ rows (50 cycles, seeded synthetic)',
    note: 'peer (pandas.read_csv / cellpy custom loader) not runnable here: no PyPI',
    setup: () => {
      bigCsv = makeBigCsv();
      process.stderr.write(`generic CSV: ${(bigCsv.length / 1e6).toFixed(1)} MB\n`);
    },
    run: () => {
      big = parseCyclingFile(bigCsv, { fileName: 'synthetic-1e6.csv' });
    },
  },
  {
    name: 'cycling: step table + summary of the 10⁶-row file',
    setup: () => {
      big ??= parseCyclingFile(bigCsv, { fileName: 'synthetic-1e6.csv' });
    },
    run: () => summarizeCycles(big),
  },
  {
    name: 'cycling: dQ/dV + dV/dQ of one cycle of the 10⁶-row file (20 000 rows)',
    run: () => differentialCapacity(big, 25),
  },
  {
    name: 'cycling: parse + summary, BioLogic Modulo-Bat CSV (9 999 rows × 72 columns, 2.9 MB)',
    run: () => summarizeCycles(parseCyclingFile(biologicBytes, { fileName: 'biologic.csv' })),
    iterations: 10,
  },
  {
    name: 'cycling: parse + dQ/dV cycle 1, BioLogic Modulo-Bat CSV',
    run: () => differentialCapacity(parseCyclingFile(biologicBytes, { fileName: 'biologic.csv' }), 1),
    iterations: 10,
  },
];
