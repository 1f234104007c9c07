/**
 * Mitigation comparison: pick strategies from the catalogue (data/interface/mitigations.json), rank
 * them with interface.compare against the bare cell at the current settings, and show the table,
 * bar charts and the strategies that are listed but not simulated (with the reason).
 */
import { BarChart } from './BarChart.tsx';
import type { CompareResult, MitigationInfo } from './interfaceApi.ts';
import { sig } from './settings.ts';

export interface MitigationPanelProps {
  catalogue: MitigationInfo[];
  selected: string[];
  onSelect: (ids: string[]) => void;
  combine: boolean;
  onCombine: (v: boolean) => void;
  onCompare: () => void;
  running: boolean;
  result: CompareResult | null;
}

export function MitigationPanel(p: MitigationPanelProps) {
  const simulated = p.catalogue.filter((m) => m.simulated);
  const toggle = (id: string, on: boolean) =>
    p.onSelect(on ? [...p.selected, id] : p.selected.filter((x) => x !== id));
  return (
    <div className="if-mitigations">
      <div className="if-mit-pick">
        <ul className="if-mit-list" data-testid="mitigation-list">
          {simulated.map((m) => (
            <li key={m.id}>
              <label className="if-mit-item" title={m.effects.map((e) => e.how).join('; ')}>
                <input
                  type="checkbox"
                  data-testid={`mit-${m.id}`}
                  checked={p.selected.includes(m.id)}
                  onChange={(e) => toggle(m.id, e.target.checked)}
                />
                <span>
                  <span className="if-mit-name">{m.name}</span>{' '}
                  <span className="if-tag" title="Data tag: S sourced, R recalled, P proposed, I inferred">
                    {m.tag}
                  </span>
                  <span className="if-mit-how">
                    {m.effects.map((e) => `${e.parameter} → ${e.value}`).join('; ')}
                  </span>
                  <span className="if-mit-source">{m.source}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        <p className="if-note">
          Each strategy sets the model parameter shown (hover for how). Interfacial-ASR values are the
          measured ones at zero stack pressure and the reference temperature; with stack pressure the contact
          grows and the table's ASR is lower (set 0 MPa to see the calibrated values).
        </p>
        <div className="if-mit-actions">
          <label className="toggle" title="Apply all ticked strategies together as one extra row">
            <input
              type="checkbox"
              data-testid="combine"
              checked={p.combine}
              onChange={(e) => p.onCombine(e.target.checked)}
            />
            <span>Also rank them combined</span>
          </label>
          <button
            type="button"
            className="button primary"
            data-testid="compare"
            disabled={p.running || p.selected.length === 0}
            onClick={p.onCompare}
          >
            {p.running ? 'Comparing…' : `Compare ${p.selected.length} with the bare cell`}
          </button>
        </div>
      </div>
      {p.result ? (
        <CompareResultView result={p.result} />
      ) : (
        <p className="muted">Tick one or more strategies and compare.</p>
      )}
      <NotSimulated catalogue={p.catalogue} />
    </div>
  );
}

function CompareResultView({ result }: { result: CompareResult }) {
  const rows = result.rows;
  return (
    <div data-testid="compare-result">
      <div className="table-scroll">
        <table className="data-table" data-testid="compare-table">
          <thead>
            <tr>
              <th className="num">Rank</th>
              <th>Strategy</th>
              <th className="num">CCD (mA/cm²)</th>
              <th>CCD from</th>
              <th className="num">Interfacial ASR (Ω·cm²)</th>
              <th className="num">Cell ASR (Ω·cm²)</th>
              <th className="num">Time to short (h)</th>
              <th>Failure mode</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.label}
                data-label={r.label}
                className={r.label === 'baseline' ? 'if-baseline' : undefined}
              >
                <td className="num">{r.rank}</td>
                <td>{r.label === 'baseline' ? 'bare cell (baseline)' : r.label}</td>
                <td className="num" data-col="ccd">
                  {r.ccd_mA_cm2 === null ? 'none in ramp' : sig(r.ccd_mA_cm2)}
                </td>
                <td className="muted">{r.ccdSource ?? '—'}</td>
                <td className="num" data-col="asr">
                  {sig(r.interfaceAsr_ohm_cm2)}
                </td>
                <td className="num">{sig(r.cellAsr_ohm_cm2)}</td>
                <td className="num" data-col="short">
                  {r.shortAt_h === null ? 'no short' : sig(r.shortAt_h)}
                </td>
                <td>{r.failureMode ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="if-method">
        <strong>Cell:</strong> {conditionsText(result.conditions)}. <strong>Ranking:</strong> {result.ranking}
        . <strong>CCD</strong> from the ramp “{result.rampProtocol}
        ”; time to short from “{result.cyclingProtocol}”. <strong>Read-off:</strong> {result.ccdMethod}.
      </p>
      <div className="if-bar-row">
        <BarChart
          testId="ccd-bars"
          title="Critical current density"
          unit="mA/cm²"
          empty="none in ramp"
          bars={rows.map((r) => ({ label: r.label, value: r.ccd_mA_cm2, highlight: r.label === 'baseline' }))}
        />
        <BarChart
          testId="asr-bars"
          title="Interfacial ASR"
          unit="Ω·cm²"
          empty="—"
          bars={rows.map((r) => ({
            label: r.label,
            value: r.interfaceAsr_ohm_cm2,
            highlight: r.label === 'baseline',
          }))}
        />
      </div>
    </div>
  );
}

function NotSimulated({ catalogue }: { catalogue: MitigationInfo[] }) {
  const rest = catalogue.filter((m) => !m.simulated);
  if (rest.length === 0) return null;
  return (
    <details className="if-not-simulated" data-testid="not-simulated">
      <summary>
        {rest.length} strategies in the catalogue are listed but not simulated (no quantitative data)
      </summary>
      <table className="data-table">
        <thead>
          <tr>
            <th>Strategy</th>
            <th>Why not simulated</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {rest.map((m) => (
            <tr key={m.id} data-id={m.id}>
              <td className="wrap">{m.name}</td>
              <td className="wrap">{m.notQuantified ?? 'no quantitative data'}</td>
              <td className="wrap muted">{m.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** 'Na3Zr2Si2PO12, 500 µm, 25 °C, 5 MPa' from the conditions the comparison ran at. */
function conditionsText(c: Record<string, unknown>): string {
  const n = (v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(4)).toString() : '?');
  const T = typeof c.T_K === 'number' ? c.T_K - 273.15 : Number.NaN;
  return `${String(c.electrolyte)}, ${n(c.thickness_um)} µm, ${n(T)} °C, ${n(c.pressure_MPa)} MPa`;
}
