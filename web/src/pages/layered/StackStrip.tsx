/**
 * The stack as a colour strip: one cell per interlayer coloured by its local label, a second row
 * with the 2/3 character, ticks above the cells where an interphase sits, and a tooltip with the
 * index, label and Na environment of the interlayer under the cursor.
 */
import { useRef, useState } from 'react';
import { LABEL_COLORS } from '../../components/labelColors.ts';
import type { LocalLabel, StackAnalysis } from './layeredApi.ts';

const CHARACTER_COLORS: Record<number, string> = { 2: '#334155', 3: '#d5dce6' };
const ENVIRONMENT_NAMES: Record<string, string> = { P: 'prismatic', O: 'octahedral' };

const WIDTH = 1000;
const LABEL_ROW = 34;
const CHAR_ROW = 14;
const TICK = 10;
const HEIGHT = TICK + 4 + LABEL_ROW + 3 + CHAR_ROW;

export function StackStrip({ analysis }: { analysis: StackAnalysis }) {
  const { labels, character, environments, interphases } = analysis;
  const m = labels.length;
  const cell = WIDTH / Math.max(m, 1);
  const boxRef = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ index: number; left: number } | null>(null);
  const present = (Object.keys(LABEL_COLORS) as LocalLabel[]).filter((l) => analysis.fractions[l] > 0);

  function onMove(e: React.MouseEvent) {
    const box = boxRef.current;
    if (!box || m === 0) return;
    const rect = box.getBoundingClientRect();
    const frac = (e.clientX - rect.left) / rect.width;
    const index = Math.min(m - 1, Math.max(0, Math.floor(frac * m)));
    setHover({ index, left: e.clientX - rect.left });
  }

  return (
    <div className="stack-strip" data-testid="stack-strip">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: hover only adds a tooltip; the same numbers are in the table below */}
      <div ref={boxRef} className="strip-box" onMouseMove={onMove} onMouseLeave={() => setHover(null)}>
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          width="100%"
          height={HEIGHT * 1.4}
          role="img"
          shapeRendering="crispEdges"
          aria-label={`Stack of ${analysis.slabs} slabs, ${m} interlayers`}
        >
          {labels.map((l, i) => (
            <rect
              key={i}
              x={i * cell}
              y={TICK + 4}
              width={cell + 0.05}
              height={LABEL_ROW}
              fill={LABEL_COLORS[l]}
            />
          ))}
          {character.map((c, i) => (
            <rect
              key={i}
              x={i * cell}
              y={TICK + 4 + LABEL_ROW + 3}
              width={cell + 0.05}
              height={CHAR_ROW}
              fill={CHARACTER_COLORS[c]}
            />
          ))}
          {interphases.map((s) => (
            <line
              key={s}
              x1={s * cell}
              x2={s * cell}
              y1={0}
              y2={TICK + 4 + LABEL_ROW}
              stroke="#b42318"
              strokeWidth={Math.max(1.5, Math.min(3, cell / 4))}
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {hover && (
            <rect
              x={hover.index * cell}
              y={TICK + 2}
              width={Math.max(cell, 2)}
              height={LABEL_ROW + CHAR_ROW + 7}
              fill="none"
              stroke="#0f2537"
              strokeWidth={1.5}
              vectorEffect="non-scaling-stroke"
            />
          )}
        </svg>
        {hover && (
          <div
            className="strip-tooltip"
            data-testid="strip-tooltip"
            style={{
              left: hover.left,
              transform: hover.left > 700 ? 'translateX(-105%)' : 'translateX(8px)',
            }}
          >
            <div>
              <span className="k">interlayer</span> {hover.index} (slabs {hover.index}/{hover.index + 1})
            </div>
            <div>
              <span className="k">label</span> {labels[hover.index]}
            </div>
            <div>
              <span className="k">Na site</span>{' '}
              {ENVIRONMENT_NAMES[environments[hover.index]] ?? environments[hover.index]}
            </div>
            <div>
              <span className="k">character</span> {character[hover.index]}
              {interphases.includes(hover.index) ? ' · interphase below' : ''}
            </div>
          </div>
        )}
      </div>
      <div className="strip-axis">
        <span>interlayer 0 (bottom)</span>
        <span>
          {m} interlayer{m === 1 ? '' : 's'} (top)
        </span>
      </div>
      <ul className="legend strip-legend">
        {present.map((l) => (
          <li key={l} className="legend-item">
            <span className="swatch square" style={{ background: LABEL_COLORS[l] }} />
            {l}
          </li>
        ))}
        <li className="legend-item">
          <span className="swatch square" style={{ background: CHARACTER_COLORS[2] }} />
          2-type
        </li>
        <li className="legend-item">
          <span className="swatch square" style={{ background: CHARACTER_COLORS[3] }} />
          3-type (lower row)
        </li>
        <li className="legend-item">
          <span className="tick-swatch" /> interphase
        </li>
      </ul>
    </div>
  );
}
