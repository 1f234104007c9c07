/**
 * "Impedance": load one or several spectra (format auto-detected), see Nyquist and Bode plots, fit
 * an equivalent circuit, check Kramers–Kronig consistency, compute the DRT, and run an Arrhenius
 * analysis over a temperature series. Every number comes from the registry operations (eis.*); a
 * failed request shows a banner and leaves the previous result in place.
 */
import { useCallback, useEffect, useState } from 'react';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { FileDropZone } from '../../components/FileDropZone.tsx';
import { callOp, messageOf, readUpload, type UploadedFile } from '../../components/opsClient.ts';
import { fmtNum } from '../../components/SvgPlot.tsx';
import {
  ArrheniusControls,
  type ArrheniusSettings,
  ArrheniusView,
  DEFAULT_ARRHENIUS,
} from './ArrheniusPanel.tsx';
import { DEFAULT_FIT, FitPanel, type FitSettings, parseGuess } from './FitPanel.tsx';
import { DEFAULT_DRT, DrtControls, type DrtSettings, DrtView, KkView } from './KkDrtPanels.tsx';
import { SpectrumPlots } from './SpectrumPlots.tsx';
import type { ArrheniusDocument, CircuitInfo, DrtDoc, FitDoc, KkDoc, SpectrumDoc } from './types.ts';

interface Loaded {
  upload: UploadedFile;
  spectrum: SpectrumDoc;
}

type Tab = 'fit' | 'kk' | 'drt' | 'arrhenius';
const TABS: { id: Tab; title: string }[] = [
  { id: 'fit', title: 'Circuit fit' },
  { id: 'kk', title: 'Kramers–Kronig' },
  { id: 'drt', title: 'DRT' },
  { id: 'arrhenius', title: 'Arrhenius' },
];

