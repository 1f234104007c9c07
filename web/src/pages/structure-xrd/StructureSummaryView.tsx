/** Formula, space group, cell, density and the reader's warnings for the loaded structure. */
import type { StructureSummary } from '../../api.ts';
import { Formula, fmt, spaceGroupText } from '../../format.tsx';

export function StructureSummaryView({
  summary,
  fileName,
}: {
  summary: StructureSummary;
  fileName?: string;
}) {
  const { cell, spaceGroup } = summary;
  return (
    <div className="summary" data-testid="structure-summary">
      <div className="formula-line">
        <span className="formula" data-testid="formula">
          <Formula text={summary.formula} />
        </span>
        {fileName && <span className="file-name">{fileName}</span>}
      </div>
      <dl className="facts">
        <div className="fact">
          <dt>Space group</dt>
          <dd data-testid="space-group">
            {spaceGroup.symbol ? <span className="sg-symbol">{spaceGroupText(spaceGroup.symbol)}</span> : '—'}
            {spaceGroup.number !== undefined && <span className="sg-number"> (No. {spaceGroup.number})</span>}
          </dd>
        </div>
        <div className="fact">
          <dt>Density</dt>
          <dd data-testid="density">
            {fmt(summary.density, 3)} <span className="unit">g/cm³</span>
          </dd>
        </div>
        <div className="fact">
          <dt>Atoms in cell</dt>
          <dd>{fmt(summary.atomsInCell, Number.isInteger(summary.atomsInCell) ? 0 : 2)}</dd>
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
            <td>{fmt(cell.a, 4)}</td>
            <td>{fmt(cell.b, 4)}</td>
            <td>{fmt(cell.c, 4)}</td>
            <td>{fmt(cell.alpha, 3)}</td>
            <td>{fmt(cell.beta, 3)}</td>
            <td>{fmt(cell.gamma, 3)}</td>
            <td>{fmt(cell.volume, 2)}</td>
          </tr>
        </tbody>
      </table>
      {summary.warnings.length > 0 && (
        <ul className="warnings" data-testid="warnings">
          {summary.warnings.map((w) => (
            <li key={`${w.code}:${w.label}:${w.message}`} title={w.code}>
              {w.label && <strong>{w.label}: </strong>}
              {w.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
