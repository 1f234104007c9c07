/** The parameter set of the simulator: value, unit, source and whether it is a modelling assumption. */
import type { ParamEntry } from './glidingApi.ts';

export function ParamsTable({ params, source }: { params: Record<string, ParamEntry>; source: string }) {
  const rows = Object.entries(params);
  const assumed = rows.filter(([, e]) => e.assumption).length;
  return (
    <div data-testid="params-table">
      <p className="card-hint gl-params-note">
        {rows.length} parameters, {assumed} flagged as assumptions (not measured). Set: {source}
      </p>
      <div className="table-scroll gl-params-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th>parameter</th>
              <th>value</th>
              <th>unit</th>
              <th>flag</th>
              <th>source</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([k, e]) => (
              <tr key={k} data-testid={`param-${k}`}>
                <td>
                  <code>{k}</code>
                </td>
                <td className="num">{typeof e.value === 'number' ? formatValue(e.value) : e.value}</td>
                <td>{e.unit}</td>
                <td>
                  <span className={`gl-flag ${e.assumption ? 'assumed' : 'sourced'}`}>
                    {e.source === 'user value' ? 'user value' : e.assumption ? 'assumption' : 'sourced'}
                  </span>
                </td>
                <td className="gl-source">{e.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Four significant digits; powers of ten for very large or small magnitudes. */
function formatValue(v: number): string {
  const a = Math.abs(v);
  if (v !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}
