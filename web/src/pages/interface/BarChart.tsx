/** A small horizontal bar chart in SVG: one bar per strategy, value printed at the bar's end. */
import { sig } from './settings.ts';

export interface Bar {
  label: string;
  /** null = nothing to draw (e.g. no failure within the protocol); `empty` says why. */
  value: number | null;
  highlight?: boolean;
}

const ROW = 24;
const LABEL_W = 170;
const VALUE_W = 70;
const W = 460;

export function BarChart(props: { title: string; unit: string; bars: Bar[]; empty: string; testId: string }) {
  const max = Math.max(0, ...props.bars.map((b) => b.value ?? 0));
  const span = W - LABEL_W - VALUE_W;
  const h = props.bars.length * ROW + 8;
  return (
    <figure className="if-bars" data-testid={props.testId}>
      <figcaption>
        {props.title} <span className="unit">({props.unit})</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${h}`} width="100%" role="img" aria-label={`${props.title} (${props.unit})`}>
        {props.bars.map((b, i) => {
          const y = 4 + i * ROW;
          const len = b.value !== null && max > 0 ? Math.max(1, (span * b.value) / max) : 0;
          return (
            <g key={b.label}>
              <text x={LABEL_W - 8} y={y + ROW / 2 + 4} textAnchor="end" className="if-bar-label">
                {b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label}
                <title>{b.label}</title>
              </text>
              <rect
                x={LABEL_W}
                y={y + 4}
                width={len}
                height={ROW - 8}
                rx={2}
                className={b.highlight ? 'if-bar base' : 'if-bar'}
              />
              <text x={LABEL_W + len + 6} y={y + ROW / 2 + 4} className="if-bar-value">
                {b.value === null ? props.empty : sig(b.value)}
              </text>
            </g>
          );
        })}
        <line x1={LABEL_W} y1={2} x2={LABEL_W} y2={h - 2} stroke="#cbd2db" />
      </svg>
    </figure>
  );
}
