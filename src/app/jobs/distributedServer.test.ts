/**
 * Distributed sweeps submitted to the HTTP server (`POST /api/jobs` with mode "distributed") and
 * computed by two `natrium worker` processes on a real Redis (NATRIUM_TEST_REDIS_URL; .ci/run starts
 * one): the stored result equals the local run, progress is summed over chunks, and a cancel
 * mid-sweep stops the running chunks on the workers, removes the waiting ones, stores no result and
 * lets no further chunk result be written.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSpaceGroupsNode } from '../../crystal/spacegroup.node.ts';
import { getOperation, loadOperations, makeContext } from '../registry/registry.ts';
import { createApp } from '../server/app.ts';
import { Store } from '../store/store.ts';
import { requireServer, sqliteTestDb, TEST_REDIS_URL, type TestDb } from '../store/testing.ts';
import { CHUNK_CANCELLED } from './distributed.ts';
import { LocalPool } from './pool.ts';
import { type JobEvent, JobRunner } from './runner.ts';

const BIN = fileURLToPath(new URL('../../../bin/natrium', import.meta.url));
const cif = readFileSync(
  fileURLToPath(new URL('../../../test/fixtures/platform/Silicon.cif', import.meta.url)),
  'utf8',
);

interface WorkerProc {
  proc: ChildProcess;
  log: string[];
  ready: Promise<void>;
}

function startWorker(queue: string): WorkerProc {
  const proc = spawn(process.execPath, [BIN, 'worker', '--redis', TEST_REDIS_URL ?? '', '--queue', queue], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    proc.stderr?.on('data', (b: Buffer) => {
      for (const l of b.toString().split('\n')) if (l) log.push(l);
      if (log.some((l) => l.includes('ready on'))) resolve();
    });
    proc.on('exit', (code) => reject(new Error(`worker exited early (${code}): ${log.join(' | ')}`)));
  });
  return { proc, log, ready };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('mode "distributed" without Redis or on a non-sweep operation', () => {
  let tdb: TestDb;
  let store: Store;
  let pool: LocalPool;
  beforeAll(async () => {
    tdb = await sqliteTestDb();
    store = await Store.open(tdb.url);
    pool = new LocalPool({ threads: 1 });
  });
  afterAll(async () => {
    await pool?.close();
    await store?.close();
    await tdb?.cleanup();
  });

  const submit = (app: ReturnType<typeof createApp>, body: unknown) =>
    app.request('/api/jobs', { method: 'POST', body: JSON.stringify(body) });

  it('a server without NATRIUM_REDIS_URL refuses it with one sentence, and stores nothing', async () => {
    const app = createApp({ platform: { store, runner: new JobRunner(store, pool) } });
    const input = { cif, strainMin: 0, strainMax: 0.01, points: 4 };
    const r = await submit(app, { operation: 'xrd.strainSweep', input, mode: 'distributed' });
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body.message).toMatch(/NATRIUM_REDIS_URL/);
    expect((await (await app.request('/api/jobs')).json()).distributed).toBe(false);
    expect(await store.listAnalyses({ withResult: false })).toEqual([]);
  });

  it('a non-sweep operation cannot be distributed; an unknown mode is refused', async () => {
    const runner = new JobRunner(store, pool, { distributed: { redisUrl: 'redis://127.0.0.1:1' } });
    const app = createApp({ platform: { store, runner } });
    const r = await submit(app, { operation: 'xrd.pattern', input: { cif }, mode: 'distributed' });
    expect(r.status).toBe(400);
    expect((await r.json()).message).toMatch(/only sweep operations.*xrd\.strainSweep/);
    const bad = await submit(app, { operation: 'xrd.strainSweep', input: {}, mode: 'cluster' });
    expect(bad.status).toBe(400);
    expect((await (await app.request('/api/jobs')).json()).distributed).toBe(true);
    expect(await store.listAnalyses({ withResult: false })).toEqual([]);
  });
});

const HAVE_REDIS = requireServer('NATRIUM_TEST_REDIS_URL', Boolean(TEST_REDIS_URL), 'distributed (Redis)');

describe.skipIf(!HAVE_REDIS)('distributed sweeps started from the server', () => {
  const redisUrl = TEST_REDIS_URL ?? '';
  const workers: WorkerProc[] = [];
  let tdb: TestDb;
  let store: Store;
  let pool: LocalPool;

  beforeAll(async () => {
    loadSpaceGroupsNode();
    await loadOperations();
    tdb = await sqliteTestDb();
    store = await Store.open(tdb.url);
    pool = new LocalPool({ threads: 1 });
  });
  afterEach(() => {
    for (const w of workers.splice(0)) if (w.proc.exitCode === null) w.proc.kill('SIGKILL');
  });
  afterAll(async () => {
    await pool?.close();
    await store?.close();
    await tdb?.cleanup();
  });

  function server(queue: string) {
    const runner = new JobRunner(store, pool, { distributed: { redisUrl, queue } });
    return { runner, app: createApp({ platform: { store, runner } }) };
  }

  it('POST /api/jobs mode "distributed" with two workers: exactly the local numbers, progress over chunks', {
    timeout: 180_000,
  }, async () => {
    const queue = `t-srv-${process.pid}-${Date.now()}`;
    workers.push(startWorker(queue), startWorker(queue));
    await Promise.all(workers.map((w) => w.ready));
    const { runner, app } = server(queue);
    const project = await store.createProject(`dist-${Date.now()}`);
    const input = { cif, strainMin: -0.02, strainMax: 0.02, points: 120, jitter: 0.002 };
    const r = await app.request('/api/jobs', {
      method: 'POST',
      body: JSON.stringify({
        operation: 'xrd.strainSweep',
        input,
        projectId: project.id,
        seed: 11,
        mode: 'distributed',
        chunkSize: 10,
      }),
    });
    expect(r.status).toBe(202);
    const job = await r.json();
    expect(job.mode).toBe('distributed');
    const events: JobEvent[] = [];
    runner.on(`job:${job.id}`, (e: JobEvent) => events.push(e));
    const row = await runner.wait(job.id);
    expect(row.status).toBe('done');
    expect(row.progress).toEqual({ done: 120, total: 120 });
    const local = await getOperation('xrd.strainSweep').run(makeContext(11), input);
    expect(row.result).toEqual(JSON.parse(JSON.stringify(local)));
    // Progress is the sum over the 12 chunks: never above the total, never going back, and it
    // reached the total before the job was reported done.
    // (The first event, sent before the chunks are queued, is {done: 0, total: 0}.)
    const running = events
      .filter((e) => e.status === 'running' && e.progress.total > 0)
      .map((e) => e.progress);
    expect(running.length).toBeGreaterThan(0);
    expect(running.every((p) => p.total === 120 && p.done <= 120)).toBe(true);
    for (let i = 1; i < running.length; i++)
      expect(running[i].done).toBeGreaterThanOrEqual(running[i - 1].done);
    expect(running.at(-1)?.done).toBe(120);
    // Both processes computed chunks; all 12 were computed.
    const doneLines = workers.map((w) => w.log.filter((l) => l.includes(' done ')).length);
    expect(doneLines.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(12);
    expect(doneLines.every((n) => n > 0)).toBe(true);
    // The stored analysis re-opens with the same numbers through the API.
    const viaApi = await (await app.request(`/api/jobs/${job.id}`)).json();
    expect(viaApi.result).toEqual(row.result);
  });

  it('cancel mid-sweep: status cancelled, no result, running chunks stopped, waiting chunks removed, no more chunk results', {
    timeout: 180_000,
  }, async () => {
    const queue = `t-srv-cancel-${process.pid}-${Date.now()}`;
    workers.push(startWorker(queue), startWorker(queue));
    await Promise.all(workers.map((w) => w.ready));
    const { runner, app } = server(queue);
    // 10 chunks of 10 000 points (a second or more each, even on a fast machine with warm threads):
    // the cancel lands while both workers compute.
    const CHUNK = 10_000;
    const input = { cif, strainMin: -0.02, strainMax: 0.02, points: 100_000 };
    const r = await app.request('/api/jobs', {
      method: 'POST',
      body: JSON.stringify({ operation: 'xrd.strainSweep', input, mode: 'distributed', chunkSize: CHUNK }),
    });
    const job = await r.json();
    let seen = { done: 0, total: 0 };
    runner.on(`job:${job.id}`, (e: JobEvent) => {
      seen = e.progress;
    });
    await until(
      () => workers.every((w) => w.log.some((l) => l.includes(' start '))) && seen.done > 0,
      60_000,
      'both workers to be computing',
    );
    const runId = runner.runningInfo(job.id)?.runId;
    expect(runId).toBeTruthy();

    const cancelledAt = new Map<WorkerProc, number>();
    for (const w of workers)
      w.proc.stderr?.on('data', (b: Buffer) => {
        if (b.toString().includes(' cancelled ') && !cancelledAt.has(w)) cancelledAt.set(w, Date.now());
      });
    const sentAt = Date.now();
    const c = await app.request(`/api/jobs/${job.id}/cancel`, { method: 'POST' });
    const afterCancel = await c.json();
    expect(afterCancel.status).toBe('cancelled');
    expect(afterCancel.result).toBeNull();

    const q = new Queue(queue, { connection: { url: redisUrl } });
    try {
      // Waiting chunks were removed before the cancel answered.
      expect(await q.getJobCountByTypes('waiting', 'delayed', 'prioritized')).toBe(0);
      // Both running chunks are stopped by their workers (well before they would have finished).
      await until(
        () => workers.every((w) => w.log.some((l) => l.includes(' cancelled '))),
        10_000,
        'both workers to stop their chunk',
      );
      await until(async () => (await q.getJobCountByTypes('active')) === 0, 10_000, 'no active chunk');
      // Stopped mid-chunk, not at its end: the threads computing them were terminated.
      for (const w of workers) expect(cancelledAt.get(w)! - sentAt).toBeLessThan(5000);
      const failed = await q.getJobs(['failed']);
      expect(failed.length).toBeGreaterThanOrEqual(2);
      for (const j of failed) {
        expect(j.failedReason).toBe(CHUNK_CANCELLED);
        expect((j.progress as { done?: number }).done ?? 0).toBeLessThan(CHUNK);
      }
      const completedAtCancel = await q.getJobCountByTypes('completed');
      const logLengths = workers.map((w) => w.log.length);
      // Workers stay idle: nothing more is started, completed or written for this run.
      await sleep(3000);
      expect(await q.getJobCountByTypes('completed')).toBe(completedAtCancel);
      expect(await q.getJobCountByTypes('active', 'waiting')).toBe(0);
      expect(workers.map((w) => w.log.length)).toEqual(logLengths);
      for (const w of workers) {
        const last = w.log.filter((l) => / (start|done|cancelled) /.test(l)).at(-1);
        expect(last).toMatch(/ cancelled /);
      }
      expect(completedAtCancel).toBeLessThan(10);
    } finally {
      await q.close();
    }
    const row = await store.getAnalysis(job.id);
    expect(row.status).toBe('cancelled');
    expect(row.result).toBeNull();
    expect(row.progress.done).toBeLessThan(100_000);
  });
});
