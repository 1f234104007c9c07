/**
 * The simulated voltage–time trace with uPlot: total cell voltage and its ohmic, interfacial and
 * void parts on the left axis, the applied current density (stepped) on the right axis, and the
 * failure point marked by a dashed line with its label. Drag to zoom in time; double-click to reset.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SimulateResult } from './interfaceApi.ts';

const HEIGHT = 340;

export const TRACE_SERIES = [
  { key: 'voltage_V', label: 'Cell voltage', color: '#0f2537', width: 1.8 },
  { key: 'ohmic_V', label: 'Ohmic (electrolyte)', color: '#1d4e89', width: 1.2 },
  { key: 'interfacial_V', label: 'Interfacial (contact + charge transfer)', color: '#15803d', width: 1.2 },
  { key: 'void_V', label: 'Void (lost contact)', color: '#c2410c', width: 1.2 },
] as const;
export const CURRENT_COLOR = '#9aa4b2';
const FAIL_COLOR = '#b42318';

export function TracePlot({ result }: { result: SimulateResult }) {
  const boxRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = boxRef.current!;
    const t = result.trace;
    const data: uPlot.AlignedData = [t.time_h, ...TRACE_SERIES.map((s) => t[s.key]), t.current_mA_cm2];
    const failure = result.failure
      ? { h: result.failure.time_s / 3600, j: result.failure.current_mA_cm2 }
      : null;
    const opts: uPlot.Options = {
      width: Math.max(box.clientWidth, 300),
      height: HEIGHT,
      padding: [22, 8, 0, 4],
      scales: { x: { time: false }, V: { auto: true }, j: { auto: true } },
      axes: [
        { ...axis('time (h)'), size: 30, labelSize: 16 },
        { ...axis('voltage (V)'), scale: 'V', size: 62 },
        { ...axis('current density (mA/cm²)'), scale: 'j', side: 1, size: 56, grid: { show: false } },
      ],
      series: [
        {},
        ...TRACE_SERIES.map((s) => ({
          label: s.label,
          scale: 'V',
          stroke: s.color,
          width: s.width,
          points: { show: false },
        })),
        {
          label: 'Current density',
          scale: 'j',
          stroke: CURRENT_COLOR,
          width: 1,
          dash: [4, 3],
          paths: uPlot.paths.stepped?.({ align: 1 }),
          points: { show: false },
        },
      ],
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: true }, points: { show: false } },
      hooks: { draw: [(u) => failure && drawFailure(u, failure.h, failure.j)] },
    };
    const plot = new uPlot(opts, data, box);
    const observer = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(box.clientWidth, 300), height: HEIGHT }),
    );
    observer.observe(box);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [result]);

  return (
    <div className="if-trace" data-testid="trace-plot">
      <div ref={boxRef} />
      <ul className="if-legend">
        {TRACE_SERIES.map((s) => (
          <li key={s.key}>
            <span className="if-swatch" style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
        <li>
          <span className="if-swatch dashed" style={{ borderColor: CURRENT_COLOR }} />
          Current density (right axis)
        </li>
        {result.failure && (
          <li>
            <span className="if-swatch dashed" style={{ borderColor: FAIL_COLOR }} />
            Failure
          </li>
        )}
      </ul>
    </div>
  );
}

function axis(label: string): uPlot.Axis {
  return {
    label,
    labelFont: '500 12px Inter, system-ui, sans-serif',
    font: '11px Inter, system-ui, sans-serif',
    stroke: '#4b5563',
    grid: { stroke: '#eef1f5', width: 1 },
    ticks: { stroke: '#cbd2db', width: 1, size: 4 },
  };
}

function drawFailure(u: uPlot, hours: number, current: number) {
  const min = u.scales.x.min ?? 0;
  const max = u.scales.x.max ?? 0;
  if (hours < min || hours > max) return;
  const ctx = u.ctx;
  const { top, height, left, width } = u.bbox;
  const x = Math.round(u.valToPos(hours, 'x', true)) + 0.5;
  ctx.save();
  ctx.strokeStyle = FAIL_COLOR;
  ctx.lineWidth = 1.5 * uPlot.pxRatio;
  ctx.setLineDash([5 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x, top + height);
  ctx.stroke();
  ctx.setLineDash([]);
  const label = `failure: ${hours.toFixed(2)} h, ${Number(current.toPrecision(3))} mA/cm²`;
  ctx.font = `600 ${11 * uPlot.pxRatio}px Inter, system-ui, sans-serif`;
  ctx.fillStyle = FAIL_COLOR;
  const w = ctx.measureText(label).width;
  // Put the label on the side of the line with room for it.
  const right = x + 6 * uPlot.pxRatio + w < left + width;
  ctx.textAlign = right ? 'left' : 'right';
  ctx.fillText(label, right ? x + 6 * uPlot.pxRatio : x - 6 * uPlot.pxRatio, top + 14 * uPlot.pxRatio);
  ctx.restore();
}
