import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../core/errors.ts';
import { chunkRanges } from '../jobs/task.ts';
import {
  getOperation,
  listOperations,
  loadOperations,
  makeContext,
  parseInput,
  registerOperation,
} from './registry.ts';
import { defineOperation, runAllPoints, type SweepSpec } from './types.ts';

describe('operations registry', () => {
  it('discovers the built-in operations once, however often it is loaded', async () => {
    await Promise.all([loadOperations(), loadOperations()]);
    const ids = listOperations().map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining(['cif.summary', 'xrd.pattern', 'xrd.strainSweep']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses malformed ids and a second operation under the same id', () => {
    const op = defineOperation({
      id: 'test.echo',
      title: 'echo',
      description: '',
      input: z.object({ x: z.number() }),
      output: z.number(),
      run: (_c, i) => i.x,
    });
    expect(() => registerOperation({ ...op, id: 'Bad Id' })).toThrow(/dotted camelCase/);
    registerOperation(op);
    registerOperation(op); // the same object again is fine
    expect(() => registerOperation({ ...op })).toThrow(/registered twice/);
  });

  it('names the unknown operation and the first bad field of an input', () => {
    expect(() => getOperation('nope.nothing')).toThrow(InputError);
    expect(() => getOperation('nope.nothing')).toThrow(/cif\.summary/);
    const err = (() => {
      try {
        parseInput(getOperation('xrd.strainSweep'), { cif: 'x', strainMin: 0, strainMax: 0.01, points: 0 });
      } catch (e) {
        return e as InputError;
      }
    })();
    expect(err?.field).toBe('points');
  });

  it('a sweep gives the same numbers for every chunking (points use rng.split(index))', async () => {
    const sweep: SweepSpec<{ n: number }, number, number[]> = {
      count: (i) => i.n,
      runRange: (ctx, _i, s, e) => Array.from({ length: e - s }, (_, k) => ctx.rng.split(s + k).next()),
      reduce: (_i, parts) => parts,
    };
    const whole = await runAllPoints(sweep)(makeContext(3), { n: 37 });
    for (const size of [1, 5, 36, 100]) {
      const parts: number[] = [];
      for (const [s, e] of chunkRanges(37, size))
        parts.push(...(await sweep.runRange(makeContext(3), { n: 37 }, s, e)));
      expect(sweep.reduce({ n: 37 }, parts)).toEqual(whole);
    }
    expect(chunkRanges(10, 4)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
  });
});
