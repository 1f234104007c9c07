/**
 * The stack at one recorded Na content: one cell per interlayer coloured by its local label (P2/P3
 * blue, O2/O3/O1 orange/violet), with a slider that replays the recorded states of particle 0 (first
 * charge, then the end of the last discharge).
 */
import { useState } from 'react';
import { LABEL_COLORS } from '../../components/labelColors.ts';
import { fmt } from '../../format.tsx';
import type { LocalLabel } from '../layered/layeredApi.ts';
import type { Snapshot } from './glidingApi.ts';

const WIDTH = 1000;
const ROW = 34;

function describe(s: Snapshot, lastCycle: number): string {
  return s.phase === 'discharge' ? `end of discharge, cycle ${lastCycle}` : `cycle ${s.cycle}, ${s.phase}`;
}

/** Keyed by run in the page, so a new run starts at the first recorded state. */
export function GlideStrip({ snapshots }: { snapshots: Snapshot[] }) {
  const [index, setIndex] = useState(0);
  if (snapshots.length === 0) return <p className="muted">No stack states were recorded.</p>;
  const s = snapshots[Math.min(index, snapshots.length - 1)];
  const m = s.labels.length;
  const cell = WIDTH / Math.max(m, 1);
  const counts = new Map<LocalLabel, number>();
  for (const l of s.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const lastCycle = snapshots[snapshots.length - 1].cycle;
  return (
    <div className="gl-strip" data-testid="glide-strip">
      <label className="field slider-field">
        <span className="slider-head">
          Na content x (recorded state {index + 1} of {snapshots.length})
          <output data-testid="strip-x">x = {fmt(s.x, 3)}</output>
        </span>
        <input
          type="range"
          min={0}
          max={snapshots.length - 1}
          step={1}
          value={index}
          data-testid="strip-slider"
          aria-label="Recorded Na content"
          onChange={(e) => setIndex(Number(e.target.value))}
        />
      </label>
      <svg
        viewBox={`0 0 ${WIDTH} ${ROW}`}
        preserveAspectRatio="none"
        width="100%"
        height={ROW * 1.4}
        role="img"
        aria-label={`Stack of ${m} interlayers at x = ${fmt(s.x, 3)}`}
      >
        {s.labels.map((l, i) => (
          <rect key={i} x={i * cell} y={0} width={cell + 0.05} height={ROW} fill={LABEL_COLORS[l]} />
        ))}
      </svg>
      <div className="strip-axis">
        <span>interlayer 0 (bottom)</span>
        <span data-testid="strip-state">
          {describe(s, lastCycle)} · O-type fraction{' '}
          <strong data-testid="strip-ofraction">{fmt(s.oFraction, 3)}</strong>
        </span>
        <span>{m} interlayers (top)</span>
      </div>
      <ul className="legend strip-legend">
        {(Object.keys(LABEL_COLORS) as LocalLabel[])
          .filter((l) => counts.has(l))
          .map((l) => (
            <li key={l} className="legend-item">
              <span className="swatch square" style={{ background: LABEL_COLORS[l] }} />
              {l} ({counts.get(l)})
            </li>
          ))}
      </ul>
    </div>
  );
}
