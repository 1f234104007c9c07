/**
 * The plotting core shared by the workbench (SvgPlot.tsx, in the browser) and the report's SVG/PNG
 * figures (src/app/report, in Node): ranges, scales, nice ticks, axis labels, the equal-aspect rule of
 * Nyquist plots, series paths and markers, legend swatches. Framework-free: no React, no CSS, no DOM.
 * The drawing is a tree of plain `SvgNode`s carrying inline presentation attributes (colours, fonts,
 * stroke widths), so it looks the same without a style sheet; SvgPlot turns the nodes into React
 * elements, `svgString` into SVG text.
 */

export interface PlotSeries {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  /** 'sticks' draws a vertical line from y = 0 to each point (peak lists). */
  kind: 'line' | 'points' | 'both' | 'sticks';
  /** Which vertical axis (default 'y'). */
  axis?: 'y' | 'y2';
  dash?: string;
  width?: number;
  /** Leave out of the legend. */
  hideInLegend?: boolean;
}

export interface PlotMarker {
  x: number;
  y: number;
  label?: string;
  color: string;
  axis?: 'y' | 'y2';
}

export interface AxisSpec {
  /** Quantity and unit, e.g. "Z′ (Ω)". */
  label: string;
  log?: boolean;
  /** Fixed range (data units); default from the data. */
  range?: [number, number];
  /** Include zero in the automatic range. */
  zero?: boolean;
  /** Ticks at whole numbers only (cycle numbers). */
  integer?: boolean;
}

/** Everything that defines a figure, apart from its size and the zoom. */
export interface PlotSpec {
  series: PlotSeries[];
  x: AxisSpec;
  y: AxisSpec;
  y2?: AxisSpec;
  markers?: PlotMarker[];
  /** One data unit spans the same number of pixels on both axes (Nyquist plots). */
  equalAspect?: boolean;
}

export type Range = [number, number];

/** A plain SVG element: tag, attributes (SVG names, kebab-case), children. */
export interface SvgNode {
  tag: string;
  attrs: Record<string, string | number | undefined>;
  children?: (SvgNode | string)[];
}

export const PLOT_MARGIN = { top: 12, right: 16, bottom: 44, left: 66 };
/** Right margin when there is a right-hand axis (room for its ticks and label). */
export const RIGHT_AXIS_MARGIN = 58;
export const PLOT_FONT = 'Inter, system-ui, sans-serif';
/** Palette and type of the plots (the workbench's style; inline so no CSS is needed). */
export const PLOT_STYLE = {
  grid: '#eef1f5',
  frame: '#cbd2db',
  text: '#4b5563',
  tickSize: 11,
  labelSize: 12,
  labelWeight: 500,
  markerSize: 10.5,
  markerWeight: 600,
  legendText: '#3b4754',
  legendSize: 12,
} as const;
/** Extra top space of a standalone figure: a title line and a legend line. */
const TITLE_HEIGHT = 20;
const LEGEND_HEIGHT = 18;

export interface Scale {
  (v: number): number;
  invert(p: number): number;
}

/** Linear or log10 map of the data range [a, b] onto the pixel range [p0, p1]. */
export function scale([a, b]: Range, p0: number, p1: number, log?: boolean): Scale {
  const f = log ? Math.log10 : (v: number) => v;
  const fa = f(a);
  const fb = f(b);
  const k = (p1 - p0) / (fb - fa || 1);
  const s = ((v: number) => p0 + (f(v) - fa) * k) as Scale;
  s.invert = (p: number) => {
    const u = fa + (p - p0) / k;
    return log ? 10 ** u : u;
  };
  return s;
}

/** Widens the shorter range about its centre so that both axes have the same units per pixel. */
export function equalise(xr: Range, yr: Range, w: number, h: number): [Range, Range] {
  const ux = (xr[1] - xr[0]) / w;
  const uy = (yr[1] - yr[0]) / h;
  if (ux > uy) {
    const c = (yr[0] + yr[1]) / 2;
    return [xr, [c - (ux * h) / 2, c + (ux * h) / 2]];
  }
  const c = (xr[0] + xr[1]) / 2;
  return [[c - (uy * w) / 2, c + (uy * w) / 2], yr];
}

/** Range of the finite data (positive only on a log axis), padded by 5 % (4 % of the decades on log). */
export function dataRange(
  series: PlotSeries[],
  coord: 'x' | 'y',
  axis: 'y' | 'y2' | undefined,
  log?: boolean,
  zero?: boolean,
): Range {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    if (axis && (s.axis ?? 'y') !== axis) continue;
    const arr = s[coord];
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo)) return log ? [1, 10] : [0, 1];
  if (log) {
    const a = Math.log10(lo);
    const b = Math.log10(hi);
    const pad = Math.max((b - a) * 0.04, 0.05);
    return [10 ** (a - pad), 10 ** (b + pad)];
  }
  if (zero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  const span = hi - lo || Math.abs(hi) || 1;
  return [zero && lo === 0 ? 0 : lo - span * 0.05, hi + span * 0.05];
}

