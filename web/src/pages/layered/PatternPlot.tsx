/**
 * Simulated faulted-stack pattern with uPlot; with a measured pattern, both on the measured 2θ grid:
 * the measurement (grey) and the matched simulation s·y_sim + b (blue), divided by the strongest
 * measured point. Drag to zoom in 2θ; double-click to reset.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { XrdResult } from './layeredApi.ts';

const HEIGHT = 340;
const SIM = '#1d4e89';
const MEAS = '#6b7280';

export function PatternPlot({ result }: { result: XrdResult }) {
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const box = boxRef.current!;
    const { data, series } = plotData(result);
    const opts: uPlot.Options = {
      width: Math.max(box.clientWidth, 300),
      height: HEIGHT,
      padding: [14, 12, 0, 4],
      scales: {
        x: { time: false },
        y: { auto: true, range: (_u, _min, max) => [0, Math.max(1.05, max * 1.04)] },
      },
      axes: [
        { ...axis('2θ (°)'), size: 30, labelSize: 16 },
        { ...axis('intensity (rel.)'), size: 50, splits: () => [0, 0.2, 0.4, 0.6, 0.8, 1] },
      ],
      series: [{}, ...series],
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: true }, points: { show: false }, y: false },
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
    <div className="xrd-plot" data-testid="pattern-plot">
      <div ref={boxRef} className="xrd-plot-box" />
      <ul className="legend plot-legend">
        {result.match && (
          <li className="legend-item">
            <span className="line-swatch" style={{ background: MEAS }} /> measured ({result.match.fileName})
          </li>
        )}
        <li className="legend-item">
          <span className="line-swatch" style={{ background: SIM }} />
          {result.match ? 'simulated, scaled (s·y + b)' : 'simulated'}
        </li>
      </ul>
    </div>
  );
}

function plotData(r: XrdResult): { data: uPlot.AlignedData; series: uPlot.Series[] } {
  const line = (label: string, stroke: string, width: number): uPlot.Series => ({
    label,
    stroke,
    width,
    points: { show: false },
  });
  if (!r.match) return { data: [r.twoTheta, r.intensity], series: [line('simulated', SIM, 1.4)] };
  const m = r.match;
  let max = 0;
  for (const y of m.measuredIntensity) if (y > max) max = y;
  const k = max > 0 ? 1 / max : 1;
  // The fitted curve exists only where the measured points lie inside the simulated range.
  const fitted: (number | null)[] = new Array(m.measuredTwoTheta.length).fill(null);
  let j = 0;
  for (let i = 0; i < m.measuredTwoTheta.length && j < m.fittedTwoTheta.length; i++)
    if (m.measuredTwoTheta[i] === m.fittedTwoTheta[j]) fitted[i] = m.fitted[j++] * k;
  return {
    data: [m.measuredTwoTheta, m.measuredIntensity.map((y) => y * k), fitted],
    series: [line('measured', MEAS, 1.2), line('simulated (scaled)', SIM, 1.4)],
  };
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
