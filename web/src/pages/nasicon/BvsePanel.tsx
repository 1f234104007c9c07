/** BVSE result: 1D/2D/3D percolation barriers, bottleneck radius, hops, and the isosurface controls. */
import { fmt } from '../../format.tsx';
import type { NasiconBvseOutput } from './nasiconApi.ts';

export const GRID_CHOICES = [0.3, 0.2, 0.15, 0.1];

export function BvsePanel(props: {
  result: NasiconBvseOutput | null;
  grid: number;
  onGrid: (g: number) => void;
  computing: boolean;
  showSurface: boolean;
  onShowSurface: (v: boolean) => void;
  surfaceOffsetEv: number;
  onSurfaceOffset: (v: number) => void;
}) {
  const r = props.result;
  return (
    <div className="bvse-panel" data-testid="bvse-panel">
      <div className="bvse-controls">
        <label className="field">
          Grid spacing
          <select
            value={props.grid}
            onChange={(e) => props.onGrid(Number(e.target.value))}
            data-testid="bvse-grid"
          >
            {GRID_CHOICES.map((g) => (
              <option key={g} value={g}>
                {g} Å{g === 0.2 ? ' (default)' : g <= 0.1 ? ' (slow)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="toggle">
          <input
            type="checkbox"
            checked={props.showSurface}
            onChange={(e) => props.onShowSurface(e.target.checked)}
            data-testid="bvse-surface-toggle"
          />
          isosurface in 3-D view
        </label>
        <label className="field narrow">
          level − E₃D (eV)
          <input
            type="number"
            min={0}
            max={0.5}
            step={0.05}
            value={props.surfaceOffsetEv}
            onChange={(e) => props.onSurfaceOffset(Number(e.target.value))}
            disabled={!props.showSurface}
          />
        </label>
        {props.computing && <span className="muted">computing…</span>}
      </div>
      {r ? (
        <>
          <table className="cell-table bvse-table" data-testid="bvse-barriers">
            <thead>
              <tr>
                <th>1D barrier (eV)</th>
                <th>2D barrier (eV)</th>
                <th>3D barrier (eV)</th>
                <th>Bottleneck radius (Å)</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td data-testid="barrier-1d">{barrier(r.barriersEv['1D'])}</td>
                <td data-testid="barrier-2d">{barrier(r.barriersEv['2D'])}</td>
                <td data-testid="barrier-3d">{barrier(r.barriersEv['3D'])}</td>
                <td data-testid="bottleneck">{fmt(r.bottleneckRadiusA ?? undefined, 3)}</td>
              </tr>
            </tbody>
          </table>
          <p className="muted small">
            {r.ion}⁺ site-energy landscape of the average template structure ({r.formula}),{' '}
            {r.gridPoints.join(' × ')} points ({r.gridSpacingA.map((s) => s.toFixed(3)).join(', ')} Å),
            cut-off {r.cutoffA} Å; {r.convention}. Barriers are relative to the global site-energy minimum.
          </p>
          {r.hops.length > 0 && (
            <table className="data-table" data-testid="bvse-hops">
              <thead>
                <tr>
                  <th>Hop</th>
                  <th className="num">Length (Å)</th>
                  <th className="num">Free radius (Å)</th>
                  <th className="num">Count</th>
                </tr>
              </thead>
              <tbody>
                {r.hops.slice(0, 4).map((h) => (
                  <tr key={`${h.from}-${h.to}-${h.length}`}>
                    <td>
                      {h.from} → {h.to}
                    </td>
                    <td className="num">{fmt(h.length, 3)}</td>
                    <td className="num">{fmt(h.freeRadius, 3)}</td>
                    <td className="num">{h.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : (
        <p className="muted">{props.computing ? 'Computing the landscape…' : 'No landscape yet.'}</p>
      )}
    </div>
  );
}

function barrier(v: number | null): string {
  return v === null ? 'none' : v.toFixed(3);
}
