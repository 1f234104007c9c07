/**
 * A small SVG x–y plot for series that do not share an x grid (Nyquist arcs, V–Q curves, fit curves
 * over data points): linear or log axes, an optional right-hand axis, markers with labels, drag a box
 * to zoom and double-click to reset. With `equalAspect` one unit spans the same number of pixels on
 * both axes at every size and zoom (the shorter range is widened about its centre), as a Nyquist
 * plot must be drawn.
 */
import { type MouseEvent, useEffect, useMemo, useRef, useState } from 'react';
import './plots.css';

export interface PlotSeries {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  kind: 'line' | 'points' | 'both';
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
  label: string;
  log?: boolean;
  /** Fixed range (data units); default from the data. */
  range?: [number, number];
  /** Include zero in the automatic range. */
  zero?: boolean;
  /** Ticks at whole numbers only (cycle numbers). */
  integer?: boolean;
}

export interface SvgPlotProps {
  series: PlotSeries[];
  x: AxisSpec;
  y: AxisSpec;
  y2?: AxisSpec;
  markers?: PlotMarker[];
  equalAspect?: boolean;
  height?: number;
  testId?: string;
  /** Short names of the coordinates for the cursor readout, e.g. ["Z′", "−Z″"]. */
  readout?: [string, string];
}

const MARGIN = { top: 12, right: 16, bottom: 44, left: 66 };
const RIGHT_AXIS_MARGIN = 58;
const FONT = 'Inter, system-ui, sans-serif';

type Range = [number, number];