/**
 * About `count` round ticks inside [a, b]: steps of 1, 2, 2.5 or 5 × 10ⁿ on a linear axis; decades
 * (1-2-5 under two decades) on a log axis.
 */
export function ticks([a, b]: Range, log: boolean | undefined, count: number): number[] {
  if (!(b > a)) return Number.isFinite(a) ? [a] : [];
  if (log) {
    const out: number[] = [];
    const lo = Math.ceil(Math.log10(a) - 1e-9);
    const hi = Math.floor(Math.log10(b) + 1e-9);
    // Under two decades, label 1-2-5 steps too, so a short axis still has numbers on it.
    if (Math.log10(b / a) < 2) {
      for (let e = Math.floor(Math.log10(a)); e <= Math.ceil(Math.log10(b)); e++)
        for (const m of [1, 2, 5]) {
          const v = m * 10 ** e;
          if (v >= a && v <= b) out.push(v);
        }
      return out;
    }
    const stride = Math.max(1, Math.ceil((hi - lo + 1) / count));
    for (let e = lo; e <= hi; e += stride) out.push(10 ** e);
    return out;
  }
  const raw = (b - a) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  // (1 − 1e-12): 2.5 · 1e-4 must count as ≥ 0.00075 / 3 despite the last bit of rounding.
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw * (1 - 1e-12)) ?? 10 * mag;
  const out: number[] = [];
  // k · step rather than a running sum, so no rounding drift; rounding to one decimal below the
  // step drops the residue of 3 × 0.1 without touching the step's own digits.
  const decimals = Math.min(100, Math.max(0, 1 - Math.floor(Math.log10(step))));
  for (let k = Math.ceil(a / step - 1e-9); k * step <= b + step * 1e-9; k++) {
    const v = Number((k * step).toFixed(decimals));
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  // A step rounded up (×2 at most) can leave a single tick on a short axis: ask for twice as many.
  if (out.length < 2 && count < 64) return ticks([a, b], false, count * 2);
  return out;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

export function tickLabel(v: number, log?: boolean): string {
  if (log) {
    const e = Math.round(Math.log10(v));
    if (Math.abs(v / 10 ** e - 1) > 1e-9) return fmtNum(v);
    if (e >= 0 && e <= 3) return String(10 ** e);
    const digits = String(Math.abs(e))
      .split('')
      .map((d) => SUPERSCRIPT[Number(d)])
      .join('');
    return `10${e < 0 ? '⁻' : ''}${digits}`;
  }
  return fmtNum(v);
}

/** Compact number: up to 4 significant digits, exponent form for very large or small values. */
export function fmtNum(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e5 || a < 1e-3) {
    const [m, e] = v.toExponential(3).split('e');
    return `${Number(m)}e${Number(e)}`;
  }
  return String(Number(v.toPrecision(4)));
}

/** The automatic (unzoomed) ranges of a figure. */
export function fullRanges(spec: PlotSpec): { x: Range; y: Range; y2: Range | null } {
  const { series, x, y, y2, markers = [] } = spec;
  const rx = x.range ?? dataRange(series, 'x', undefined, x.log, x.zero);
  const hasSticks = series.some((s) => s.kind === 'sticks' && (s.axis ?? 'y') === 'y');
  let ry = y.range ?? dataRange(series, 'y', 'y', y.log, y.zero || hasSticks);
  // Headroom for the marker triangles and labels above the highest point.
  if (markers.length > 0 && !y.log && !y.range) ry = [ry[0], ry[1] + 0.14 * (ry[1] - ry[0])];
  const ry2 = y2 ? (y2.range ?? dataRange(series, 'y', 'y2', y2.log, y2.zero)) : null;
  return { x: rx, y: ry, y2: ry2 };
}

/** Geometry of one drawing: size, margins, visible ranges, scales and ticks. */
export interface PlotFrame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  plotW: number;
  plotH: number;
  xr: Range;
  yr: Range;
  y2r: Range | null;
  sx: Scale;
  sy: Scale;
  sy2: Scale | null;
  xTicks: number[];
  yTicks: number[];
  y2Ticks: number[];
}

/**
 * The frame of a `width` × `height` drawing showing `view` (a zoom, in data units) or the full
 * ranges; `extraTop` pixels are reserved above the plot (title and legend of a standalone figure).
 */
