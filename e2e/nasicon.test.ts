/**
 * Browser test of the "NASICON" page: a real server (in-process, ephemeral port) and Debian's
 * chromium driven by playwright-core. The numbers on the page are compared with the domain code
 * run here for the same composition. Needs `npm run build` first (web/dist).
 */

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nasiconBuild, nasiconBvse } from '../src/app/operations/nasicon.ts';
import { nasiconBvseOp } from '../src/app/registry/ops/nasicon.ts';
import { Rng } from '../src/core/rng.ts';
import { isosurface } from '../src/nasicon/bvse/isosurface.ts';
import { estimateConductivity, nzspFormula } from '../src/nasicon/index.ts';
import { decodeLandscape } from '../web/src/pages/nasicon/landscape.ts';
import { ARTIFACTS, HAVE_CHROMIUM, openWorkbench, type Workbench } from './harness.ts';

describe.skipIf(!HAVE_CHROMIUM)('NASICON workbench page', () => {
  let workbench: Workbench;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await openWorkbench({ hash: 'nasicon' });
    ({ page, pageErrors } = workbench);
    await page.getByRole('heading', { name: 'NASICON', level: 1 }).waitFor();
  });

  afterAll(() => workbench?.close());

  it('builds the default x = 2 and shows the cell and BVSE numbers of the domain code', async () => {
    await waitForFormula(page, 'Na3Zr2Si2PO12');
    const direct = nasiconBuild({ formula: 'Na3Zr2Si2PO12' });
    expect(await text(page, 'cell-a')).toBe(direct.lattice.a.toFixed(4));
    expect(await text(page, 'cell-volume')).toBe(direct.lattice.volumeA3.toFixed(2));
    expect(await text(page, 'space-group')).toContain('167');
    // The site table lists the Na sites with their occupancies from the builder.
    const naOcc = await page.locator('[data-testid=site-table] .occupant[data-element=Na]').allTextContents();
    expect(naOcc.length).toBeGreaterThanOrEqual(2);
    const expectedNa = direct.sites
      .filter((s) => 'Na' in s.occupants)
      .map((s) => `Na ${s.occupants.Na.toFixed(4)}`);
    expect(naOcc.map((t) => t.trim())).toEqual(expectedNa);

    const bvse = nasiconBvse(direct.structure, { ion: 'Na', grid: 0.2 });
    await page.waitForFunction(
      (v) => document.querySelector('[data-testid=barrier-3d]')?.textContent === v,
      bvse.barriers['3D']!.toFixed(3),
      { timeout: 60_000 },
    );
    expect(await text(page, 'bottleneck')).toBe(bvse.bottleneckRadius!.toFixed(3));
    const caption = page.locator('[data-testid=surface-caption]', { hasText: 'Teal surface' });
    await caption.waitFor({ timeout: 30_000 });
    // The drawn surface is the library mesh (src/nasicon/bvse/isosurface.ts) of the landscape the
    // operation sends, at the level the caption states: same triangle count as computed here.
    const level = Number(await caption.getAttribute('data-level-ev'));
    expect(level).toBeCloseTo(bvse.barriers['3D']! + 0.1, 9);
    const op = await nasiconBvseOp.run(
      { signal: new AbortController().signal, progress: () => {}, rng: new Rng(1), seed: 1 },
      { x: 2, grid: 0.2, landscape: true },
    );
    const L = op.landscape!;
    const mesh = isosurface(
      { dims: L.dims, values: decodeLandscape(L.bytesBase64, L.stepEv), cellVectors: L.cellVectors },
      level,
    );
    expect(mesh.triangles.length).toBeGreaterThan(0);
    expect(Number(await caption.getAttribute('data-triangles'))).toBe(mesh.triangles.length / 3);
    await page.locator('[data-testid=stability-panel]').waitFor();
    await page.locator('[data-testid=conductivity-plot]').waitFor();
    const sigma = estimateConductivity('Na3Zr2Si2PO12', { temperatureK: 298.15 }).sigmaTotal!;
    expect(await text(page, 'sigma-total')).toContain(sigma.toExponential(2));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, 'nasicon.png'), fullPage: true });
    await page
      .locator('[data-testid=crystal-view]')
      .screenshot({ path: join(ARTIFACTS, 'nasicon-cell.png') });
  });

  it('the slider and the dopant selector rebuild the composition', async () => {
    await page.locator('[data-testid=x-slider]').fill('2.4');
    await waitForFormula(page, 'Na3.4Zr2Si2.4P0.6O12');
    const x24 = nasiconBuild({ formula: 'Na3.4Zr2Si2.4P0.6O12' });
    expect(await text(page, 'cell-volume')).toBe(x24.lattice.volumeA3.toFixed(2));

    await page.locator('[data-testid=x-slider]').fill('2');
    await page.locator('[data-testid=dopant-select]').selectOption('Sc');
    await page.locator('[data-testid=dopant-amount]').fill('0.4');
    const doped = nasiconBuild({ formula: nzspFormula({ x: 2, dopant: 'Sc', dopantAmount: 0.4 }) });
    await waitForFormula(page, doped.formula);
    expect(await text(page, 'na-per-fu')).toBe((1 + doped.x).toFixed(3));
    // The conductivity estimate follows the composition (same-family rows of the dataset).
    const sigma = estimateConductivity(doped.formula, { temperatureK: 298.15 }).sigmaTotal;
    await page.waitForFunction(
      (v) => document.querySelector('[data-testid=sigma-total]')?.textContent?.includes(v) ?? false,
      sigma === null ? '—' : sigma.toExponential(2),
      { timeout: 30_000 },
    );
  });

  it('the Boilot C2/c cell gives the monoclinic space group and the cell volume of the builder', async () => {
    await page.locator('[data-testid=dopant-select]').selectOption('');
    await page.locator('[data-testid=setting-select]').selectOption('boilot1987');
    await page.locator('[data-testid=space-group]', { hasText: 'C2/c' }).waitFor({ timeout: 30_000 });
    const mono = nasiconBuild({ formula: 'Na3Zr2Si2PO12', monoclinic: true, monoclinicCell: 'boilot1987' });
    expect(await text(page, 'cell-volume')).toBe(mono.lattice.volumeA3.toFixed(2));
    await page.locator('[data-testid=site-mapping]').waitFor();
    await page.waitForTimeout(300);
    await page
      .locator('[data-testid=xrd-card]')
      .screenshot({ path: join(ARTIFACTS, 'nasicon-xrd-monoclinic.png') });
    await page.locator('[data-testid=setting-select]').selectOption('hexagonal');
    await page.locator('[data-testid=space-group]', { hasText: '167' }).waitFor({ timeout: 30_000 });
  });

  it('hovering a literature point shows its DOI', async () => {
    const plot = page.locator('[data-testid=conductivity-plot] .u-over');
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.boundingBox())!;
    const at = await page.locator('[data-testid=conductivity-plot] .uplot').getAttribute('data-first-point');
    expect(at, 'the plot reports where its first same-family point is').toBeTruthy();
    const [px, py] = at!.split(',').map(Number);
    await page.mouse.move(box.x + px + 1, box.y + py + 1);
    const found = await page.locator('[data-testid=conductivity-tooltip]').isVisible();
    expect(found).toBe(true);
    expect(await page.locator('[data-testid=conductivity-tooltip]').textContent()).toMatch(/DOI/);
    const card = (await page.locator('[data-testid=conductivity-card]').boundingBox())!;
    await page.screenshot({ path: join(ARTIFACTS, 'nasicon-conductivity.png'), clip: card });
  });

  it('an impossible formula shows the error banner and keeps the previous structure', async () => {
    await page.locator('[data-testid=mode-formula]').check();
    await page.locator('[data-testid=formula-input]').fill('Na3Zr2Si2PO12');
    await page.locator('[data-testid=formula-build]').click();
    await waitForFormula(page, 'Na3Zr2Si2PO12');
    await page.locator('[data-testid=formula-input]').fill('Na3Zr2Si2PO13');
    await page.locator('[data-testid=formula-build]').click();
    const banner = page.locator('[data-testid=error-banner]');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toMatch(/^!?Could not build the structure: .*13 O per formula unit/);
    expect(await text(page, 'formula')).toBe('Na3Zr2Si2PO12');
    await page.screenshot({ path: join(ARTIFACTS, 'nasicon-error.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});

async function text(page: Page, testId: string): Promise<string> {
  return ((await page.locator(`[data-testid=${testId}]`).first().textContent()) ?? '').trim();
}

async function waitForFormula(page: Page, formula: string) {
  await page.waitForFunction(
    (f) =>
      document.querySelector('[data-formula]')?.getAttribute('data-formula') === f &&
      !document.querySelector('.structure-card.computing'),
    formula,
    { timeout: 30_000 },
  );
}
