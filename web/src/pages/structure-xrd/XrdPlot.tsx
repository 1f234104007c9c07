/**
 * The powder pattern drawn with uPlot: profile curve as a series, peaks as sticks painted in a
 * draw hook (they do not share the profile's x grid), hkl labels on the strong lines, and a
 * tooltip for the peak nearest the cursor. Drag to zoom in 2θ; double-click to reset.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { PowderPattern } from '../../api.ts';

type Peak = PowderPattern['peaks'][number];

const HEIGHT = 360;
const STICK = '#c2410c';
const STICK_KA2 = '#f2a97f';
const CURVE = '#1d4e89';
/** Peaks this close to the cursor (CSS px) get the tooltip. */
const HOVER_PX = 14;

export function XrdPlot(props: { pattern: PowderPattern; twoThetaMin: number; twoThetaMax: number }) {
  const { pattern, twoThetaMin, twoThetaMax } = props;
  const boxRef = useRef<HTMLDivElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const box = boxRef.current!;
    const tip = tipRef.current!;
    const peaks = [...pattern.peaks].sort((p, q) => p.twoTheta - q.twoTheta);
    const data = seriesData(pattern, [twoThetaMin, twoThetaMax]);

    const opts: uPlot.Options = {
      width: Math.max(box.clientWidth, 300),
      height: HEIGHT,
      padding: [18, 12, 0, 4],
      scales: { x: { time: false }, y: { auto: false, range: [0, 110] } },
      axes: [
        { ...axis('2θ (°)'), size: 30, labelSize: 16 },
        { ...axis('Intensity (rel., max = 100)'), size: 56, splits: () => [0, 20, 40, 60, 80, 100] },
      ],
      series: [
        {},
        {
          label: 'Profile',
          stroke: CURVE,
          width: 1.4,
          fill: 'rgba(29, 78, 137, 0.07)',
          points: { show: false },
        },
      ],
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: true }, points: { show: false }, y: false },
      hooks: {
        draw: [(u) => drawSticks(u, peaks)],
        setCursor: [(u) => showNearest(u, peaks, tip)],
      },
    };

    const plot = new uPlot(opts, data, box);
    plot.over.append(tip);
    const observer = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(box.clientWidth, 300), height: HEIGHT }),
    );
    observer.observe(box);
    return () => {
      observer.disconnect();
      box.append(tip); // keep the tooltip element owned by React's tree
      plot.destroy();
    };
  }, [pattern, twoThetaMin, twoThetaMax]);

  return (
    <div className="xrd-plot" data-testid="xrd-plot">
      <div ref={boxRef} className="xrd-plot-box" />
      <div ref={tipRef} className="xrd-tooltip" data-testid="xrd-tooltip" hidden />
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

/** Profile normalised to a maximum of 100, or just the range when there is no profile. */
function seriesData(pattern: PowderPattern, range: [number, number]): uPlot.AlignedData {
  const profile = pattern.profile;
  if (!profile || profile.x.length === 0) return [range, [null, null]];
  let max = 0;
  for (const v of profile.y) if (v > max) max = v;
  const scale = max > 0 ? 100 / max : 1;
  return [profile.x, profile.y.map((v) => v * scale)];
}

function drawSticks(u: uPlot, peaks: Peak[]) {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const [xMin, xMax] = [u.scales.x.min ?? 0, u.scales.x.max ?? 0];
  const y0 = u.valToPos(0, 'y', true);
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.lineWidth = 1.5 * uPlot.pxRatio;
  // Kα2 satellites in a lighter tone so the Kα1 lines stay the eye's reference.
  for (const [kalpha2, color] of [
    [false, STICK],
    [true, STICK_KA2],
  ] as const) {
    ctx.strokeStyle = color;
    ctx.beginPath();
    for (const p of peaks) {
      if (p.twoTheta < xMin || p.twoTheta > xMax || (p.line === 'Kα2') !== kalpha2) continue;
      const x = Math.round(u.valToPos(p.twoTheta, 'x', true)) + 0.5;
      ctx.moveTo(x, y0);
      ctx.lineTo(x, u.valToPos(p.intensity, 'y', true));
    }
    ctx.stroke();
  }

  // hkl of the strong visible lines, strongest first, skipping any that would overlap.
  ctx.font = `${10 * uPlot.pxRatio}px Inter, system-ui, sans-serif`;
  ctx.fillStyle = '#7c2d12';
  ctx.textAlign = 'center';
  const placed: [number, number][] = [];
  const visible = peaks.filter(
    (p) => p.twoTheta >= xMin && p.twoTheta <= xMax && p.intensity >= 8 && p.line !== 'Kα2',
  );
  for (const p of visible.sort((a, b) => b.intensity - a.intensity).slice(0, 14)) {
    const text = compactHkl(p.label);
    const x = u.valToPos(p.twoTheta, 'x', true);
    const half = ctx.measureText(text).width / 2 + 3 * uPlot.pxRatio;
    if (placed.some(([a, b]) => x + half > a && x - half < b)) continue;
    placed.push([x - half, x + half]);
    ctx.fillText(text, x, u.valToPos(p.intensity, 'y', true) - 4 * uPlot.pxRatio);
  }
  ctx.restore();
}

/** '(1 0 -1 4)' → '101̄4' (bar over negative indices), short enough to sit above a stick. */
function compactHkl(label: string): string {
  const first = label.match(/\(([^)]*)\)/)?.[1] ?? label;
  const indices = first.trim().split(/\s+/);
  // Multi-digit indices need separators to stay unambiguous.
  const sep = indices.some((i) => i.replace('-', '').length > 1) ? ' ' : '';
  return indices.map((i) => (i.startsWith('-') ? `${i.slice(1)}\u0305` : i)).join(sep);
}

function showNearest(u: uPlot, peaks: Peak[], tip: HTMLDivElement) {
  const left = u.cursor.left ?? -1;
  if (left < 0 || peaks.length === 0) {
    tip.hidden = true;
    return;
  }
  let best: Peak | undefined;
  let bestPx = Number.POSITIVE_INFINITY;
  for (const p of peaks) {
    const dx = Math.abs(u.valToPos(p.twoTheta, 'x') - left);
    // Among peaks at nearly the same spot, prefer the stronger one.
    if (dx < bestPx - 2 || (Math.abs(dx - bestPx) <= 2 && best && p.intensity > best.intensity)) {
      best = p;
      bestPx = dx;
    }
  }
  if (!best || bestPx > HOVER_PX) {
    tip.hidden = true;
    return;
  }
  tip.hidden = false;
  tip.replaceChildren(
    row('hkl', best.label, 'hkl'),
    row('2θ', `${best.twoTheta.toFixed(3)}°`),
    row('d', `${best.d.toFixed(4)} Å`),
    row('I', best.intensity.toFixed(1)),
    row('mult.', String(best.multiplicity)),
    ...(best.line === 'Kα' || best.line === 'λ' ? [] : [row('line', best.line)]),
  );
  const x = u.valToPos(best.twoTheta, 'x');
  const flip = x > u.over.clientWidth - 170;
  tip.style.left = `${flip ? x - 12 : x + 12}px`;
  tip.style.top = `${Math.max(4, u.valToPos(best.intensity, 'y') - 10)}px`;
  tip.style.transform = flip ? 'translateX(-100%)' : '';
}

function row(name: string, value: string, cls?: string): HTMLElement {
  const div = document.createElement('div');
  if (cls) div.className = cls;
  const b = document.createElement('span');
  b.className = 'k';
  b.textContent = name;
  const v = document.createElement('span');
  v.textContent = value;
  div.append(b, v);
  return div;
}
