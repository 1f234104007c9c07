import { readFileSync } from 'node:fs';
import { computeDrt, fitCircuit } from '../src/electrochem/eis/index.ts';
import { type ImpedanceSpectrum, parseImpedance } from '../src/io/eis/index.ts';
import type { BenchCase } from './run.ts';

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/eis/${name}`, import.meta.url));
const expected = JSON.parse(fixture('expected/exampleData_fit_A_impedancepy.json').toString('utf8'));
let exampleData: ImpedanceSpectrum;
let zarc: ImpedanceSpectrum;

export const cases: BenchCase[] = [
  {
    name: 'EIS fit A: exampleData.csv, R0-p(R1,C1)-p(R2-Wo1,C2), impedance.py guess (+ σ, covariance)',
    note: `impedance.py 1.7.1 (scipy curve_fit): ${(expected.runtime_s * 1000).toFixed(0)} ms recorded in the reference JSON (other machine)`,
    setup: () => {
      exampleData = parseImpedance(fixture('exampleData.csv'), { fileName: 'exampleData.csv' });
    },
    run: () => fitCircuit(expected.circuit, exampleData, { initialGuess: expected.initial_guess }),
    iterations: 20,
  },
  {
    name: 'EIS fit A without a guess: data-driven guess + 12 random starts',
    run: () => fitCircuit(expected.circuit, exampleData),
    iterations: 5,
  },
  {
    name: 'DRT 1ZARC.csv (81 pts, Gaussian RBF, 1st-derivative penalty, λ by GCV, NNLS)',
    note: 'pyDRTtools (cvxopt QP + GCV): not runnable here (no PyPI); compare by hand',
    setup: () => {
      zarc = parseImpedance(fixture('pydrttools/1ZARC.csv'), { fileName: '1ZARC.csv' });
    },
    run: () => computeDrt(zarc, { lambdaMethod: 'gcv' }),
    iterations: 10,
  },
  {
    name: 'DRT 1ZARC.csv, fixed λ = 1e-3',
    run: () => computeDrt(zarc, { lambda: 1e-3 }),
    iterations: 10,
  },
];
