/**
 * Arrhenius analysis of a temperature series: every loaded spectrum is fitted with one circuit, arcs
 * are assigned (bulk / grain boundary) by capacitance, σ follows from the pellet geometry, and
 * ln(σT) (or ln σ) against 1/T gives Ea ± σ for bulk, grain boundary and total.
 */
import { useMemo } from 'react';
import { BOLTZMANN_EV_PER_K } from '../../../../src/core/constants.ts';
import { fmtNum, type PlotMarker, type PlotSeries, SvgPlot } from '../../components/SvgPlot.tsx';
import type { ArrheniusDocument } from './types.ts';

export interface ArrheniusSettings {
  circuit: string;
  thicknessCm: string;
  diameterCm: string;
  form: 'sigmaT' | 'sigma';
}

export const DEFAULT_ARRHENIUS: ArrheniusSettings = {
  circuit: 'p(R1,CPE1)-p(R2,CPE2)-CPE3',
  thicknessCm: '0.21',
  diameterCm: '0.8',
  form: 'sigmaT',
};

const LINES = [
  { key: 'bulk', label: 'bulk', sigma: 'sigmaBulk', color: '#1d4e89' },
  { key: 'grainBoundary', label: 'grain boundary', sigma: 'sigmaGrainBoundary', color: '#c2410c' },
  { key: 'total', label: 'total', sigma: 'sigmaTotal', color: '#0f766e' },
] as const;

export function ArrheniusControls(props: {
  settings: ArrheniusSettings;
  onChange: (s: ArrheniusSettings) => void;
}) {
  const { settings, onChange } = props;
  const set = (patch: Partial<ArrheniusSettings>) => onChange({ ...settings, ...patch });
  return (
    <div className="form-row">
      <label className="field grow">
        <span>Circuit fitted to every spectrum</span>
        <input
          data-testid="arrhenius-circuit"
          spellCheck={false}
          value={settings.circuit}
          onChange={(e) => set({ circuit: e.target.value })}
        />
      </label>
      <label className="field narrow">
        <span>Thickness L (cm)</span>
        <input
          data-testid="thickness-input"
          value={settings.thicknessCm}
          onChange={(e) => set({ thicknessCm: e.target.value })}
        />
      </label>
      <label className="field narrow">
        <span>Diameter d (cm)</span>
        <input
          data-testid="diameter-input"
          value={settings.diameterCm}
          onChange={(e) => set({ diameterCm: e.target.value })}
        />
      </label>
      <label className="field">
        <span>Form</span>
        <select
          value={settings.form}
          onChange={(e) => set({ form: e.target.value as ArrheniusSettings['form'] })}
        >
          <option value="sigmaT">σT = A exp(−Ea/kT)</option>
          <option value="sigma">σ = σ₀ exp(−Ea/kT)</option>
        </select>
      </label>
    </div>
  );
}

