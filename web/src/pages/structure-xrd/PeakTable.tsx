/** The reflection list under the plot, strongest line highlighted. */
import type { PowderPattern } from '../../api.ts';

export function PeakTable({ peaks }: { peaks: PowderPattern['peaks'] }) {
  if (peaks.length === 0) return <p className="muted">No reflections in this 2θ range.</p>;
  // With a Kα1/Kα2 doublet every reflection appears twice; say which line each row is.
  const showLine = peaks.some((p) => p.line === 'Kα2');
  return (
    <div className="table-scroll peaks-scroll">
      <table className="data-table" data-testid="peak-table">
        <thead>
          <tr>
            <th className="num">#</th>
            <th className="num">2θ (°)</th>
            <th className="num">d (Å)</th>
            <th className="num">I (rel.)</th>
            <th>hkl</th>
            <th className="num">Mult.</th>
            {showLine && <th>Line</th>}
          </tr>
        </thead>
        <tbody>
          {peaks.map((p, i) => (
            <tr
              key={`${p.twoTheta}-${p.label}-${p.line}`}
              data-two-theta={p.twoTheta.toFixed(4)}
              className={p.intensity >= 99.999 ? 'strongest' : undefined}
            >
              <td className="num muted">{i + 1}</td>
              <td className="num">{p.twoTheta.toFixed(3)}</td>
              <td className="num">{p.d.toFixed(4)}</td>
              <td className="num">
                <span className="bar" style={{ width: `${Math.max(p.intensity, 0.5) * 0.6}px` }} />
                {p.intensity.toFixed(1)}
              </td>
              <td className="hkl">{p.label}</td>
              <td className="num">{p.multiplicity}</td>
              {showLine && <td className={p.line === 'Kα2' ? 'muted' : undefined}>{p.line}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
