/**
 * Equivalent-circuit fit: the circuit string (checked as you type, a syntax error points at its
 * character), optional start values and weighting, then the parameter table (value ± 1σ, units),
 * χ², warnings and the relative residuals against frequency.
 */
import { useEffect, useMemo, useState } from 'react';
import { callOp, messageOf } from '../../components/opsClient.ts';
import { fmtNum, type PlotSeries, SvgPlot } from '../../components/SvgPlot.tsx';
import { type CircuitInfo, type FitDoc, unitText } from './types.ts';

export interface FitSettings {
  circuit: string;
  guess: string;
  weight: 'unit' | 'modulus' | 'proportional';
}

export const DEFAULT_FIT: FitSettings = { circuit: 'R0-p(R1,C1)-p(R2-Wo1,C2)', guess: '', weight: 'unit' };

/** Start values typed as "v1, v2, …"; throws a sentence naming the bad item. */
export function parseGuess(text: string, count: number | undefined): number[] | undefined {
  const items = text.split(/[,;\s]+/).filter((s) => s !== '');
  if (items.length === 0) return undefined;
  const values = items.map((s) => {
    const v = Number(s);
    if (!Number.isFinite(v)) throw new Error(`Initial guess: '${s}' is not a number.`);
    return v;
  });
  if (count !== undefined && values.length !== count)
    throw new Error(
      `Initial guess: ${values.length} values for ${count} parameters (give all of them, in circuit order).`,
    );
  return values;
}

