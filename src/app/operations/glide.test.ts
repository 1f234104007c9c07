import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { DEFAULT_GLIDE_PARAMS } from '../../layered/glide/index.ts';
import { glideMap, glideRate, glideSimulate } from './glide.ts';
import { runGlideTasks } from './glidePool.ts';

const run = promisify(execFile);
const BIN = new URL('../../../bin/natrium', import.meta.url).pathname;
const FIX = new URL('../../../test/fixtures/glide/', import.meta.url).pathname;

async function natrium(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const P = DEFAULT_GLIDE_PARAMS;

describe('worker pool', () => {
  it('1 worker and 2 workers give identical particles and maps', async () => {
    const source = { kind: 'generated' as const, phi2: 0.5, alpha: 0.15, beta: 0.4, layers: 60 };
    const options = { cycles: 30, particles: 4, seed: 12, cycleStride: 10 };
    const tasks = [0, 1, 2, 3].map((index) => ({
      kind: 'particle' as const,
      index,
      source,
      params: P,
      options,
    }));
    const one = await runGlideTasks(tasks, 1);
    const two = await runGlideTasks(tasks, 2);
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    const req = {
      alpha: '0.05:0.2:2',
      beta: '0.2:0.6:2',
      cycles: 20,
      particles: 2,
      layers: 60,
      cycleStride: 10,
    };
    const m1 = await glideMap({ ...req, workers: 1 }, P);
    const m2 = await glideMap({ ...req, workers: 2 }, P);
    expect(m2.retention).toEqual(m1.retention);
    expect(m1.pareto.length).toBeGreaterThan(0);
  });
});

describe('operations', () => {
  it('simulate returns the issue keys and an operando series of explicit stacks', async () => {
    const r = await glideSimulate(
      { alpha: 0.1, beta: 0.5, layers: 60, cycles: 20, particles: 2, cycleStride: 5 },
      P,
    );
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining(['cycles', 'retention', 'retentionAt', 'oFraction', 'params']),
    );
    expect(r.retentionAt['20']).toBeCloseTo(r.retention[r.retention.length - 1], 12);
    expect(r.params.damageAmplitude2.assumption).toBe(false);
    expect(r.params.coherencyCouplingEv.assumption).toBe(true);
    expect(r.operando.stacks.length).toBeGreaterThanOrEqual(3);
    expect(r.operando.stacks[0].sequence).toMatch(/^[ABC]+$/);
  });

  it('operando series: explicit stacks → faulted-stack XRD patterns (O-type stacking shifts 00l to higher angle)', async () => {
    const r = await glideSimulate(
      { sequence: 'P2*30', cycles: 1, particles: 1, snapshotNa: [0.8, 0.15], operandoXrd: true },
      { ...P, anchoring: 'none' },
    );
    if (typeof r.operando.xrd === 'string') throw new Error('no patterns');
    const [start, charged] = r.operando.xrd.patterns;
    // Position of the strongest low-angle (00l) peak below 25° 2θ.
    const peak = (p: { twoTheta: number[]; intensity: number[] }) => {
      let best = 0;
      for (let i = 0; i < p.twoTheta.length; i++)
        if (p.twoTheta[i] < 25 && p.intensity[i] > p.intensity[best]) best = i;
      return p.twoTheta[best];
    };
    expect(r.operando.stacks[1].oFraction).toBeGreaterThan(0.9);
    // d shrinks from ≈5.6 Å (P2) to ≈4.5 Å (O2): 2θ(002) moves from ≈15.9° to ≈19.8°.
    expect(peak(start)).toBeCloseTo(15.9, 0);
    expect(peak(charged)).toBeGreaterThan(18.5);
  });

  it('rate capability rises with α (anchoring keeps fast P-type layers at the end of charge)', async () => {
    const base = { phi2: 0.5, beta: 0.5, layers: 100, particles: 4, cRates: [0.5, 2, 5] };
    const low = await glideRate({ ...base, alpha: 0.03 }, P);
    const high = await glideRate({ ...base, alpha: 0.3 }, P);
    expect(high.oFractionAtCharge).toBeLessThan(low.oFractionAtCharge);
    for (let i = 0; i < 3; i++) expect(high.capacityFraction[i]).toBeGreaterThan(low.capacityFraction[i]);
  });

  const bad: [string, () => Promise<unknown>, RegExp][] = [
    ['α > 1', () => glideSimulate({ alpha: 1.5, cycles: 2, particles: 1 }, P), /α/],
    ['α < 0', () => glideSimulate({ alpha: -0.1, cycles: 2, particles: 1 }, P), /α/],
    ['β < 0', () => glideSimulate({ alpha: 0.1, beta: -1, cycles: 2, particles: 1 }, P), /β/],
    ['zero particles', () => glideSimulate({ alpha: 0.1, cycles: 2, particles: 0 }, P), /particles/],
    [
      'reversed x limits',
      () => glideSimulate({ alpha: 0.1, cycles: 2, particles: 1 }, { ...P, xMin: 0.9, xMax: 0.2 }),
      /reversed/,
    ],
    ['map α axis', () => glideMap({ alpha: '0:2:3', beta: '0:1:2' }, P), /α/],
    [
      'infeasible β raised inside a worker thread',
      () => glideSimulate({ alpha: 0.2, beta: 5, cycles: 2, particles: 2, workers: 2 }, P),
      /CV|spread/,
    ],
  ];
  for (const [name, f, re] of bad)
    it(`bad input → InputError: ${name}`, async () => {
      await expect(f()).rejects.toThrow(InputError);
      await expect(f()).rejects.toThrow(re);
    });
});

