import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalPool } from '../src/app/jobs/pool.ts';
import { JobRunner } from '../src/app/jobs/runner.ts';
import { createApp } from '../src/app/server/app.ts';
import { Store } from '../src/app/store/store.ts';
import { HAVE_CHROMIUM, openWorkbench, ROOT, type Workbench } from './harness.ts';

const FIXTURES = join(ROOT, 'test/fixtures/platform');

describe.skipIf(!HAVE_CHROMIUM)('Projects page: store, uploads, jobs', () => {
  let workbench: Workbench;
  let page: Page;
  let dir: string;
  let store: Store;
  let pool: LocalPool;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'natrium-e2e-platform-'));
    store = await Store.open(join(dir, 'natrium.db'));
    pool = new LocalPool({ threads: 1 });
    const runner = new JobRunner(store, pool);
    workbench = await openWorkbench({
      hash: 'projects',
      fetch: createApp({ platform: { store, runner } }).fetch,
    });
    ({ page, pageErrors } = workbench);
    page.on('dialog', (d) => d.accept());
    await page.getByRole('heading', { name: 'Projects', exact: true }).first().waitFor();
  });

  afterAll(async () => {
    await workbench?.close();
    await pool?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates a project and uploads a CIF and an impedance file', async () => {
    await page.getByLabel('New project name').fill('NaCoO2 batch 7');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByTestId('project-title').textContent()).toBe('NaCoO2 batch 7');
    await page
      .getByTestId('upload-input')
      .setInputFiles([join(FIXTURES, 'Silicon.cif'), join(FIXTURES, 'exampleDataBioLogic.mpt')]);
    await expect.poll(() => page.locator('[data-testid=datasets] tbody tr').count()).toBe(2);
    const formats = await page.locator('[data-testid=datasets] tbody tr td:nth-child(2)').allTextContents();
    expect(formats.sort()).toEqual(['cif', 'eis:biologic']);
  });

  it('runs an XRD job; after a reload the saved analysis re-opens with its parameters and peaks', async () => {
    await page.getByRole('button', { name: 'Run XRD' }).click();
    const row = page.getByTestId('analysis-row').filter({ hasText: 'xrd.pattern' });
    await expect.poll(() => row.locator('td:nth-child(2)').textContent(), { timeout: 60_000 }).toBe('done');

    await page.reload();
    await page.getByRole('button', { name: 'NaCoO2 batch 7', exact: true }).click();
    const saved = page.getByTestId('analysis-row').filter({ hasText: 'xrd.pattern' });
    await expect.poll(() => saved.count()).toBe(1);
    await saved.getByRole('button', { name: 'open' }).click();
    await expect.poll(() => page.getByTestId('analysis-params').textContent()).toContain('Silicon.cif');
    const first = await page.locator('[data-testid=analysis-peaks] tbody tr').first().textContent();
    expect(first).toContain('(1 1 1)');
    expect(first).toMatch(/28\.4\d\d/);
  });

  it('starts a long job, shows its progress, and cancels it', async () => {
    await page.getByRole('button', { name: 'Long strain sweep' }).click();
    const jobRow = page.getByTestId('job-row');
    await jobRow.waitFor();
    await expect
      .poll(async () => Number((await jobRow.getByTestId('job-progress').textContent())?.split('/')[0]), {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    await jobRow.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByTestId('job-row').count()).toBe(0);
    const sweep = page.getByTestId('analysis-row').filter({ hasText: 'xrd.strainSweep' });
    await expect.poll(() => sweep.locator('td:nth-child(2)').textContent()).toBe('cancelled');
  });

  it('compares two saved analyses side by side', async () => {
    const boxes = page.getByTestId('analysis-row').getByRole('checkbox');
    await expect.poll(() => boxes.count()).toBe(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const views = page.getByTestId('compare').getByTestId('analysis-view');
    await expect.poll(() => views.count()).toBe(2);
    const titles = await views.locator('h2').allTextContents();
    expect(titles.sort()).toEqual(['Analysis xrd.pattern', 'Analysis xrd.strainSweep']);
  });

  it('deletes the project after confirmation', async () => {
    await page.getByRole('button', { name: 'Delete NaCoO2 batch 7' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'NaCoO2 batch 7', exact: true }).count())
      .toBe(0);
    expect(await store.listProjects()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
