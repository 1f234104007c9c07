/**
 * Browser test of the "Cycling" page: a real server (in-process, ephemeral port) and Debian's
 * chromium driven by playwright-core. Table cells and peaks are compared with the operations the CLI
 * runs on the same files. Needs `npm run build` first (web/dist).
 */

import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cyclingDqdv, cyclingSummary } from '../src/app/operations/cycling.ts';
import { cyclingSummaryOp } from '../src/app/registry/ops/cycling.ts';
import { makeContext } from '../src/app/registry/registry.ts';
import { ARTIFACTS, HAVE_CHROMIUM, openWorkbench, ROOT, type Workbench } from './harness.ts';

const FIXTURES = join(ROOT, 'test/fixtures/cycling');

const BIOLOGIC = join(FIXTURES, 'test_loopsnewoutput_MB_CE1_short10k.csv');
const MPL = join(FIXTURES, 'test_loopsnewoutput_MB_CE1_short10k.mpl');
const MACCOR = join(FIXTURES, 'maccor_test_file_4267-66-6519.041');

describe.skipIf(!HAVE_CHROMIUM)('Cycling workbench page', () => {
  let workbench: Workbench;
  let page: Page;
  let pageErrors: string[] = [];
  const cli = cyclingSummary(readFileSync(BIOLOGIC, 'utf8'), basename(BIOLOGIC), {});

  beforeAll(async () => {
    workbench = await openWorkbench({ hash: 'cycling' });
    ({ page, pageErrors } = workbench);
    await page.getByRole('heading', { name: 'Cycling', level: 1 }).waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(() => workbench?.close());

  it('loads a dropped BioLogic export with its log: format, summary table and plots', async () => {
    await dropFiles(page, '[data-testid=drop-zone]', [BIOLOGIC, MPL]);
    await page.getByTestId('summary-table').waitFor({ timeout: 60_000 });
    expect(await text(page, 'format-tag')).toBe('biologic');
    expect(await page.getByTestId('file-facts').textContent()).toContain('.mpl log');
    for (const c of cli.cycles) {
      const row = page.locator(`[data-testid=summary-table] tr[data-cycle="${c.cycle}"]`);
      expect(await row.locator('[data-col=qch]').textContent()).toBe(c.chargeCapacity_mAh.toFixed(3));
      expect(await row.locator('[data-col=qdis]').textContent()).toBe(c.dischargeCapacity_mAh.toFixed(3));
      expect(await row.locator('[data-col=ce]').textContent()).toBe(
        c.coulombicEfficiency === null ? '—' : (100 * c.coulombicEfficiency).toFixed(2),
      );
    }
    // Capacity (two series) and CE on the right-hand axis.
    expect(await page.locator('[data-testid=capacity-plot] [data-series]').count()).toBe(3);
    expect(await page.getByTestId('capacity-plot').textContent()).toContain('Coulombic efficiency (%)');
    // Default V–Q curves: the half-cycles of the first, second and last cycle, as the operation gives them.
    const op = await cyclingSummaryOp.run(makeContext(0), {
      file: { fileName: basename(BIOLOGIC), text: readFileSync(BIOLOGIC, 'utf8') },
    });
    expect(op.curves.length).toBeGreaterThanOrEqual(5);
    await expect
      .poll(() => page.locator('[data-testid=vq-plot] [data-series]').count())
      .toBe(op.curves.length);
    await page.getByTestId('dqdv-result').waitFor({ timeout: 60_000 });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(ARTIFACTS, 'cycling.png'), fullPage: true });
  });

  it('shows dQ/dV peaks of the chosen cycle as the CLI finds them, and follows the smoothing window', async () => {
    await page.getByTestId('dqdv-cycle').selectOption('1');
    await page.locator('[data-testid=dqdv-result][data-cycle="1"]').waitFor({ timeout: 60_000 });
    const expected = (window?: number) =>
      cyclingDqdv(readFileSync(BIOLOGIC, 'utf8'), basename(BIOLOGIC), {
        cycle: 1,
        ...(window ? { smoothingWindow_V: window } : {}),
      }).segments.flatMap((s) => s.peaks.map((p) => p.voltage_V.toFixed(4)));
    const shown = () =>
      page.$$eval('[data-testid=dqdv-peaks] tbody tr td:nth-child(2)', (cells) =>
        cells.map((c) => c.textContent ?? ''),
      );
    await expect.poll(shown).toEqual(expected());
    await page.getByTestId('dqdv-window').fill('0.08');
    await page.getByTestId('dqdv-window').press('Enter');
    await expect.poll(shown).toEqual(expected(0.08));
    const plotBox = (await page.getByTestId('dqdv-card').boundingBox())!;
    await page.screenshot({ path: join(ARTIFACTS, 'cycling-dqdv.png'), clip: plotBox });
  });

  it('adds a cycle to the V–Q plot and applies the active mass', async () => {
    const before = await page.locator('[data-testid=vq-plot] [data-series]').count();
    await page.getByTestId(`cycle-chip-${cli.cycles[1].cycle}`).click();
    await expect.poll(() => page.locator('[data-testid=vq-plot] [data-series]').count()).toBeLessThan(before);
    await page.getByTestId('mass-input').fill('2.5');
    await page.getByTestId('mass-input').press('Enter');
    const cell = page.locator(`[data-testid=summary-table] tr[data-cycle="1"] [data-col=qdis-g]`);
    await cell.waitFor();
    const withMass = cyclingSummary(readFileSync(BIOLOGIC, 'utf8'), basename(BIOLOGIC), {
      activeMass_g: 2.5,
    });
    expect(await cell.textContent()).toBe(withMass.cycles[1].specificDischargeCapacity_mAh_g!.toFixed(2));
    expect(await page.getByTestId('capacity-plot').textContent()).toContain('Capacity (mAh/g)');
  });

  it('shows an error banner for a bad mass and a non-cycler file, keeping the previous result', async () => {
    await page.getByTestId('mass-input').fill('-1');
    await page.getByTestId('mass-input').press('Enter');
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('active mass must be a positive number');
    expect(
      await page.locator('[data-testid=summary-table] tr[data-cycle="1"] [data-col=qch]').textContent(),
    ).toBe(cli.cycles[1].chargeCapacity_mAh.toFixed(3));
    await page.getByTestId('file-input').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('these are my lab notes\nnot a cycler export\n'),
    });
    await expect.poll(async () => (await banner.textContent()) ?? '').toContain('Could not load notes.txt');
    expect(await text(page, 'format-tag')).toBe('biologic');
    await page.screenshot({ path: join(ARTIFACTS, 'cycling-error.png'), fullPage: true });
    await page.getByRole('button', { name: 'Dismiss error' }).click();
    await page.getByTestId('mass-input').fill('');
  });

  it('loads a Maccor export chosen with the file picker', async () => {
    await page.getByTestId('file-input').setInputFiles(MACCOR);
    await expect.poll(() => text(page, 'format-tag')).toBe('maccor');
    const maccor = cyclingSummary(readFileSync(MACCOR), basename(MACCOR), {});
    expect(await page.locator('[data-testid=summary-table] tbody tr').count()).toBe(maccor.cycles.length);
    expect(pageErrors).toEqual([]);
  });
});

/** A real drop of several files: one DataTransfer, dispatched as dragenter → dragover → drop. */
async function dropFiles(page: Page, selector: string, paths: string[]) {
  // Bytes travel as base64 (a plain number array of a 3 MB file is slow to serialise).
  const files = paths.map((p) => ({ name: basename(p), base64: readFileSync(p).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list)
      dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
    return dt;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop'])
    await page.dispatchEvent(selector, type, { dataTransfer });
  await dataTransfer.dispose();
}

async function text(page: Page, testId: string) {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}
