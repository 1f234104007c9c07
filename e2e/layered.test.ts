/**
 * Browser test of the "Layered oxides" page: a real server (in-process, ephemeral port) and Debian's
 * chromium driven by playwright-core. Needs `npm run build` first (web/dist). The numbers asserted
 * come from the domain code called directly (the same functions the CLI prints).
 */

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackingAnalyze, stackingGenerate } from '../src/app/operations/stacking.ts';
import { stackingXrd } from '../src/app/operations/stackingXrd.ts';
import { matchScale, parseXy } from '../src/io/xy/index.ts';
import { ARTIFACTS, HAVE_CHROMIUM, openWorkbench, ROOT, type Workbench } from './harness.ts';

const MEASURED = join(ROOT, 'test/fixtures/xy/P2_diffax_broadened.xy');

describe.skipIf(!HAVE_CHROMIUM)('Layered oxides workbench page', () => {
  let workbench: Workbench;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await openWorkbench({ hash: 'layered' });
    ({ page, pageErrors } = workbench);
    await page.getByRole('heading', { name: 'Layered oxides' }).waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(() => workbench?.close());

  it('analyses the worked example: interphases at slabs 4 and 8, α = 2/11, β n/a', async () => {
    await page.getByTestId('stack-strip').waitFor({ timeout: 30_000 });
    const seq = 'ABBAABBAABBCCAABBCCBBCCB';
    await page.getByTestId('sequence-input').fill(seq);
    await page.getByTestId('analyze').click();
    const direct = stackingAnalyze({ sequence: seq });
    await expect.poll(() => text(page, 'alpha')).toBe(direct.alpha.toFixed(4));
    expect(direct.alpha).toBeCloseTo(2 / 11, 12);
    expect(await text(page, 'interphase-count')).toBe('2 at slab 4, 8');
    expect(await text(page, 'beta')).toBe('n/a — fewer than 3 interphases');
    expect(await text(page, 'polytype')).toBe(direct.polytype);
    expect(await text(page, 'phi2')).toBe(direct.phi2.toFixed(4));
    expect(await page.locator('[data-testid=fractions] td[data-label=P2]').textContent()).toBe(
      direct.fractions.P2.toFixed(3),
    );
    // Hover interlayer 5 of 11: a P3 interlayer (prismatic Na).
    const strip = (await page.locator('.strip-box').boundingBox())!;
    await page.mouse.move(strip.x + strip.width * (5.5 / 11), strip.y + 20);
    const tip = page.getByTestId('strip-tooltip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    const tipText = (await tip.textContent()) ?? '';
    expect(tipText).toContain('interlayer 5');
    expect(tipText).toContain(`label ${direct.labels[5]}`);
    expect(tipText).toContain('prismatic');
    await page.screenshot({
      path: join(ARTIFACTS, 'layered-strip.png'),
      clip: (await page.getByTestId('stack-card').boundingBox())!,
    });
    // The 3-D model of the built stack.
    await expect.poll(() => page.locator('[data-testid=crystal-view] canvas').count()).toBe(1);
    await expect.poll(() => text(page, 'build-info')).toContain('12 slabs built');
  });

  it('α per nm uses the layer model’s interlayer spacings (same number as the CLI with --spacing)', async () => {
    const seq = 'ABBAABBAABBCCAABBCCBBCCB';
    const byDefault = stackingAnalyze({ sequence: seq });
    expect(await text(page, 'alpha-nm')).toBe(`${byDefault.alphaPerNm.toFixed(4)} nm⁻¹`);
    // `natrium stacking analyze SEQ --spacing P2=6.1,P3=6.1` computes exactly this:
    const custom = stackingAnalyze({ sequence: seq, spacingAngstrom: { P2: 6.1, P3: 6.1 } });
    expect(custom.meanSpacingAngstrom).toBeCloseTo(6.1, 12);
    expect(custom.alphaPerNm).not.toBeCloseTo(byDefault.alphaPerNm, 3);
    await page.getByTestId('param-dP').fill('6.1');
    await page.getByTestId('apply-params').click();
    await expect.poll(() => text(page, 'alpha-nm')).toBe(`${custom.alphaPerNm.toFixed(4)} nm⁻¹`);
    expect(await text(page, 'mean-spacing')).toBe('6.100 Å');
    await page.screenshot({
      path: join(ARTIFACTS, 'layered-metrics-spacing.png'),
      clip: (await page.getByTestId('metrics-card').boundingBox())!,
    });
    // α per interlayer does not depend on spacings.
    expect(await text(page, 'alpha')).toBe(byDefault.alpha.toFixed(4));
    // Back to the defaults for the next tests.
    await page.getByTestId('param-dP').fill('');
    await page.getByTestId('apply-params').click();
    await expect.poll(() => text(page, 'alpha-nm')).toBe(`${byDefault.alphaPerNm.toFixed(4)} nm⁻¹`);
  });

  it('generates a phase-type stack from the sliders with the seed', async () => {
    await page.getByTestId('mode-generate').click();
    await page.getByTestId('gen-phi2').fill('0.5');
    await page.getByTestId('gen-alpha').fill('0.1');
    await page.getByTestId('gen-beta').fill('0.4');
    await page.getByTestId('gen-layers').fill('300');
    await page.getByTestId('gen-seed').fill('7');
    await page.getByTestId('generate').click();
    const g = stackingGenerate({
      model: 'phase-type',
      phi2: 0.5,
      alpha: 0.1,
      beta: 0.4,
      layers: 300,
      seed: 7,
    });
    const a = stackingAnalyze({ sequence: g.sequence });
    await expect.poll(() => text(page, 'alpha')).toBe(a.alpha.toFixed(4));
    expect(await text(page, 'beta')).toBe((a.beta as number).toFixed(4));
    expect(await text(page, 'interphase-count')).toBe(String(a.interphases.length));
    await expect.poll(() => text(page, 'build-info')).toContain('First 12 of 300 slabs built');
    await page.screenshot({ path: join(ARTIFACTS, 'layered-generated.png'), fullPage: true });
  });

  it('simulates a typed P2 stack against an uploaded pattern and shows the Rwp of the domain match', async () => {
    await page.getByTestId('mode-type').click();
    await page.getByTestId('sequence-input').fill('P2*40');
    await page.getByTestId('analyze').click();
    await expect.poll(() => text(page, 'polytype')).toBe('P2');
    // The reference pattern's layer geometry (case B: NaₓCoO₂-like slabs, a = 2.85 Å, d = 5.40 Å).
    await page.getByTestId('param-composition').fill('Na0.8CoO2');
    await page.getByTestId('param-a').fill('2.85');
    await page.getByTestId('param-dP').fill('5.40');
    await page.getByTestId('apply-params').click();
    await expect.poll(() => text(page, 'build-info')).toContain('a = 2.850 Å');
    await page.getByTestId('measured-input').setInputFiles(MEASURED);
    await expect.poll(() => text(page, 'measured-name')).toBe('P2_diffax_broadened.xy');
    // The 2θ range follows the measured file (5–89.98°, whole degrees inward).
    expect(await page.getByTestId('tt-min').inputValue()).toBe('5');
    expect(await page.getByTestId('tt-max').inputValue()).toBe('89');
    await page.getByTestId('tt-min').fill('10');
    await page.getByTestId('tt-max').fill('70');
    await page.getByTestId('tt-step').fill('0.05');
    await page.getByTestId('fwhm').fill('0.2355');
    await page.getByTestId('weights').selectOption('unit');
    await page.getByTestId('simulate').click();
    await page.getByTestId('rwp').waitFor({ timeout: 60_000 });

    const sim = stackingXrd({
      sequence: 'P2*40',
      composition: 'Na0.8CoO2',
      a: 2.85,
      dP: 5.4,
      twoThetaRange: [10, 70],
      step: 0.05,
      wavelength: 1.5406,
      broadening: { kind: 'gaussian', fwhmDeg: 0.2355 },
    });
    const max = Math.max(...sim.intensity);
    const m = matchScale(
      parseXy(readFileSync(MEASURED, 'utf8')),
      { twoTheta: sim.twoTheta, intensity: sim.intensity.map((y) => y / max) },
      { background: true, weights: 'unit' },
    );
    expect(await text(page, 'rwp')).toBe(`${(100 * m.rwp).toFixed(2)} %`);
    expect(await text(page, 'points-used')).toContain(String(m.points));
    // uPlot paints axis labels on the canvas; the screenshot shows them.
    expect(await page.locator('[data-testid=pattern-plot] canvas').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'layered-pattern.png'), fullPage: true });
  });

  it('a bad sequence shows the error banner and keeps the previous result', async () => {
    const before = await text(page, 'alpha');
    await page.getByTestId('sequence-input').fill('AB BD AB');
    await page.getByTestId('analyze').click();
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Could not read the sequence: .*\S/);
    expect(await text(page, 'alpha')).toBe(before);
    expect(await page.getByTestId('rwp').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'layered-error.png'), fullPage: false });
    expect(pageErrors).toEqual([]);
  });
});

async function text(page: Page, testId: string) {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}
