/** Left panel: type a stacking sequence (any notation) or generate one from the Markov / phase-type model. */
import { useState } from 'react';
import { GeneratorSliders } from '../../components/GeneratorSliders.tsx';
import { type GenerateSettings, LIMITS } from './layeredApi.ts';

export const EXAMPLES: { title: string; sequence: string }[] = [
  { title: 'P2/P3 blocks', sequence: 'P2*10 P3*6 P2*4' },
  { title: 'worked example (§1.3)', sequence: 'ABBAABBAABBCCAABBCCBBCCB' },
  { title: 'O3 with an O2 fault', sequence: 'O3*9 O2*3 O3*9' },
  { title: 'compact (s; d)', sequence: '(+ - + - + + +; 0 0 0 1 1 1)' },
];

export type SequenceMode = 'type' | 'generate';

export interface SequencePanelProps {
  mode: SequenceMode;
  onMode: (m: SequenceMode) => void;
  text: string;
  onText: (t: string) => void;
  onAnalyze: () => void;
  gen: GenerateSettings;
  onGen: (g: GenerateSettings) => void;
  onGenerate: () => void;
  busy: boolean;
}

export function SequencePanel(p: SequencePanelProps) {
  const [showHelp, setShowHelp] = useState(false);
  const g = p.gen;
  const set = (patch: Partial<GenerateSettings>) => p.onGen({ ...g, ...patch });
  return (
    <div className="sequence-panel">
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
            {m === 'type' ? 'Type a sequence' : 'Generate'}
          </button>
        ))}
      </div>
      {p.mode === 'type' ? (
        <form
          className="type-form"
          onSubmit={(e) => {
            e.preventDefault();
            p.onAnalyze();
          }}
        >
          <label className="field">
            Stacking sequence
            <textarea
              className="sequence-input"
              data-testid="sequence-input"
              rows={4}
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
          <button type="button" className="link-button small" onClick={() => setShowHelp(!showHelp)}>
            {showHelp ? 'hide notations' : 'notations…'}
          </button>
          {showHelp && (
            <ul className="notation-help">
              <li>
                Oxygen letters, two per slab: <code>AB BA AB</code> (spaces and | ignored).
              </li>
              <li>
                Compact orientation/shift pairs: <code>(+ - +; 0 0)</code>.
              </li>
              <li>
                Blocks, counts in interlayers: <code>P2*10 P3*6 P2*4</code> (21 slabs).
              </li>
            </ul>
          )}
          <button type="submit" className="button primary" disabled={p.busy} data-testid="analyze">
            Analyse
          </button>
        </form>
      ) : (
        <form
          className="generate-form"
          onSubmit={(e) => {
            e.preventDefault();
            p.onGenerate();
          }}
        >
          <label className="field">
            Model
            <select
              value={g.model}
              data-testid="gen-model"
              onChange={(e) => set({ model: e.target.value as GenerateSettings['model'] })}
            >
              <option value="markov">Markov (first order)</option>
              <option value="phase-type">Phase-type (sets β)</option>
            </select>
          </label>
          <GeneratorSliders
            value={g}
            onChange={set}
            phi2Range={[0.05, 0.95]}
            layersRange={[10, LIMITS.generateLayers]}
            betaFixedNote={g.model === 'markov' ? 'follows from q for a Markov chain' : undefined}
          />
          <label className="field narrow">
            Seed
            <input
              type="number"
              min={0}
              step={1}
              value={g.seed}
              data-testid="gen-seed"
              onChange={(e) => set({ seed: Math.max(0, Math.round(Number(e.target.value) || 0)) })}
            />
          </label>
          <button type="submit" className="button primary" disabled={p.busy} data-testid="generate">
            Generate
          </button>
        </form>
      )}
    </div>
  );
}
