import { readFileSync } from 'node:fs';
import { Rng } from '../src/core/rng.ts';
import { type DiffaxInput, faultedPowderPattern, parseDiffax } from '../src/diffraction/faulted/index.ts';
import { analyzeStack, markovStack } from '../src/layered/index.ts';
import type { BenchCase } from './run.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../test/fixtures/stacking/${name}`, import.meta.url), 'utf8');
let p2p3: DiffaxInput;
const run = (input: DiffaxInput, range: [number, number]) =>
  faultedPowderPattern(input.model, { wavelength: input.wavelength, twoThetaRange: range, step: 0.02 });

export const cases: BenchCase[] = [
  {
    name: 'Faulted P2/P3 (α = 0.2) recursion, 5–90° at 0.02°, Cu Kα1',
    note: 'DIFFaX 1.813 (Fortran) ≈ 0.4 s for this input on this machine (issue #3); single thread here',
    setup: () => {
      p2p3 = parseDiffax(fixture('caseB_P2P3_alpha0.20.dat'));
    },
    run: () => run(p2p3, [5, 90]),
  },
  {
    name: 'Faulted P2 (α = 0, sharp rows, adaptive breakpoints), 5–90° at 0.02°',
    run: () => run(parseDiffax(fixture('caseB_P2P3_alpha0.00.dat')), [5, 90]),
  },
  {
    name: 'Stacking analysis of a 10⁵-slab Markov stack (q = 0.1)',
    run: () => analyzeStack(markovStack({ q2: 0.1, q3: 0.1, slabs: 100_000 }, new Rng(1))),
  },
];
