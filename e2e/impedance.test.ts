/**
 * Browser test of the "Impedance" page: a real server (in-process, ephemeral port) and Debian's
 * chromium driven by playwright-core. Numbers on the page are compared with the operations the CLI
 * runs on the same files. Needs `npm run build` first (web/dist).
 */

import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eisDrt, eisFit, eisKk } from '../src/app/operations/eis.ts';
import { eisArrhenius } from '../src/app/operations/eisArrhenius.ts';
import { sampleGeometry } from '../src/electrochem/eis/index.ts';
import { parseImpedance } from '../src/io/eis/index.ts';
import { ARTIFACTS, HAVE_CHROMIUM, openWorkbench, ROOT, type Workbench } from './harness.ts';

const FIXTURES = join(ROOT, 'test/fixtures/eis');

const CIRCUIT = 'R0-p(R1,C1)-p(R2-Wo1,C2)';
const GUESS = [0.01, 0.01, 100, 0.01, 0.05, 100, 1];
const TEMPS = [140, 150, 160, 170, 180, 190, 200];

const spectrumOf = (path: string) => parseImpedance(readFileSync(path), { fileName: basename(path) });

describe.skipIf(!HAVE_CHROMIUM)('Impedance workbench page', () => {
  let workbench: Workbench;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await openWorkbench({ hash: 'impedance' });
    ({ page, pageErrors } = workbench);
    await page.getByRole('heading', { name: 'Impedance', level: 1 }).waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(() => workbench?.close());

  it('loads a dropped BioLogic file and names its format; the Nyquist plot keeps equal axes', async () => {
    await dropFile(page, '[data-testid=drop-zone]', join(FIXTURES, 'exampleDataBioLogic.mpt'));
    await page.getByTestId('file-exampleDataBioLogic.mpt').waitFor();
    expect(await page.getByTestId('file-exampleDataBioLogic.mpt').locator('.format-tag').textContent()).toBe(
      'biologic',
    );
    const n = spectrumOf(join(FIXTURES, 'exampleDataBioLogic.mpt')).frequencyHz.length;
    expect(await page.getByTestId('file-exampleDataBioLogic.mpt').textContent()).toContain(`${n} points`);
    await expectEqualAxes(page);
    await page.setViewportSize({ width: 1100, height: 1000 });
    await expectEqualAxes(page);
    // Zoom into a box: still one Ω per the same number of pixels on both axes.
    const box = (await page.locator('[data-testid=nyquist-plot] svg').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.45, { steps: 4 });
    await page.mouse.up();
    await expectEqualAxes(page);
    await page.setViewportSize({ width: 1440, height: 1000 });
  });

  it('fits a circuit chosen with the file picker: the table shows the CLI values', async () => {
    await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'exampleData.csv'));
    await page.getByTestId('file-exampleData.csv').waitFor();
    expect(await page.getByTestId('file-exampleData.csv').locator('.format-tag').textContent()).toBe('csv');
    await page.getByTestId('circuit-input').fill(CIRCUIT);
    await page.getByTestId('guess-input').fill(GUESS.join(', '));
    await page.getByTestId('fit-button').click();
    await page.locator(`[data-testid=fit-result][data-circuit="${CIRCUIT}"]`).waitFor({ timeout: 60_000 });

    const cli = eisFit(spectrumOf(join(FIXTURES, 'exampleData.csv')), { circuit: CIRCUIT, guess: GUESS });
    for (const [name, p] of Object.entries(cli.parameters))
      expect(await text(page, `param-${name}`)).toBe(p.value.toPrecision(6));
    expect(await text(page, 'fit-chi2')).toBe(cli.chi2.toPrecision(4));
    // The inductive points the circuit cannot describe are reported.
    expect(await page.getByTestId('fit-warnings').textContent()).toContain('inductive');
    await expect.poll(() => page.locator('[data-testid=residual-plot] circle').count()).toBeGreaterThan(50);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(ARTIFACTS, 'impedance-fit.png'), fullPage: true });
  });

  it('points at the bad character of a circuit and keeps the previous fit', async () => {
    const before = await text(page, 'param-R0');
    await page.getByTestId('circuit-input').fill('R0-p(R1,X1)');
    const err = page.getByTestId('circuit-error');
    await err.waitFor();
    // 'X' is character 9: the caret line has eight spaces before '^'.
    expect(await err.textContent()).toContain(`R0-p(R1,X1)\n${' '.repeat(8)}^`);
    await page.getByTestId('fit-button').click();
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Fit not done: circuit: unknown element 'X' at character 9/);
    expect(await text(page, 'param-R0')).toBe(before);
    await page.screenshot({ path: join(ARTIFACTS, 'impedance-error.png'), fullPage: true });
    await page.getByRole('button', { name: 'Dismiss error' }).click();
    await page.getByTestId('circuit-input').fill(CIRCUIT);
  });

  it('runs the Kramers–Kronig test and the DRT', async () => {
    await page.getByTestId('tab-kk').click();
    await page.getByTestId('kk-result').waitFor({ timeout: 60_000 });
    const kk = eisKk(spectrumOf(join(FIXTURES, 'exampleData.csv')), {});
    expect(await text(page, 'kk-m')).toBe(String(kk.M));
    expect(await text(page, 'kk-mu')).toBe(kk.mu.toFixed(4));
    await page.screenshot({ path: join(ARTIFACTS, 'impedance-kk.png'), fullPage: true });

    await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'pydrttools/1ZARC.csv'));
    await page.getByTestId('file-1ZARC.csv').waitFor();
    await page.getByTestId('tab-drt').click();
    await page.getByTestId('drt-button').click();
    await page.getByTestId('drt-result').waitFor({ timeout: 60_000 });
    // pyDRTtools' 1ZARC: R∞ = 10 Ω, one ZARC of 50 Ω.
    const rpol = Number(await text(page, 'drt-rpol'));
    expect(rpol).toBeGreaterThan(49);
    expect(rpol).toBeLessThan(51);
    const drt = eisDrt(spectrumOf(join(FIXTURES, 'pydrttools/1ZARC.csv')), {});
    expect(await text(page, 'drt-lambda-value')).toBe(drt.lambda.toExponential(3));
    expect(await page.locator('[data-testid=drt-peaks] tbody tr').count()).toBe(drt.peaks.length);
    await page.getByTestId('drt-method').selectOption('fixed');
    await page.getByTestId('drt-lambda').fill('0.1');
    await page.getByTestId('drt-button').click();
    await expect.poll(() => text(page, 'drt-lambda-value')).toBe('1.000e-1');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(ARTIFACTS, 'impedance-drt.png'), fullPage: true });
  });

  it('gives Ea of a temperature series with the pellet geometry', async () => {
    await page.getByRole('button', { name: 'Clear all' }).click();
    const paths = TEMPS.map((t) => join(FIXTURES, `solid_electrolyte/s04147-${t}deg.txt`));
    await page.getByTestId('file-input').setInputFiles(paths);
    await expect.poll(() => page.locator('[data-testid=file-list] li').count()).toBe(7);
    await page.getByTestId('tab-arrhenius').click();
    await page.getByTestId('thickness-input').fill('0.21');
    await page.getByTestId('diameter-input').fill('0.8');
    await page.getByTestId('arrhenius-button').click();
    await page.getByTestId('arrhenius-result').waitFor({ timeout: 120_000 });
    const cli = eisArrhenius(paths.map(spectrumOf), {
      circuit: 'p(R1,CPE1)-p(R2,CPE2)-CPE3',
      geometry: sampleGeometry(0.21, { diameterCm: 0.8 }),
    });
    for (const key of ['bulk', 'grainBoundary', 'total'] as const)
      expect(await text(page, `ea-${key}`)).toBe(cli[key]!.Ea.toFixed(3));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(ARTIFACTS, 'impedance-arrhenius.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 180_000);
});

async function expectEqualAxes(page: Page) {
  const svg = page.locator('[data-testid=nyquist-plot] svg');
  await expect
    .poll(async () => {
      const ux = Number(await svg.getAttribute('data-x-units-per-px'));
      const uy = Number(await svg.getAttribute('data-y-units-per-px'));
      return Math.abs(ux / uy - 1);
    })
    .toBeLessThan(1e-9);
}

/** A real drop: a DataTransfer holding the file, dispatched as dragenter → dragover → drop. */
async function dropFile(page: Page, selector: string, path: string) {
  const base64 = readFileSync(path).toString('base64');
  const dataTransfer = await page.evaluateHandle(
    ([b64, name]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
      return dt;
    },
    [base64, basename(path)] as const,
  );
  for (const type of ['dragenter', 'dragover', 'drop'])
    await page.dispatchEvent(selector, type, { dataTransfer });
  await dataTransfer.dispose();
}

async function text(page: Page, testId: string) {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}
