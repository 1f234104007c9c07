/**
 * Figures of analysis results, drawn from the registry's own results on fixture files; and the
 * plotting core they share with the workbench (web/src/components/plotCore.ts): nice ticks, equal
 * aspect, labels, gaps, and one code path for the report and the workbench's SvgPlot.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type PlotSeries,
  type PlotSpec,
  plotFrame,
  plotSvg,
  ticks,
  unitsPerPixel,
} from '../../../web/src/components/plotCore.ts';
import { SvgPlot } from '../../../web/src/components/SvgPlot.tsx';
import {
  getOperation,
  listOperations,
  loadOperations,
  makeContext,
  runOperation,
} from '../registry/registry.ts';
import type { Store } from '../store/store.ts';
import {
  analysisFigure,
  datasetFigure,
  FIGURE_OPERATIONS,
  NYQUIST_X_LABEL,
  NYQUIST_Y_LABEL,
} from './figures.ts';
import { chartSvg, SERIES_COLORS } from './svg.ts';

const FIX = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));
const text = (p: string) => ({ fileName: p.split('/').pop(), text: readFileSync(join(FIX, p), 'utf8') });

async function figureOf(
  id: string,
  input: unknown,
): Promise<{ svg: string; result: Record<string, unknown> }> {
  const result = (await runOperation(getOperation(id), input, makeContext(1))) as Record<string, unknown>;
  const svg = analysisFigure({ operationId: id, result });
  expect(svg, id).toBeDefined();
  return { svg: svg as string, result };
}

/** Vertices of the first series path (`<g data-series…><path d="Mx,yLx,y…">`, a line series). */
function lineVertices(svg: string): [number, number][] {
  const d = /<g data-series="[^"]*"><path d="([^"]+)"/.exec(svg)?.[1] ?? '';
  return [...d.matchAll(/[ML]([\d.-]+),([\d.-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Circles drawn for data points (inside the series groups; the legend's swatches excluded). */
function dataCircles(svg: string): number {
  let n = 0;
  for (const g of svg.matchAll(/<g data-series="[^"]*">(.*?)<\/g>/g))
    n += g[1].match(/<circle /g)?.length ?? 0;
  return n;
}

beforeAll(() => loadOperations());

describe('analysis figures', () => {
  it('every operation with a figure is registered (ids cannot silently go stale)', () => {
    const ids = new Set(listOperations().map((o) => o.id));
    for (const id of FIGURE_OPERATIONS) expect(ids.has(id), id).toBe(true);
  });

  it('eis.fit: the model curve, one vertex per curve point, with equal axes', async () => {
    const { svg, result } = await figureOf('eis.fit', {
      file: text('eis/exampleData.csv'),
      circuit: 'R0-p(R1,C1)-p(R2-Wo1,C2)',
      guess: [0.01, 0.01, 100, 0.01, 0.05, 100, 1],
    });
    const curve = result.curve as { zReal: number[]; zImag: number[] };
    const v = lineVertices(svg);
    expect(v).toHaveLength(curve.zReal.length);
    // Equal axes: pixel distances between two curve points are proportional to ohms on both axes.
    const [i, j] = [0, curve.zReal.length - 1];
    const pxPerOhmX = (v[j][0] - v[i][0]) / (curve.zReal[j] - curve.zReal[i]);
    const pxPerOhmY = (v[i][1] - v[j][1]) / (-curve.zImag[j] - -curve.zImag[i]);
    expect(pxPerOhmX / pxPerOhmY).toBeCloseTo(1, 1);
    expect(svg).toContain('Nyquist');
  }, 60_000);

  it('eis.drt: γ against log₁₀ τ', async () => {
    const { svg, result } = await figureOf('eis.drt', { file: text('eis/exampleData.csv') });
    const tau = result.tau as number[];
    const v = lineVertices(svg);
    expect(v).toHaveLength(tau.length);
    // x increases with log τ (τ ascending) and is linear in log τ.
    const x = (k: number) => v[k][0];
    const n = tau.length - 1;
    const mid = Math.floor(n / 2);
    const frac = (Math.log10(tau[mid]) - Math.log10(tau[0])) / (Math.log10(tau[n]) - Math.log10(tau[0]));
    expect((x(mid) - x(0)) / (x(n) - x(0))).toBeCloseTo(frac, 2);
  }, 60_000);

  it('cycling.summary: charge and discharge capacity per cycle', async () => {
    const { svg, result } = await figureOf('cycling.summary', {
      file: text('cycling/test_Nova_Form-CH01-01_short.csv'),
    });
    const cycles = result.cycles as unknown[];
    expect(dataCircles(svg)).toBe(2 * cycles.length);
    expect(svg).toContain('>discharge<');
  }, 60_000);

  it('an operation without a figure, or no result, gives none', () => {
    expect(analysisFigure({ operationId: 'stacking.analyze', result: { slabs: 3 } })).toBeUndefined();
    expect(analysisFigure({ operationId: 'eis.fit', result: null })).toBeUndefined();
  });
});

/** Centres of the data circles of an SVG (inside series groups), in drawing pixels. */
function circleCentres(svg: string): [number, number][] {
  const out: [number, number][] = [];
  for (const g of svg.matchAll(/<g data-series="[^"]*">(.*?)<\/g>/g))
    for (const m of g[1].matchAll(/<circle cx="([\d.-]+)" cy="([\d.-]+)"/g))
      out.push([Number(m[1]), Number(m[2])]);
  return out;
}

/** The plot group (`<g transform="translate(…)">…`) of an SVG, with the clip-path id made neutral. */
function plotGroup(svg: string): string {
  const i = svg.indexOf('<g transform="translate(');
  return svg
    .slice(i)
    .replace(/plot-clip-\d+x\d+|clip-[a-z0-9]+/g, 'CLIP')
    .replace(/<\/svg>(<\/div>)?$/, '');
}

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });

describe('plotCore: the plotting core of the workbench and the report', () => {
  it('linear ticks are nice (1, 2, 2.5 or 5 × 10ⁿ steps) and cover the range to within one step', () => {
    fc.assert(
      fc.property(
        finite,
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.integer({ min: 3, max: 12 }),
        (a, span, count) => {
          const b = a + span;
          // Ranges resolvable in double precision (a span of a millionth of the offset, at least).
          fc.pre(span >= 1e-6 * Math.max(1, Math.abs(a)));
          const t = ticks([a, b], false, count);
          expect(t.length).toBeGreaterThanOrEqual(2);
          const measured = t[1] - t[0];
          const mag = 10 ** Math.floor(Math.log10(measured) + 1e-9);
          const m = [1, 2, 2.5, 5, 10].find((k) => Math.abs(measured / mag - k) < 1e-6);
          expect(m, `step ${measured}`).toBeDefined();
          const step = (m as number) * mag;
          // About `count` ticks: the step is rounded up by at most ×2 (so at least count / 2 − 1),
          // and at least two ticks are labelled on any axis.
          expect(t.length).toBeGreaterThanOrEqual(Math.max(2, Math.floor(count / 2) - 1));
          expect(t.length).toBeLessThanOrEqual(2 * count + 1);
          for (let i = 0; i < t.length; i++) {
            // Inside the range, evenly spaced, and each a whole multiple of the step.
            expect(t[i]).toBeGreaterThanOrEqual(a - step * 1e-6);
            expect(t[i]).toBeLessThanOrEqual(b + step * 1e-6);
            if (i > 0) expect(Math.abs(t[i] - t[i - 1] - step)).toBeLessThan(step * 1e-6);
            expect(Math.abs(t[i] / step - Math.round(t[i] / step))).toBeLessThan(1e-6);
          }
          // Covering: no gap of a full step at either end.
          expect(t[0] - a).toBeLessThan(step * (1 + 1e-9));
          expect(b - t[t.length - 1]).toBeLessThan(step * (1 + 1e-9));
        },
      ),
    );
    expect(ticks([0, 1], false, 10)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(ticks([-0.013, 0.087], false, 5)).toEqual([0, 0.02, 0.04, 0.06, 0.08]);
    // Found by the property above: a step of 2.5e-4 must not be rounded up to 5e-4 by float noise.
    expect(ticks([5e-13, 0.00075], false, 3)).toEqual([0.00025, 0.0005, 0.00075]);
  });

  it('log ticks are powers of ten (1-2-5 under two decades) inside the range', () => {
    expect(ticks([0.8, 120_000], true, 6)).toEqual([1, 10, 100, 1000, 10_000, 100_000]);
    expect(ticks([3, 60], true, 6)).toEqual([5, 10, 20, 50]);
  });

  it('the frame of a figure has ticks spanning the data and an axis label with its unit on each axis', () => {
    const spec: PlotSpec = {
      series: [{ label: 'V', x: [0, 3600, 7200], y: [2.1, 3.4, 4.2], color: '#000', kind: 'line' }],
      x: { label: 'time (s)' },
      y: { label: 'voltage (V)' },
    };
    const f = plotFrame(spec, 640, 360);
    expect(f.xr[0]).toBeLessThanOrEqual(0);
    expect(f.xr[1]).toBeGreaterThanOrEqual(7200);
    expect(f.yr[0]).toBeLessThanOrEqual(2.1);
    expect(f.yr[1]).toBeGreaterThanOrEqual(4.2);
    // Ticks at 0, 2000, 4000, 6000 s: within one step of both ends of the data.
    expect(f.xTicks).toEqual([0, 2000, 4000, 6000]);
    expect(f.yTicks[0]).toBeLessThanOrEqual(2.1 + 0.5);
    expect(f.yTicks.at(-1) as number).toBeGreaterThanOrEqual(4.2 - 0.5);
    const svg = plotSvg(spec);
    expect(svg).toContain('>time (s)</text>');
    expect(svg).toContain('>voltage (V)</text>');
    expect(svg).toContain('>2.5</text>'); // a y tick label
  });

  it('equal aspect: one data unit spans the same pixels on both axes, at any size and data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(finite, finite), { minLength: 2, maxLength: 30 }),
        fc.integer({ min: 280, max: 1600 }),
        fc.integer({ min: 150, max: 900 }),
        (pts, w, h) => {
          const spec: PlotSpec = {
            series: [
              { label: 'd', x: pts.map((p) => p[0]), y: pts.map((p) => p[1]), color: '#000', kind: 'points' },
            ],
            x: { label: NYQUIST_X_LABEL },
            y: { label: NYQUIST_Y_LABEL },
            equalAspect: true,
          };
          const f = plotFrame(spec, w, h);
          const u = unitsPerPixel(spec, f);
          expect(Math.abs((u.x as number) / (u.y as number) - 1)).toBeLessThan(1e-9);
          // And the data still fits in the widened ranges.
          for (const [x, y] of pts) {
            expect(x).toBeGreaterThanOrEqual(f.xr[0] - 1e-9 * Math.abs(f.xr[0]));
            expect(y).toBeLessThanOrEqual(f.yr[1] + 1e-9 * Math.abs(f.yr[1]));
          }
        },
      ),
    );
    // The same, measured on the drawn circles: 100 Ω on x and 10 Ω on y at the drawn lengths.
    const svg = plotSvg({
      series: [{ label: 'd', x: [0, 100], y: [0, 10], color: '#000', kind: 'points' }],
      x: { label: NYQUIST_X_LABEL },
      y: { label: NYQUIST_Y_LABEL },
      equalAspect: true,
    });
    const [c0, c1] = circleCentres(svg);
    expect((c1[0] - c0[0]) / 100 / ((c0[1] - c1[1]) / 10)).toBeCloseTo(1, 2);
  });

  it('gaps: NaN, infinite, missing and (on log axes) non-positive values are skipped, never drawn as NaN', () => {
    const series: PlotSeries[] = [
      {
        label: 'a',
        x: [1, 2, 3, 4, 5, 6],
        y: [1, Number.NaN, 3, Number.POSITIVE_INFINITY, 5, 6],
        color: '#00f',
        kind: 'both',
      },
      { label: 'b', x: [1, 2, 3], y: [-1, 0, 10], color: '#f00', kind: 'line' },
      { label: 'c', x: [1, 2, 3, 4], y: [2, 3], color: '#0f0', kind: 'sticks' },
      { label: 'empty', x: [], y: [], color: '#0f0', kind: 'line' },
    ];
    for (const log of [false, true]) {
      const svg = plotSvg({ series, x: { label: 'x', log }, y: { label: 'y', log } });
      expect(svg).not.toMatch(/NaN|Infinity|undefined/);
      // Series a: pen lifted at each gap → three runs (1), (3), (5–6): M…M…M…L…
      const d = /<g data-series="a"><path d="([^"]+)"/.exec(svg)?.[1] ?? '';
      expect(d.match(/M/g)).toHaveLength(3);
      expect(d.match(/L/g)).toHaveLength(1);
      expect(circleCentres(svg.replace(/<g data-series="[bc]">.*?<\/g>/g, ''))).toHaveLength(4);
    }
    // All data missing: a valid, empty plot with its axes.
    const empty = plotSvg({
      series: [{ label: 'n', x: [Number.NaN], y: [Number.NaN], color: '#000', kind: 'points' }],
      x: { label: 'x' },
      y: { label: 'y' },
    });
    expect(empty).not.toMatch(/NaN|Infinity/);
    expect(empty).toContain('>x</text>');
  });

  it("one code path: the report's Nyquist figure is plotCore's drawing of the same series, string for string", async () => {
    const zReal = [10, 12, 15, 19, 24, 30, 35];
    const zImag = [-0.5, -3, -5.5, -6.2, -5, -3.1, -4];
    const fakeStore = {
      loadDataset: async () => ({ columns: { zReal_ohm: zReal, zImag_ohm: zImag } }),
    } as unknown as Store;
    const report = await datasetFigure(fakeStore, 'id', 'eis:csv');
    const workbench = plotSvg(
      {
        series: [
          {
            label: 'series 1',
            hideInLegend: true,
            x: zReal,
            y: zImag.map((v) => -v),
            color: SERIES_COLORS[0],
            kind: 'points',
          },
        ],
        x: { label: 'Z′ (Ω)' },
        y: { label: '−Z″ (Ω)' },
        equalAspect: true,
      },
      { title: 'Nyquist plot' },
    );
    expect(report).toBe(workbench);
  });

  it("one code path: the workbench's SvgPlot component draws exactly the report's figure", () => {
    const zReal = [10, 12, 15, 19, 24, 30, 35];
    const negZImag = [0.5, 3, 5.5, 6.2, Number.NaN, 3.1, 4];
    const fitX = [10, 14, 20, 28, 36];
    const fitY = [0, 4.5, 6.3, 4.2, 3.5];
    // SvgPlot renders at 600 px wide on the server (no ResizeObserver): draw the report at that size.
    const report = chartSvg(
      [
        { x: zReal, y: negZImag, kind: 'points' },
        { x: fitX, y: fitY, kind: 'line' },
      ],
      { xLabel: NYQUIST_X_LABEL, yLabel: NYQUIST_Y_LABEL, equalAxes: true, width: 600, height: 380 },
    );
    const html = renderToStaticMarkup(
      createElement(SvgPlot, {
        series: [
          {
            label: 'series 1',
            hideInLegend: true,
            x: zReal,
            y: negZImag,
            color: SERIES_COLORS[0],
            kind: 'points',
          },
          {
            label: 'series 2',
            hideInLegend: true,
            x: fitX,
            y: fitY,
            color: SERIES_COLORS[1],
            kind: 'line',
            width: 1.6,
          },
        ],
        x: { label: NYQUIST_X_LABEL },
        y: { label: NYQUIST_Y_LABEL },
        equalAspect: true,
        height: 380,
      }),
    );
    expect(plotGroup(html).length).toBeGreaterThan(1000);
    expect(plotGroup(html)).toBe(plotGroup(report));
    // The units-per-pixel the e2e test reads are equal in both.
    const upp = (s: string) =>
      [/data-x-units-per-px="([^"]+)"/, /data-y-units-per-px="([^"]+)"/].map((r) => r.exec(s)?.[1]);
    expect(upp(html)).toEqual(upp(report));
  });
});