export function FitPanel(props: {
  settings: FitSettings;
  onChange: (s: FitSettings) => void;
  onFit: () => void;
  busy: boolean;
  fit: FitDoc | null;
  canFit: boolean;
}) {
  const { settings, onChange, onFit, busy, fit, canFit } = props;
  const [info, setInfo] = useState<CircuitInfo | null>(null);
  const [circuitError, setCircuitError] = useState<string | null>(null);

  // Check the circuit while typing (debounced) so the parameter order for the guess is visible.
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      callOp<CircuitInfo>('eis.circuit', { circuit: settings.circuit }, controller.signal).then(
        (r) => {
          setInfo(r);
          setCircuitError(null);
        },
        (err) => {
          if (controller.signal.aborted) return;
          setInfo(null);
          setCircuitError(messageOf(err));
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [settings.circuit]);

  return (
    <div data-testid="fit-panel">
      <div className="form-row">
        <label className="field grow">
          <span>Circuit (impedance.py syntax, e.g. R0-p(R1,CPE1); Boukamp R(RQ) also read)</span>
          <input
            data-testid="circuit-input"
            spellCheck={false}
            value={settings.circuit}
            onChange={(e) => onChange({ ...settings, circuit: e.target.value })}
            onKeyDown={(e) => e.key === 'Enter' && canFit && onFit()}
          />
        </label>
        <label className="field">
          <span>Weighting</span>
          <select
            data-testid="weight-select"
            value={settings.weight}
            onChange={(e) => onChange({ ...settings, weight: e.target.value as FitSettings['weight'] })}
          >
            <option value="unit">unit</option>
            <option value="modulus">modulus (1/|Z|)</option>
            <option value="proportional">proportional</option>
          </select>
        </label>
        <button
          type="button"
          className="button primary"
          data-testid="fit-button"
          disabled={!canFit || busy}
          onClick={onFit}
        >
          {busy ? 'Fitting…' : 'Fit'}
        </button>
      </div>
      {circuitError && <CircuitError circuit={settings.circuit} message={circuitError} />}
      <div className="form-row">
        <label className="field grow">
          <span>Initial guess (optional; all values in circuit order, default: estimated from the data)</span>
          <input
            data-testid="guess-input"
            spellCheck={false}
            value={settings.guess}
            placeholder={info ? info.parameters.map((p) => p.name).join(', ') : ''}
            onChange={(e) => onChange({ ...settings, guess: e.target.value })}
          />
        </label>
      </div>
      {info && (
        <p className="param-hint" data-testid="circuit-parameters">
          {info.parameters.length} parameters:{' '}
          {info.parameters.map((p) => `${p.name} (${unitText(p.unit)})`).join(', ')}
        </p>
      )}
      {fit && <FitResultView fit={fit} />}
    </div>
  );
}

/** The parser's message with a caret under the offending character. */
function CircuitError({ circuit, message }: { circuit: string; message: string }) {
  const text = circuit.trim();
  const at = /at character (\d+)/.exec(message);
  const pos = at ? Number(at[1]) - 1 : /at the end/.test(message) ? text.length : null;
  return (
    <div className="circuit-error" data-testid="circuit-error" role="status">
      {pos !== null && (
        <>
          {text}
          {'\n'}
          {' '.repeat(pos)}^{'\n'}
        </>
      )}
      <span className="msg">{message}</span>
    </div>
  );
}

function FitResultView({ fit }: { fit: FitDoc }) {
  const residuals = useMemo<PlotSeries[]>(
    () => [
      {
        label: 'Z′ residual',
        x: fit.residuals.frequencyHz,
        y: fit.residuals.real.map((v) => 100 * v),
        color: '#1d4e89',
        kind: 'both',
      },
      {
        label: 'Z″ residual',
        x: fit.residuals.frequencyHz,
        y: fit.residuals.imag.map((v) => 100 * v),
        color: '#c2410c',
        kind: 'both',
      },
    ],
    [fit],
  );
  return (
    <div data-testid="fit-result" data-circuit={fit.circuit}>
      <div className="stats">
        <span>
          <span className="k">χ²</span>
          <span data-testid="fit-chi2">{fit.chi2.toPrecision(4)}</span>
        </span>
        <span>
          <span className="k">RMSE</span>
          {fit.rmse.toPrecision(4)} Ω
        </span>
        <span>
          <span className="k">points</span>
          {fit.pointsUsed}
          {fit.pointsDropped > 0 ? ` (${fit.pointsDropped} dropped)` : ''}
        </span>
        <span>
          <span className="k">weighting</span>
          {fit.weight}
        </span>
        <span>
          <span className="k">converged</span>
          {fit.converged ? 'yes' : 'no'}
        </span>
      </div>
      <div className="table-scroll">
        <table className="data-table" data-testid="fit-table">
          <thead>
            <tr>
              <th>Parameter</th>
              <th className="num">Value</th>
              <th className="num">± σ (1σ)</th>
              <th className="num">σ / value</th>
              <th>Unit</th>
              <th className="num">95 % interval</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(fit.parameters).map(([name, p]) => (
              <tr key={name} data-param={name}>
                <td className="hkl">{name}</td>
                <td className="num" data-testid={`param-${name}`}>
                  {p.value.toPrecision(6)}
                </td>
                <td className="num">
                  {p.fixed ? 'fixed' : p.stderr === null ? 'not determined' : p.stderr.toPrecision(3)}
                </td>
                <td className="num">
                  {p.stderr === null || p.value === 0
                    ? '—'
                    : `${((100 * p.stderr) / Math.abs(p.value)).toFixed(1)} %`}
                </td>
                <td>{unitText(p.unit)}</td>
                <td className="num muted">{p.fixed ? '—' : `${fmtNum(p.ci95[0])} … ${fmtNum(p.ci95[1])}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="plot-hint">
        χ² = Σ[(ΔZ′/|Z|)² + (ΔZ″/|Z|)²]; σ from the covariance inv(JᵀJ)·SSR/(2N − p).
      </p>
      {fit.warnings.length > 0 && (
        <ul className="warnings" data-testid="fit-warnings">
          {fit.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <h3 className="subhead">Residuals</h3>
      <SvgPlot
        testId="residual-plot"
        series={residuals}
        x={{ label: 'Frequency (Hz)', log: true }}
        y={{ label: 'Residual (% of |Z|)', zero: true }}
        height={220}
        readout={['f', 'Δ']}
      />
    </div>
  );
}
