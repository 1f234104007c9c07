/**
 * "NASICON": choose a composition (x of Na1+xZr2SixP3−xO12 with a Zr-site dopant, or a formula) and
 * see its built structure in 3-D with the Na sites highlighted, the simulated XRD, the BVSE barriers
 * with the site-energy isosurface, the conductivity against the literature and the stability window.
 * A failed request shows a banner and leaves the previous result in place.
 */
import { useEffect, useMemo, useState } from 'react';
import { isosurface, triangleSoup } from '../../../../src/nasicon/bvse/isosurface.ts';
import { ApiError, isAbort } from '../../api.ts';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { CrystalView } from '../structure-xrd/CrystalView.tsx';
import { XrdPlot } from '../structure-xrd/XrdPlot.tsx';
import { BvsePanel } from './BvsePanel.tsx';
import {
  CompositionPanel,
  type CompositionState,
  compositionInput,
  compositionOnly,
  DEFAULT_COMPOSITION,
} from './CompositionPanel.tsx';
import { ConductivityPlot } from './ConductivityPlot.tsx';
import { decodeLandscape } from './landscape.ts';
import {
  type NasiconBuildOutput,
  type NasiconBvseOutput,
  type NasiconConductivityOutput,
  type NasiconOptionsOutput,
  type NasiconStabilityOutput,
  nasiconApi,
} from './nasiconApi.ts';
import { StabilityPanel } from './StabilityPanel.tsx';
import { StructureFacts } from './StructureFacts.tsx';
import './nasicon.css';

/** Wait this long after the last slider move before asking the server (ms). */
const DEBOUNCE_MS = 250;
const DEFAULT_GRID_A = 0.2;
const DEFAULT_SURFACE_OFFSET_EV = 0.1;