export function plotFrame(
  spec: PlotSpec,
  width: number,
  height: number,
  view: { x: Range; y: Range } | null = null,
  extraTop = 0,
): PlotFrame {
  const { x, y, y2 } = spec;
  const margin = {
    ...PLOT_MARGIN,
    top: PLOT_MARGIN.top + extraTop,
    right: y2 ? RIGHT_AXIS_MARGIN : PLOT_MARGIN.right,
  };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const full = fullRanges(spec);
  let xr = view?.x ?? full.x;
  let yr = view?.y ?? full.y;
  if (spec.equalAspect && !x.log && !y.log) [xr, yr] = equalise(xr, yr, plotW, plotH);
  const y2r = full.y2;
  const sy2 = y2 && y2r ? scale(y2r, plotH, 0, y2.log) : null;
  return {
    width,
    height,
    margin,
    plotW,
    plotH,
    xr,
    yr,
    y2r,
    sx: scale(xr, 0, plotW, x.log),
    sy: scale(yr, plotH, 0, y.log),
    sy2,
    xTicks: ticks(xr, x.log, Math.max(3, Math.floor(plotW / 90))).filter(
      (t) => !x.integer || Number.isInteger(t),
    ),
    yTicks: ticks(yr, y.log, Math.max(3, Math.floor(plotH / 42))),
    y2Ticks: y2 && y2r ? ticks(y2r, y2.log, Math.max(3, Math.floor(plotH / 42))) : [],
  };
}

/** Data units per pixel on the linear axes (undefined on a log axis); equal on a Nyquist plot. */
export function unitsPerPixel(spec: PlotSpec, f: PlotFrame): { x?: number; y?: number } {
  return {
    x: spec.x.log ? undefined : (f.xr[1] - f.xr[0]) / f.plotW,
    y: spec.y.log ? undefined : (f.yr[1] - f.yr[0]) / f.plotH,
  };
}

type Pt = [number, number] | null;

/** Pixel positions of a series; null where a value is missing, not finite or ≤ 0 on a log axis. */
export function projected(s: PlotSeries, sx: Scale, sy: Scale, logX?: boolean, logY?: boolean): Pt[] {
  const out: Pt[] = [];
  const n = Math.min(s.x.length, s.y.length);
  for (let i = 0; i < n; i++) {
    const xv = s.x[i];
    const yv = s.y[i];
    const ok = Number.isFinite(xv) && Number.isFinite(yv) && !(logX && xv <= 0) && !(logY && yv <= 0);
    out.push(ok ? [sx(xv), sy(yv)] : null);
  }
  return out;
}

const px = (v: number) => v.toFixed(1);

