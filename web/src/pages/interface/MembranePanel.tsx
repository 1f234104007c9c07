/** Membrane ASR calculator: ASR = L/σ for lists of conductivities and thicknesses (interface.membrane). */
import { useCallback, useEffect, useState } from 'react';
import { interfaceApi, type MembraneResult, messageOf } from './interfaceApi.ts';
import { sig } from './settings.ts';

const DEFAULT_SIGMA = '0.1, 1, 3.49, 10';
const DEFAULT_THICKNESS = '20, 50, 100, 200, 500, 1000';

export function MembranePanel({ onError }: { onError: (message: string) => void }) {
  const [sigma, setSigma] = useState(DEFAULT_SIGMA);
  const [thickness, setThickness] = useState(DEFAULT_THICKNESS);
  const [result, setResult] = useState<MembraneResult | null>(null);

  const compute = useCallback(
    async (s: string, l: string) => {
      try {
        const body = {
          sigma_mS_per_cm: parseList(s, 'conductivity'),
          thickness_um: parseList(l, 'thickness'),
        };
        setResult(await interfaceApi.membrane(body));
      } catch (err) {
        onError(`Could not compute the membrane ASR table: ${messageOf(err)}`);
      }
    },
    [onError],
  );

  // The first table, from the defaults (compute is stable: onError is a stable callback).
  useEffect(() => {
    compute(DEFAULT_SIGMA, DEFAULT_THICKNESS);
  }, [compute]);

  return (
    <div className="if-membrane">
      <div className="if-membrane-inputs">
        <label className="field">
          <span>Conductivities σ (mS/cm, comma-separated)</span>
          <input
            data-testid="membrane-sigma"
            value={sigma}
            onChange={(e) => setSigma(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && compute(sigma, thickness)}
          />
        </label>
        <label className="field">
          <span>Thicknesses L (µm, comma-separated)</span>
          <input
            data-testid="membrane-thickness"
            value={thickness}
            onChange={(e) => setThickness(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && compute(sigma, thickness)}
          />
        </label>
        <button
          type="button"
          className="button"
          data-testid="membrane-compute"
          onClick={() => compute(sigma, thickness)}
        >
          Compute
        </button>
      </div>
      {result && (
        <div className="table-scroll">
          <table className="data-table" data-testid="membrane-table">
            <thead>
              <tr>
                <th>σ (mS/cm) \ L (µm)</th>
                {result.thickness_um.map((l) => (
                  <th key={l} className="num">
                    {sig(l)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.sigma_mS_per_cm} data-sigma={r.sigma_mS_per_cm}>
                  <th scope="row">{sig(r.sigma_mS_per_cm)}</th>
                  {r.asr_ohm_cm2.map((a, i) => (
                    <td key={result.thickness_um[i]} className="num" data-thickness={result.thickness_um[i]}>
                      {sig(a)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="if-method">
        Cells are area-specific resistances in Ω·cm²: {result?.convention ?? 'ASR = L/σ, geometric area'}.
        3.49 mS/cm is the total conductivity of ZrO2-free NZSP at 25 °C (Tieu 2023).
      </p>
    </div>
  );
}

/** '1, 3 ,10' → [1, 3, 10]; anything that is not a number list is one clear message. */
function parseList(text: string, what: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const values = parts.map(Number);
  if (parts.some((s) => s === '') || values.some((v) => !Number.isFinite(v)))
    throw new Error(`the ${what} list must be numbers separated by commas (found "${text}")`);
  return values;
}
