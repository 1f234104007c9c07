/**
 * Distributed sweeps through BullMQ on a real Redis (NATRIUM_TEST_REDIS_URL; .ci/run starts one):
 * two `natrium worker` processes give exactly the numbers of a local run, and a worker killed with
 * SIGKILL mid-sweep is recovered from with no lost or duplicated points.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSpaceGroupsNode } from '../../crystal/spacegroup.node.ts';
import { getOperation, loadOperations, makeContext } from '../registry/registry.ts';
import { requireServer, TEST_REDIS_URL } from '../store/testing.ts';
import { runDistributed } from './distributed.ts';

const HAVE_REDIS = requireServer('NATRIUM_TEST_REDIS_URL', Boolean(TEST_REDIS_URL), 'distributed (Redis)');
const BIN = fileURLToPath(new URL('../../../bin/natrium', import.meta.url));
const cif = readFileSync(
  fileURLToPath(new URL('../../../test/fixtures/platform/Silicon.cif', import.meta.url)),
  'utf8',
);
/** Short lock so a killed worker's chunk comes back quickly in the test (production default 30 s). */
const LOCK_MS = 2000;

interface WorkerProc {
  proc: ChildProcess;
  log: string[];
  ready: Promise<void>;
}

function startWorker(queue: string): WorkerProc {
  const proc = spawn(
    process.execPath,
    [BIN, 'worker', '--redis', TEST_REDIS_URL ?? '', '--queue', queue, '--lock-duration', String(LOCK_MS)],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
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

describe.skipIf(!HAVE_REDIS)('distributed sweeps on BullMQ', () => {
  const workers: WorkerProc[] = [];
  const redisUrl = TEST_REDIS_URL ?? '';

  beforeAll(async () => {
    loadSpaceGroupsNode();
    await loadOperations();
  });
  afterEach(() => {
    for (const w of workers.splice(0)) if (w.proc.exitCode === null) w.proc.kill('SIGKILL');
  });

  it('two worker processes give exactly the numbers of the local run', { timeout: 180_000 }, async () => {
    const queue = `t-two-${process.pid}-${Date.now()}`;
    const input = { cif, strainMin: -0.02, strainMax: 0.02, points: 40, jitter: 0.002 };
    workers.push(startWorker(queue), startWorker(queue));
    await Promise.all(workers.map((w) => w.ready));
    const out = await runDistributed('xrd.strainSweep', input, { redisUrl, queue, seed: 11, chunkSize: 5 });
    expect(out.chunks).toBe(8);
    const local = await getOperation('xrd.strainSweep').run(makeContext(11), input);
    expect(out.result).toEqual(JSON.parse(JSON.stringify(local)));
    // Every chunk was computed by one of the two processes (a chunk whose lock lapsed under load may
    // be computed twice; BullMQ keeps only the first completion, and the numbers are the same anyway).
    const doneIds = new Set(
      workers.flatMap((w) => w.log.filter((l) => l.includes(' done ')).map((l) => l.split(' done ')[1])),
    );
    expect(doneIds.size).toBe(8);
  });

  it('a worker killed with SIGKILL mid-chunk: its chunk is redone elsewhere, nothing lost or doubled', {
    timeout: 180_000,
  }, async () => {
    const queue = `t-kill-${process.pid}-${Date.now()}`;
    const input = { cif, strainMin: -0.03, strainMax: 0.03, points: 24, jitter: 0.001 };
    const victim = startWorker(queue);
    workers.push(victim);
    await victim.ready;
    const started = new Promise<void>((resolve) => {
      victim.proc.stderr?.on('data', () => {
        if (victim.log.some((l) => l.includes(' start '))) resolve();
      });
    });
    const run = runDistributed('xrd.strainSweep', input, { redisUrl, queue, seed: 5, chunkSize: 6 });
    await started;
    victim.proc.kill('SIGKILL');
    const rescuer = startWorker(queue);
    workers.push(rescuer);
    await rescuer.ready;
    const out = await run;
    const local = (await getOperation('xrd.strainSweep').run(makeContext(5), input)) as {
      points: { index: number }[];
    };
    const got = out.result as { points: { index: number }[] };
    expect(got.points.map((p) => p.index)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(got).toEqual(JSON.parse(JSON.stringify(local)));
    expect(victim.log.filter((l) => l.includes(' done ')).length).toBeLessThan(4);
  });
});
