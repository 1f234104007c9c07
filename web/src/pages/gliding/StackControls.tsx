/** Sidebar: the stack to cycle (typed or generated) and the simulation settings, with the Run button. */

import { GeneratorSliders } from '../../components/GeneratorSliders.tsx';
import type { Anchoring, RunSettings, StackChoice } from './glidingApi.ts';
import { LIMITS } from './glidingApi.ts';

export const EXAMPLES = [
  { title: 'P2/P3 blocks', sequence: 'P2*10 P3*6 P2*4 P3*10' },
  { title: 'single-phase P2', sequence: 'P2*40' },
  { title: 'single-phase P3', sequence: 'P3*40' },
];

export interface GenSettings {
  phi2: number;
  alpha: number;
  beta: number;
  layers: number;
}

const ANCHORING: { id: Anchoring; title: string }[] = [
  { id: 'both', title: 'energy + range (both)' },
  { id: 'energy', title: 'energy only' },
  { id: 'range', title: 'range only' },
  { id: 'none', title: 'none (free gliding)' },
];

export interface StackControlsProps {
  mode: 'type' | 'generate';
  onMode: (m: 'type' | 'generate') => void;
  text: string;
  onText: (t: string) => void;
  gen: GenSettings;
  onGen: (g: GenSettings) => void;
  run: RunSettings;
  onRun: (r: RunSettings) => void;
  observe: string;
  onObserve: (t: string) => void;
  onSubmit: () => void;
  busy: boolean;
}

/** The stack the controls describe. */
export function stackOf(mode: 'type' | 'generate', text: string, g: GenSettings): StackChoice {
  return mode === 'type' ? { kind: 'sequence', sequence: text } : { kind: 'generated', ...g };
}

export function StackControls(p: StackControlsProps) {
  const g = p.gen;
  const r = p.run;
  const setGen = (patch: Partial<GenSettings>) => p.onGen({ ...g, ...patch });
  const setRun = (patch: Partial<RunSettings>) => p.onRun({ ...r, ...patch });
  return (
    <form
      className="gl-controls"
      // The server checks the numbers and answers with one clear sentence; the browser's bubbles would hide it.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        p.onSubmit();
      }}
    >
      <div className="mode-tabs" role="tablist">
        {(['type', 'generate'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={p.mode === m}
            className={`mode-tab${p.mode === m ? ' active' : ''}`}
            onClick={() => p.onMode(m)}
            data-testid={`mode-${m}`}
          >
            {m === 'type' ? 'Type a sequence' : 'Generate (φ₂, α, β)'}
          </button>
        ))}
      </div>
      {p.mode === 'type' ? (
        <>
          <label className="field">
            Stacking sequence
            <textarea
              className="sequence-input"
              data-testid="sequence-input"
              rows={3}
              spellCheck={false}
              value={p.text}
              onChange={(e) => p.onText(e.target.value)}
            />
          </label>
          <div className="examples-inline">
            {EXAMPLES.map((ex) => (
              <button
                key={ex.title}
                type="button"
                className="chip"
                title={ex.sequence}
                onClick={() => p.onText(ex.sequence)}
              >
                {ex.title}
              </button>
            ))}
          </div>
        </>
      ) : (
        <GeneratorSliders
          value={g}
          onChange={setGen}
          phi2Range={[0, 1]}
          layersRange={[20, 400]}
          digits={{ phi2: 2, beta: 2 }}
        />
      )}
      <h3 className="subhead">Simulation</h3>
      <div className="gl-grid">
        <NumberField
          label="cycles"
          testId="run-cycles"
          value={r.cycles}
          min={1}
          max={LIMITS.cycles}
          onChange={(v) => setRun({ cycles: v })}
        />
        <NumberField
          label="particles"
          testId="run-particles"
          value={r.particles}
          min={1}
          max={LIMITS.particles}
          onChange={(v) => setRun({ particles: v })}
        />
        <NumberField
          label="seed"
          testId="run-seed"
          value={r.seed}
          min={0}
          max={1_000_000}
          onChange={(v) => setRun({ seed: v })}
        />
        <NumberField
          label="kMC every N cycles"
          testId="run-stride"
          value={r.cycleStride}
          min={1}
          max={100}
          onChange={(v) => setRun({ cycleStride: v })}
        />
      </div>
      <label className="field">
        Interphase anchoring
        <select
          value={r.anchoring}
          data-testid="run-anchoring"
          onChange={(e) => setRun({ anchoring: e.target.value as Anchoring })}
        >
          {ANCHORING.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        O fraction for cycles
        <input
          type="text"
          value={p.observe}
          data-testid="run-observe"
          onChange={(e) => p.onObserve(e.target.value)}
        />
      </label>
      <button type="submit" className="button primary" disabled={p.busy} data-testid="run">
        {p.busy ? 'Running…' : 'Run'}
      </button>
    </form>
  );
}

function NumberField(props: {
  label: string;
  testId: string;
  value: number;
  min: number;
  max: number;
  onChange: (v: number) => void;
}) {
  return (
    <label className="field narrow">
      {props.label}
      <input
        type="number"
        min={props.min}
        max={props.max}
        step={1}
        value={props.value}
        data-testid={props.testId}
        onChange={(e) => props.onChange(Math.round(Number(e.target.value)))}
      />
    </label>
  );
}
