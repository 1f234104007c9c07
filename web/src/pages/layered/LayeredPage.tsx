/**
 * "Layered oxides": type or generate a stacking sequence of a Na layered oxide, see it as a colour
 * strip of local labels (P2/P3/O1/O2/O3) with its interphases, α, β and polytype, the atomic model of
 * its first slabs in 3-D, and its faulted-stack powder pattern matched to a measured one (Rwp).
 * Failed requests show a banner and keep the previous result.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from '../../api.ts';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { messageOf } from '../../components/opsClient.ts';
import { fmt, spaceGroupText } from '../../format.tsx';
import { CrystalView } from '../structure-xrd/CrystalView.tsx';
import { LayerModelPanel } from './LayerModelPanel.tsx';
import {
  type BuildResult,
  type GenerateSettings,
  type LayerParams,
  LIMITS,
  type StackAnalysis,
  stackingApi,
  type XrdRequest,
  type XrdResult,
} from './layeredApi.ts';
import { DEFAULT_PATTERN, PatternPanel, type PatternSettings } from './PatternPanel.tsx';
import { EXAMPLES, type SequenceMode, SequencePanel } from './SequencePanel.tsx';
import { StackFacts } from './StackFacts.tsx';
import { StackStrip } from './StackStrip.tsx';
import './layered.css';

/** The current stack: its analysis, the text sent, and the generator settings when generated. */
interface Current {
  sequence: string;
  analysis: StackAnalysis;
  generated: GenerateSettings | null;
}

const DEFAULT_GEN: GenerateSettings = {
  model: 'phase-type',
  phi2: 0.6,
  alpha: 0.08,
  beta: 0.5,
  layers: 200,
  seed: 1,
};
const DEFAULT_BUILD_SLABS = 12;

