import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalPool } from '../src/app/jobs/pool.ts';
import { JobRunner } from '../src/app/jobs/runner.ts';
import { glideMap, glideRate, glideSimulate } from '../src/app/operations/glide.ts';
import { createApp } from '../src/app/server/app.ts';
import { Store } from '../src/app/store/store.ts';
import { resolveParams } from '../src/layered/glide/index.ts';
import { ARTIFACTS, HAVE_CHROMIUM, openWorkbench, type Workbench } from './harness.ts';

/** What the test sets on the page (generator sliders and simulation fields). */
const STACK = { phi2: 0.6, alpha: 0.12, beta: 0.5, layers: 60 };
const RUN = { cycles: 500, particles: 3, seed: 5, cycleStride: 10 };
/** The page asks for this many recorded states (glidingApi.ts). */
const SNAPSHOTS = 16;

describe.skipIf(!HAVE_CHROMIUM)('Gliding workbench page', () => {
  let workbench: Workbench;
  let page: Page;
  let profileDir: string;
  let store: Store;
  let pool: LocalPool;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    // With a store and job runner, as `npm start` serves it: the page submits its runs as jobs.
    profileDir = mkdtempSync(join(tmpdir(), 'natrium-e2e-gliding-'));
    store = await Store.open(join(profileDir, 'natrium.db'));
    pool = new LocalPool({ threads: 1 });
    const runner = new JobRunner(store, pool);
    workbench = await openWorkbench({
      hash: 'gliding',
      fetch: createApp({ platform: { store, runner } }).fetch,
    });
    ({ page, pageErrors } = workbench);
    await page.getByRole('heading', { name: 'Gliding' }).waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await workbench?.close();
    await pool?.close();
    await store?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('shows the parameter set with sources before any run, and an empty state', async () => {
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('param-damageAmplitude2').waitFor();
    const rows = await page.locator('[data-testid=params-table] tbody tr').count();
    expect(rows).toBe(Object.keys(resolveParams({})).length);
    expect(await text(page, 'param-damageAmplitude2')).toMatch(/calibrat/i);
  });

  it('runs a generated stack: retention at 100 and 500, rate capability and the replayed strip match the CLI', async () => {
    await page.getByTestId('mode-generate').click();
    await page.getByTestId('gen-phi2').fill(String(STACK.phi2));
    await page.getByTestId('gen-alpha').fill(String(STACK.alpha));
    await page.getByTestId('gen-beta').fill(String(STACK.beta));
    await page.getByTestId('gen-layers').fill(String(STACK.layers));
    await page.getByTestId('run-cycles').fill(String(RUN.cycles));
    await page.getByTestId('run-particles').fill(String(RUN.particles));
    await page.getByTestId('run-seed').fill(String(RUN.seed));
    await page.getByTestId('run-stride').fill(String(RUN.cycleStride));
    await page.getByTestId('run').click();
    await page.getByTestId('retention-at-500').waitFor({ timeout: 60_000 });

    const params = resolveParams({ anchoring: 'both' });
    const snapshotNa = Array.from(
      { length: SNAPSHOTS },
      (_, k) => params.xMax - ((params.xMax - params.xMin) * k) / (SNAPSHOTS - 1),
    );
    const cli = await glideSimulate({ ...STACK, ...RUN, observeCycles: [1, 100, 500], snapshotNa }, params);
    for (const c of ['100', '500'])
      expect(await text(page, `retention-at-${c}`)).toBe(`${((cli.retentionAt[c] ?? 0) * 100).toFixed(2)} %`);
    await expect.poll(() => page.locator('[data-testid=retention-plot] canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=operando-plot] path').count()).toBeGreaterThanOrEqual(3);

    const rate = await glideRate(
      { ...STACK, particles: RUN.particles, seed: RUN.seed, cycles: 1, cRates: [0.1, 0.2, 0.5, 1, 2, 5, 10] },
      params,
    );
    expect(await text(page, 'rate-note')).toContain(rate.oFractionAtCharge.toFixed(3));

    // The strip: first recorded state, then the last one (end of the last discharge).
    const stacks = cli.operando.stacks;
    expect(await text(page, 'strip-ofraction')).toBe(stacks[0].oFraction.toFixed(3));
    const slider = page.getByTestId('strip-slider');
    await slider.fill(String(stacks.length - 1));
    expect(await text(page, 'strip-state')).toContain('end of discharge');
    expect(await text(page, 'strip-ofraction')).toBe(stacks[stacks.length - 1].oFraction.toFixed(3));
    // The state deepest in the charge (lowest x): its O fraction as computed by the domain code.
    const deepest = stacks.filter((s) => s.phase === 'charge').length - 1;
    await slider.fill(String(deepest));
    expect(await text(page, 'strip-x')).toBe(`x = ${stacks[deepest].x.toFixed(3)}`);
    expect(await text(page, 'strip-ofraction')).toBe(stacks[deepest].oFraction.toFixed(3));
    await page.screenshot({ path: join(ARTIFACTS, 'gliding-run.png'), fullPage: true });
    // The run went through the job system (progress, cancel) and its job row holds the same numbers.
    const jobs = await store.listAnalyses({ status: ['done'], withResult: false });
    expect(jobs.map((j) => j.operationId)).toContain('glide.simulate');
  });

  it('computes a 2×2 design map with its Pareto front', async () => {
    await page.getByTestId('map-count').selectOption('2');
    await page.getByTestId('map-run').click();
    await page.getByTestId('design-map').waitFor({ timeout: 60_000 });
    const cli = await glideMap(
      {
        alpha: '0.05:0.3:2',
        beta: '0.2:0.8:2',
        phi2: STACK.phi2,
        cycles: RUN.cycles,
        particles: RUN.particles,
        layers: STACK.layers,
        seed: RUN.seed,
        cycleStride: 20,
      },
      resolveParams({ anchoring: 'both' }),
    );
    const cells = page.getByTestId('map-cell');
    expect(await cells.count()).toBe(4);
    const shown = (await cells.evaluateAll((els) => els.map((e) => e.textContent ?? '')))
      .map((t) => t.trim())
      .sort();
    const expected = cli.retention
      .flat()
      .map((v) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)} %`))
      .sort();
    expect(shown).toEqual(expected);
    expect(await page.locator('[data-testid=map-cell][data-pareto=yes]').count()).toBe(cli.pareto.length);
    await page.getByTestId('map-card').screenshot({ path: join(ARTIFACTS, 'gliding-map.png') });
  });

  it('runs a typed sequence (P2/P3 blocks) with the CLI numbers', async () => {
    const sequence = 'P2*10 P3*6 P2*4 P3*10';
    await page.getByTestId('mode-type').click();
    await page.getByTestId('sequence-input').fill(sequence);
    await page.getByTestId('run').click();
    await expect.poll(() => text(page, 'retention-card'), { timeout: 60_000 }).toContain('sequence P2*10');
    const cli = await glideSimulate(
      { sequence, ...RUN, observeCycles: [1, 100, 500] },
      resolveParams({ anchoring: 'both' }),
    );
    for (const c of ['100', '500'])
      expect(await text(page, `retention-at-${c}`)).toBe(`${((cli.retentionAt[c] ?? 0) * 100).toFixed(2)} %`);
    expect(await text(page, 'glide-strip')).toContain('30 interlayers');
  });

  it('shows job progress and cancels a long run on the server, keeping the previous result', async () => {
    const before = await text(page, 'retention-at-500');
    await page.getByTestId('run-particles').fill('40');
    await page.getByTestId('run-cycles').fill('2000');
    await page.getByTestId('run').click();
    await expect.poll(() => text(page, 'run-busy'), { timeout: 30_000 }).toMatch(/\d+ of 40 particles/);
    await page.getByTestId('run-busy').screenshot({ path: join(ARTIFACTS, 'gliding-progress.png') });
    await page.getByTestId('run-cancel').click();
    await expect
      .poll(async () => (await store.listAnalyses({ status: ['cancelled'], withResult: false })).length)
      .toBe(1);
    expect(await page.getByTestId('run-busy').count()).toBe(0);
    expect(await text(page, 'retention-at-500')).toBe(before);
    await page.getByTestId('run-particles').fill(String(RUN.particles));
    await page.getByTestId('run-cycles').fill(String(RUN.cycles));
  });

  it('a bad input shows the error banner and keeps the previous result', async () => {
    const before = await text(page, 'retention-at-500');
    await page.getByTestId('run-particles').fill('0');
    await page.getByTestId('run').click();
    await page.getByTestId('error-banner').waitFor();
    expect(await text(page, 'error-banner')).toMatch(/particles/);
    expect(await text(page, 'retention-at-500')).toBe(before);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'gliding-error.png') });
    expect(pageErrors).toEqual([]);
  });
});

async function text(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}
