import { readFileSync } from 'node:fs';
import { Rng } from '../src/core/rng.ts';
import { type DiffaxInput, faultedPowderPattern, parseDiffax } from '../src/diffraction/faulted/index.ts';
import { FaultedPowderPool } from '../src/diffraction/faulted/parallel.node.ts';
import { analyzeStack, markovStack } from '../src/layered/index.ts';
import type { BenchCase } from './run.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../test/fixtures/stacking/${name}`, import.meta.url), 'utf8');
let p2p3: DiffaxInput;
let pool: FaultedPowderPool | undefined;
const options = (input: DiffaxInput, range: [number, number]) => ({
  wavelength: input.wavelength,
  twoThetaRange: range,
  step: 0.02,
});
const run = (input: DiffaxInput, range: [number, number]) =>
  faultedPowderPattern(input.model, options(input, range));
const FORTRAN = 'DIFFaX 1.813 (Fortran) ≈ 0.4 s for this input on this machine (issue #3)';

export const cases: BenchCase[] = [
  {
    name: 'Faulted P2/P3 (α = 0.2) recursion, 5–90° at 0.02°, Cu Kα1, 1 worker (this thread)',
    note: FORTRAN,
    setup: () => {
      p2p3 = parseDiffax(fixture('caseB_P2P3_alpha0.20.dat'));
    },
    run: () => run(p2p3, [5, 90]),
  },
  {
    name: 'Same, 2 worker threads across rods (warm pool; bit-identical numbers)',
    note: `${FORTRAN}; a cold pool adds ≈ 1 s of thread start-up (tsx loader + modules)`,
    setup: async () => {
      p2p3 ??= parseDiffax(fixture('caseB_P2P3_alpha0.20.dat'));
      await pool?.close();
      pool = new FaultedPowderPool(2);
    },
    run: () => (pool as FaultedPowderPool).pattern(p2p3.model, options(p2p3, [5, 90])),
  },
  {
    name: 'Faulted P2/P3 (α = 0.2), explicit average of 8 stacks × 50 layers, 5–90°, 1 worker',
    setup: async () => {
      p2p3 ??= parseDiffax(fixture('caseB_P2P3_alpha0.20.dat'));
    },
    run: () =>
      faultedPowderPattern(p2p3.model, {
        ...options(p2p3, [5, 90]),
        average: { stacks: 8, layers: 50, rng: new Rng(1) },
      }),
  },
  {
    name: 'Same explicit average, 2 worker threads (warm pool)',
    run: () =>
      (pool as FaultedPowderPool).pattern(p2p3.model, {
        ...options(p2p3, [5, 90]),
        average: { stacks: 8, layers: 50, rng: new Rng(1) },
      }),
  },
  {
    name: 'Faulted P2 (α = 0, sharp rows, adaptive breakpoints), 5–90° at 0.02°',
    setup: async () => {
      await pool?.close();
      pool = undefined;
    },
    run: () => run(parseDiffax(fixture('caseB_P2P3_alpha0.00.dat')), [5, 90]),
  },
  {
    name: 'Stacking analysis of a 10⁵-slab Markov stack (q = 0.1)',
    run: () => analyzeStack(markovStack({ q2: 0.1, q3: 0.1, slabs: 100_000 }, new Rng(1))),
  },
];
