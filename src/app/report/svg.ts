/**
 * Figures as SVG strings, rendered in Node (no DOM), drawn by the workbench's own plotting core
 * (web/src/components/plotCore.ts, the code behind SvgPlot), so a report figure and the workbench
 * plot of the same data are the same drawing. This module keeps the report's small API: series
 * without colours (a fixed palette is applied in order), 'sticks' for peak lists, a title, and
 * `equalAxes` for Nyquist plots (1 Ω on x as long as 1 Ω on y).
 */
import {
  escapeXml,
  type PlotSeries,
  type PlotSpec,
  plotSvg,
  ticks,
} from '../../../web/src/components/plotCore.ts';

export { escapeXml };

export interface Series {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  label?: string;
  kind?: 'line' | 'points' | 'sticks';
  /** Colour (CSS); default the next colour of the palette. */
  color?: string;
}

export interface ChartOptions {
  title?: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** Same scale on both axes (Nyquist plots). */
  equalAxes?: boolean;
}

/** Series colours in order (matplotlib's tab10 start, readable in print). */
export const SERIES_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];

/** About `count` round tick values (1, 2, 2.5, 5 × 10ⁿ) covering [lo, hi] (plotCore's ticks). */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  return ticks([lo, hi], false, count);
}

/** The plotCore spec of a report chart. */
export function chartSpec(series: Series[], o: ChartOptions): PlotSpec {
  const plotSeries: PlotSeries[] = series.map((s, k) => ({
    label: s.label ?? `series ${k + 1}`,
    hideInLegend: s.label === undefined,
    x: s.x,
    y: s.y,
    color: s.color ?? SERIES_COLORS[k % SERIES_COLORS.length],
    kind: s.kind ?? 'line',
  }));
  return {
    series: plotSeries,
    x: { label: o.xLabel },
    y: { label: o.yLabel },
    equalAspect: o.equalAxes ?? false,
  };
}

export function chartSvg(series: Series[], o: ChartOptions): string {
  return plotSvg(chartSpec(series, o), { width: o.width, height: o.height, title: o.title });
}