export function NasiconPage() {
  const [options, setOptions] = useState<NasiconOptionsOutput | null>(null);
  const [composition, setComposition] = useState<CompositionState>(DEFAULT_COMPOSITION);
  const [built, setBuilt] = useState<NasiconBuildOutput | null>(null);
  const [bvse, setBvse] = useState<NasiconBvseOutput | null>(null);
  const [conductivity, setConductivity] = useState<NasiconConductivityOutput | null>(null);
  const [stability, setStability] = useState<NasiconStabilityOutput | null>(null);
  const [grid, setGrid] = useState(DEFAULT_GRID_A);
  const [temperatureC, setTemperatureC] = useState(25);
  const [showSurface, setShowSurface] = useState(true);
  const [surfaceOffset, setSurfaceOffset] = useState(DEFAULT_SURFACE_OFFSET_EV);
  const [busy, setBusy] = useState({ build: false, bvse: false, conductivity: false, stability: false });
  // One slot per request: a bad composition fails all four, and the build's message is the one shown.
  const [errors, setErrors] = useState<Record<ErrorKey, string | null>>(NO_ERRORS);
  const setError = (key: ErrorKey) => (message: string | null) =>
    setErrors((e) => ({ ...e, [key]: message }));
  const error = ERROR_ORDER.map((k) => errors[k]).find((m) => m !== null) ?? null;

  useEffect(() => {
    nasiconApi
      .options()
      .then(setOptions)
      .catch((err) => setError('options')(`Could not load the dopant list: ${messageOf(err)}`));
  }, []);

  const fullKey = JSON.stringify(compositionInput(composition));
  const compKey = JSON.stringify(compositionOnly(composition));

  useDebouncedRequest(
    fullKey,
    'build',
    setBusy,
    async (signal) => {
      const r = await nasiconApi.build(JSON.parse(fullKey), signal);
      setBuilt(r);
      setError('build')(null);
    },
    (m) => setError('build')(`Could not build the structure: ${m}`),
  );

  useDebouncedRequest(
    `${fullKey}|${grid}`,
    'bvse',
    setBusy,
    async (signal) => {
      const r = await nasiconApi.bvse({ ...JSON.parse(fullKey), grid, landscape: true }, signal);
      setBvse(r);
      setError('bvse')(null);
    },
    (m) => setError('bvse')(`Could not compute the BVSE landscape: ${m}`),
  );

  useDebouncedRequest(
    `${compKey}|${temperatureC}`,
    'conductivity',
    setBusy,
    async (signal) => {
      const r = await nasiconApi.conductivity({ ...JSON.parse(compKey), temperatureC }, signal);
      setConductivity(r);
      setError('conductivity')(null);
    },
    (m) => setError('conductivity')(`Could not estimate the conductivity: ${m}`),
  );

  useDebouncedRequest(
    compKey,
    'stability',
    setBusy,
    async (signal) => {
      const r = await nasiconApi.stability(JSON.parse(compKey), signal);
      setStability(r);
      setError('stability')(null);
    },
    (m) => setError('stability')(`Could not analyse the stability: ${m}`),
  );

  const barrier3D = bvse ? (bvse.barriersEv['3D'] ?? bvse.barriersEv['2D'] ?? bvse.barriersEv['1D']) : null;
  const surfaceLevel = barrier3D === null ? null : barrier3D + surfaceOffset;
  const surface = useMemo(() => {
    if (!showSurface || !bvse?.landscape || surfaceLevel === null) return null;
    const L = bvse.landscape;
    // The library's marching-tetrahedra mesh, flattened to the triangle list the 3-D viewer draws.
    return triangleSoup(
      isosurface(
        { dims: L.dims, values: decodeLandscape(L.bytesBase64, L.stepEv), cellVectors: L.cellVectors },
        surfaceLevel,
      ),
    );
  }, [bvse, showSurface, surfaceLevel]);

  return (
    <div className="nasicon-page">
      <p className="page-intro">
        Build a NASICON composition from the R3̄c template and see its structure, simulated diffraction, Na⁺
        migration barriers (bond-valence site energy), conductivity against the literature and stability
        versus Na metal.
      </p>
      <ErrorBanner message={error} onDismiss={() => setErrors(NO_ERRORS)} />
      <div className="layout">
        <aside className="sidebar">
          <Card title="Composition">
            <CompositionPanel
              value={composition}
              options={options}
              busy={busy.build}
              builtFormula={built?.formula}
              onChange={setComposition}
            />
          </Card>
        </aside>
        <div className="content" data-formula={built?.formula}>
          {built ? (
            <>
              <div className="row">
                <Card
                  title="Unit cell"
                  className="viewer-card"
                  actions={
                    <span className="card-hint">drag to rotate · scroll to zoom · right-drag to pan</span>
                  }
                >
                  <CrystalView
                    scene={built.scene}
                    highlightElement="Na"
                    overlay={surface}
                    overlayColor="#0f766e"
                  />
                  <p
                    className="plot-hint"
                    data-testid="surface-caption"
                    data-level-ev={surface && surfaceLevel !== null ? surfaceLevel : undefined}
                    data-triangles={surface ? surface.length / 9 : undefined}
                  >
                    Na sites highlighted.{' '}
                    {surface && surfaceLevel !== null
                      ? `Teal surface: Na⁺ site energy = ${surfaceLevel.toFixed(2)} eV above the minimum (3D barrier + ${surfaceOffset.toFixed(2)} eV); inside it the ion moves freely.`
                      : busy.bvse
                        ? 'The BVSE isosurface appears when the landscape is computed.'
                        : ''}
                  </p>
                </Card>
                <Card title="Structure" className={`structure-card${busy.build ? ' computing' : ''}`}>
                  <StructureFacts built={built} />
                </Card>
              </div>
              <Card title="Na⁺ migration (BVSE)" className={busy.bvse ? 'computing' : ''} testId="bvse-card">
                <BvsePanel
                  result={bvse}
                  grid={grid}
                  onGrid={setGrid}
                  computing={busy.bvse}
                  showSurface={showSurface}
                  onShowSurface={setShowSurface}
                  surfaceOffsetEv={surfaceOffset}
                  onSurfaceOffset={(v) => setSurfaceOffset(Number.isFinite(v) ? Math.max(0, v) : 0)}
                />
              </Card>
              <Card
                title="Powder X-ray diffraction (simulated, Cu Kα)"
                testId="xrd-card"
                className={busy.build ? 'xrd-card computing' : 'xrd-card'}
              >
                <div data-testid="xrd-result" data-pattern-for={built.formula}>
                  <XrdPlot
                    pattern={built.pattern}
                    twoThetaMin={built.pattern.twoThetaRange[0]}
                    twoThetaMax={built.pattern.twoThetaRange[1]}
                  />
                  <p className="plot-hint">
                    Drag across the plot to zoom in 2θ, double-click to zoom out; hover a line for its hkl.
                    Choose the Boilot 1987 C2/c cell to see the monoclinic splitting.
                  </p>
                </div>
              </Card>
              <Card
                title="Ionic conductivity"
                className={busy.conductivity ? 'computing' : ''}
                testId="conductivity-card"
                actions={
                  <label className="inline-field">
                    T (°C)
                    <input
                      type="number"
                      min={-100}
                      max={1000}
                      step={5}
                      value={temperatureC}
                      onChange={(e) => {
                        const v = Number(e.target.value);
                        if (e.target.value !== '' && Number.isFinite(v)) setTemperatureC(v);
                      }}
                      data-testid="temperature-input"
                    />
                  </label>
                }
              >
                {conductivity ? (
                  <ConductivitySummary result={conductivity} />
                ) : (
                  <p className="muted">Estimating…</p>
                )}
              </Card>
              <Card
                title={`Stability vs ${stability?.metal ?? 'Na'} metal`}
                className={busy.stability ? 'computing' : ''}
                testId="stability-card"
              >
                {stability ? <StabilityPanel result={stability} /> : <p className="muted">Analysing…</p>}
              </Card>
            </>
          ) : (
            <div className="empty-state">
              <h2>{busy.build ? 'Building the structure…' : 'No structure yet'}</h2>
              <p>Choose a composition on the left: move the x slider, pick a dopant, or type a formula.</p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

function ConductivitySummary({ result }: { result: NasiconConductivityOutput }) {
  const sci = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toExponential(2));
  return (
    <div data-testid="conductivity-result">
      <dl className="facts">
        <div className="fact">
          <dt>σ total at {result.temperatureC} °C</dt>
          <dd data-testid="sigma-total">
            {sci(result.sigmaTotalScm)} <span className="unit">S/cm</span>
          </dd>
        </div>
        <div className="fact">
          <dt>Range</dt>
          <dd data-testid="sigma-range">
            {result.rangeScm ? `${sci(result.rangeScm[0])} – ${sci(result.rangeScm[1])}` : '—'}{' '}
            <span className="unit">S/cm</span>
          </dd>
        </div>
        <div className="fact">
          <dt>σ bulk</dt>
          <dd>
            {sci(result.sigmaBulkScm)} <span className="unit">S/cm</span>
          </dd>
        </div>
        <div className="fact">
          <dt>
            E<sub>a</sub>
          </dt>
          <dd>
            {result.activationEnergyEv === null ? '—' : result.activationEnergyEv.toFixed(2)}{' '}
            <span className="unit">eV</span>
          </dd>
        </div>
      </dl>
      {result.curve.some((p) => p.sigmaTotalScm !== null) ? (
        <ConductivityPlot result={result} />
      ) : (
        <p className="muted">
          No literature rows of this family near this composition: no estimate is drawn.
        </p>
      )}
      <p className="muted small">
        Based on {result.basis.length} literature row{result.basis.length === 1 ? '' : 's'}
        {result.basis.length > 0 && ': '}
        {result.basis.map((b, i) => (
          <span key={b.id}>
            {i > 0 && '; '}
            {b.composition}
            {b.doi && (
              <>
                {' '}
                (
                <a href={`https://doi.org/${b.doi}`} target="_blank" rel="noreferrer">
                  {b.doi}
                </a>
                )
              </>
            )}
          </span>
        ))}
        . {result.caveats.map(sentence).join(' ')}
      </p>
    </div>
  );
}

type BusyKey = 'build' | 'bvse' | 'conductivity' | 'stability';
type ErrorKey = BusyKey | 'options';
const ERROR_ORDER: ErrorKey[] = ['build', 'bvse', 'conductivity', 'stability', 'options'];
const NO_ERRORS: Record<ErrorKey, null> = {
  build: null,
  bvse: null,
  conductivity: null,
  stability: null,
  options: null,
};
type BusySetter = (f: (b: Record<BusyKey, boolean>) => Record<BusyKey, boolean>) => void;

/**
 * Runs `run` a short while after `key` last changed; a newer key cancels the older request so a
 * slow answer can never overwrite a newer one. Errors go to `onError`, the old result stays.
 */
function useDebouncedRequest(
  key: string,
  what: BusyKey,
  setBusy: BusySetter,
  run: (signal: AbortSignal) => Promise<void>,
  onError: (message: string) => void,
) {
  // The key stands for everything `run` reads, so the effect depends on it alone.
  useEffect(() => {
    const controller = new AbortController();
    setBusy((b) => ({ ...b, [what]: true }));
    const timer = setTimeout(() => {
      run(controller.signal)
        .then(() => setBusy((b) => ({ ...b, [what]: false })))
        .catch((err) => {
          if (isAbort(err)) return;
          onError(messageOf(err));
          setBusy((b) => ({ ...b, [what]: false }));
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key]);
}

/** A caveat as a sentence: capitalised, with a full stop. */
function sentence(s: string): string {
  const t = s.trim();
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}

function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : String(err);
}
