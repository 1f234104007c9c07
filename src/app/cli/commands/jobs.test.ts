/** `natrium jobs run <id> --flags…`: the operation's generated flags, run as a stored job (in-process). */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getOperation, loadOperations, makeContext, runOperation } from '../../registry/registry.ts';
import { sqliteTestDb, type TestDb } from '../../store/testing.ts';
import { type CommandRun, runCommandInProcess } from '../testing.ts';
import { register } from './jobs.ts';

let db: TestDb;
beforeAll(async () => {
  await loadOperations();
  db = await sqliteTestDb();
});
afterAll(() => db.cleanup());
afterEach(() => vi.restoreAllMocks());

/** Runs `natrium jobs …` in this process; returns stdout, stderr and the exit code. */
function jobs(args: string[]): Promise<CommandRun> {
  return runCommandInProcess(register, ['jobs', ...args, '--db', db.url]);
}

describe('natrium jobs run <id> with the generated flags', () => {
  it('stores the validated input, the seed (also the input seed field) and the registry result', async () => {
    const r = await jobs([
      'run',
      'stacking.generate',
      '--model',
      'markov',
      '--phi2',
      '0.4',
      '--alpha',
      '0.2',
      '--layers',
      '30',
      '--seed',
      '11',
      '--threads',
      '1',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const row = JSON.parse(r.stdout);
    const input = { model: 'markov', phi2: 0.4, alpha: 0.2, layers: 30, seed: 11 };
    expect(row.status).toBe('done');
    expect(row.seed).toBe(11);
    expect(row.params).toEqual(input);
    const reg = await runOperation(getOperation('stacking.generate'), input, makeContext(11));
    expect(row.result).toEqual(JSON.parse(JSON.stringify(reg)));
  }, 120_000);

  it('a bad flag value or an unknown flag is one sentence naming it, exit code 2', async () => {
    const bad = await jobs([
      'run',
      'stacking.generate',
      '--model',
      'markov',
      '--phi2',
      '2',
      '--alpha',
      '0.1',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^natrium: --phi2: too big: expected number to be <=1 \(found "2"\)\.\n$/);
    const unknown = await jobs(['run', 'stacking.analyze', '--sequense', 'AB']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^natrium: unknown option '--sequense' \(Did you mean --sequence\?\)/);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
  });
});
