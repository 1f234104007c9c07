/** Formula, space group, cell and the site table (with occupancies) of the built structure. */
import { Formula, fmt } from '../../format.tsx';
import type { NasiconBuildOutput } from './nasiconApi.ts';

export function StructureFacts({ built }: { built: NasiconBuildOutput }) {
  const L = built.lattice;
  return (
    <div className="summary" data-testid="nasicon-structure">
      <div className="formula-line">
        <span className="formula" data-testid="formula">
          <Formula text={built.formula} />
        </span>
        <span className="file-name">{built.family}</span>
      </div>
      <dl className="facts">
        <div className="fact">
          <dt>Space group</dt>
          <dd data-testid="space-group">{built.spaceGroup.replace('R-3c', 'R3̄c')}</dd>
        </div>
        <div className="fact">
          <dt>Na per f.u.</dt>
          <dd data-testid="na-per-fu">{fmt(1 + built.x, 3)}</dd>
        </div>
        <div className="fact">
          <dt>Si per f.u.</dt>
          <dd>{fmt(built.silicon, 3)}</dd>
        </div>
        <div className="fact">
          <dt>Sites in cell</dt>
          <dd>{built.sitesInCell}</dd>
        </div>
      </dl>
      <table className="cell-table" data-testid="cell-parameters">
        <thead>
          <tr>
            <th>a (Å)</th>
            <th>b (Å)</th>
            <th>c (Å)</th>
            <th>α (°)</th>
            <th>β (°)</th>
            <th>γ (°)</th>
            <th>V (Å³)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td data-testid="cell-a">{fmt(L.a, 4)}</td>
            <td>{fmt(L.b, 4)}</td>
            <td data-testid="cell-c">{fmt(L.c, 4)}</td>
            <td>{fmt(L.alpha, 3)}</td>
            <td>{fmt(L.beta, 3)}</td>
            <td>{fmt(L.gamma, 3)}</td>
            <td data-testid="cell-volume">{fmt(L.volumeA3, 2)}</td>
          </tr>
        </tbody>
      </table>
      <p className="muted small">
        Lattice: {built.latticeBasis} [{built.latticeTags.join(', ')}]. Alkali: {built.alkaliDistribution}
      </p>
      {built.warnings.length > 0 && (
        <ul className="warnings" data-testid="warnings">
          {built.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {built.sites.length > 0 ? (
        <>
          <h3 className="subhead">Sites ({built.sites.length}, asymmetric unit)</h3>
          <div className="table-scroll">
            <table className="data-table" data-testid="site-table">
              <thead>
                <tr>
                  <th>Site</th>
                  <th>Wyckoff</th>
                  <th className="num">x</th>
                  <th className="num">y</th>
                  <th className="num">z</th>
                  <th>Occupants (occupancy)</th>
                </tr>
              </thead>
              <tbody>
                {built.sites.map((s) => (
                  <tr key={s.label}>
                    <td>{s.label}</td>
                    <td>{s.wyckoff ?? '—'}</td>
                    <td className="num">{fmt(s.frac?.[0], 4)}</td>
                    <td className="num">{fmt(s.frac?.[1], 4)}</td>
                    <td className="num">{fmt(s.frac?.[2], 4)}</td>
                    <td className="occupants">
                      {Object.entries(s.occupants).map(([el, occ]) => (
                        <span key={el} className="occupant" data-element={el}>
                          {el} {fmt(occ, 4)}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        built.siteMapping && (
          <>
            <h3 className="subhead">R3̄c → C2/c site mapping</h3>
            <ul className="site-mapping" data-testid="site-mapping">
              {Object.entries(built.siteMapping).map(([k, v]) => (
                <li key={k}>
                  <strong>{k}</strong> →{' '}
                  {Object.entries(v)
                    .map(([w, n]) => `${w} × ${n}`)
                    .join(' + ')}
                </li>
              ))}
            </ul>
          </>
        )
      )}
    </div>
  );
}
