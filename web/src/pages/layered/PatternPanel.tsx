/**
 * Controls of the faulted-stack pattern (source, 2θ range, step, instrument FWHM, background), the
 * measured-pattern upload, the plot and the Rwp readout with its formula.
 */
import { useRef, useState } from 'react';
import { dropHandlers } from '../../components/opsClient.ts';
import { fmt } from '../../format.tsx';
import { LIMITS, type XrdResult } from './layeredApi.ts';
import { PatternPlot } from './PatternPlot.tsx';

export interface PatternSettings {
  source: 'sequence' | 'statistics';
  twoThetaMin: number;
  twoThetaMax: number;
  step: number;
  fwhmDeg: number;
  background: boolean;
  weights: 'poisson' | 'unit';
}

export const DEFAULT_PATTERN: PatternSettings = {
  source: 'sequence',
  twoThetaMin: 10,
  twoThetaMax: 70,
  step: 0.05,
  fwhmDeg: 0.15,
  background: true,
  weights: 'poisson',
};

export function pointsOf(s: PatternSettings): number {
  return Math.floor((s.twoThetaMax - s.twoThetaMin) / s.step + 1e-9);
}

export interface PatternPanelProps {
  settings: PatternSettings;
  onSettings: (s: PatternSettings) => void;
  /** Whether generated statistics exist (then the recursion source is offered). */
  statistics: string | null;
  slabs: number | null;
  measuredName: string | null;
  onMeasured: (file: File) => void;
  onClearMeasured: () => void;
  onRun: () => void;
  computing: boolean;
  result: XrdResult | null;
}

export function PatternPanel(p: PatternPanelProps) {
  const s = p.settings;
  const set = (patch: Partial<PatternSettings>) => p.onSettings({ ...s, ...patch });
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const points = pointsOf(s);
  const tooMany = !(points <= LIMITS.xrdPoints);
  const explicitTooLong = s.source === 'sequence' && p.slabs !== null && p.slabs > LIMITS.xrdSlabs;
  const num = (v: string, fallback: number) =>
    Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : fallback;
  return (
    <div>
      <div className="xrd-controls layered-xrd-controls">
        <label className="field">
          Simulate
          <select
            value={s.source}
            data-testid="xrd-source"
            onChange={(e) => set({ source: e.target.value as PatternSettings['source'] })}
          >
            <option value="sequence">this stack (explicit)</option>
            <option value="statistics" disabled={!p.statistics}>
              {p.statistics ? `generated statistics (recursion)` : 'statistics (generate a stack first)'}
            </option>
          </select>
        </label>
        <label className="field narrow">
          2θ min (°)
          <input
            type="number"
            step="any"
            value={s.twoThetaMin}
            data-testid="tt-min"
            onChange={(e) => set({ twoThetaMin: num(e.target.value, s.twoThetaMin) })}
          />
        </label>
        <label className="field narrow">
          2θ max (°)
          <input
            type="number"
            step="any"
            value={s.twoThetaMax}
            data-testid="tt-max"
            onChange={(e) => set({ twoThetaMax: num(e.target.value, s.twoThetaMax) })}
          />
        </label>
        <label className="field narrow">
          step (°)
          <input
            type="number"
            step="any"
            min={0.005}
            value={s.step}
            data-testid="tt-step"
            onChange={(e) => set({ step: num(e.target.value, s.step) })}
          />
        </label>
        <label className="field narrow">
          FWHM (°)
          <input
            type="number"
            step="any"
            min={0}
            value={s.fwhmDeg}
            data-testid="fwhm"
            onChange={(e) => set({ fwhmDeg: num(e.target.value, s.fwhmDeg) })}
          />
        </label>
        <button
          type="button"
          className="button primary"
          onClick={p.onRun}
          disabled={p.computing}
          data-testid="simulate"
        >
          {p.computing ? 'Simulating…' : 'Simulate pattern'}
        </button>
      </div>
      <p className="limits-note" data-testid="xrd-limits">
        Cu Kα1 (1.5406 Å), Gaussian instrument profile. {Math.max(points, 0)} points
        {tooMany
          ? ` — above the page limit of ${LIMITS.xrdPoints}; use a larger step or a narrower range`
          : ''}
        .
        {explicitTooLong
          ? ` This stack has ${p.slabs} slabs; the page simulates explicit stacks of at most ${LIMITS.xrdSlabs} slabs (use the generated statistics or \`natrium stacking xrd\`).`
          : ''}
        {s.source === 'statistics' && p.statistics ? ` Statistics: ${p.statistics}.` : ''}
      </p>
      <div
        className={`measured-drop${dragging ? ' dragging' : ''}`}
        data-testid="measured-drop"
        {...dropHandlers(setDragging, (files) => files[0] && p.onMeasured(files[0]))}
      >
        {p.measuredName ? (
          <span>
            Measured pattern: <strong data-testid="measured-name">{p.measuredName}</strong>{' '}
            <button type="button" className="chip" onClick={p.onClearMeasured}>
              remove
            </button>
          </span>
        ) : (
          <span className="muted">
            Drop a measured pattern here (.xy or .csv: 2θ in °, intensity; '#' comments) or
          </span>
        )}
        <button type="button" className="chip" onClick={() => inputRef.current?.click()}>
          choose file…
        </button>
        <input
          ref={inputRef}
          type="file"
          accept=".xy,.csv,.dat,.txt"
          hidden
          data-testid="measured-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) p.onMeasured(f);
            e.target.value = '';
          }}
        />
        <label className="field inline-field">
          Rwp weights
          <select
            value={s.weights}
            data-testid="weights"
            onChange={(e) => set({ weights: e.target.value as PatternSettings['weights'] })}
          >
            <option value="poisson">w = 1/y (counts)</option>
            <option value="unit">w = 1 (normalised data)</option>
          </select>
        </label>
        <label className="toggle">
          <input
            type="checkbox"
            checked={s.background}
            onChange={(e) => set({ background: e.target.checked })}
            data-testid="fit-background"
          />
          fit a flat background
        </label>
      </div>
      {p.result ? (
        <div className={p.computing ? 'stale' : ''} data-testid="xrd-result">
          {p.result.match && <MatchReadout result={p.result} />}
          <PatternPlot result={p.result} />
          <p className="plot-hint">
            {p.result.mode}; {p.result.points} points, FWHM {fmt(p.result.fwhmDeg, 3)}°. Drag across the plot
            to zoom in 2θ, double-click to zoom out.
            {p.result.match
              ? ' Both curves are divided by the strongest measured point.'
              : ' Strongest point = 1.'}
          </p>
        </div>
      ) : (
        <div className="empty-state small-empty">
          <p>No pattern yet: choose the range and press “Simulate pattern”.</p>
        </div>
      )}
    </div>
  );
}

