/**
 * A small SVG x–y plot for series that do not share an x grid (Nyquist arcs, V–Q curves, fit curves
 * over data points): linear or log axes, an optional right-hand axis, markers with labels, drag a box
 * to zoom and double-click to reset. With `equalAspect` one unit spans the same number of pixels on
 * both axes at every size and zoom (the shorter range is widened about its centre), as a Nyquist
 * plot must be drawn.
 *
 * The drawing itself (ranges, ticks, labels, paths, markers, legend swatches) comes from plotCore.ts,
 * the same code that draws the report's SVG and PNG figures in Node; this component adds sizing,
 * zoom, the cursor readout and the HTML legend.
 */
import { createElement, type MouseEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import {
  fmtNum,
  legendSeries,
  legendSwatch,
  type PlotSpec,
  plotBody,
  plotFrame,
  type Range,
  type SvgNode,
  unitsPerPixel,
} from './plotCore.ts';
import './plots.css';

export type { AxisSpec, PlotMarker, PlotSeries } from './plotCore.ts';
export { equalise, fmtNum } from './plotCore.ts';

export interface SvgPlotProps extends PlotSpec {
  height?: number;
  testId?: string;
  /** Short names of the coordinates for the cursor readout, e.g. ["Z′", "−Z″"]. */
  readout?: [string, string];
}

/** SVG attribute name → React prop name (stroke-width → strokeWidth; data-* and aria-* kept). */
function reactProp(name: string): string {
  if (name === 'class') return 'className';
  if (name.startsWith('data-') || name.startsWith('aria-')) return name;
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** A plotCore node tree as React elements. */
function toReact(n: SvgNode | string, key: number | string): ReactNode {
  if (typeof n === 'string') return n;
  const props: Record<string, unknown> = { key };
  for (const [k, v] of Object.entries(n.attrs)) if (v !== undefined) props[reactProp(k)] = v;
  return createElement(n.tag, props, ...(n.children ?? []).map((c, i) => toReact(c, i)));
}

export function SvgPlot(props: SvgPlotProps) {
  const { series, x, y, y2, markers, equalAspect = false, height = 320, testId, readout } = props;
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

  const spec: PlotSpec = useMemo(
    () => ({ series, x, y, y2, markers, equalAspect }),
    [series, x, y, y2, markers, equalAspect],
  );
  const clipId = useMemo(() => `clip-${Math.random().toString(36).slice(2)}`, []);
  const frame = useMemo(() => plotFrame(spec, width, height, zoom), [spec, width, height, zoom]);
  const { plotW, plotH, margin, sx, sy } = frame;
  const drawing = useMemo(() => {
    const { defs, body } = plotBody(spec, frame, clipId);
    return { defs: toReact(defs, 'defs'), body: body.children?.map((c, i) => toReact(c, i)) };
  }, [spec, frame, clipId]);
  const units = unitsPerPixel(spec, frame);

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

  const legend = legendSeries(series);

  return (
    <div className="svg-plot" data-testid={testId} ref={boxRef}>
      {legend.length > 1 && (
        <div className="plot-legend">
          {legend.map((s) => (
            <span key={s.label} className="plot-legend-item">
              <svg width="22" height="10" aria-hidden="true">
                {legendSwatch(s).map((n, i) => toReact(n, i))}
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
        data-x-units-per-px={units.x}
        data-y-units-per-px={units.y}
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
        {drawing.defs}
        <g transform={`translate(${margin.left},${margin.top})`}>
          {drawing.body}
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
