import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpaceGroupsNode } from '../../crystal/spacegroup.node.ts';
import { getOperation, loadOperations, makeContext } from '../registry/registry.ts';
import { Store } from '../store/store.ts';
import { sqliteTestDb, type TestDb } from '../store/testing.ts';
import { LocalPool } from './pool.ts';
import { JobRunner } from './runner.ts';

const cif = readFileSync(
  fileURLToPath(new URL('../../../test/fixtures/platform/Silicon.cif', import.meta.url)),
  'utf8',
);

describe('local jobs on the worker pool', () => {
  let tdb: TestDb;
  let store: Store;
  let pool: LocalPool;
  let runner: JobRunner;

  beforeAll(async () => {
    loadSpaceGroupsNode();
    await loadOperations();
    tdb = await sqliteTestDb();
    store = await Store.open(tdb.url);
    pool = new LocalPool({ threads: 2 });
    runner = new JobRunner(store, pool);
  });
  afterAll(async () => {
    await pool?.close();
    await store?.close();
    await tdb?.cleanup();
  });

  it('runs an XRD job in a worker thread and stores the same numbers as an in-thread run', async () => {
    const p = await store.createProject('jobs');
    const input = { cif, fileName: 'Silicon.cif' };
    const job = await runner.submit({ operationId: 'xrd.pattern', input, projectId: p.id });
    const done = await runner.wait(job.id);
    expect(done.status).toBe('done');
    const direct = await getOperation('xrd.pattern').run(makeContext(1), input);
    expect(done.result).toEqual(JSON.parse(JSON.stringify(direct)));
    const p111 = (done.result as { pattern: { peaks: { twoTheta: number; label: string }[] } }).pattern
      .peaks[0];
    expect(p111.twoTheta).toBeGreaterThan(28.4);
    expect(p111.twoTheta).toBeLessThan(28.5);
  });

  it('splits a seeded sweep into chunks with progress; numbers equal a single-thread run', async () => {
    const input = { cif, strainMin: -0.01, strainMax: 0.01, points: 21, jitter: 0.001 };
    const events: number[] = [];
    const job = await runner.submit({ operationId: 'xrd.strainSweep', input, seed: 7 });
    runner.on(`job:${job.id}`, (e) => events.push(e.progress.done));
    const done = await runner.wait(job.id);
    expect(done.status).toBe('done');
    expect(done.progress).toEqual({ done: 21, total: 21 });
    expect(events.length).toBeGreaterThan(1);
    const direct = await getOperation('xrd.strainSweep').run(makeContext(7), input);
    expect(done.result).toEqual(JSON.parse(JSON.stringify(direct)));
    // Physics: Bragg's law — d scales with (1 + ε) for every line at every point.
    const r = done.result as { points: { strain: number; lines: { d: number }[] }[] };
    const d0 = r.points[10].lines[0].d / (1 + r.points[10].strain);
    for (const pt of r.points) expect(pt.lines[0].d / (1 + pt.strain)).toBeCloseTo(d0, 9);
  });

  it('cancels a running sweep: status cancelled, no result, the pool keeps working', async () => {
    const job = await runner.submit({
      operationId: 'xrd.strainSweep',
      input: { cif, strainMin: -0.05, strainMax: 0.05, points: 20000 },
    });
    await new Promise<void>((resolve) => {
      runner.on(`job:${job.id}`, (e) => e.progress.done > 0 && resolve());
    });
    expect(await runner.cancel(job.id)).toBe(true);
    const after = await runner.wait(job.id);
    expect(after.status).toBe('cancelled');
    expect(after.result).toBeNull();
    const next = await runner.submit({ operationId: 'cif.summary', input: { cif } });
    expect((await runner.wait(next.id)).status).toBe('done');
  });

  it('rejects bad input before storing anything', async () => {
    const before = (await store.listAnalyses()).length;
    await expect(runner.submit({ operationId: 'xrd.pattern', input: { cif: '' } })).rejects.toThrow(/cif/);
    await expect(runner.submit({ operationId: 'no.such', input: {} })).rejects.toThrow(/no such operation/);
    expect((await store.listAnalyses()).length).toBe(before);
  });

  it('a failing operation (unparseable CIF) ends as failed with the reader message', async () => {
    const job = await runner.submit({
      operationId: 'cif.summary',
      input: { cif: 'data_x\n_cell_length_a 5\n' },
    });
    const done = await runner.wait(job.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/\./);
  });
});