function MatchReadout({ result }: { result: XrdResult }) {
  const m = result.match!;
  return (
    <div className="match-readout" data-testid="match">
      <dl className="facts">
        <div className="fact">
          <dt>Rwp</dt>
          <dd data-testid="rwp">{fmt(100 * m.rwp, 2)} %</dd>
        </div>
        <div className="fact">
          <dt>scale s</dt>
          <dd data-testid="scale">{m.scale.toPrecision(5)}</dd>
        </div>
        <div className="fact">
          <dt>background b</dt>
          <dd data-testid="background">
            {m.background === 0 ? '— (not fitted)' : m.background.toPrecision(4)}
          </dd>
        </div>
        <div className="fact">
          <dt>points used</dt>
          <dd data-testid="points-used">
            {m.pointsUsed}
            {m.pointsExcluded > 0 && (
              <span className="muted"> ({m.pointsExcluded} outside the simulated range left out)</span>
            )}
          </dd>
        </div>
      </dl>
      <p className="formula-note">
        Least squares on the measured grid: y<sub>c,i</sub> = s·y<sub>sim</sub>(2θ<sub>i</sub>) + b
        (simulation linearly interpolated{m.background === 0 ? '; b = 0, not fitted' : ''}), weights{' '}
        {m.weights === 'unit' ? (
          <>
            w<sub>i</sub> = 1
          </>
        ) : (
          <>
            w<sub>i</sub> = 1/max(y<sub>i</sub>, y<sub>min</sub>
            <sup>+</sup>)
          </>
        )}
        ; R<sub>wp</sub> = √[Σ w<sub>i</sub>(y<sub>i</sub> − y<sub>c,i</sub>)² / Σ w<sub>i</sub>y<sub>i</sub>
        ²].
      </p>
    </div>
  );
}
