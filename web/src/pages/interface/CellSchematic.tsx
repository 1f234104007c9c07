/**
 * The symmetric cell drawn to scale-ish: metal | electrolyte | metal, the electrolyte's width
 * following the membrane thickness (log scale, so 10 µm and 2 mm both stay readable), stack-pressure
 * arrows, and — after a run — the lost contact at each interface drawn as voids and the flaw at
 * the plating face.
 */

const W = 640;
const H = 210;
const FOIL = 96;
const MID_Y = 40;
const MID_H = 120;
const MIN_MEM = 36;
const MAX_MEM = 300;
/** Thicknesses mapped onto [MIN_MEM, MAX_MEM] (µm, log scale). */
const T_LO = 10;
const T_HI = 3000;
/** Void sites drawn per interface at zero contact. */
const VOID_SLOTS = 14;

export interface SchematicProps {
  metal: string;
  electrolyte: string;
  thickness_um: number;
  pressure_MPa: number;
  T_C: number;
  /** Contact fraction at each interface after the run (A = left, B = right); null before a run. */
  contact: { A: number; B: number } | null;
  /** The electrode where the failure started, if any. */
  failedElectrode: string | null;
  flawSize_um: number | null;
  /** True when the failure was a short: a metal filament is drawn across the electrolyte. */
  shorted: boolean;
}

export function CellSchematic(p: SchematicProps) {
  const t = Math.min(T_HI, Math.max(T_LO, p.thickness_um > 0 ? p.thickness_um : T_LO));
  const mem = MIN_MEM + ((MAX_MEM - MIN_MEM) * Math.log(t / T_LO)) / Math.log(T_HI / T_LO);
  const cx = W / 2;
  const x0 = cx - mem / 2;
  const x1 = cx + mem / 2;
  return (
    <svg
      className="if-schematic"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`${p.metal} | ${p.electrolyte} (${p.thickness_um} µm) | ${p.metal} at ${p.T_C} °C and ${p.pressure_MPa} MPa`}
      data-testid="cell-schematic"
    >
      <defs>
        <pattern
          id="if-hatch"
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <line x1="0" y1="0" x2="0" y2="6" stroke="#c7d4e4" strokeWidth="2" />
        </pattern>
        <marker
          id="if-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="#4b5563" />
        </marker>
        <marker
          id="if-dim"
          viewBox="0 0 10 10"
          refX="5"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="#667180" />
        </marker>
      </defs>
      {/* metal foils */}
      <rect x={x0 - FOIL} y={MID_Y} width={FOIL} height={MID_H} className="if-metal" />
      <rect x={x1} y={MID_Y} width={FOIL} height={MID_H} className="if-metal" />
      <text x={x0 - FOIL / 2} y={MID_Y + MID_H / 2 + 5} className="if-layer-label">
        {p.metal}
      </text>
      <text x={x1 + FOIL / 2} y={MID_Y + MID_H / 2 + 5} className="if-layer-label">
        {p.metal}
      </text>
      {/* electrolyte */}
      <rect x={x0} y={MID_Y} width={mem} height={MID_H} className="if-electrolyte" />
      <rect x={x0} y={MID_Y} width={mem} height={MID_H} fill="url(#if-hatch)" opacity="0.6" />
      <text x={cx} y={MID_Y + 24} className="if-layer-label small" data-testid="schematic-electrolyte">
        {mem > 90 ? p.electrolyte : ''}
      </text>
      {p.contact && <Voids x={x0} side={-1} contact={p.contact.A} />}
      {p.contact && <Voids x={x1} side={1} contact={p.contact.B} />}
      {p.failedElectrode && p.flawSize_um !== null && (
        <Flaw x={p.failedElectrode === 'A' ? x0 : x1} side={p.failedElectrode === 'A' ? 1 : -1} />
      )}
      {p.failedElectrode && p.shorted && (
        <Filament from={p.failedElectrode === 'A' ? x0 : x1} to={p.failedElectrode === 'A' ? x1 : x0} />
      )}
      {/* thickness dimension */}
      <line
        x1={x0}
        y1={MID_Y + MID_H + 16}
        x2={x1}
        y2={MID_Y + MID_H + 16}
        className="if-dim"
        markerStart="url(#if-dim)"
        markerEnd="url(#if-dim)"
      />
      <text x={cx} y={MID_Y + MID_H + 34} className="if-caption" data-testid="schematic-thickness">
        {p.thickness_um} µm
      </text>
      {/* stack pressure */}
      <line
        x1={x0 - FOIL - 52}
        y1={MID_Y + MID_H / 2}
        x2={x0 - FOIL - 6}
        y2={MID_Y + MID_H / 2}
        markerEnd="url(#if-arrow)"
        className="if-force"
      />
      <line
        x1={x1 + FOIL + 52}
        y1={MID_Y + MID_H / 2}
        x2={x1 + FOIL + 6}
        y2={MID_Y + MID_H / 2}
        markerEnd="url(#if-arrow)"
        className="if-force"
      />
      <text x={x0 - FOIL - 30} y={MID_Y + MID_H / 2 - 10} className="if-caption">
        {p.pressure_MPa} MPa
      </text>
      <text x={x1 + FOIL + 30} y={MID_Y + MID_H / 2 - 10} className="if-caption">
        {p.pressure_MPa} MPa
      </text>
      <text x={cx} y={22} className="if-caption strong">
        {p.metal} | {p.electrolyte} | {p.metal} · {p.T_C} °C
      </text>
      <text x={x0 - FOIL / 2} y={MID_Y - 6} className="if-caption muted">
        electrode A
      </text>
      <text x={x1 + FOIL / 2} y={MID_Y - 6} className="if-caption muted">
        electrode B
      </text>
    </svg>
  );
}

/** Lost contact as lens-shaped voids in the metal along the interface at x. */
function Voids({ x, side, contact }: { x: number; side: number; contact: number }) {
  const n = Math.round(VOID_SLOTS * Math.min(1, Math.max(0, 1 - contact)));
  const pitch = MID_H / VOID_SLOTS;
  const items = [];
  for (let i = 0; i < n; i++) {
    // Spread the voids over the interface rather than stacking them at one end.
    const slot = Math.floor(((i + 0.5) * VOID_SLOTS) / n);
    const y = MID_Y + (slot + 0.5) * pitch;
    items.push(<ellipse key={i} cx={x + side * 3} cy={y} rx={3} ry={pitch * 0.38} className="if-void" />);
  }
  return <g data-testid="schematic-voids">{items}</g>;
}

/** The flaw at the plating face that the metal filled. */
function Flaw({ x, side }: { x: number; side: number }) {
  const y = MID_Y + MID_H * 0.55;
  return (
    <path
      d={`M${x},${y - 5} L${x + side * 16},${y} L${x},${y + 5} z`}
      className="if-flaw-mark"
      data-testid="schematic-flaw"
    />
  );
}

/** A metal filament from the plating face across the membrane (drawn when the cell shorted). */
function Filament({ from, to }: { from: number; to: number }) {
  const y = MID_Y + MID_H * 0.55;
  const n = 7;
  const pts: string[] = [];
  for (let i = 0; i <= n; i++) {
    const x = from + ((to - from) * i) / n;
    const dy = i === 0 || i === n ? 0 : (i % 2 === 0 ? -1 : 1) * 7;
    pts.push(`${x.toFixed(1)},${(y + dy).toFixed(1)}`);
  }
  return <polyline points={pts.join(' ')} className="if-filament" data-testid="schematic-filament" />;
}
