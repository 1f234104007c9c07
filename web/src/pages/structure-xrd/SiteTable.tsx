/** The asymmetric-unit sites as the CIF gives them. */
import type { StructureSummary } from '../../api.ts';
import { fmt } from '../../format.tsx';

export function SiteTable({ sites }: { sites: StructureSummary['sites'] }) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="site-table">
        <thead>
          <tr>
            <th>Label</th>
            <th>Species</th>
            <th>Wyckoff</th>
            <th className="num">x</th>
            <th className="num">y</th>
            <th className="num">z</th>
            <th className="num">Occ.</th>
            <th className="num">
              U<sub>iso</sub> (Å²)
            </th>
          </tr>
        </thead>
        <tbody>
          {sites.map((s) => (
            <tr key={`${s.label}:${s.x}:${s.y}:${s.z}`}>
              <td>{s.label}</td>
              <td>{s.species}</td>
              <td>{s.wyckoff ?? '—'}</td>
              <td className="num">{fmt(s.x, 4)}</td>
              <td className="num">{fmt(s.y, 4)}</td>
              <td className="num">{fmt(s.z, 4)}</td>
              <td className="num">{fmt(s.occupancy, 3)}</td>
              <td className="num">{fmt(s.uIso, 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
