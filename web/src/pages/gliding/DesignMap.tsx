/**
 * The α–β design map as a heat map: one cell per grid point coloured by capacity retention after N
 * cycles (white → blue), its value printed in the cell, Pareto-optimal points outlined in red, and
 * the stack currently chosen on the page marked with a ring when it lies inside the grid.
 */
import type { MapResult } from './glidingApi.ts';

const W = 460;
const H = 300;
const M = { top: 10, right: 90, bottom: 46, left: 62 };
const PARETO = '#b42318';

/** Sequential scale white → accent blue, t in [0, 1]. */
function colour(t: number): string {
  const a = [247, 250, 253];
  const b = [29, 78, 137];
  const c = a.map((v, i) => Math.round(v + (b[i] - v) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export function DesignMap({
  map,
  current,
}: {
  map: MapResult;
  current: { alpha: number; beta: number } | null;
}) {
  const na = map.alpha.length;
  const nb = map.beta.length;
  const values = map.retention.flat().filter((v): v is number => v !== null);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const cw = pw / na;
  const ch = ph / nb;
  const isPareto = (a: number, b: number) => map.pareto.some((p) => p.alpha === a && p.beta === b);
  // Position of a value along an axis of grid centres (cells are centred on the grid values).
  const pos = (v: number, axis: number[], size: number) => {
    if (axis.length === 1) return size / 2;
    const t = (v - axis[0]) / (axis[axis.length - 1] - axis[0]);
    return size / (2 * axis.length) + t * (size - size / axis.length);
  };
  const inside = (v: number, axis: number[]) => {
    const step = axis.length > 1 ? (axis[axis.length - 1] - axis[0]) / (axis.length - 1) / 2 : 0;
    return v >= axis[0] - step && v <= axis[axis.length - 1] + step;
  };
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      className="gl-map"
      data-testid="design-map"
      role="img"
      aria-label="Design map"
    >
      <g transform={`translate(${M.left},${M.top})`}>
        {map.beta.map((b, ib) =>
          map.alpha.map((a, ia) => {
            const v = map.retention[ib][ia];
            const x = ia * cw;
            const y = (nb - 1 - ib) * ch;
            const pareto = isPareto(a, b);
            const t = v === null ? 0 : (v - lo) / span;
            return (
              <g key={`${ia}-${ib}`} data-testid="map-cell" data-pareto={pareto ? 'yes' : 'no'}>
                <rect
                  x={x + 1}
                  y={y + 1}
                  width={cw - 2}
                  height={ch - 2}
                  fill={v === null ? '#eceff3' : colour(0.1 + 0.85 * t)}
                />
                {pareto && (
                  <rect
                    x={x + 3}
                    y={y + 3}
                    width={cw - 6}
                    height={ch - 6}
                    fill="none"
                    stroke={PARETO}
                    strokeWidth={2.5}
                  />
                )}
                <text
                  x={x + cw / 2}
                  y={y + ch / 2 + 4}
                  textAnchor="middle"
                  fontSize={12}
                  fontWeight={600}
                  fill={t > 0.55 ? '#fff' : '#1c2530'}
                >
                  {v === null ? 'n/a' : `${(v * 100).toFixed(1)} %`}
                </text>
              </g>
            );
          }),
        )}
        {current && inside(current.alpha, map.alpha) && inside(current.beta, map.beta) && (
          <circle
            cx={pos(current.alpha, map.alpha, pw)}
            cy={ph - pos(current.beta, map.beta, ph)}
            r={7}
            fill="none"
            stroke="#0f2537"
            strokeWidth={2}
            data-testid="map-current"
          />
        )}
        {map.alpha.map((a, ia) => (
          <text key={a} x={(ia + 0.5) * cw} y={ph + 16} textAnchor="middle" fontSize={11} fill="#4b5563">
            {a.toFixed(3)}
          </text>
        ))}
        {map.beta.map((b, ib) => (
          <text key={b} x={-8} y={(nb - 1 - ib + 0.5) * ch + 4} textAnchor="end" fontSize={11} fill="#4b5563">
            {b.toFixed(2)}
          </text>
        ))}
        <text x={pw / 2} y={ph + 38} textAnchor="middle" fontSize={12} fontWeight={500} fill="#4b5563">
          α (interphases per interlayer)
        </text>
        <text
          transform={`translate(${-46},${ph / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={12}
          fontWeight={500}
          fill="#4b5563"
        >
          β (CV of spacings)
        </text>
        <g transform={`translate(${pw + 16},0)`}>
          <text x={0} y={10} fontSize={11} fill="#4b5563">
            Q{map.cycles}/Q1
          </text>
          {[1, 0.75, 0.5, 0.25, 0].map((t, i) => (
            <g key={t}>
              <rect x={0} y={18 + i * 22} width={16} height={22} fill={colour(0.1 + 0.85 * t)} />
              <text x={22} y={33 + i * 22} fontSize={10} fill="#4b5563">
                {((lo + t * span) * 100).toFixed(1)} %
              </text>
            </g>
          ))}
          <rect x={0} y={140} width={16} height={12} fill="none" stroke={PARETO} strokeWidth={2} />
          <text x={22} y={150} fontSize={10} fill="#4b5563">
            Pareto
          </text>
          <circle cx={8} cy={170} r={6} fill="none" stroke="#0f2537" strokeWidth={2} />
          <text x={22} y={174} fontSize={10} fill="#4b5563">
            your stack
          </text>
        </g>
      </g>
    </svg>
  );
}