export function SvgPlot(props: SvgPlotProps) {
  const { series, x, y, y2, markers = [], equalAspect = false, height = 320, testId, readout } = props;
  const boxRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  const [zoom, setZoom] = useState<{ x: Range; y: Range } | null>(null);
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const [cursor, setCursor] = useState<{ px: number; py: number } | null>(null);

  useEffect(() => {
    const box = boxRef.current!;
    const observer = new ResizeObserver(() => setWidth(Math.max(box.clientWidth, 280)));
    observer.observe(box);
    setWidth(Math.max(box.clientWidth, 280));
    return () => observer.disconnect();
  }, []);

  // A new data set resets the zoom.
  useEffect(() => setZoom(null), [series]);

  const margin = { ...MARGIN, right: y2 ? RIGHT_AXIS_MARGIN : MARGIN.right };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;

  const full = useMemo(() => {
    const rx = x.range ?? dataRange(series, 'x', undefined, x.log, x.zero);
    let ry = y.range ?? dataRange(series, 'y', 'y', y.log, y.zero);
    // Headroom for the marker triangles and labels above the highest point.
    if (markers.length > 0 && !y.log && !y.range) ry = [ry[0], ry[1] + 0.14 * (ry[1] - ry[0])];
    const ry2 = y2 ? (y2.range ?? dataRange(series, 'y', 'y2', y2.log, y2.zero)) : null;
    return { x: rx, y: ry, y2: ry2 };
  }, [series, x, y, y2, markers.length]);

  let xr = zoom?.x ?? full.x;
  let yr = zoom?.y ?? full.y;
  if (equalAspect && !x.log && !y.log) [xr, yr] = equalise(xr, yr, plotW, plotH);
  const y2r = full.y2;

  const sx = scale(xr, 0, plotW, x.log);
  const sy = scale(yr, plotH, 0, y.log);
  const sy2 = y2 && y2r ? scale(y2r, plotH, 0, y2.log) : null;
  const xTicks = ticks(xr, x.log, Math.max(3, Math.floor(plotW / 90))).filter(
    (t) => !x.integer || Number.isInteger(t),
  );
  const yTicks = ticks(yr, y.log, Math.max(3, Math.floor(plotH / 42)));
  const y2Ticks = y2 && y2r ? ticks(y2r, y2.log, Math.max(3, Math.floor(plotH / 42))) : [];
  const clipId = useMemo(() => `clip-${Math.random().toString(36).slice(2)}`, []);

  function local(e: MouseEvent) {
    const r = (e.currentTarget as SVGElement).getBoundingClientRect();
    return { px: e.clientX - r.left - margin.left, py: e.clientY - r.top - margin.top };
  }

  function endDrag() {
    if (drag && Math.abs(drag.x1 - drag.x0) > 6 && Math.abs(drag.y1 - drag.y0) > 6) {
      const xa = sx.invert(Math.min(drag.x0, drag.x1));
      const xb = sx.invert(Math.max(drag.x0, drag.x1));
      const ya = sy.invert(Math.max(drag.y0, drag.y1));
      const yb = sy.invert(Math.min(drag.y0, drag.y1));
      setZoom({ x: [xa, xb], y: [ya, yb] });
    }
    setDrag(null);
  }

  const legend = series.filter((s) => !s.hideInLegend);

  return (
    <div className="svg-plot" data-testid={testId} ref={boxRef}>
      {legend.length > 1 && (
        <div className="plot-legend">
          {legend.map((s) => (
            <span key={s.label} className="plot-legend-item">
              <svg width="22" height="10" aria-hidden="true">
                {s.kind !== 'points' && (
                  <line
                    x1="1"
                    y1="5"
                    x2="21"
                    y2="5"
                    stroke={s.color}
                    strokeWidth={2}
                    strokeDasharray={s.dash}
                  />
                )}
                {s.kind !== 'line' && <circle cx="11" cy="5" r="3" fill={s.color} />}
              </svg>
              {s.label}
            </span>
          ))}
        </div>
      )}
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={`${y.label} against ${x.label}`}
        // Data units per pixel on each axis (the e2e test checks the Nyquist plot keeps them equal).
        data-x-units-per-px={x.log ? undefined : (xr[1] - xr[0]) / plotW}
        data-y-units-per-px={y.log ? undefined : (yr[1] - yr[0]) / plotH}
        onMouseDown={(e) => {
          const p = local(e);
          setDrag({ x0: p.px, y0: p.py, x1: p.px, y1: p.py });
        }}
        onMouseMove={(e) => {
          const p = local(e);
          setCursor(p.px >= 0 && p.px <= plotW && p.py >= 0 && p.py <= plotH ? p : null);
          if (drag) setDrag({ ...drag, x1: p.px, y1: p.py });
        }}
        onMouseUp={endDrag}
        onMouseLeave={() => {
          setCursor(null);
          setDrag(null);
        }}
        onDoubleClick={() => setZoom(null)}
      >
        <defs>
          <clipPath id={clipId}>
            <rect x={0} y={0} width={plotW} height={plotH} />
          </clipPath>
        </defs>
        <g transform={`translate(${margin.left},${margin.top})`}>
          {xTicks.map((t) => (
            <line key={`gx${t}`} x1={sx(t)} x2={sx(t)} y1={0} y2={plotH} className="plot-grid" />
          ))}
          {yTicks.map((t) => (
            <line key={`gy${t}`} x1={0} x2={plotW} y1={sy(t)} y2={sy(t)} className="plot-grid" />
          ))}
          <rect x={0} y={0} width={plotW} height={plotH} className="plot-frame" />
          <g clipPath={`url(#${clipId})`}>
            {series.map((s) => {
              const ys = s.axis === 'y2' && sy2 ? sy2 : sy;
              const pts = projected(s, sx, ys, x.log, s.axis === 'y2' ? y2?.log : y.log);
              return (
                <g key={s.label} data-series={s.label}>
                  {s.kind !== 'points' && (
                    <path
                      d={pathOf(pts)}
                      fill="none"
                      stroke={s.color}
                      strokeWidth={s.width ?? 1.6}
                      strokeDasharray={s.dash}
                      strokeLinejoin="round"
                    />
                  )}
                  {s.kind !== 'line' &&
                    pts.map(([px, py], i) =>
                      px === null ? null : (
                        <circle key={i} cx={px} cy={py!} r={2.6} fill={s.color} fillOpacity={0.85} />
                      ),
                    )}
                </g>
              );
            })}
            {markers.map((m, i) => {
              const ys = m.axis === 'y2' && sy2 ? sy2 : sy;
              const px = sx(m.x);
              const py = ys(m.y);
              return (
                <g key={i} className="plot-marker">
                  <path d={`M${px},${py - 7}l-4.5,-8h9z`} fill={m.color} />
                  {m.label && (
                    <text x={px} y={py - 18} textAnchor="middle" fill={m.color}>
                      {m.label}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
          {xTicks.map((t) => (
            <text key={`tx${t}`} x={sx(t)} y={plotH + 16} textAnchor="middle" className="plot-tick">
              {tickLabel(t, x.log)}
            </text>
          ))}
          {yTicks.map((t) => (
            <text key={`ty${t}`} x={-6} y={sy(t) + 4} textAnchor="end" className="plot-tick">
              {tickLabel(t, y.log)}
            </text>
          ))}
          {sy2 &&
            y2Ticks.map((t) => (
              <text key={`t2${t}`} x={plotW + 6} y={sy2(t) + 4} textAnchor="start" className="plot-tick">
                {tickLabel(t, y2?.log)}
              </text>
            ))}
          <text
            x={plotW / 2}
            y={plotH + 36}
            textAnchor="middle"
            className="plot-axis-label"
            fontFamily={FONT}
          >
            {x.label}
          </text>
          <text
            transform={`translate(${-margin.left + 14},${plotH / 2}) rotate(-90)`}
            textAnchor="middle"
            className="plot-axis-label"
          >
            {y.label}
          </text>
          {y2 && (
            <text
              transform={`translate(${plotW + margin.right - 10},${plotH / 2}) rotate(90)`}
              textAnchor="middle"
              className="plot-axis-label"
            >
              {y2.label}
            </text>
          )}
          {drag && (
            <rect
              x={Math.min(drag.x0, drag.x1)}
              y={Math.min(drag.y0, drag.y1)}
              width={Math.abs(drag.x1 - drag.x0)}
              height={Math.abs(drag.y1 - drag.y0)}
              className="plot-zoom-box"
            />
          )}
          {cursor && readout && (
            <text x={plotW - 6} y={14} textAnchor="end" className="plot-readout">
              {readout[0]} = {fmtNum(sx.invert(cursor.px))}, {readout[1]} = {fmtNum(sy.invert(cursor.py))}
            </text>
          )}
        </g>
      </svg>
    </div>
  );
}

interface Scale {
  (v: number): number;
  invert(p: number): number;
}

function scale([a, b]: Range, p0: number, p1: number, log?: boolean): Scale {
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

function dataRange(
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

function ticks([a, b]: Range, log: boolean | undefined, count: number): number[] {
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
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(a / step) * step; v <= b + step * 1e-9; v += step)
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function tickLabel(v: number, log?: boolean): string {
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

function projected(
  s: PlotSeries,
  sx: Scale,
  sy: Scale,
  logX?: boolean,
  logY?: boolean,
): [number | null, number | null][] {
  const out: [number | null, number | null][] = [];
  for (let i = 0; i < s.x.length; i++) {
    const xv = s.x[i];
    const yv = s.y[i];
    const ok = Number.isFinite(xv) && Number.isFinite(yv) && !(logX && xv <= 0) && !(logY && yv <= 0);
    out.push(ok ? [sx(xv), sy(yv)] : [null, null]);
  }
  return out;
}

function pathOf(pts: [number | null, number | null][]): string {
  let d = '';
  let pen = false;
  for (const [x, y] of pts) {
    if (x === null || y === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
  }
  return d;
}
