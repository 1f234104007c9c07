/**
 * Capacity retention Q_N/Q_1 against cycle number with uPlot; the retention at 100 and 500 cycles
 * (when simulated) is marked by dashed lines with labels. Drag to zoom; double-click to reset.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SimulateResult } from './glidingApi.ts';

const HEIGHT = 300;
const LINE = '#1d4e89';
const MARK = '#b42318';
/** Cycles whose retention is marked on the plot (the headline numbers of the brief). */
export const MARKED_CYCLES = [100, 500];

export function RetentionPlot({ result }: { result: SimulateResult }) {
  const boxRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = boxRef.current!;
    const data: uPlot.AlignedData = [result.cycles, result.retention];
    const marks = MARKED_CYCLES.map((c) => ({
      cycle: c,
      value: result.retentionAt[String(c)] ?? null,
    })).filter((m): m is { cycle: number; value: number } => m.value !== null);
    const opts: uPlot.Options = {
      width: Math.max(box.clientWidth, 300),
      height: HEIGHT,
      padding: [18, 12, 0, 4],
      scales: {
        x: { time: false },
        y: { auto: true, range: (_u, min, max) => [Math.min(min, 0.8), Math.max(max, 1) + 0.005] },
      },
      axes: [
        { ...axis('cycle'), size: 34 },
        { ...axis('capacity retention (Q_N/Q_1)'), size: 60 },
      ],
      series: [
        {},
        { label: 'retention', stroke: LINE, width: 2, points: { show: result.cycles.length < 80, size: 4 } },
      ],
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: true }, points: { show: false } },
      hooks: {
        draw: [
          (u) => {
            for (const m of marks) drawMark(u, m.cycle, m.value);
          },
        ],
      },
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
  return <div ref={boxRef} className="gl-plot" data-testid="retention-plot" />;
}

export function axis(label: string): uPlot.Axis {
  return {
    label,
    labelFont: '500 12px Inter, system-ui, sans-serif',
    font: '11px Inter, system-ui, sans-serif',
    stroke: '#4b5563',
    grid: { stroke: '#eef1f5', width: 1 },
    ticks: { stroke: '#cbd2db', width: 1, size: 4 },
  };
}

function drawMark(u: uPlot, cycle: number, value: number) {
  const min = u.scales.x.min ?? 0;
  const max = u.scales.x.max ?? 0;
  if (cycle < min || cycle > max) return;
  const ctx = u.ctx;
  const r = uPlot.pxRatio;
  const { top, height, left, width } = u.bbox;
  const x = Math.round(u.valToPos(cycle, 'x', true)) + 0.5;
  const y = u.valToPos(value, 'y', true);
  ctx.save();
  ctx.strokeStyle = MARK;
  ctx.lineWidth = 1.2 * r;
  ctx.setLineDash([5 * r, 4 * r]);
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x, top + height);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = MARK;
  ctx.beginPath();
  ctx.arc(x, y, 4 * r, 0, 2 * Math.PI);
  ctx.fill();
  const label = `${cycle} cycles: ${(value * 100).toFixed(1)} %`;
  ctx.font = `600 ${11 * r}px Inter, system-ui, sans-serif`;
  const w = ctx.measureText(label).width;
  // Retention falls with cycle: above-right and below-left of the point are clear of the curve.
  const right = x + 6 * r + w < left + width;
  ctx.textAlign = right ? 'left' : 'right';
  ctx.fillText(label, right ? x + 6 * r : x - 6 * r, right ? y - 8 * r : y + 18 * r);
  ctx.restore();
}
