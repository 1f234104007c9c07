/**
 * "Gliding": cycle a P2/P3 stack with the kMC gliding simulator (issue #4) and read its capacity
 * retention vs cycle (100 and 500 marked), the O-type fraction vs Na content of chosen cycles
 * (operando view), the stack strip replayed over the recorded Na contents, the rate capability and,
 * on demand, the α–β design map with its Pareto front; every parameter with its source. Runs call
 * `POST /api/ops/glide.*` directly with small default sizes (a few seconds) and show a spinner;
 * failed requests show a banner and keep the previous result.
 */
import { useEffect, useRef, useState } from 'react';
import { isAbort } from '../../api.ts';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { messageOf } from '../../components/opsClient.ts';
import { type PlotSeries, SvgPlot } from '../../components/SvgPlot.tsx';
import { fmt } from '../../format.tsx';
import { DesignMap } from './DesignMap.tsx';
import { GlideStrip } from './GlideStrip.tsx';
import {
  type CycleCurve,
  glideApi,
  LIMITS,
  type MapResult,
  type MapSettings,
  type ParamEntry,
  type RateResult,
  type RunSettings,
  type SimulateResult,
  type StackChoice,
} from './glidingApi.ts';
import type { JobProgress } from './jobClient.ts';
import { ParamsTable } from './ParamsTable.tsx';
import { RetentionPlot } from './RetentionPlot.tsx';
import { EXAMPLES, type GenSettings, StackControls, stackOf } from './StackControls.tsx';
import '../layered/layered.css';
import './gliding.css';

const DEFAULT_GEN: GenSettings = { phi2: 0.5, alpha: 0.1, beta: 0.5, layers: 100 };
const DEFAULT_RUN: RunSettings = { cycles: 500, particles: 6, seed: 1, cycleStride: 10, anchoring: 'both' };
const DEFAULT_MAP: MapSettings = { alphaMin: 0.05, alphaMax: 0.3, betaMin: 0.2, betaMax: 0.8, count: 3 };
const CURVE_COLORS = ['#1d4e89', '#c2410c', '#15803d', '#7c3aed', '#0f766e', '#a16207'];

interface Run {
  stack: StackChoice;
  settings: RunSettings;
  sim: SimulateResult;
  rate: RateResult | null;
}

/** One curve split into its charge (solid) and discharge (dashed) branches, rests left out. */
function phaseSeries(c: CycleCurve, color: string): PlotSeries[] {
  const pick = (phase: string) => {
    const idx = c.phase.flatMap((p, k) => (p === phase ? [k] : []));
    return { x: idx.map((k) => c.x[k]), y: idx.map((k) => c.oFraction[k]) };
  };
  return [
    { label: `cycle ${c.cycle}`, ...pick('charge'), color, kind: 'line' },
    {
      label: `cycle ${c.cycle} discharge`,
      ...pick('discharge'),
      color,
      kind: 'line',
      dash: '5 4',
      hideInLegend: true,
    },
  ];
}

function parseCycles(text: string): number[] {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const nums = parts.map(Number);
  if (parts.length === 0 || nums.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`"${text}" is not a list of cycle numbers (e.g. 1, 100, 500).`);
  return nums;
}

function stackText(s: StackChoice): string {
  return s.kind === 'sequence'
    ? `sequence ${s.sequence.length > 40 ? `${s.sequence.slice(0, 40)}…` : s.sequence}`
    : `generated φ₂ = ${fmt(s.phi2, 2)}, α = ${fmt(s.alpha, 3)}, β = ${fmt(s.beta, 2)}, ${s.layers} slabs`;
}

