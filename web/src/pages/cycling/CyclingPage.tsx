/**
 * "Cycling": load a cycler export (Arbin, Maccor, BioLogic, Novonix, generic; detected), see capacity
 * and coulombic efficiency against cycle, voltage–capacity curves of chosen cycles, dQ/dV of one cycle
 * with its peaks, and the per-cycle table. Numbers come from the registry operations cycling.summary
 * and cycling.dqdv; a failed request shows a banner and leaves the previous result in place.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CyclingDqdvResult, CyclingSummaryResult } from '../../../../src/app/operations/cycling.ts';
import type { HalfCycleCurve } from '../../../../src/app/registry/ops/cycling.ts';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { callOp, messageOf, readUpload, type UploadedFile } from '../../components/opsClient.ts';
import { type PlotMarker, type PlotSeries, SvgPlot } from '../../components/SvgPlot.tsx';
import '../../components/plots.css';
import { FileDropZone } from '../../components/FileDropZone.tsx';

type Summary = CyclingSummaryResult & { curves: HalfCycleCurve[] };

interface CyclerUpload extends UploadedFile {
  metadataText?: string;
  logText?: string;
}

const CYCLE_COLORS = ['#1d4e89', '#c2410c', '#0f766e', '#7c3aed', '#b45309', '#be185d', '#4d7c0f', '#0369a1'];
/** At most this many cycles are drawn at once in the V–Q plot (legibility and payload). */
const MAX_CURVE_CYCLES = 8;

