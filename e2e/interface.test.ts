/**
 * Browser test of the "Interface" page: a real server (in-process, ephemeral port) and Debian's
 * chromium driven by playwright-core. The numbers on the page are checked against the CLI functions
 * (src/app/operations/interface.ts) run here for the same input. Needs `npm run build` first.
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interfaceCompare, interfaceSimulate, membraneOperation } from '../src/app/operations/interface.ts';
import { ARTIFACTS, HAVE_CHROMIUM, openWorkbench, ROOT, type Workbench } from './harness.ts';

const FIXTURES = join(ROOT, 'test/fixtures/interface');

/** The page's cell at its defaults, as the CLI takes it. */
const CLI_CELL = {
  electrolyte: 'Na3Zr2Si2PO12',
  thickness: '500um',
  T: '25C',
  pressure: '1MPa',
  protocol: 'step-ramp:0.05:0.05:30min',
};

/** How the page prints a number (3 significant digits). */
const sig3 = (v: number) => Number(v.toPrecision(3)).toString();

describe.skipIf(!HAVE_CHROMIUM)('Interface workbench page', () => {
  let workbench: Workbench;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await openWorkbench({ hash: 'interface' });
    ({ page, pageErrors } = workbench);
    await page.getByRole('heading', { name: 'Interface', level: 1 }).waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(() => workbench?.close());

  it('starts empty, then runs the default cell and shows the CLI numbers', async () => {
    await expect.poll(() => page.getByText('No simulation yet').isVisible()).toBe(true);
    await expect.poll(() => page.locator('[data-testid=mitigation-list] input').count()).toBeGreaterThan(3);
    await page.getByTestId('run').click();
    await waitForRun(page);

    const cli = interfaceSimulate(CLI_CELL);
    expect(cli.ccd_mA_cm2).not.toBeNull();
    expect(await text(page, 'fact-ccd')).toBe(`${sig3(cli.ccd_mA_cm2 as number)} mA/cm²`);
    expect(await text(page, 'fact-short')).toBe(`${sig3(cli.shortAt_h as number)} h`);
    expect(await text(page, 'fact-asr')).toBe(`${sig3(cli.asr_ohm_cm2)} Ω·cm²`);
    expect(await text(page, 'fact-jstrip')).toBe(`${sig3(cli.criticalStrippingCurrent_mA_cm2)} mA/cm²`);
    expect(await text(page, 'failure-text')).toContain(cli.failure?.mode ?? 'none');
    await expect.poll(() => page.locator('[data-testid=trace-plot] canvas').count()).toBe(1);
    // The schematic shows the filament of the short and the 500 µm membrane.
    expect(await page.getByTestId('schematic-filament').count()).toBe(1);
    expect(await text(page, 'schematic-thickness')).toBe('500 µm');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(ARTIFACTS, 'interface.png'), fullPage: true });
    await page.getByTestId('simulation-card').screenshot({ path: join(ARTIFACTS, 'interface-trace.png') });
  });

  it('a higher stack pressure (slider moved with the keyboard) raises the CCD as the CLI says', async () => {
    const before = Number.parseFloat(await text(page, 'fact-ccd'));
    const slider = page.getByTestId('pressure-slider');
    await slider.focus();
    // 1 → 5 MPa in 0.1 MPa steps; each press waits for the re-render so a loaded machine loses none.
    const input = page.getByTestId('pressure-input');
    let value = await input.inputValue();
    for (let i = 0; i < 60 && value !== '5'; i++) {
      await slider.press('ArrowRight');
      const previous = value;
      await expect.poll(() => input.inputValue()).not.toBe(previous);
      value = await input.inputValue();
    }
    expect(value).toBe('5');
    await page.getByTestId('run').click();
    await page.locator('[data-testid=simulation-result][data-run$="|5"]').waitFor();
    const cli = interfaceSimulate({ ...CLI_CELL, pressure: '5MPa' });
    expect(await text(page, 'fact-ccd')).toBe(`${sig3(cli.ccd_mA_cm2 as number)} mA/cm²`);
    expect(Number.parseFloat(await text(page, 'fact-ccd'))).toBeGreaterThan(before);
  });

  it('ranks mitigation strategies like `natrium interface compare` and lists the unsimulated ones', async () => {
    await page.getByTestId('mit-gb-sealing').check();
    await page.getByTestId('compare').click();
    await page.getByTestId('compare-table').waitFor();
    await page.locator('[data-testid=mitigation-card].computing').waitFor({ state: 'detached' });
    const cli = interfaceCompare({
      ...CLI_CELL,
      pressure: '5MPa',
      mitigation: 'au-interlayer,stack-pressure-9mpa,gb-sealing',
      cycleCurrent: '0.1mA/cm2',
      cycleCapacity: '0.1mAh/cm2',
      cycleHours: '100h',
    });
    const rows = await page.$$eval('[data-testid=compare-table] tbody tr', (trs) =>
      trs.map((tr) => ({
        label: (tr as HTMLElement).dataset.label,
        ccd: tr.querySelector('[data-col=ccd]')?.textContent,
        asr: tr.querySelector('[data-col=asr]')?.textContent,
      })),
    );
    expect(rows.map((r) => r.label)).toEqual(cli.rows.map((r) => r.label));
    expect(rows.map((r) => r.ccd)).toEqual(
      cli.rows.map((r) => (r.ccd_mA_cm2 === null ? 'none in ramp' : sig3(r.ccd_mA_cm2))),
    );
    expect(rows.map((r) => r.asr)).toEqual(cli.rows.map((r) => sig3(r.interfaceAsr_ohm_cm2)));
    expect(await page.locator('[data-testid=ccd-bars] rect').count()).toBe(cli.rows.length);
    await page.getByTestId('not-simulated').locator('summary').click();
    expect(await page.locator('[data-testid=not-simulated] tbody tr').count()).toBe(cli.notSimulated.length);
    await page
      .getByTestId('mitigation-card')
      .screenshot({ path: join(ARTIFACTS, 'interface-mitigations.png') });
  });

  it('membrane ASR table and the CCD of a measured trace chosen from disk', async () => {
    const expected = membraneOperation({ sigma: '1mS/cm', thickness: '100um' }).rows[0].asr_ohm_cm2[0];
    const cell = page.locator('[data-testid=membrane-table] tr[data-sigma="1"] td[data-thickness="100"]');
    expect(await cell.textContent()).toBe(sig3(expected));
    await page.getByTestId('ccd-file').setInputFiles(join(FIXTURES, 'synthetic-step-ramp.csv'));
    await page.locator('[data-testid=ccd-result][data-file="synthetic-step-ramp.csv"]').waitFor();
    // The fixture's known onset (test/fixtures/interface/README.md).
    expect(await text(page, 'ccd-measured')).toBe('0.35 mA/cm²');
    // A cycler export (Arbin, current in A) needs the electrode diameter; its known onset is 0.6 mA/cm².
    await page.getByTestId('ccd-diameter-input').fill('10');
    await page.getByTestId('ccd-file').setInputFiles(join(FIXTURES, 'synthetic-ccd-arbin.csv'));
    await page.locator('[data-testid=ccd-result][data-file="synthetic-ccd-arbin.csv"]').waitFor();
    expect(await text(page, 'ccd-measured')).toBe('0.6 mA/cm²');
    expect(await text(page, 'ccd-message')).toContain('(arbin, 0.785 cm²)');
    await page.getByTestId('membrane-card').scrollIntoViewIfNeeded();
    await page.locator('.if-row').screenshot({ path: join(ARTIFACTS, 'interface-membrane-ccd.png') });
  });

  it('a linear ramp (protocol switched in the sidebar) gives the CLI numbers of that protocol', async () => {
    await page.getByTestId('protocol-linear-ramp').check();
    // The step-ramp boxes make way for the ramp's own parameters.
    expect(await page.getByTestId('ramp-start-input').count()).toBe(0);
    const rate = page.getByTestId('linear-rate-input');
    await rate.fill('0.2');
    await rate.press('Enter');
    await page.getByTestId('run').click();
    await page.locator('[data-testid=simulation-result][data-protocol="linear-ramp"]').waitFor();
    await page.locator('[data-testid=run]:not([disabled])').waitFor();
    const cli = interfaceSimulate({ ...CLI_CELL, pressure: '5MPa', protocol: 'linear-ramp:0.2:3' });
    expect(cli.ccd_mA_cm2).not.toBeNull();
    expect(await text(page, 'fact-ccd')).toBe(`${sig3(cli.ccd_mA_cm2 as number)} mA/cm²`);
    expect(await text(page, 'conditions')).toContain('linear ramp at 0.2 mA/cm² per h');
    expect(await text(page, 'fact-sigma')).toBe(`${sig3(cli.electrolyteSigma_S_per_cm * 1e3)} mS/cm`);
    expect(await text(page, 'sigma-source')).toContain('tieu2023-zro2free');
    await expect
      .poll(
        async () => (await page.getByTestId('simulation-card').locator('h2, h3').first().textContent()) ?? '',
      )
      .toMatch(/linear ramp/);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(ARTIFACTS, 'interface-linear-ramp.png'), fullPage: true });
  });

  it('a negative thickness shows one clear error and keeps the previous result', async () => {
    const before = await text(page, 'fact-ccd');
    const box = page.getByTestId('thickness-input');
    await box.fill('-5');
    await box.press('Enter');
    await page.getByTestId('run').click();
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    const message = (await banner.textContent()) ?? '';
    expect(message).toContain('Could not simulate the cell');
    expect(message).toMatch(/thickness/);
    expect(message.length).toBeLessThan(400);
    expect(await text(page, 'fact-ccd')).toBe(before);
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'interface-error.png') });
    expect(pageErrors).toEqual([]);
  });
});

async function waitForRun(page: Page) {
  await page.getByTestId('simulation-result').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid=run]:not([disabled])').waitFor();
}

async function text(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}