export function GlidingPage() {
  const [mode, setMode] = useState<'type' | 'generate'>('generate');
  const [text, setText] = useState(EXAMPLES[0].sequence);
  const [gen, setGen] = useState<GenSettings>(DEFAULT_GEN);
  const [settings, setSettings] = useState<RunSettings>(DEFAULT_RUN);
  const [observe, setObserve] = useState('1, 100, 500');
  const [run, setRun] = useState<Run | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mapSettings, setMapSettings] = useState<MapSettings>(DEFAULT_MAP);
  const [map, setMap] = useState<MapResult | null>(null);
  const [mapBusy, setMapBusy] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [mapProgress, setMapProgress] = useState<JobProgress | null>(null);
  const mapAbortRef = useRef<AbortController | null>(null);
  const [params, setParams] = useState<{ source: string; params: Record<string, ParamEntry> } | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    glideApi
      .params(controller.signal)
      .then(setParams)
      .catch((err) => {
        if (!isAbort(err)) setError(`Could not load the parameter set: ${messageOf(err)}`);
      });
    return () => controller.abort();
  }, []);

  async function simulate() {
    let observeCycles: number[];
    try {
      observeCycles = parseCycles(observe);
    } catch (err) {
      setError(messageOf(err));
      return;
    }
    const stack = stackOf(mode, text, gen);
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setBusy(true);
    setProgress(null);
    try {
      const [sim, rate] = await Promise.all([
        glideApi.simulate(stack, settings, observeCycles, setProgress, controller.signal),
        glideApi.rate(stack, settings, controller.signal),
      ]);
      setRun({ stack, settings, sim, rate });
      setError(null);
    } catch (err) {
      if (!isAbort(err)) setError(`Could not run the simulation: ${messageOf(err)}`);
    } finally {
      if (abortRef.current === controller) setBusy(false);
    }
  }

  function cancel() {
    abortRef.current?.abort();
    abortRef.current = null;
    setBusy(false);
  }

  async function computeMap() {
    mapAbortRef.current?.abort();
    const controller = new AbortController();
    mapAbortRef.current = controller;
    setMapBusy(true);
    setMapProgress(null);
    try {
      setMap(
        await glideApi.map(gen.phi2, mapSettings, settings, gen.layers, setMapProgress, controller.signal),
      );
      setError(null);
    } catch (err) {
      if (!isAbort(err)) setError(`Could not compute the design map: ${messageOf(err)}`);
    } finally {
      if (mapAbortRef.current === controller) setMapBusy(false);
    }
  }

  function cancelMap() {
    mapAbortRef.current?.abort();
    mapAbortRef.current = null;
    setMapBusy(false);
  }

  const sim = run?.sim;
  const shownParams = sim ? { source: sim.paramsSource, params: sim.params } : params;
  const current =
    run && run.stack.kind === 'generated' ? { alpha: run.stack.alpha, beta: run.stack.beta } : null;
  return (
    <div className="gliding">
      <p className="page-intro">
        P↔O slab gliding on cycling (kinetic Monte Carlo over an ensemble of particles): choose a P2/P3 stack,
        run it for N cycles and read the capacity retention, the O-type fraction against Na content, the stack
        replayed over the first charge, the rate capability and the α–β design map.
      </p>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <div className="layout">
        <aside className="sidebar">
          <Card title="Stack and simulation">
            <StackControls
              mode={mode}
              onMode={setMode}
              text={text}
              onText={setText}
              gen={gen}
              onGen={setGen}
              run={settings}
              onRun={setSettings}
              observe={observe}
              onObserve={setObserve}
              onSubmit={simulate}
              busy={busy}
            />
            {busy && (
              <div className="gl-busy" data-testid="run-busy">
                <span className="gl-spinner" aria-hidden="true" />
                <ProgressText progress={progress} unit="particles" />
                <button type="button" className="link-button small" onClick={cancel} data-testid="run-cancel">
                  cancel
                </button>
              </div>
            )}
          </Card>
        </aside>
        <div className="content">
          {sim && run ? (
            <>
              <Card
                title="Capacity retention"
                testId="retention-card"
                actions={
                  <span className="card-hint">
                    {stackText(run.stack)} · {sim.particles} particles · seed {sim.seed} · kMC every{' '}
                    {sim.cycleStride} cycles
                  </span>
                }
              >
                <RetentionPlot result={sim} />
                <dl className="facts gl-facts" data-testid="retention-facts">
                  {Object.entries(sim.retentionAt).map(([c, v]) => (
                    <div key={c} className="fact">
                      <dt>Q{c}/Q1</dt>
                      <dd data-testid={`retention-at-${c}`}>
                        {v === null ? '—' : `${(v * 100).toFixed(2)} %`}
                      </dd>
                    </div>
                  ))}
                  <div className="fact">
                    <dt>interlayers (particle 0)</dt>
                    <dd>{sim.interlayers}</dd>
                  </div>
                  <div className="fact">
                    <dt>interphases per particle</dt>
                    <dd>{fmt(sim.meanInterphases, 1)}</dd>
                  </div>
                  <div className="fact">
                    <dt>pinned fraction</dt>
                    <dd>{fmt(sim.meanPinnedFraction, 3)}</dd>
                  </div>
                </dl>
              </Card>
              <div className="row">
                <Card title="Operando: O-type fraction vs Na content" testId="operando-card">
                  <SvgPlot
                    testId="operando-plot"
                    height={300}
                    x={{ label: 'Na content x', range: [sim.xMin, sim.xMax] }}
                    y={{ label: 'O-type fraction', range: [0, 1] }}
                    readout={['x', 'O']}
                    series={sim.curves.flatMap((c, i) =>
                      phaseSeries(c, CURVE_COLORS[i % CURVE_COLORS.length]),
                    )}
                  />
                  <p className="card-hint">
                    Ensemble average; solid: charge (x falling), dashed: discharge (x rising). Cycles are
                    snapped to the simulated ones (every {sim.cycleStride}).
                  </p>
                </Card>
                <Card title="Rate capability" testId="rate-card">
                  {run.rate ? (
                    <>
                      <SvgPlot
                        testId="rate-plot"
                        height={300}
                        x={{ label: 'C-rate (1/h)', log: true }}
                        y={{ label: 'capacity (fraction of window)', range: [0, 1] }}
                        readout={['C', 'Q']}
                        series={[
                          {
                            label: 'discharge capacity',
                            x: run.rate.cRates,
                            y: run.rate.capacityFraction,
                            color: '#1d4e89',
                            kind: 'both',
                          },
                        ]}
                      />
                      <p className="card-hint" data-testid="rate-note">
                        After cycle {run.rate.cycles}: O-type fraction at charge{' '}
                        {fmt(run.rate.oFractionAtCharge, 3)}; {run.rate.model}.
                      </p>
                    </>
                  ) : (
                    <p className="muted">No rate result.</p>
                  )}
                </Card>
              </div>
              <Card
                title="Stack at a chosen Na content"
                testId="strip-card"
                actions={
                  <span className="card-hint">particle 0 · first charge, then end of the last discharge</span>
                }
              >
                <GlideStrip
                  key={`${sim.seed}-${sim.snapshots.length}-${run.stack.kind}-${JSON.stringify(run.settings)}`}
                  snapshots={sim.snapshots}
                />
              </Card>
            </>
          ) : (
            <div className="empty-state" data-testid="empty-state">
              <h2>{busy ? 'Simulating…' : 'No simulation yet'}</h2>
              <p>
                Choose a stack on the left and press <strong>Run</strong> ({DEFAULT_RUN.particles} particles ×{' '}
                {DEFAULT_RUN.cycles} cycles take a few seconds).
              </p>
            </div>
          )}
          <Card
            title={
              <>
                Design map <span className="gl-greek">α–β</span>
              </>
            }
            testId="map-card"
            actions={
              <span className="card-hint">
                φ₂ = {fmt(gen.phi2, 2)} (generator slider), {settings.cycles} cycles
              </span>
            }
          >
            <MapControls
              settings={mapSettings}
              onChange={setMapSettings}
              onCompute={computeMap}
              busy={mapBusy}
            />
            {mapBusy && (
              <div className="gl-busy" data-testid="map-busy">
                <span className="gl-spinner" aria-hidden="true" />
                <ProgressText progress={mapProgress} unit="grid points" />
                <button type="button" className="link-button small" onClick={cancelMap}>
                  cancel
                </button>
              </div>
            )}
            {map ? (
              <>
                <DesignMap map={map} current={current} />
                <p className="card-hint">
                  Retention after {map.cycles} cycles, {map.particles} particles × {map.layers} slabs per
                  point. Pareto front (outlined): {map.paretoObjectives}.
                </p>
              </>
            ) : (
              <p className="muted">
                {mapBusy ? 'Computing the map…' : 'Computed on demand: each point is a full ensemble run.'}
              </p>
            )}
          </Card>
          <Card title="Parameter set" testId="params-card">
            {shownParams ? (
              <ParamsTable params={shownParams.params} source={shownParams.source} />
            ) : (
              <p className="muted">Loading…</p>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}

/** Progress of a job as a bar and "done of total"; a plain label until the first report arrives. */
function ProgressText({ progress, unit }: { progress: JobProgress | null; unit: string }) {
  if (!progress || progress.total === 0) return <span>running…</span>;
  return (
    <span className="gl-progress">
      <progress value={progress.done} max={progress.total} />
      {progress.done} of {progress.total} {unit}
    </span>
  );
}

function MapControls(p: {
  settings: MapSettings;
  onChange: (s: MapSettings) => void;
  onCompute: () => void;
  busy: boolean;
}) {
  const s = p.settings;
  const num = (key: keyof MapSettings, label: string, step: number) => (
    <label className="field narrow">
      {label}
      <input
        type="number"
        step={step}
        value={s[key]}
        data-testid={`map-${key}`}
        onChange={(e) => p.onChange({ ...s, [key]: Number(e.target.value) })}
      />
    </label>
  );
  return (
    <div className="gl-map-controls">
      {num('alphaMin', 'α from', 0.01)}
      {num('alphaMax', 'α to', 0.01)}
      {num('betaMin', 'β from', 0.05)}
      {num('betaMax', 'β to', 0.05)}
      <label className="field narrow">
        grid
        <select
          value={s.count}
          data-testid="map-count"
          onChange={(e) => p.onChange({ ...s, count: Number(e.target.value) })}
        >
          {Array.from({ length: LIMITS.mapCount - 1 }, (_, i) => i + 2).map((n) => (
            <option key={n} value={n}>
              {n} × {n}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" onClick={p.onCompute} disabled={p.busy} data-testid="map-run">
        {p.busy && <span className="gl-spinner" aria-hidden="true" />} Compute map
      </button>
    </div>
  );
}
