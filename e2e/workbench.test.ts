/**
 * Browser test of the "Structure & XRD" page: a real server (in-process, ephemeral port) and
 * Debian's chromium driven by playwright-core. Needs `npm run build` first (web/dist).
 */

import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, HAVE_CHROMIUM, openWorkbench, ROOT, type Workbench } from './harness.ts';

const FIXTURES = join(ROOT, 'test/fixtures/xrd');

describe.skipIf(!HAVE_CHROMIUM)('Structure & XRD workbench page', () => {
  let workbench: Workbench;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await openWorkbench({ hash: '' });
    ({ page, pageErrors } = workbench);
    await page.getByRole('heading', { name: 'Structure & XRD' }).waitFor();
  });

  afterAll(() => workbench?.close());

  it('loads a dropped CIF: Si 111 line, formula, space group and the 3-D view', async () => {
    await dropFile(page, '[data-testid=drop-zone]', join(FIXTURES, 'Silicon.cif'));
    await waitForPattern(page, 'Silicon.cif');

    const p111 = (await peakRows(page)).find((r) => r.twoTheta >= 28.4 && r.twoTheta <= 28.5);
    expect(p111, 'a peak between 28.4° and 28.5° 2θ').toBeDefined();
    expect(p111?.hkl).toContain('1 1 1');

    expect(await text(page, 'formula')).toMatch(/^Si\d*$/);
    expect(await text(page, 'space-group')).toContain('227');
    await expect.poll(() => page.locator('[data-testid=crystal-view] canvas').count()).toBe(1);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'workbench-silicon.png'), fullPage: true });
  });

  it('shows hkl, d, 2θ and I of the nearest peak on hover', async () => {
    const over = page.locator('[data-testid=xrd-plot] .u-over');
    const box = (await over.boundingBox())!;
    // Default range 10–90° spans the plotting area; aim at the Si 111 line.
    await page.mouse.move(box.x + ((28.44 - 10) / 80) * box.width, box.y + box.height / 2);
    const tip = page.getByTestId('xrd-tooltip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    const tipText = (await tip.textContent()) ?? '';
    expect(tipText).toContain('(1 1 1)');
    expect(tipText).toMatch(/d3\.13\d+ Å/);
    const plotBox = (await page.getByTestId('xrd-plot').boundingBox())!;
    await page.screenshot({ path: join(ARTIFACTS, 'xrd-hover.png'), clip: plotBox });
  });

  it('exports the peak list as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe('Silicon_xrd_CuKa.csv');
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('twoTheta_deg,d_A,intensity,hkl,multiplicity');
    expect(csv[1]).toMatch(/^28\.4\d+,3\.13\d+,100\.00,\(1 1 1\),8$/);
  });

  it('recomputes for Kα2 and for another source', async () => {
    await page.getByTestId('kalpha2').check();
    await expect
      .poll(() => page.locator('[data-testid=peak-table] td', { hasText: 'Kα2' }).count())
      .toBeGreaterThan(0);
    await page.getByTestId('kalpha2').uncheck();
    await page.getByTestId('source-select').selectOption('MoKa');
    // Mo Kα (0.7107 Å): Si 111 moves to 2θ = 2 asin(λ / 2d) ≈ 13.0°.
    await expect
      .poll(async () => (await peakRows(page)).some((r) => Math.abs(r.twoTheta - 13.02) < 0.05))
      .toBe(true);
    await page.getByTestId('source-select').selectOption('CuKa');
    await expect
      .poll(async () => (await peakRows(page)).some((r) => r.twoTheta >= 28.4 && r.twoTheta <= 28.5))
      .toBe(true);
  });

  it('loads a file chosen with the file picker', async () => {
    await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'LiCoO2.cif'));
    await waitForPattern(page, 'LiCoO2.cif');
    const formula = await text(page, 'formula');
    expect(formula).toContain('Li');
    expect(formula).toContain('Co');
    expect(await text(page, 'space-group')).toContain('166');
    // (0 0 3) of the O3 cell: d = c/3 = 4.63 Å → 2θ ≈ 19.2° with Cu Kα.
    expect((await peakRows(page)).some((r) => Math.abs(r.twoTheta - 19.15) < 0.15)).toBe(true);
  });

  it('shows a readable error for garbage and keeps the previous structure', async () => {
    await page.getByTestId('example-Silicon.cif').click();
    await waitForPattern(page, 'Silicon.cif');
    await page.getByText('Paste CIF text').click();
    await page
      .getByTestId('paste-textarea')
      .fill('this is certainly not a crystallographic information file');
    await page.getByTestId('paste-load').click();

    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    const message = (await banner.textContent()) ?? '';
    expect(message).toContain('Could not load pasted.cif');
    expect(message.length).toBeLessThan(400);
    expect(await text(page, 'formula')).toMatch(/^Si\d*$/);
    expect((await peakRows(page)).some((r) => r.twoTheta >= 28.4 && r.twoTheta <= 28.5)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'workbench-error.png'), fullPage: true });
  });

  it('renders a layered oxide with partial occupancy (screenshot)', async () => {
    await page.getByRole('button', { name: 'Dismiss error' }).click();
    await page.getByTestId('example-Na0.8CoO2_P63mmc.cif').click();
    await waitForPattern(page, 'Na0.8CoO2_P63mmc.cif');
    expect(await text(page, 'space-group')).toContain('194');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(ARTIFACTS, 'workbench.png'), fullPage: true });
  });

  it('shows the reader warnings of a disordered NASICON model', async () => {
    await page.getByTestId('example-Na3Zr2Si2PO12_R-3c_avg_model.cif').click();
    await waitForPattern(page, 'Na3Zr2Si2PO12_R-3c_avg_model.cif');
    expect(await text(page, 'space-group')).toContain('167');
    await expect.poll(() => page.getByTestId('warnings').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'workbench-nasicon.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});

/** A real drop: a DataTransfer holding the file, dispatched as dragenter → dragover → drop. */
async function dropFile(page: Page, selector: string, path: string) {
  const contents = readFileSync(path, 'utf8');
  const dataTransfer = await page.evaluateHandle(
    ([text, name]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'chemical/x-cif' }));
      return dt;
    },
    [contents, basename(path)] as const,
  );
  for (const type of ['dragenter', 'dragover', 'drop'])
    await page.dispatchEvent(selector, type, { dataTransfer });
  await dataTransfer.dispose();
}

async function waitForPattern(page: Page, fileName: string) {
  await page.locator(`[data-testid=xrd-result][data-pattern-for="${fileName}"]`).waitFor({ timeout: 60_000 });
  await page.locator('.xrd-card.computing').waitFor({ state: 'detached' });
}

async function peakRows(page: Page) {
  return page.$$eval('[data-testid=peak-table] tbody tr', (rows) =>
    rows.map((r) => ({
      twoTheta: Number((r as HTMLElement).dataset.twoTheta),
      hkl: r.querySelector('.hkl')?.textContent ?? '',
    })),
  );
}

async function text(page: Page, testId: string) {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}