export function LayeredPage() {
  const [mode, setMode] = useState<SequenceMode>('type');
  const [text, setText] = useState(EXAMPLES[0].sequence);
  const [gen, setGen] = useState<GenerateSettings>(DEFAULT_GEN);
  const [current, setCurrent] = useState<Current | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [buildSlabs, setBuildSlabs] = useState(DEFAULT_BUILD_SLABS);
  const [model, setModel] = useState<BuildResult | null>(null);
  const [patternSettings, setPatternSettings] = useState<PatternSettings>(DEFAULT_PATTERN);
  const [measured, setMeasured] = useState<{ text: string; fileName: string } | null>(null);
  const [pattern, setPattern] = useState<XrdResult | null>(null);
  const [computing, setComputing] = useState(false);
  const [params, setParams] = useState<LayerParams>({});
  // The latest builder parameters and stack, for callbacks and effects that must not re-run on them.
  const paramsRef = useRef(params);
  paramsRef.current = params;
  const currentRef = useRef(current);
  currentRef.current = current;

  const analyze = useCallback(async (sequence: string) => {
    setBusy(true);
    try {
      const analysis = await stackingApi.analyze(sequence, paramsRef.current);
      setCurrent({ sequence, analysis, generated: null });
      setError(null);
    } catch (err) {
      setError(`Could not read the sequence: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  }, []);

  async function generate() {
    setBusy(true);
    try {
      const r = await stackingApi.generate(gen, params);
      setCurrent({ sequence: r.sequence, analysis: r.analysis, generated: gen });
      setPatternSettings((s) => ({
        ...s,
        source: r.analysis.slabs > LIMITS.xrdSlabs ? 'statistics' : s.source,
      }));
      setError(null);
    } catch (err) {
      setError(`Could not generate a stack: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  }

  // Start with an example so the page is never empty.
  useEffect(() => {
    analyze(EXAMPLES[0].sequence);
  }, [analyze]);

  // New builder parameters change the interlayer spacings, hence α per nm: re-analyse the current
  // stack with them (the sequence, and how it was made, stay the same).
  useEffect(() => {
    const cur = currentRef.current;
    if (!cur) return;
    const controller = new AbortController();
    stackingApi
      .analyze(cur.sequence, params, controller.signal)
      .then((analysis) => setCurrent({ ...cur, analysis }))
      .catch((err) => {
        if (!isAbort(err)) setError(`Could not apply the layer model: ${messageOf(err)}`);
      });
    return () => controller.abort();
  }, [params]);

  // Rebuild the atomic model whenever the stack or the number of slabs to build changes.
  useEffect(() => {
    if (!current) return;
    const controller = new AbortController();
    stackingApi
      .build(current.sequence, buildSlabs, params, controller.signal)
      .then(setModel)
      .catch((err) => {
        if (!isAbort(err)) setError(`Could not build the atomic model: ${messageOf(err)}`);
      });
    return () => controller.abort();
  }, [current, buildSlabs, params]);

  // A file dropped outside the drop zones must not make the browser navigate away.
  useEffect(() => {
    const stop = (e: DragEvent) => e.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  async function loadMeasured(file: File) {
    try {
      if (file.size > 20_000_000) throw new Error(`${file.name} is larger than 20 MB.`);
      const text = await file.text();
      setMeasured({ text, fileName: file.name });
      const range = dataRange(text);
      if (range) setPatternSettings((s) => fitRange(s, range));
      setError(null);
    } catch (err) {
      setError(`Could not read ${file.name}: ${messageOf(err)}`);
    }
  }

  function statisticsText(g: GenerateSettings | null): string | null {
    if (!g) return null;
    return g.model === 'markov'
      ? `Markov, φ₂ = ${fmt(g.phi2, 3)}, α = ${fmt(g.alpha, 3)}`
      : `phase-type, φ₂ = ${fmt(g.phi2, 3)}, α = ${fmt(g.alpha, 3)}, β = ${fmt(g.beta, 3)}`;
  }

  async function simulate() {
    if (!current) return;
    const s = patternSettings;
    const g = current.generated;
    const req: XrdRequest = {
      twoThetaMin: s.twoThetaMin,
      twoThetaMax: s.twoThetaMax,
      step: s.step,
      fwhmDeg: s.fwhmDeg,
      background: s.background,
      weights: s.weights,
      params,
      measured: measured ?? undefined,
    };
    if (s.source === 'statistics' && g)
      req.model = {
        kind: g.model,
        phi2: g.phi2,
        alpha: g.alpha,
        beta: g.model === 'phase-type' ? g.beta : undefined,
      };
    else req.sequence = current.sequence;
    setComputing(true);
    try {
      setPattern(await stackingApi.xrd(req));
      setError(null);
    } catch (err) {
      setError(`Could not simulate the pattern: ${messageOf(err)}`);
    } finally {
      setComputing(false);
    }
  }

  const a = current?.analysis;
  return (
    <div className="layered">
      <p className="page-intro">
        Stacking of Na layered oxides: type a sequence (oxygen letters, (s; d) pairs or blocks like{' '}
        <code>P2*10 P3*6</code>) or generate one, read the local P2/P3/O2/O3/O1 labels, interphases, α and β,
        look at the atomic model, and compare the faulted-stack powder pattern with a measured one.
      </p>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <div className="layout">
        <aside className="sidebar">
          <Card title="Stacking sequence">
            <SequencePanel
              mode={mode}
              onMode={setMode}
              text={text}
              onText={setText}
              onAnalyze={() => analyze(text)}
              gen={gen}
              onGen={setGen}
              onGenerate={generate}
              busy={busy}
            />
          </Card>
          <Card title="Layer model">
            <LayerModelPanel onApply={setParams} onError={setError} />
          </Card>
        </aside>
        <div className="content">
          {current && a ? (
            <>
              <Card
                title="Stack"
                testId="stack-card"
                actions={
                  <span className="card-hint">
                    {current.generated
                      ? `generated (${statisticsText(current.generated)}, seed ${current.generated.seed})`
                      : 'typed'}{' '}
                    · hover a cell for its interlayer
                  </span>
                }
              >
                <StackStrip analysis={a} />
              </Card>
              <div className="row">
                <Card
                  title="Atomic model"
                  className="viewer-card"
                  actions={
                    <span className="card-hint">drag to rotate · scroll to zoom · right-drag to pan</span>
                  }
                >
                  {model ? (
                    <>
                      <CrystalView scene={model.scene} highlightElement="Na" />
                      <div className="build-bar" data-testid="build-info">
                        <label className="field narrow">
                          slabs to build
                          <input
                            type="number"
                            min={1}
                            max={LIMITS.buildSlabs}
                            value={buildSlabs}
                            onChange={(e) =>
                              setBuildSlabs(
                                Math.min(
                                  LIMITS.buildSlabs,
                                  Math.max(1, Math.round(Number(e.target.value) || 1)),
                                ),
                              )
                            }
                          />
                        </label>
                        <span>
                          {model.capped
                            ? `First ${model.slabsBuilt} of ${model.slabsTotal} slabs built (the view is limited to ${LIMITS.buildSlabs}), closed into one periodic repeat along c.`
                            : `All ${model.slabsBuilt} slabs built as one periodic repeat along c.`}{' '}
                          {model.atoms} sites, a = {fmt(model.cell.a, 3)} Å, c = {fmt(model.cell.c, 2)} Å
                          {model.spaceGroup
                            ? `, ${spaceGroupText(model.spaceGroup.symbol)} (No. ${model.spaceGroup.number})`
                            : ''}
                          ; drawn {model.inPlaneRepeat}×{model.inPlaneRepeat} cells along a, b.
                        </span>
                      </div>
                    </>
                  ) : (
                    <div className="empty-state small-empty">
                      <p>Building the atomic model…</p>
                    </div>
                  )}
                </Card>
                <Card title="Stacking metrics" testId="metrics-card">
                  <StackFacts analysis={a} />
                </Card>
              </div>
              <Card
                title="Powder X-ray diffraction (faulted stack)"
                className={`xrd-card${computing ? ' computing' : ''}`}
                testId="pattern-card"
              >
                <PatternPanel
                  settings={patternSettings}
                  onSettings={setPatternSettings}
                  statistics={statisticsText(current.generated)}
                  slabs={a.slabs}
                  measuredName={measured?.fileName ?? null}
                  onMeasured={loadMeasured}
                  onClearMeasured={() => setMeasured(null)}
                  onRun={simulate}
                  computing={computing}
                  result={pattern}
                />
              </Card>
            </>
          ) : (
            <div className="empty-state">
              <h2>No stack yet</h2>
              <p>Type a stacking sequence on the left and press Analyse, or generate one.</p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

/** First and last 2θ of a two-column text (comments and a header skipped); null when unreadable (the server will say why). */
function dataRange(text: string): [number, number] | null {
  const xs: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const x = Number(t.split(/[\s,;]+/)[0]);
    if (Number.isFinite(x)) xs.push(x);
  }
  return xs.length >= 2 ? [xs[0], xs[xs.length - 1]] : null;
}

/** The measured 2θ range (whole degrees inward), with a step coarse enough for the page's point cap. */
function fitRange(s: PatternSettings, [lo, hi]: [number, number]): PatternSettings {
  const twoThetaMin = Math.max(1, Math.ceil(lo));
  const twoThetaMax = Math.min(170, Math.floor(hi));
  if (!(twoThetaMax > twoThetaMin)) return s;
  const minStep = (twoThetaMax - twoThetaMin) / (LIMITS.xrdPoints - 1);
  const step = s.step >= minStep ? s.step : Math.ceil(minStep * 100) / 100;
  return { ...s, twoThetaMin, twoThetaMax, step };
}