/** Polyline through the points; the pen lifts over a gap, so no segment crosses a missing value. */
export function pathOf(pts: Pt[]): string {
  let d = '';
  let pen = false;
  for (const p of pts) {
    if (!p) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${px(p[0])},${px(p[1])}`;
    pen = true;
  }
  return d;
}

/** Vertical sticks from the baseline pixel `base` to each point. */
function sticksOf(pts: Pt[], base: number): string {
  let d = '';
  for (const p of pts) if (p) d += `M${px(p[0])},${px(base)}V${px(p[1])}`;
  return d;
}

function seriesNode(spec: PlotSpec, f: PlotFrame, s: PlotSeries): SvgNode {
  const onY2 = s.axis === 'y2' && f.sy2;
  const ys = onY2 ? (f.sy2 as Scale) : f.sy;
  const logY = onY2 ? spec.y2?.log : spec.y.log;
  const pts = projected(s, f.sx, ys, spec.x.log, logY);
  const children: SvgNode[] = [];
  if (s.kind === 'sticks') {
    const range = onY2 ? (f.y2r as Range) : f.yr;
    const base = ys(logY ? range[0] : Math.min(Math.max(0, range[0]), range[1]));
    children.push({
      tag: 'path',
      attrs: { d: sticksOf(pts, base), fill: 'none', stroke: s.color, 'stroke-width': s.width ?? 1 },
    });
  } else {
    if (s.kind !== 'points')
      children.push({
        tag: 'path',
        attrs: {
          d: pathOf(pts),
          fill: 'none',
          stroke: s.color,
          'stroke-width': s.width ?? 1.6,
          'stroke-dasharray': s.dash,
          'stroke-linejoin': 'round',
        },
      });
    if (s.kind !== 'line')
      for (const p of pts)
        if (p)
          children.push({
            tag: 'circle',
            attrs: { cx: px(p[0]), cy: px(p[1]), r: 2.6, fill: s.color, 'fill-opacity': 0.85 },
          });
  }
  return { tag: 'g', attrs: { 'data-series': s.label }, children };
}

function markerNode(f: PlotFrame, m: PlotMarker): SvgNode {
  const ys = m.axis === 'y2' && f.sy2 ? f.sy2 : f.sy;
  const x = f.sx(m.x);
  const y = ys(m.y);
  const children: SvgNode[] = [
    { tag: 'path', attrs: { d: `M${px(x)},${px(y - 7)}l-4.5,-8h9z`, fill: m.color } },
  ];
  if (m.label)
    children.push({
      tag: 'text',
      attrs: {
        x: px(x),
        y: px(y - 18),
        'text-anchor': 'middle',
        fill: m.color,
        'font-family': PLOT_FONT,
        'font-size': PLOT_STYLE.markerSize,
        'font-weight': PLOT_STYLE.markerWeight,
      },
      children: [m.label],
    });
  return { tag: 'g', attrs: { class: 'plot-marker' }, children };
}

const tickText = (x: number, y: number, anchor: string, label: string): SvgNode => ({
  tag: 'text',
  attrs: {
    x: px(x),
    y: px(y),
    'text-anchor': anchor,
    class: 'plot-tick',
    fill: PLOT_STYLE.text,
    'font-family': PLOT_FONT,
    'font-size': PLOT_STYLE.tickSize,
  },
  children: [label],
});

const axisLabel = (attrs: SvgNode['attrs'], label: string): SvgNode => ({
  tag: 'text',
  attrs: {
    ...attrs,
    'text-anchor': 'middle',
    class: 'plot-axis-label',
    fill: PLOT_STYLE.text,
    'font-family': PLOT_FONT,
    'font-size': PLOT_STYLE.labelSize,
    'font-weight': PLOT_STYLE.labelWeight,
  },
  children: [label],
});

/**
 * The static drawing of a figure: grid, frame, series (clipped to the plot area), markers, tick
 * labels and axis labels, in one group translated to the plot area's corner. `clipId` names the
 * clip path (unique within an HTML page when several figures are inlined).
 */
export function plotBody(spec: PlotSpec, f: PlotFrame, clipId: string): { defs: SvgNode; body: SvgNode } {
  const { x, y, y2, series, markers = [] } = spec;
  const { plotW, plotH, margin, sx, sy, sy2 } = f;
  const defs: SvgNode = {
    tag: 'defs',
    attrs: {},
    children: [
      {
        tag: 'clipPath',
        attrs: { id: clipId },
        children: [{ tag: 'rect', attrs: { x: 0, y: 0, width: plotW, height: plotH } }],
      },
    ],
  };
  const grid = (x1: number, y1: number, x2: number, y2v: number): SvgNode => ({
    tag: 'line',
    attrs: {
      x1: px(x1),
      y1: px(y1),
      x2: px(x2),
      y2: px(y2v),
      class: 'plot-grid',
      stroke: PLOT_STYLE.grid,
      'stroke-width': 1,
    },
  });
  const children: SvgNode[] = [
    ...f.xTicks.map((t) => grid(sx(t), 0, sx(t), plotH)),
    ...f.yTicks.map((t) => grid(0, sy(t), plotW, sy(t))),
    {
      tag: 'rect',
      attrs: {
        x: 0,
        y: 0,
        width: plotW,
        height: plotH,
        class: 'plot-frame',
        fill: 'none',
        stroke: PLOT_STYLE.frame,
        'stroke-width': 1,
      },
    },
    {
      tag: 'g',
      attrs: { 'clip-path': `url(#${clipId})` },
      children: [...series.map((s) => seriesNode(spec, f, s)), ...markers.map((m) => markerNode(f, m))],
    },
    ...f.xTicks.map((t) => tickText(sx(t), plotH + 16, 'middle', tickLabel(t, x.log))),
    ...f.yTicks.map((t) => tickText(-6, sy(t) + 4, 'end', tickLabel(t, y.log))),
    ...(sy2 ? f.y2Ticks.map((t) => tickText(plotW + 6, sy2(t) + 4, 'start', tickLabel(t, y2?.log))) : []),
    axisLabel({ x: px(plotW / 2), y: px(plotH + 36) }, x.label),
    axisLabel({ transform: `translate(${px(-margin.left + 14)},${px(plotH / 2)}) rotate(-90)` }, y.label),
  ];
  if (y2)
    children.push(
      axisLabel(
        { transform: `translate(${px(plotW + margin.right - 10)},${px(plotH / 2)}) rotate(90)` },
        y2.label,
      ),
    );
  return {
    defs,
    body: { tag: 'g', attrs: { transform: `translate(${margin.left},${margin.top})` }, children },
  };
}

