/** Kramers–Kronig (Lin-KK) residuals and the distribution of relaxation times of one spectrum. */
import { useMemo } from 'react';
import { fmtNum, type PlotSeries, SvgPlot } from '../../components/SvgPlot.tsx';
import type { DrtDoc, KkDoc } from './types.ts';

export function KkView({ kk }: { kk: KkDoc }) {
  const series = useMemo<PlotSeries[]>(
    () => [
      {
        label: 'Z′ residual',
        x: kk.frequencyHz,
        y: kk.residualsReal.map((v) => 100 * v),
        color: '#1d4e89',
        kind: 'both',
      },
      {
        label: 'Z″ residual',
        x: kk.frequencyHz,
        y: kk.residualsImag.map((v) => 100 * v),
        color: '#c2410c',
        kind: 'both',
      },
    ],
    [kk],
  );
  return (
    <div data-testid="kk-result">
      <div className="stats">
        <span>
          <span className="k">M (RC elements)</span>
          <span data-testid="kk-m">{kk.M}</span>
        </span>
        <span>
          <span className="k">μ</span>
          <span data-testid="kk-mu">{kk.mu.toFixed(4)}</span>
        </span>
        <span>
          <span className="k">threshold c</span>
          {kk.c}
        </span>
        <span>
          <span className="k">max |residual|</span>
          <span data-testid="kk-max">{(100 * kk.maxAbsResidual).toFixed(3)} %</span>
        </span>
        <span>
          <span className="k">pseudo-χ²</span>
          {kk.chi2.toPrecision(3)}
        </span>
      </div>
      <SvgPlot
        testId="kk-plot"
        series={series}
        x={{ label: 'Frequency (Hz)', log: true }}
        y={{ label: 'KK residual (% of |Z|)', zero: true }}
        height={260}
        readout={['f', 'Δ']}
      />
      <p className="plot-hint">
        Residual = (Z − Z_KK)/|Z| per point; M chosen automatically by the μ criterion (Schönleber et al.
        2014). Residuals within ±1 % with no trend indicate a linear, causal, stable measurement.
      </p>
      {kk.warnings.length > 0 && (
        <ul className="warnings">
          {kk.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export interface DrtSettings {
  lambdaMethod: 'gcv' | 'lcurve' | 'fixed';
  lambda: string;
}

export const DEFAULT_DRT: DrtSettings = { lambdaMethod: 'gcv', lambda: '1e-3' };

export function DrtControls(props: { settings: DrtSettings; onChange: (s: DrtSettings) => void }) {
  const { settings, onChange } = props;
  return (
    <div className="form-row">
      <label className="field">
        <span>λ choice</span>
        <select
          data-testid="drt-method"
          value={settings.lambdaMethod}
          onChange={(e) =>
            onChange({ ...settings, lambdaMethod: e.target.value as DrtSettings['lambdaMethod'] })
          }
        >
          <option value="gcv">GCV (automatic)</option>
          <option value="lcurve">L-curve (automatic)</option>
          <option value="fixed">fixed value</option>
        </select>
      </label>
      {settings.lambdaMethod === 'fixed' && (
        <label className="field narrow">
          <span>λ</span>
          <input
            data-testid="drt-lambda"
            value={settings.lambda}
            onChange={(e) => onChange({ ...settings, lambda: e.target.value })}
          />
        </label>
      )}
    </div>
  );
}

export function DrtView({ drt }: { drt: DrtDoc }) {
  const series = useMemo<PlotSeries[]>(
    () => [{ label: 'γ(τ)', x: drt.tau, y: drt.gamma, color: '#1d4e89', kind: 'line', width: 2 }],
    [drt],
  );
  const markers = drt.peaks.map((p, i) => ({ x: p.tau, y: p.gamma, label: `P${i + 1}`, color: '#c2410c' }));
  return (
    <div data-testid="drt-result">
      <div className="stats">
        <span>
          <span className="k">λ</span>
          <span data-testid="drt-lambda-value">{drt.lambda.toExponential(3)}</span> ({drt.lambdaMethod})
        </span>
        <span>
          <span className="k">R∞</span>
          {fmtNum(drt.rInf)} Ω
        </span>
        <span>
          <span className="k">R_pol = ∫γ d ln τ</span>
          <span data-testid="drt-rpol">{fmtNum(drt.polarizationResistance)}</span> Ω
        </span>
        <span>
          <span className="k">τ convention</span>
          {drt.tauConvention}
        </span>
      </div>
      <SvgPlot
        testId="drt-plot"
        series={series}
        markers={markers}
        x={{ label: 'τ (s)', log: true }}
        y={{ label: 'γ (Ω)', zero: true }}
        height={280}
        readout={['τ', 'γ']}
      />
      <div className="table-scroll">
        <table className="data-table" data-testid="drt-peaks">
          <thead>
            <tr>
              <th>Peak</th>
              <th className="num">τ (s)</th>
              <th className="num">f (Hz)</th>
              <th className="num">γ (Ω)</th>
              <th className="num">R (Ω)</th>
              <th className="num">Share</th>
              <th className="num">FWHM (decades)</th>
            </tr>
          </thead>
          <tbody>
            {drt.peaks.map((p, i) => (
              <tr key={p.tau}>
                <td>P{i + 1}</td>
                <td className="num">{p.tau.toExponential(3)}</td>
                <td className="num">{fmtNum(p.frequencyHz)}</td>
                <td className="num">{fmtNum(p.gamma)}</td>
                <td className="num">{fmtNum(p.resistance)}</td>
                <td className="num">{(100 * p.share).toFixed(1)} %</td>
                <td className="num">{p.fwhmDecades.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {drt.warnings.length > 0 && (
        <ul className="warnings">
          {drt.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
