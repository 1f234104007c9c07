/**
 * Arrhenius chart with uPlot: log₁₀σ against 1000/T. The estimate for the chosen composition is a
 * line with its range as a band; the curated literature points are drawn in a draw hook (they do not
 * share the curve's x grid), filled for the same family, hollow for others; hover shows the source.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { NasiconConductivityOutput } from './nasiconApi.ts';

type Lit = NasiconConductivityOutput['literature'][number];

const HEIGHT = 340;
const CURVE = '#1d4e89';
const SAME = '#c2410c';
const OTHER = '#9aa4b1';
const HOVER_PX = 10;

interface Point {
  x: number;
  y: number;
  row: Lit;
  kind: 'total' | 'bulk';
}

export function ConductivityPlot({ result }: { result: NasiconConductivityOutput }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const box = boxRef.current!;
    const tip = tipRef.current!;
    const curve = [...result.curve].filter((p) => p.sigmaTotalScm !== null).reverse(); // ascending 1000/T
    const xs = curve.map((p) => 1000 / p.temperatureK);
    const central = curve.map((p) => Math.log10(p.sigmaTotalScm!));
    const low = curve.map((p) => (p.rangeScm ? Math.log10(p.rangeScm[0]) : null));
    const high = curve.map((p) => (p.rangeScm ? Math.log10(p.rangeScm[1]) : null));
    const points: Point[] = [];
    for (const r of result.literature) {
      const x = 1000 / r.temperatureK;
      if (r.sigmaTotalScm !== null) points.push({ x, y: Math.log10(r.sigmaTotalScm), row: r, kind: 'total' });
      else if (r.sigmaBulkScm !== null)
        points.push({ x, y: Math.log10(r.sigmaBulkScm), row: r, kind: 'bulk' });
    }
    const allX = [...xs, ...points.map((p) => p.x)];
    const allY = [
      ...central,
      ...(low.filter((v) => v !== null) as number[]),
      ...(high.filter((v) => v !== null) as number[]),
      ...points.map((p) => p.y),
    ];
    const xRange: [number, number] = [
      Math.floor(Math.min(...allX) * 2) / 2,
      Math.ceil(Math.max(...allX) * 2) / 2,
    ];
    // Half a decade of margin so no point sits on the frame.
    const yRange: [number, number] = [
      Math.floor(Math.min(...allY) - 0.5),
      Math.ceil(Math.max(...allY) + 0.5),
    ];
    const T = 1000 / (result.temperatureC + 273.15);

    const opts: uPlot.Options = {
      width: Math.max(box.clientWidth, 300),
      height: HEIGHT,
      padding: [18, 16, 0, 4],
      scales: { x: { time: false, range: xRange }, y: { range: yRange } },
      axes: [
        { ...axis('1000/T (K⁻¹)'), size: 30, labelSize: 16 },
        { ...axis('log₁₀ σ (S/cm)'), size: 50 },
      ],
      series: [
        {},
        { label: 'estimate', stroke: CURVE, width: 2, points: { show: false } },
        { label: 'range low', stroke: CURVE, width: 1, dash: [4, 4], points: { show: false } },
        { label: 'range high', stroke: CURVE, width: 1, dash: [4, 4], points: { show: false } },
      ],
      bands: [{ series: [3, 2], fill: 'rgba(29, 78, 137, 0.08)' }],
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      hooks: {
        draw: [(u) => drawPoints(u, points, T)],
        setCursor: [(u) => showNearest(u, points, tip)],
      },
    };
    const plot = new uPlot(opts, [xs, central, low, high], box);
    plot.over.append(tip);
    const observer = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(box.clientWidth, 300), height: HEIGHT }),
    );
    observer.observe(box);
    return () => {
      observer.disconnect();
      box.append(tip);
      plot.destroy();
    };
  }, [result]);

  return (
    <div className="xrd-plot conductivity-plot" data-testid="conductivity-plot">
      <div ref={boxRef} className="xrd-plot-box" />
      <div ref={tipRef} className="xrd-tooltip" data-testid="conductivity-tooltip" hidden />
      <ul className="legend conductivity-legend">
        <li className="legend-item">
          <span className="swatch line" style={{ background: CURVE }} /> estimate (band: range)
        </li>
        <li className="legend-item">
          <span className="swatch" style={{ background: SAME }} /> literature, same family
        </li>
        <li className="legend-item">
          <span className="swatch hollow" style={{ borderColor: OTHER }} /> literature, other compositions
        </li>
        <li className="legend-item">
          <span className="swatch diamond" /> σ at {result.temperatureC} °C
        </li>
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

function drawPoints(u: uPlot, points: Point[], chosenX: number) {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const r = 4 * uPlot.pxRatio;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.lineWidth = 1.5 * uPlot.pxRatio;
  // Others first so the same-family points sit on top.
  for (const same of [false, true])
    for (const p of points) {
      if (p.row.sameFamily !== same) continue;
      const x = u.valToPos(p.x, 'x', true);
      const y = u.valToPos(p.y, 'y', true);
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      if (same) {
        ctx.fillStyle = SAME;
        ctx.fill();
      } else {
        ctx.strokeStyle = OTHER;
        ctx.stroke();
      }
    }
  // Where the first same-family point is (CSS px in the plot area), for tests and tooling.
  const inView = (p: Point) => p.x >= (u.scales.x.min ?? 0) && p.x <= (u.scales.x.max ?? 0);
  const first = points.find((p) => p.row.sameFamily && inView(p));
  if (first) u.root.dataset.firstPoint = `${u.valToPos(first.x, 'x')},${u.valToPos(first.y, 'y')}`;
  // The chosen temperature: a vertical guide and a diamond on the estimate.
  const data = u.data;
  const xs = data[0] as number[];
  const ys = data[1] as (number | null)[];
  const y = interpolate(xs, ys, chosenX);
  const gx = u.valToPos(chosenX, 'x', true);
  ctx.strokeStyle = 'rgba(29, 78, 137, 0.35)';
  ctx.setLineDash([2 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
  ctx.beginPath();
  ctx.moveTo(gx, top);
  ctx.lineTo(gx, top + height);
  ctx.stroke();
  ctx.setLineDash([]);
  if (y !== null) {
    const gy = u.valToPos(y, 'y', true);
    const d = 6 * uPlot.pxRatio;
    ctx.fillStyle = CURVE;
    ctx.beginPath();
    ctx.moveTo(gx, gy - d);
    ctx.lineTo(gx + d, gy);
    ctx.lineTo(gx, gy + d);
    ctx.lineTo(gx - d, gy);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

function interpolate(xs: number[], ys: (number | null)[], x: number): number | null {
  for (let i = 1; i < xs.length; i++) {
    if (x >= xs[i - 1] && x <= xs[i]) {
      const a = ys[i - 1];
      const b = ys[i];
      if (a === null || b === null) return null;
      return a + ((b - a) * (x - xs[i - 1])) / (xs[i] - xs[i - 1]);
    }
  }
  return null;
}

function showNearest(u: uPlot, points: Point[], tip: HTMLDivElement) {
  const cx = u.cursor.left ?? -1;
  const cy = u.cursor.top ?? -1;
  if (cx < 0 || points.length === 0) {
    tip.hidden = true;
    return;
  }
  let best: Point | undefined;
  let bestPx = Number.POSITIVE_INFINITY;
  for (const p of points) {
    const d = Math.hypot(u.valToPos(p.x, 'x') - cx, u.valToPos(p.y, 'y') - cy);
    if (d < bestPx) {
      best = p;
      bestPx = d;
    }
  }
  if (!best || bestPx > HOVER_PX) {
    tip.hidden = true;
    return;
  }
  const r = best.row;
  const sigma = best.kind === 'total' ? r.sigmaTotalScm : r.sigmaBulkScm;
  tip.hidden = false;
  tip.replaceChildren(
    row('', r.composition),
    row('T', `${(r.temperatureK - 273.15).toFixed(0)} °C`),
    row(best.kind === 'total' ? 'σ total' : 'σ bulk', `${sigma?.toExponential(2)} S/cm`),
    ...(r.activationEnergyEv !== null ? [row('Ea', `${r.activationEnergyEv.toFixed(2)} eV`)] : []),
    row('DOI', r.doi ?? '—'),
    row('tag', `[${r.tag}]`),
  );
  const x = u.valToPos(best.x, 'x');
  const flip = x > u.over.clientWidth - 230;
  tip.style.left = `${flip ? x - 12 : x + 12}px`;
  tip.style.top = `${Math.max(4, u.valToPos(best.y, 'y') - 10)}px`;
  tip.style.transform = flip ? 'translateX(-100%)' : '';
  tip.dataset.doi = r.doi ?? '';
}

function row(name: string, value: string): HTMLElement {
  const div = document.createElement('div');
  const b = document.createElement('span');
  b.className = 'k';
  b.textContent = name;
  const v = document.createElement('span');
  v.textContent = value;
  div.append(b, v);
  return div;
}