export function CyclingPage() {
  const [upload, setUpload] = useState<CyclerUpload | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [massText, setMassText] = useState('');
  const [curveCycles, setCurveCycles] = useState<number[] | null>(null);
  const [dqdvCycle, setDqdvCycle] = useState<number | null>(null);
  const [windowText, setWindowText] = useState('0.03');
  const [dqdv, setDqdv] = useState<CyclingDqdvResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const summarise = useCallback(async (file: CyclerUpload, mass: string, cycles: number[] | null) => {
    const activeMass_g = mass.trim() === '' ? undefined : Number(mass);
    if (activeMass_g !== undefined && !(activeMass_g > 0))
      throw new Error(`active mass must be a positive number of grams, not '${mass}'.`);
    return callOp<Summary>('cycling.summary', {
      file,
      ...(activeMass_g !== undefined ? { activeMass_g } : {}),
      ...(cycles ? { curveCycles: cycles } : {}),
    });
  }, []);

  async function load(list: File[]) {
    if (list.length === 0) return setError('Nothing to load: the drop did not contain a file.');
    // Companion files travel with the export: a BioLogic .mpl log, an Arbin *_Metadata.csv.
    const log = list.find((f) => /\.mpl$/i.test(f.name));
    const meta = list.find((f) => /_metadata\.csv$/i.test(f.name));
    const main = list.find((f) => f !== log && f !== meta) ?? list[0];
    setBusy(true);
    try {
      const file: CyclerUpload = {
        ...(await readUpload(main)),
        ...(log ? { logText: await log.text() } : {}),
        ...(meta ? { metadataText: await meta.text() } : {}),
      };
      const s = await summarise(file, massText, null);
      setUpload(file);
      setSummary(s);
      setCurveCycles([...new Set(s.curves.map((c) => c.cycle))]);
      const firstComplete = s.cycles.find((c) => c.complete) ?? s.cycles[0];
      setDqdvCycle(firstComplete?.cycle ?? null);
      setDqdv(null);
      setError(null);
    } catch (err) {
      setError(`Could not load ${main.name}: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  }

  async function refresh(mass: string, cycles: number[] | null) {
    if (!upload) return;
    setBusy(true);
    try {
      setSummary(await summarise(upload, mass, cycles));
      setError(null);
    } catch (err) {
      setError(`Summary not updated: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  }

  // dQ/dV follows the chosen cycle and smoothing window.
  useEffect(() => {
    if (!upload || dqdvCycle === null) return;
    const window = Number(windowText);
    if (!(window > 0)) {
      setError(`dQ/dV not updated: the smoothing window must be a positive voltage, not '${windowText}'.`);
      return;
    }
    const controller = new AbortController();
    callOp<CyclingDqdvResult>(
      'cycling.dqdv',
      { file: upload, cycle: dqdvCycle, smoothingWindow_V: window },
      controller.signal,
    ).then(
      (r) => {
        setDqdv(r);
        setError(null);
      },
      (err) => !controller.signal.aborted && setError(`dQ/dV not updated: ${messageOf(err)}`),
    );
    return () => controller.abort();
  }, [upload, dqdvCycle, windowText]);

  useEffect(() => {
    const stop = (e: DragEvent) => e.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  function toggleCycle(c: number) {
    const current = curveCycles ?? [];
    const next = current.includes(c) ? current.filter((x) => x !== c) : [...current, c].sort((a, b) => a - b);
    if (next.length > MAX_CURVE_CYCLES)
      return setError(`At most ${MAX_CURVE_CYCLES} cycles are drawn at once; deselect one first.`);
    setCurveCycles(next);
    void refresh(massText, next);
  }

  return (
    <div className="cycling">
      <p className="page-intro">
        Load a galvanostatic cycling export (Arbin, Maccor, BioLogic, Novonix or a generic CSV; the format is
        detected) to see capacity retention, coulombic efficiency, voltage curves and differential capacity
        per cycle.
      </p>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <div className="layout">
        <aside className="sidebar">
          <Card title="Cycler file">
            <CyclerLoader busy={busy} onFiles={(f) => void load(f)} />
            <label className="field" style={{ marginTop: 12 }}>
              <span>Active mass (g, optional: adds mAh/g)</span>
              <input
                data-testid="mass-input"
                value={massText}
                placeholder="e.g. 0.0123"
                onChange={(e) => setMassText(e.target.value)}
                onBlur={() => void refresh(massText, curveCycles)}
                onKeyDown={(e) => e.key === 'Enter' && void refresh(massText, curveCycles)}
              />
            </label>
            {summary && upload && <FileFacts summary={summary} upload={upload} />}
          </Card>
          {summary && summary.warnings.length > 0 && (
            <Card title="Warnings">
              <ul className="warnings" data-testid="cycling-warnings" style={{ marginTop: 0 }}>
                {summary.warnings.map((w) => (
                  <li key={w}>{w.length > 400 ? `${w.slice(0, 400)}…` : w}</li>
                ))}
              </ul>
            </Card>
          )}
        </aside>
        <div className="content" data-file={upload?.fileName}>
          {summary ? (
            <>
              <Card title="Capacity and coulombic efficiency" testId="capacity-card">
                <CapacityPlot summary={summary} />
              </Card>
              <div className="plot-pair">
                <Card title="Voltage vs capacity" testId="vq-card">
                  <div className="cycle-chips" data-testid="cycle-chips">
                    {summary.cycles.map((c) => (
                      <button
                        key={c.cycle}
                        type="button"
                        className={`chip${curveCycles?.includes(c.cycle) ? ' on' : ''}`}
                        data-testid={`cycle-chip-${c.cycle}`}
                        disabled={busy}
                        onClick={() => toggleCycle(c.cycle)}
                      >
                        {c.cycle}
                      </button>
                    ))}
                  </div>
                  <VqPlot curves={summary.curves} />
                </Card>
                <Card title="Differential capacity dQ/dV" testId="dqdv-card">
                  <div className="form-row">
                    <label className="field">
                      <span>Cycle</span>
                      <select
                        data-testid="dqdv-cycle"
                        value={dqdvCycle ?? ''}
                        onChange={(e) => setDqdvCycle(Number(e.target.value))}
                      >
                        {summary.cycles.map((c) => (
                          <option key={c.cycle} value={c.cycle}>
                            {c.cycle}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label className="field narrow">
                      <span>Smoothing window (V)</span>
                      <input
                        data-testid="dqdv-window"
                        defaultValue={windowText}
                        onBlur={(e) => setWindowText(e.target.value)}
                        onKeyDown={(e) =>
                          e.key === 'Enter' && setWindowText((e.target as HTMLInputElement).value)
                        }
                      />
                    </label>
                  </div>
                  {dqdv ? <DqdvView dqdv={dqdv} /> : <p className="muted">Computing dQ/dV…</p>}
                </Card>
              </div>
              <Card title="Per-cycle summary" testId="summary-card">
                <SummaryTable summary={summary} />
              </Card>
            </>
          ) : (
            <div className="empty-state">
              <h2>No cycling data loaded</h2>
              <p>Drop a cycler export on the left (with its .mpl log or _Metadata.csv if you have one).</p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

function CyclerLoader({ busy, onFiles }: { busy: boolean; onFiles: (files: File[]) => void }) {
  return <FileDropZone title={busy ? 'Reading…' : 'Drop a cycler file here'} busy={busy} onFiles={onFiles} />;
}

function FileFacts({ summary, upload }: { summary: Summary; upload: CyclerUpload }) {
  return (
    <dl className="facts" data-testid="file-facts" style={{ marginTop: 12 }}>
      <div className="fact">
        <dt>File</dt>
        <dd className="file-name">{upload.fileName}</dd>
      </div>
      <div className="fact">
        <dt>Format</dt>
        <dd>
          <span className="format-tag" data-testid="format-tag">
            {summary.format}
          </span>
          {upload.logText !== undefined ? ' + .mpl log' : ''}
          {upload.metadataText !== undefined ? ' + metadata' : ''}
        </dd>
      </div>
      <div className="fact">
        <dt>Rows</dt>
        <dd>{summary.rows.toLocaleString('en')}</dd>
      </div>
      <div className="fact">
        <dt>Cycles</dt>
        <dd data-testid="cycle-count">
          {summary.cycles.length} (numbered by{' '}
          {summary.cycleSource === 'instrument' ? 'the instrument' : 'steps'})
        </dd>
      </div>
      <div className="fact">
        <dt>CE</dt>
        <dd>{summary.ceConvention === 'dischargeOverCharge' ? 'Q_dis / Q_ch' : 'Q_ch / Q_dis'}</dd>
      </div>
    </dl>
  );
}

function CapacityPlot({ summary }: { summary: Summary }) {
  const specific = summary.activeMass_g !== null;
  const series = useMemo<PlotSeries[]>(() => {
    const x = summary.cycles.map((c) => c.cycle);
    // A half-cycle the file does not contain is missing, not zero: leave a gap.
    const value = (q: number, perGram: number | undefined, complete: boolean) =>
      !complete && q === 0 ? Number.NaN : specific ? (perGram ?? Number.NaN) : q;
    const ch = summary.cycles.map((c) =>
      value(c.chargeCapacity_mAh, c.specificChargeCapacity_mAh_g, c.complete),
    );
    const dis = summary.cycles.map((c) =>
      value(c.dischargeCapacity_mAh, c.specificDischargeCapacity_mAh_g, c.complete),
    );
    const ce = summary.cycles.map((c) =>
      c.coulombicEfficiency === null ? Number.NaN : 100 * c.coulombicEfficiency,
    );
    return [
      { label: 'charge capacity', x, y: ch, color: '#c2410c', kind: 'both' },
      { label: 'discharge capacity', x, y: dis, color: '#1d4e89', kind: 'both' },
      { label: 'coulombic efficiency', x, y: ce, color: '#0f766e', kind: 'both', axis: 'y2', dash: '4 3' },
    ];
  }, [summary, specific]);
  return (
    <SvgPlot
      testId="capacity-plot"
      series={series}
      x={{ label: 'Cycle', integer: true }}
      y={{ label: specific ? 'Capacity (mAh/g)' : 'Capacity (mAh)', zero: true }}
      y2={{ label: 'Coulombic efficiency (%)' }}
      height={300}
      readout={['cycle', 'Q']}
    />
  );
}

function VqPlot({ curves }: { curves: HalfCycleCurve[] }) {
  const series = useMemo<PlotSeries[]>(() => {
    const cycles = [...new Set(curves.map((c) => c.cycle))];
    return curves.map((c) => ({
      label: `cycle ${c.cycle} ${c.direction}`,
      x: c.capacity_mAh,
      y: c.voltage_V,
      color: CYCLE_COLORS[cycles.indexOf(c.cycle) % CYCLE_COLORS.length],
      kind: 'line' as const,
      dash: c.direction === 'discharge' ? '5 3' : undefined,
    }));
  }, [curves]);
  if (curves.length === 0) return <p className="muted">Choose cycles above to draw their curves.</p>;
  return (
    <>
      <SvgPlot
        testId="vq-plot"
        series={series}
        x={{ label: 'Capacity (mAh)', zero: true }}
        y={{ label: 'Voltage (V)' }}
        height={420}
        readout={['Q', 'V']}
      />
      <p className="plot-hint">
        Solid: charge, dashed: discharge; capacity counted from the start of each half-cycle.
      </p>
    </>
  );
}

function DqdvView({ dqdv }: { dqdv: CyclingDqdvResult }) {
  const { series, markers } = useMemo(() => {
    const s: PlotSeries[] = [];
    const m: PlotMarker[] = [];
    dqdv.segments.forEach((seg, i) => {
      const color = seg.direction === 'charge' ? '#c2410c' : '#1d4e89';
      s.push({
        label: `${seg.direction} (step ${seg.step})`,
        x: seg.voltage_V,
        y: seg.dQdV_mAh_per_V,
        color,
        kind: 'line',
        width: 1.8,
        hideInLegend: dqdv.segments.findIndex((o) => o.direction === seg.direction) !== i,
      });
      seg.peaks.forEach((p) => {
        m.push({
          x: p.voltage_V,
          y: seg.direction === 'charge' ? p.height_mAh_per_V : -p.height_mAh_per_V,
          label: p.voltage_V.toFixed(3),
          color,
        });
      });
    });
    return { series: s, markers: m };
  }, [dqdv]);
  const peaks = dqdv.segments.flatMap((seg) => seg.peaks.map((p) => ({ ...p, direction: seg.direction })));
  return (
    <div data-testid="dqdv-result" data-cycle={dqdv.cycle}>
      <SvgPlot
        testId="dqdv-plot"
        series={series}
        markers={markers}
        x={{ label: 'Voltage (V)' }}
        y={{ label: 'dQ/dV (mAh/V)', zero: true }}
        height={320}
        readout={['V', 'dQ/dV']}
      />
      <div className="table-scroll peaks-scroll">
        <table className="data-table" data-testid="dqdv-peaks">
          <thead>
            <tr>
              <th>Half-cycle</th>
              <th className="num">V (V)</th>
              <th className="num">|dQ/dV| (mAh/V)</th>
              <th className="num">Area (mAh)</th>
              <th className="num">From–to (V)</th>
            </tr>
          </thead>
          <tbody>
            {peaks.map((p) => (
              <tr key={`${p.direction}-${p.voltage_V}`}>
                <td>{p.direction}</td>
                <td className="num">{p.voltage_V.toFixed(4)}</td>
                <td className="num">{p.height_mAh_per_V.toFixed(2)}</td>
                <td className="num">{p.area_mAh.toFixed(3)}</td>
                <td className="num">
                  {p.from_V.toFixed(3)}–{p.to_V.toFixed(3)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="plot-hint">
        Savitzky–Golay (order {dqdv.options.polynomialOrder}, window {dqdv.options.smoothingWindow_V} V) on a{' '}
        {dqdv.options.gridStep_V} V grid; discharge plotted negative.
        {dqdv.monotone ? '' : ' Some steps were not monotone and were cut at turning points.'}
      </p>
      {dqdv.flags.length > 0 && (
        <ul className="warnings">
          {dqdv.flags.map((f) => (
            <li key={`${f.step}-${f.problem}`}>
              step {f.step}: {f.problem}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SummaryTable({ summary }: { summary: Summary }) {
  const specific = summary.activeMass_g !== null;
  const pct = (v: number | null) => (v === null ? '—' : (100 * v).toFixed(2));
  const volts = (v: number | null) => (v === null ? '—' : v.toFixed(4));
  return (
    <div className="table-scroll peaks-scroll">
      <table className="data-table" data-testid="summary-table">
        <thead>
          <tr>
            <th className="num">Cycle</th>
            <th className="num">Q ch (mAh)</th>
            <th className="num">Q dis (mAh)</th>
            {specific && <th className="num">Q dis (mAh/g)</th>}
            <th className="num">CE (%)</th>
            <th className="num">EE (%)</th>
            <th className="num">V̄ ch (V)</th>
            <th className="num">V̄ dis (V)</th>
            <th className="num">ΔV (V)</th>
            <th className="num">Retention (%)</th>
            <th className="num">CV ch (mAh)</th>
            <th>Complete</th>
          </tr>
        </thead>
        <tbody>
          {summary.cycles.map((c) => (
            <tr key={c.cycle} data-cycle={c.cycle}>
              <td className="num">{c.cycle}</td>
              <td className="num" data-col="qch">
                {c.chargeCapacity_mAh.toFixed(3)}
              </td>
              <td className="num" data-col="qdis">
                {c.dischargeCapacity_mAh.toFixed(3)}
              </td>
              {specific && (
                <td className="num" data-col="qdis-g">
                  {c.specificDischargeCapacity_mAh_g?.toFixed(2) ?? '—'}
                </td>
              )}
              <td className="num" data-col="ce">
                {pct(c.coulombicEfficiency)}
              </td>
              <td className="num">{pct(c.energyEfficiency)}</td>
              <td className="num">{volts(c.meanChargeVoltage_V)}</td>
              <td className="num">{volts(c.meanDischargeVoltage_V)}</td>
              <td className="num">{volts(c.voltageHysteresis_V)}</td>
              <td className="num">{pct(c.retention)}</td>
              <td className="num">{c.cvChargeCapacity_mAh.toFixed(3)}</td>
              <td className={c.complete ? undefined : 'muted'}>{c.complete ? 'yes' : 'partial'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