export function ImpedancePage() {
  const [files, setFiles] = useState<Loaded[]>([]);
  const [active, setActive] = useState(0);
  const [tab, setTab] = useState<Tab>('fit');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [fitSettings, setFitSettings] = useState<FitSettings>(DEFAULT_FIT);
  const [fits, setFits] = useState<Record<string, FitDoc>>({});
  const [kks, setKks] = useState<Record<string, KkDoc>>({});
  const [drtSettings, setDrtSettings] = useState<DrtSettings>(DEFAULT_DRT);
  const [drts, setDrts] = useState<Record<string, DrtDoc>>({});
  const [arrSettings, setArrSettings] = useState<ArrheniusSettings>(DEFAULT_ARRHENIUS);
  const [arrhenius, setArrhenius] = useState<ArrheniusDocument | null>(null);

  const current = files[active] as Loaded | undefined;
  const name = current?.upload.fileName ?? '';

  const addFiles = useCallback(async (list: File[]) => {
    if (list.length === 0) return setError('Nothing to load: the drop did not contain a file.');
    setBusy('Reading…');
    const added: Loaded[] = [];
    const problems: string[] = [];
    for (const f of list) {
      try {
        const upload = await readUpload(f);
        const spectrum = await callOp<SpectrumDoc>('eis.read', upload);
        added.push({ upload, spectrum });
      } catch (err) {
        problems.push(`Could not load ${f.name}: ${messageOf(err)}`);
      }
    }
    setBusy(null);
    if (added.length > 0) {
      setFiles((prev) => {
        const names = new Set(added.map((a) => a.upload.fileName));
        const kept = prev.filter((p) => !names.has(p.upload.fileName));
        const next = [...kept, ...added].sort((a, b) =>
          a.upload.fileName.localeCompare(b.upload.fileName, undefined, { numeric: true }),
        );
        setActive(next.findIndex((n) => n.upload.fileName === added[0].upload.fileName));
        return next;
      });
      // A replaced file invalidates its results.
      const drop = (r: Record<string, unknown>) => {
        const c = { ...r };
        for (const a of added) delete c[a.upload.fileName];
        return c;
      };
      setFits((r) => drop(r) as Record<string, FitDoc>);
      setKks((r) => drop(r) as Record<string, KkDoc>);
      setDrts((r) => drop(r) as Record<string, DrtDoc>);
    }
    setError(problems.length > 0 ? problems.join(' ') : null);
  }, []);

  async function runFit() {
    if (!current) return;
    let guess: number[] | undefined;
    try {
      const info = await callOp<CircuitInfo>('eis.circuit', { circuit: fitSettings.circuit });
      guess = parseGuess(fitSettings.guess, info.parameters.length);
      setBusy('Fitting…');
      const fit = await callOp<FitDoc>('eis.fit', {
        file: current.upload,
        circuit: fitSettings.circuit,
        weight: fitSettings.weight,
        ...(guess ? { guess } : {}),
      });
      setFits((r) => ({ ...r, [name]: fit }));
      setError(null);
    } catch (err) {
      setError(`Fit not done: ${messageOf(err)}`);
    } finally {
      setBusy(null);
    }
  }

  async function runDrt() {
    if (!current) return;
    try {
      const body: Record<string, unknown> = { file: current.upload };
      if (drtSettings.lambdaMethod === 'fixed') {
        const lambda = Number(drtSettings.lambda);
        if (!(lambda > 0)) throw new Error(`λ must be a positive number, not '${drtSettings.lambda}'.`);
        body.lambda = lambda;
      } else body.lambdaMethod = drtSettings.lambdaMethod;
      setBusy('Computing the DRT…');
      const drt = await callOp<DrtDoc>('eis.drt', body);
      setDrts((r) => ({ ...r, [name]: drt }));
      setError(null);
    } catch (err) {
      setError(`DRT not computed: ${messageOf(err)}`);
    } finally {
      setBusy(null);
    }
  }

  async function runArrhenius() {
    try {
      const thicknessCm = Number(arrSettings.thicknessCm);
      const diameterCm = Number(arrSettings.diameterCm);
      if (!(thicknessCm > 0))
        throw new Error(`thickness must be a positive length in cm, not '${arrSettings.thicknessCm}'.`);
      if (!(diameterCm > 0))
        throw new Error(`diameter must be a positive length in cm, not '${arrSettings.diameterCm}'.`);
      setBusy(`Fitting ${files.length} spectra…`);
      const doc = await callOp<ArrheniusDocument>('eis.arrhenius', {
        files: files.map((f) => f.upload),
        circuit: arrSettings.circuit,
        thicknessCm,
        diameterCm,
        form: arrSettings.form,
      });
      setArrhenius(doc);
      setError(null);
    } catch (err) {
      setError(`Arrhenius analysis not done: ${messageOf(err)}`);
    } finally {
      setBusy(null);
    }
  }

  // The KK test is cheap and has no settings: run it when its tab shows a spectrum without one.
  useEffect(() => {
    if (tab !== 'kk' || !current || kks[current.upload.fileName]) return;
    const controller = new AbortController();
    const fileName = current.upload.fileName;
    callOp<KkDoc>('eis.kk', { file: current.upload }, controller.signal).then(
      (kk) => setKks((r) => ({ ...r, [fileName]: kk })),
      (err) => !controller.signal.aborted && setError(`Kramers–Kronig test not done: ${messageOf(err)}`),
    );
    return () => controller.abort();
  }, [tab, current, kks]);

  // A file dropped next to the drop zone must not make the browser navigate away.
  useEffect(() => {
    const stop = (e: DragEvent) => e.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  const fit = current ? (fits[name] ?? null) : null;
  const kk = current ? kks[name] : undefined;
  const drt = current ? drts[name] : undefined;

  return (
    <div className="impedance">
      <p className="page-intro">
        Load impedance spectra (BioLogic, Gamry, ZPlot, Autolab, Parstat, VersaStudio, PowerSuite, CH
        Instruments, Novocontrol or CSV; the format is detected) to fit an equivalent circuit, test
        Kramers–Kronig consistency, compute the distribution of relaxation times, and get activation energies
        from a temperature series.
      </p>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <div className="layout">
        <aside className="sidebar">
          <Card title="Spectra">
            <SpectrumLoader busy={busy} onFiles={addFiles} />
            {files.length > 0 && (
              <ul className="file-list" data-testid="file-list">
                {files.map((f, i) => (
                  <li key={f.upload.fileName}>
                    <button
                      type="button"
                      className={`file-item${i === active ? ' active' : ''}`}
                      data-testid={`file-${f.upload.fileName}`}
                      onClick={() => setActive(i)}
                    >
                      <span className="name" title={f.upload.fileName}>
                        {f.upload.fileName}
                      </span>
                      <span className="format-tag" data-testid="format-tag">
                        {f.spectrum.format}
                      </span>
                      <span className="meta">
                        {f.spectrum.points} points, {fmtNum(f.spectrum.frequencyRangeHz[0])}–
                        {fmtNum(f.spectrum.frequencyRangeHz[1])} Hz
                        {f.spectrum.metadata.temperatureC !== undefined
                          ? `, ${f.spectrum.metadata.temperatureC} °C`
                          : ''}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {files.length > 0 && (
              <button
                type="button"
                className="button"
                style={{ marginTop: 10 }}
                onClick={() => {
                  setFiles([]);
                  setFits({});
                  setKks({});
                  setDrts({});
                  setArrhenius(null);
                }}
              >
                Clear all
              </button>
            )}
          </Card>
          {current && current.spectrum.warnings.length > 0 && (
            <Card title="Reader notes">
              <ul className="warnings" data-testid="read-warnings" style={{ marginTop: 0 }}>
                {current.spectrum.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </Card>
          )}
        </aside>
        <div className="content" data-spectrum={name}>
          {current ? (
            <>
              <Card
                title={`Spectrum · ${name}`}
                actions={
                  <span className="card-hint">Z = Z′ + jZ″, capacitive Z″ &lt; 0 (plotted as −Z″)</span>
                }
                testId="spectrum-card"
              >
                <SpectrumPlots spectrum={current.spectrum} fit={fit} />
              </Card>
              <Card
                title="Analysis"
                testId="analysis-card"
                actions={busy && <span className="busy-note">{busy}</span>}
              >
                <div className="tabs" role="tablist">
                  {TABS.map((t) => (
                    <button
                      key={t.id}
                      type="button"
                      role="tab"
                      aria-selected={tab === t.id}
                      className={`tab${tab === t.id ? ' active' : ''}`}
                      data-testid={`tab-${t.id}`}
                      onClick={() => setTab(t.id)}
                    >
                      {t.title}
                    </button>
                  ))}
                </div>
                {tab === 'fit' && (
                  <FitPanel
                    settings={fitSettings}
                    onChange={setFitSettings}
                    onFit={() => void runFit()}
                    busy={busy !== null}
                    fit={fit}
                    canFit={!!current}
                  />
                )}
                {tab === 'kk' &&
                  (kk ? <KkView kk={kk} /> : <p className="muted">Running the Lin-KK test…</p>)}
                {tab === 'drt' && (
                  <>
                    <div className="form-row">
                      <DrtControls settings={drtSettings} onChange={setDrtSettings} />
                      <button
                        type="button"
                        className="button primary"
                        data-testid="drt-button"
                        disabled={busy !== null}
                        onClick={() => void runDrt()}
                        style={{ marginBottom: 10 }}
                      >
                        Compute DRT
                      </button>
                    </div>
                    {drt ? <DrtView drt={drt} /> : <p className="muted">Choose how λ is set and compute.</p>}
                  </>
                )}
                {tab === 'arrhenius' && (
                  <>
                    <p className="muted" style={{ marginTop: 0 }}>
                      Uses all {files.length} loaded spectra, one per temperature (read from the file header
                      or a name like <code>sample-140deg.txt</code>).
                    </p>
                    <ArrheniusControls settings={arrSettings} onChange={setArrSettings} />
                    <button
                      type="button"
                      className="button primary"
                      data-testid="arrhenius-button"
                      disabled={busy !== null || files.length < 2}
                      onClick={() => void runArrhenius()}
                    >
                      Fit all and compute Ea
                    </button>
                    {files.length < 2 && (
                      <p className="muted">Load at least two spectra of a temperature series.</p>
                    )}
                    {arrhenius && <ArrheniusView doc={arrhenius} />}
                  </>
                )}
              </Card>
            </>
          ) : (
            <div className="empty-state">
              <h2>No spectrum loaded</h2>
              <p>Drop one or several impedance files on the left, or choose them from disk.</p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

function SpectrumLoader({ busy, onFiles }: { busy: string | null; onFiles: (files: File[]) => void }) {
  return (
    <FileDropZone
      title={busy === 'Reading…' ? 'Reading…' : 'Drop impedance files here'}
      busy={Boolean(busy)}
      onFiles={onFiles}
      style={{ marginBottom: 12 }}
    />
  );
}
