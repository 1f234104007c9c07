/**
 * Projects: a sidebar of projects (create, rename, delete with confirmation), file upload (drop or
 * pick, many files), the project's datasets and structures, a "Run analysis" panel whose forms are
 * generated from the operations registry, saved analyses that re-open with their parameters and
 * results (also back into the form), and a job panel with live progress (server-sent events) and
 * cancel.
 */
import { type DragEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import {
  type Analysis,
  type JobMode,
  type OpInfo,
  type Project,
  type ProjectDetail,
  platformApi,
} from './platformApi.ts';
import { type Reopen, RunAnalysisPanel } from './RunAnalysisPanel.tsx';
import './projects.css';

/** Points of the demonstration long job (an XRD strain sweep): long enough to watch and cancel. */
const LONG_SWEEP_POINTS = 20000;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function ProjectsPage() {
  const [projects, setProjects] = useState<Project[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<ProjectDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openAnalysis, setOpenAnalysis] = useState<Analysis | null>(null);
  const [compareIds, setCompareIds] = useState<string[]>([]);
  const [compared, setCompared] = useState<Analysis[]>([]);
  const [newName, setNewName] = useState('');
  const [live, setLive] = useState<Record<string, { status: string; done: number; total: number }>>({});
  const [uploadNote, setUploadNote] = useState<string | null>(null);
  const [ops, setOps] = useState<OpInfo[]>([]);
  const [distributed, setDistributed] = useState(false);
  const [reopen, setReopen] = useState<Reopen | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // The operations (with their input schemas) and whether distributed workers are available.
  useEffect(() => {
    platformApi.listOps().then(setOps, (err) => setError(message(err)));
    platformApi.distributedAvailable().then(setDistributed, () => setDistributed(false));
  }, []);

  const refreshProjects = useCallback(async () => {
    try {
      setProjects(await platformApi.listProjects());
    } catch (err) {
      setError(message(err));
    }
  }, []);

  const refreshDetail = useCallback(async (id: string | null) => {
    if (!id) return setDetail(null);
    try {
      setDetail(await platformApi.showProject(id));
    } catch (err) {
      setError(message(err));
    }
  }, []);

  useEffect(() => {
    refreshProjects();
  }, [refreshProjects]);
  useEffect(() => {
    refreshDetail(selected);
    setOpenAnalysis(null);
    setCompareIds([]);
    setReopen(null);
  }, [selected, refreshDetail]);

  // Two ticked analyses are loaded (with results) and shown side by side.
  useEffect(() => {
    if (compareIds.length !== 2) return setCompared([]);
    Promise.all(compareIds.map((id) => platformApi.getJob(id))).then(setCompared, (err) =>
      setError(message(err)),
    );
  }, [compareIds]);

  const toggleCompare = (id: string) =>
    setCompareIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id].slice(-2)));

  // Follow every unfinished job of the open project over server-sent events.
  const following = useRef(new Map<string, EventSource>());
  useEffect(() => {
    const open = following.current;
    for (const a of detail?.analyses ?? []) {
      if ((a.status === 'queued' || a.status === 'running') && !open.has(a.id)) {
        const es = new EventSource(`/api/jobs/${a.id}/events`);
        open.set(a.id, es);
        es.addEventListener('progress', (ev) => {
          const e = JSON.parse((ev as MessageEvent).data) as {
            status: string;
            progress: { done: number; total: number };
          };
          setLive((m) => ({ ...m, [a.id]: { status: e.status, ...e.progress } }));
          if (e.status === 'done' || e.status === 'failed' || e.status === 'cancelled') {
            es.close();
            open.delete(a.id);
            refreshDetail(selected);
          }
        });
        es.onerror = () => {
          es.close();
          open.delete(a.id);
        };
      }
    }
  }, [detail, selected, refreshDetail]);
  useEffect(() => {
    const open = following.current;
    return () => {
      for (const es of open.values()) es.close();
    };
  }, []);

  async function create() {
    try {
      const p = await platformApi.createProject(newName);
      setNewName('');
      await refreshProjects();
      setSelected(p.id);
    } catch (err) {
      setError(message(err));
    }
  }

  async function rename(p: Project) {
    const name = window.prompt('New name of the project', p.name);
    if (!name || name === p.name) return;
    try {
      await platformApi.renameProject(p.id, name);
      await refreshProjects();
      await refreshDetail(selected);
    } catch (err) {
      setError(message(err));
    }
  }

  async function remove(p: Project) {
    if (!window.confirm(`Delete project "${p.name}" with all its datasets and analyses?`)) return;
    try {
      await platformApi.deleteProject(p.id);
      if (selected === p.id) setSelected(null);
      await refreshProjects();
    } catch (err) {
      setError(message(err));
    }
  }

  async function upload(files: File[]) {
    if (!selected || !files.length) return;
    try {
      const r = await platformApi.upload(selected, files);
      setUploadNote(
        `${r.imported.length} stored${r.imported.some((d) => (d as { deduplicated?: boolean }).deduplicated) ? ' (some were already there)' : ''}` +
          (r.failed.length ? `; not accepted: ${r.failed.map((f) => f.error).join(' ')}` : ''),
      );
    } catch (err) {
      setError(message(err));
    }
    await refreshDetail(selected);
    await refreshProjects();
  }

  async function runXrd(structureId: string, fileName: string) {
    if (!selected) return;
    try {
      const cif = await platformApi.structureCif(structureId);
      await platformApi.submitJob('xrd.pattern', { cif, fileName }, selected);
      await refreshDetail(selected);
    } catch (err) {
      setError(message(err));
    }
  }

  async function runLongSweep(structureId: string) {
    if (!selected) return;
    try {
      const cif = await platformApi.structureCif(structureId);
      await platformApi.submitJob(
        'xrd.strainSweep',
        { cif, strainMin: -0.02, strainMax: 0.02, points: LONG_SWEEP_POINTS },
        selected,
      );
      await refreshDetail(selected);
    } catch (err) {
      setError(message(err));
    }
  }

  async function runFromForm(
    operationId: string,
    input: Record<string, unknown>,
    seed: number,
    mode: JobMode,
  ) {
    if (!selected) return;
    try {
      await platformApi.submitJob(operationId, input, selected, seed, mode);
      await refreshDetail(selected);
    } catch (err) {
      setError(message(err));
    }
  }

  async function openSaved(id: string) {
    try {
      setOpenAnalysis(await platformApi.getJob(id));
    } catch (err) {
      setError(message(err));
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    upload(Array.from(e.dataTransfer.files));
  };

  const running = (detail?.analyses ?? []).filter((a) => a.status === 'queued' || a.status === 'running');

  return (
    <div className="projects-layout">
      <aside className="project-sidebar" data-testid="project-sidebar">
        <h2 className="project-sidebar-title">Projects</h2>
        <ul className="project-list">
          {projects.map((p) => (
            <li key={p.id} className={`project-row ${p.id === selected ? 'project-row-active' : ''}`}>
              <button type="button" className="link-button" onClick={() => setSelected(p.id)}>
                {p.name}
              </button>
              <span className="project-actions">
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Rename ${p.name}`}
                  onClick={() => rename(p)}
                >
                  rename
                </button>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Delete ${p.name}`}
                  onClick={() => remove(p)}
                >
                  delete
                </button>
              </span>
            </li>
          ))}
        </ul>
        <form
          className="new-project"
          onSubmit={(e) => {
            e.preventDefault();
            create();
          }}
        >
          <input
            className="new-project-input"
            aria-label="New project name"
            placeholder="new project name"
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
          />
          <button type="submit" className="button" disabled={!newName.trim()}>
            Create
          </button>
        </form>
      </aside>
      <div className="content">
        <ErrorBanner message={error} onDismiss={() => setError(null)} />
        {!detail ? (
          <p className="muted">Create or pick a project on the left.</p>
        ) : (
          <>
            <h2 data-testid="project-title">{detail.name}</h2>
            <Card title="Upload">
              <button
                type="button"
                className="drop-zone upload-zone"
                data-testid="upload-zone"
                onDragOver={(e) => e.preventDefault()}
                onDrop={onDrop}
                onClick={() => fileInput.current?.click()}
              >
                Drop files here (CIF, impedance, cycler, .xy) or click to pick several.
              </button>
              <input
                ref={fileInput}
                type="file"
                multiple
                hidden
                data-testid="upload-input"
                onChange={(e) => {
                  upload(Array.from(e.target.files ?? []));
                  e.target.value = '';
                }}
              />
              {uploadNote && (
                <p className="muted" data-testid="upload-note">
                  {uploadNote}
                </p>
              )}
            </Card>
            <Card title="Datasets">
              <table className="data-table" data-testid="datasets">
                <thead>
                  <tr>
                    <th>name</th>
                    <th>format</th>
                    <th>size (B)</th>
                    <th>SHA-256</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.datasets.map((d) => (
                    <tr key={d.id}>
                      <td>{d.name}</td>
                      <td>{d.format}</td>
                      <td>{d.sizeBytes}</td>
                      <td title={d.sha256}>{d.sha256.slice(0, 12)}…</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
            <Card title="Structures">
              <ul className="structure-list">
                {detail.structures.map((s) => (
                  <li key={s.id} className="item-row">
                    <strong>{s.name}</strong> {s.formula}{' '}
                    <button type="button" className="button" onClick={() => runXrd(s.id, `${s.name}.cif`)}>
                      Run XRD
                    </button>{' '}
                    <button type="button" className="button" onClick={() => runLongSweep(s.id)}>
                      Long strain sweep
                    </button>
                  </li>
                ))}
              </ul>
            </Card>
            <RunAnalysisPanel
              ops={ops}
              datasets={detail.datasets}
              distributed={distributed}
              reopen={reopen}
              onRun={runFromForm}
            />
            <Card title="Jobs" testId="job-panel">
              {running.length === 0 ? (
                <p className="muted">No job running.</p>
              ) : (
                <ul className="job-list">
                  {running.map((a) => {
                    const l = live[a.id] ?? {
                      status: a.status,
                      done: a.progress.done,
                      total: a.progress.total,
                    };
                    const pct = l.total ? Math.round((100 * l.done) / l.total) : 0;
                    return (
                      <li key={a.id} className="item-row" data-testid="job-row">
                        {a.operationId}{' '}
                        <progress max={100} value={pct} aria-label={`progress of ${a.operationId}`} />{' '}
                        <span data-testid="job-progress">
                          {l.done}/{l.total}
                        </span>{' '}
                        <button
                          type="button"
                          className="button"
                          onClick={() =>
                            platformApi.cancelJob(a.id).then(
                              () => refreshDetail(selected),
                              (err) => setError(message(err)),
                            )
                          }
                        >
                          Cancel
                        </button>
                      </li>
                    );
                  })}
                </ul>
              )}
            </Card>
            <Card title="Saved analyses" testId="analyses">
              <table className="data-table">
                <thead>
                  <tr>
                    <th>operation</th>
                    <th>status</th>
                    <th>seed</th>
                    <th>created</th>
                    <th />
                    <th>compare</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.analyses.map((a) => (
                    <tr key={a.id} data-testid="analysis-row">
                      <td>{a.operationId}</td>
                      <td>{a.status}</td>
                      <td>{a.seed}</td>
                      <td>{new Date(a.createdAt).toLocaleString()}</td>
                      <td>
                        <button type="button" className="link-button" onClick={() => openSaved(a.id)}>
                          open
                        </button>
                      </td>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`compare ${a.operationId} ${a.id}`}
                          checked={compareIds.includes(a.id)}
                          onChange={() => toggleCompare(a.id)}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p>
                <a href={`/api/projects/${detail.id}/report`} target="_blank" rel="noreferrer">
                  HTML report
                </a>
              </p>
            </Card>
            {openAnalysis && (
              <AnalysisView
                analysis={openAnalysis}
                onReopen={() => {
                  setReopen({ analysis: openAnalysis, nonce: Date.now() });
                  document
                    .querySelector('[data-testid=run-analysis]')
                    ?.scrollIntoView({ behavior: 'smooth', block: 'start' });
                }}
              />
            )}
            {compared.length === 2 && (
              <div className="compare-grid" data-testid="compare">
                <AnalysisView analysis={compared[0]} />
                <AnalysisView analysis={compared[1]} />
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}

/** Long strings (file contents) are shown by their length, at any depth of the parameters. */
function shorten(v: unknown): unknown {
  if (typeof v === 'string') return v.length > 80 ? `(${v.length} characters)` : v;
  if (Array.isArray(v)) return v.length > 20 ? `(${v.length} values)` : v.map(shorten);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shorten(x)]));
  return v;
}

interface FitParameter {
  value: number;
  stderr: number | null;
  unit: string;
  fixed?: boolean;
}

/** Fitted parameters of a result shaped {parameters: {name: {value, stderr, unit}}} (e.g. eis.fit). */
function fitParameters(result: unknown): [string, FitParameter][] | undefined {
  const params = (result as { parameters?: unknown } | null)?.parameters;
  if (!params || typeof params !== 'object' || Array.isArray(params)) return undefined;
  const rows = Object.entries(params as Record<string, FitParameter>);
  return rows.length && rows.every(([, p]) => typeof p?.value === 'number') ? rows : undefined;
}

function AnalysisView({ analysis, onReopen }: { analysis: Analysis; onReopen?: () => void }) {
  const shownParams = shorten(analysis.params);
  const fitted = fitParameters(analysis.result);
  const chi2 = (analysis.result as { chi2?: number } | null)?.chi2;
  const peaks = (
    analysis.result as {
      pattern?: { peaks: { twoTheta: number; d: number; intensity: number; label: string }[] };
    } | null
  )?.pattern?.peaks;
  return (
    <Card
      title={`Analysis ${analysis.operationId}`}
      testId="analysis-view"
      actions={
        onReopen && (
          <button type="button" className="button" onClick={onReopen}>
            Edit &amp; re-run
          </button>
        )
      }
    >
      <p>
        status {analysis.status} · seed {analysis.seed} · natrium {analysis.natriumVersion}
        {analysis.durationMs !== null ? ` · ${Math.round(analysis.durationMs)} ms` : ''}
      </p>
      {analysis.error && <p className="muted">{analysis.error}</p>}
      <h3>Parameters</h3>
      <pre data-testid="analysis-params">{JSON.stringify(shownParams, null, 2)}</pre>
      {fitted && (
        <>
          <h3>Fitted parameters{chi2 !== undefined ? ` (χ² = ${chi2.toPrecision(4)})` : ''}</h3>
          <table className="data-table" data-testid="analysis-fit">
            <thead>
              <tr>
                <th>parameter</th>
                <th>value</th>
                <th>± 1σ</th>
                <th>unit</th>
              </tr>
            </thead>
            <tbody>
              {fitted.map(([name, p]) => (
                <tr key={name} data-param={name}>
                  <td>{name}</td>
                  <td className="num" data-value={p.value}>
                    {p.value.toPrecision(6)}
                  </td>
                  <td className="num">
                    {p.fixed ? 'fixed' : p.stderr === null ? '—' : p.stderr.toPrecision(2)}
                  </td>
                  <td>{p.unit}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {peaks && (
        <>
          <h3>Peaks</h3>
          <table className="data-table" data-testid="analysis-peaks">
            <thead>
              <tr>
                <th>2θ (°)</th>
                <th>d (Å)</th>
                <th>I</th>
                <th>hkl</th>
              </tr>
            </thead>
            <tbody>
              {peaks.slice(0, 15).map((p) => (
                <tr key={`${p.twoTheta}-${p.label}`}>
                  <td>{p.twoTheta.toFixed(3)}</td>
                  <td>{p.d.toFixed(4)}</td>
                  <td>{p.intensity.toFixed(1)}</td>
                  <td>{p.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