/** Series shown in the legend (a legend appears only when there are two or more). */
export function legendSeries(series: PlotSeries[]): PlotSeries[] {
  return series.filter((s) => !s.hideInLegend);
}

/** The 22 × 10 legend sample of a series: its line (dash and colour) and/or its marker. */
export function legendSwatch(s: PlotSeries): SvgNode[] {
  const out: SvgNode[] = [];
  if (s.kind !== 'points')
    out.push({
      tag: 'line',
      attrs: { x1: 1, y1: 5, x2: 21, y2: 5, stroke: s.color, 'stroke-width': 2, 'stroke-dasharray': s.dash },
    });
  if (s.kind === 'points' || s.kind === 'both')
    out.push({ tag: 'circle', attrs: { cx: 11, cy: 5, r: 3, fill: s.color } });
  return out;
}

/** Rough advance of a label in pixels (legend layout only; ~0.6 em per character). */
const textWidth = (s: string, size: number) => s.length * size * 0.6;

function svgLegend(items: PlotSeries[], left: number, top: number, maxX: number): SvgNode {
  const children: SvgNode[] = [];
  let x = left;
  for (const s of items) {
    children.push(
      { tag: 'g', attrs: { transform: `translate(${px(x)},${top})` }, children: legendSwatch(s) },
      {
        tag: 'text',
        attrs: {
          x: px(x + 27),
          y: top + 9,
          fill: PLOT_STYLE.legendText,
          'font-family': PLOT_FONT,
          'font-size': PLOT_STYLE.legendSize,
        },
        children: [s.label],
      },
    );
    x += 27 + textWidth(s.label, PLOT_STYLE.legendSize) + 14;
    if (x > maxX) break;
  }
  return { tag: 'g', attrs: { class: 'plot-legend' }, children };
}

const XML_ESCAPES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#x27;',
};

/** XML/HTML escaping of text and attribute values (the same entities React writes). */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (ch) => XML_ESCAPES[ch] ?? ch);
}

/**
 * SVG text of a node tree (attributes with an undefined value are left out). Elements are closed
 * explicitly (`<line …></line>`), as React writes them, so the workbench's server-rendered plot and
 * a report figure can be compared string for string.
 */
export function svgString(n: SvgNode | string): string {
  if (typeof n === 'string') return escapeXml(n);
  const attrs = Object.entries(n.attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  return `<${n.tag}${attrs}>${(n.children ?? []).map(svgString).join('')}</${n.tag}>`;
}

export interface StandaloneOptions {
  width?: number;
  height?: number;
  /** Bold line above the plot (report figures; the workbench shows titles on its cards instead). */
  title?: string;
  /** Id of the clip path; default `plot-clip-<w>x<h>` after the plot area's size. */
  clipId?: string;
}

/**
 * A standalone SVG document of a figure (the report's figures, rendered to PNG by resvg): the same
 * drawing as the workbench's SvgPlot at the same size, with the title and legend (HTML in the
 * workbench) drawn inside the SVG above the plot.
 */
export function plotSvg(spec: PlotSpec, o: StandaloneOptions = {}): string {
  const width = o.width ?? 640;
  const height = o.height ?? 360;
  const legend = legendSeries(spec.series);
  const showLegend = legend.length > 1;
  const extraTop = (o.title ? TITLE_HEIGHT : 0) + (showLegend ? LEGEND_HEIGHT : 0);
  const f = plotFrame(spec, width, height, null, extraTop);
  // The clip rectangle depends only on the plot area's size, so naming it by that size keeps figures
  // inlined together in one HTML page (the report) from clipping each other with a wrong rectangle.
  const { defs, body } = plotBody(spec, f, o.clipId ?? `plot-clip-${f.plotW}x${f.plotH}`);
  const u = unitsPerPixel(spec, f);
  const children: SvgNode[] = [defs];
  if (o.title)
    children.push({
      tag: 'text',
      attrs: {
        x: f.margin.left,
        y: 18,
        fill: '#1f2937',
        'font-family': PLOT_FONT,
        'font-size': 13,
        'font-weight': 'bold',
      },
      children: [o.title],
    });
  if (showLegend)
    children.push(svgLegend(legend, f.margin.left, (o.title ? TITLE_HEIGHT : 0) + 6, width - f.margin.right));
  children.push(body);
  return svgString({
    tag: 'svg',
    attrs: {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `${spec.y.label} against ${spec.x.label}`,
      'data-x-units-per-px': u.x,
      'data-y-units-per-px': u.y,
    },
    children,
  });
}
