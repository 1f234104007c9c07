import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalPool } from '../src/app/jobs/pool.ts';
import { JobRunner } from '../src/app/jobs/runner.ts';
import { getOperation, loadOperations, makeContext } from '../src/app/registry/registry.ts';
import { createApp } from '../src/app/server/app.ts';
import { Store } from '../src/app/store/store.ts';
import { ARTIFACTS, HAVE_CHROMIUM, openWorkbench, ROOT, type Workbench } from './harness.ts';

const FIXTURES = join(ROOT, 'test/fixtures/platform');
const EIS_FILE = 'exampleDataBioLogic.mpt';
const CIRCUIT = 'R0-p(R1,CPE1)';

type FitResult = { parameters: Record<string, { value: number }> };

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

  /** Picks an operation in the "Run analysis" panel; its generated form appears. */
  async function chooseOperation(id: string) {
    const panel = page.getByTestId('run-analysis');
    await panel.getByLabel('Operation').selectOption(id);
    await panel.getByTestId('op-form').waitFor();
    return panel;
  }

  const analysisRow = (op: string) => page.getByTestId('analysis-row').filter({ hasText: op });
  const statusOf = (op: string) => analysisRow(op).locator('td:nth-child(2)').textContent();

  it('the generated eis.fit form checks its fields before sending anything', async () => {
    const panel = await chooseOperation('eis.fit');
    // Every field of the operation's input schema is there, with its description as help text.
    for (const name of ['circuit', 'guess', 'weight', 'constants', 'multiStart'])
      await panel.getByLabel(name, { exact: true }).waitFor();
    await expect
      .poll(() => panel.getByTestId('op-form').textContent())
      .toContain("impedance.py syntax 'R0-p(R1,CPE1)'");
    // Nothing filled, an out-of-range integer and a non-number guess: one message per field.
    await panel.getByLabel('multiStart', { exact: true }).fill('0');
    await panel.getByLabel('guess', { exact: true }).fill('10, abc');
    await panel.getByRole('button', { name: 'Run and save' }).click();
    const messages = await panel.getByTestId('op-form-error').allTextContents();
    expect(messages).toEqual(
      expect.arrayContaining([
        'choose a dataset or a file',
        'a value is needed',
        'every value must be a number',
        'must be ≥ 1',
      ]),
    );
    expect(await panel.getByTestId('op-form-summary').textContent()).toMatch(/4 fields need attention/);
    await panel.screenshot({ path: join(ARTIFACTS, 'platform-form-validation.png') });
    expect(await page.getByTestId('analysis-row').count()).toBe(0);
    expect(await store.listAnalyses({ withResult: false })).toEqual([]);
  });

  it('runs an equivalent-circuit fit of the uploaded impedance file through the generated form', async () => {
    const panel = page.getByTestId('run-analysis');
    await panel.getByLabel('multiStart', { exact: true }).fill('');
    await panel.getByLabel('guess', { exact: true }).fill('');
    await panel.getByLabel('file', { exact: true }).selectOption({ label: `${EIS_FILE} (eis:biologic)` });
    await expect.poll(() => panel.getByTestId('op-form-picked').first().textContent()).toContain(EIS_FILE);
    await panel.getByLabel('circuit', { exact: true }).fill(CIRCUIT);
    await panel.getByLabel('weight', { exact: true }).selectOption('modulus');
    await panel.screenshot({ path: join(ARTIFACTS, 'platform-run-form.png') });
    await panel.getByRole('button', { name: 'Run and save' }).click();
    await expect.poll(() => statusOf('eis.fit'), { timeout: 60_000 }).toBe('done');
  });

  it('runs an XRD of the uploaded CIF through the generated form (file name filled in)', async () => {
    const panel = await chooseOperation('xrd.pattern');
    await panel.getByLabel('cif', { exact: true }).selectOption({ label: 'Silicon.cif (cif)' });
    await expect.poll(() => panel.getByLabel('fileName', { exact: true }).inputValue()).toBe('Silicon.cif');
    await panel.getByRole('button', { name: 'Run and save' }).click();
    await expect.poll(() => statusOf('xrd.pattern'), { timeout: 60_000 }).toBe('done');
  });

  it('after a reload both analyses are still there with their parameters; numbers equal the registry op', async () => {
    await page.reload();
    await page.getByRole('button', { name: 'NaCoO2 batch 7', exact: true }).click();
    await expect.poll(() => analysisRow('eis.fit').count()).toBe(1);
    await expect.poll(() => analysisRow('xrd.pattern').count()).toBe(1);

    // The fit: parameters as sent by the form, fitted values equal to the registry operation's.
    await analysisRow('eis.fit').getByRole('button', { name: 'open' }).click();
    const params = page.getByTestId('analysis-params');
    await expect.poll(() => params.textContent()).toContain(CIRCUIT);
    expect(await params.textContent()).toContain(EIS_FILE);
    expect(await params.textContent()).toContain('"weight": "modulus"');
    const r0Cell = page.locator('[data-testid=analysis-fit] tr[data-param=R0] td').nth(1);
    const r0Shown = Number(await r0Cell.getAttribute('data-value'));
    // The same input built here from the fixture's bytes, run by the registry operation in Node.
    const [saved] = (await store.listAnalyses({ withResult: false })).filter(
      (a) => a.operationId === 'eis.fit',
    );
    const bytes = readFileSync(join(FIXTURES, EIS_FILE));
    const sentFile = (saved.params as { file: { text?: string; base64?: string } }).file;
    // The BioLogic export is Latin-1, not UTF-8: the form sent its exact bytes as base64.
    expect(Buffer.from(sentFile.base64 ?? '', 'base64').equals(bytes)).toBe(true);
    await loadOperations();
    const direct = (await getOperation('eis.fit').run(makeContext(saved.seed), {
      file: { fileName: EIS_FILE, base64: bytes.toString('base64') },
      circuit: CIRCUIT,
      weight: 'modulus',
    })) as FitResult;
    expect(r0Shown).toBe(direct.parameters.R0.value);
    expect(await r0Cell.textContent()).toBe(direct.parameters.R0.value.toPrecision(6));
    // A series resistance of tens of ohms for this cell (sanity of the physics, not a fixed output).
    expect(r0Shown).toBeGreaterThan(10);
    expect(r0Shown).toBeLessThan(200);

    await page
      .getByTestId('analysis-view')
      .screenshot({ path: join(ARTIFACTS, 'platform-fit-analysis.png') });

    // Edit & re-run puts the saved parameters back into the generated form.
    await page.getByRole('button', { name: 'Edit & re-run' }).click();
    const panel = page.getByTestId('run-analysis');
    await expect.poll(() => panel.getByLabel('circuit', { exact: true }).inputValue()).toBe(CIRCUIT);
    expect(await panel.getByLabel('weight', { exact: true }).inputValue()).toBe('modulus');
    expect(await panel.getByTestId('op-form-picked').first().textContent()).toContain(EIS_FILE);

    // The XRD: re-opens with its parameters and the (1 1 1) line of silicon at 2θ ≈ 28.44° (Cu Kα).
    await analysisRow('xrd.pattern').getByRole('button', { name: 'open' }).click();
    await expect.poll(() => page.getByTestId('analysis-params').textContent()).toContain('Silicon.cif');
    const first = await page.locator('[data-testid=analysis-peaks] tbody tr').first().textContent();
    expect(first).toContain('(1 1 1)');
    expect(first).toMatch(/28\.4\d\d/);
    await page.screenshot({ path: join(ARTIFACTS, 'platform-analyses.png'), fullPage: true });
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
    await expect.poll(() => page.getByTestId('analysis-row').count()).toBe(3);
    await analysisRow('xrd.pattern').getByRole('checkbox').check();
    await analysisRow('xrd.strainSweep').getByRole('checkbox').check();
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