export function ArrheniusView({ doc }: { doc: ArrheniusDocument }) {
  const withT = doc.form === 'sigmaT';
  const { series, markers } = useMemo(() => {
    const s: PlotSeries[] = [];
    const m: PlotMarker[] = [];
    for (const line of LINES) {
      const pts = doc.points.filter((p) => p[line.sigma] !== null);
      if (pts.length === 0) continue;
      const y = (sigma: number, tK: number) => Math.log10(withT ? sigma * tK : sigma);
      s.push({
        label: `${line.label} (data)`,
        x: pts.map((p) => 1000 / p.temperatureK),
        y: pts.map((p) => y(p[line.sigma]!, p.temperatureK)),
        color: line.color,
        kind: 'points',
        hideInLegend: true,
      });
      const fit = doc[line.key];
      if (fit) {
        // The fitted line: log10(A) − Ea/(k T ln 10), drawn over the measured temperature range.
        const [t0, t1] = fit.temperatureRangeK;
        const xs = [1000 / t1, 1000 / t0];
        s.push({
          label: `${line.label}: Ea = ${fit.Ea.toFixed(3)}${fit.EaStderr !== null ? ` ± ${fit.EaStderr.toFixed(3)}` : ''} eV`,
          x: xs,
          y: xs.map(
            (x) => Math.log10(fit.prefactor) - (fit.Ea * x) / (1000 * BOLTZMANN_EV_PER_K * Math.LN10),
          ),
          color: line.color,
          kind: 'line',
          width: 2,
        });
      }
    }
    return { series: s, markers: m };
  }, [doc, withT]);

  return (
    <div data-testid="arrhenius-result">
      <SvgPlot
        testId="arrhenius-plot"
        series={series}
        markers={markers}
        x={{ label: '1000 / T (K⁻¹)' }}
        y={{ label: withT ? 'log₁₀(σT / S·K·cm⁻¹)' : 'log₁₀(σ / S·cm⁻¹)' }}
        height={300}
        readout={['1000/T', 'log']}
      />
      <div className="table-scroll">
        <table className="data-table" data-testid="arrhenius-table">
          <thead>
            <tr>
              <th>Process</th>
              <th className="num">Ea (eV)</th>
              <th className="num">± σ (eV)</th>
              <th className="num">{withT ? 'A (S·K/cm)' : 'σ₀ (S/cm)'}</th>
              <th className="num">R²</th>
              <th className="num">Points</th>
            </tr>
          </thead>
          <tbody>
            {LINES.map((line) => {
              const fit = doc[line.key];
              return (
                <tr key={line.key} data-process={line.key}>
                  <td>{line.label}</td>
                  <td className="num" data-testid={`ea-${line.key}`}>
                    {fit ? fit.Ea.toFixed(3) : '—'}
                  </td>
                  <td className="num">{fit?.EaStderr != null ? fit.EaStderr.toFixed(3) : '—'}</td>
                  <td className="num">{fit ? fmtNum(fit.prefactor) : '—'}</td>
                  <td className="num">{fit?.r2 != null ? fit.r2.toFixed(4) : '—'}</td>
                  <td className="num">{fit?.points ?? 0}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3 className="subhead">Conductivities per temperature (S/cm)</h3>
      <div className="table-scroll">
        <table className="data-table" data-testid="arrhenius-points">
          <thead>
            <tr>
              <th>File</th>
              <th className="num">T (°C)</th>
              <th className="num">σ bulk</th>
              <th className="num">σ grain boundary</th>
              <th className="num">σ total</th>
              <th className="num">χ² of fit</th>
            </tr>
          </thead>
          <tbody>
            {doc.points.map((p) => (
              <tr key={`${p.file}-${p.temperatureC}`}>
                <td>{p.file}</td>
                <td className="num">{p.temperatureC}</td>
                <td className="num">{p.sigmaBulk === null ? '—' : p.sigmaBulk.toExponential(3)}</td>
                <td className="num">
                  {p.sigmaGrainBoundary === null ? '—' : p.sigmaGrainBoundary.toExponential(3)}
                </td>
                <td className="num">{p.sigmaTotal === null ? '—' : p.sigmaTotal.toExponential(3)}</td>
                <td className="num">{p.chi2.toPrecision(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="plot-hint">
        Cell constant L/A = {doc.geometry.cellConstantPerCm.toPrecision(4)} cm⁻¹; arcs assigned by their
        capacitance (Brug formula for CPEs); Ea ± σ from the least-squares line of ln({withT ? 'σT' : 'σ'}) on
        1/T.
      </p>
      {(doc.warnings.length > 0 || doc.points.some((p) => p.warnings.length > 0)) && (
        <ul className="warnings">
          {doc.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
          {doc.points.flatMap((p) =>
            [...new Set(p.warnings)].map((w) => (
              <li key={`${p.file}:${w}`}>
                {p.file}: {w}
              </li>
            )),
          )}
        </ul>
      )}
    </div>
  );
}