describe('natrium glide (CLI contract)', () => {
  it('simulate --json prints one JSON document with cycles, retention, retentionAt, oFraction, params', async () => {
    const r = await natrium(
      'glide',
      'simulate',
      '--alpha',
      '0.1',
      '--beta',
      '0.5',
      '--layers',
      '40',
      '--cycles',
      '10',
      '--particles',
      '2',
      '--json',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    for (const k of ['cycles', 'retention', 'retentionAt', 'oFraction', 'params'])
      expect(doc).toHaveProperty(k);
    expect(doc.retention[0]).toBe(1);
  });

  it('simulate accepts a sequence and a parameter file', async () => {
    const r = await natrium(
      'glide',
      'simulate',
      'P2*20 P3*20',
      '--params',
      `${FIX}params-fast-fade.json`,
      '--cycles',
      '11',
      '--particles',
      '1',
      '--json',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.params.backgroundFadePerCycle.value).toBe(0.001);
    expect(doc.params.xMin.value).toBe(0.2);
  });

  const badCli: [string[], RegExp][] = [
    [['glide', 'simulate', '--alpha', '1.2', '--json'], /α/],
    [['glide', 'simulate', '--alpha', '0.1', '--beta', '-0.5', '--json'], /β/],
    [['glide', 'simulate', '--alpha', '0.1', '--particles', '0', '--json'], /particles/],
    [['glide', 'map', '--alpha', '0:1:2', '--beta', 'x', '--json'], /beta/],
    [['glide', 'calibrate', `${FIX}malformed.csv`, '--json'], /malformed\.csv.*line 3/],
    [['glide', 'rate', '--alpha', '0.1', '--c-rates', '1,-2', '--json'], /C-rate/],
    [
      ['glide', 'simulate', '--alpha', '0.1', '--params', `${FIX}params-reversed.json`, '--json'],
      /params-reversed\.json.*reversed/,
    ],
  ];
  for (const [args, re] of badCli)
    it(`exit 2 with one sentence: ${args.slice(1).join(' ')}`, async () => {
      const r = await natrium(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(re);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });

  it('calibrate fits a retention CSV and reports uncertainties', async () => {
    const r = await natrium(
      'glide',
      'calibrate',
      `${FIX}retention-p2-synthetic.csv`,
      '--layers',
      '40',
      '--particles',
      '3',
      '--cycle-stride',
      '50',
      '--fit',
      'damageAmplitude2',
      '--json',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.fitted.damageAmplitude2).toBeGreaterThan(0);
    expect(doc.sigma.damageAmplitude2).toBeGreaterThan(0);
    expect(doc.rmse).toBeLessThan(0.05);
  });
});
