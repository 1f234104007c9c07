/**
 * The composition control: x of Na1+xZr2SixP3−xO12 on a slider with an optional Zr-site dopant,
 * or a typed formula; plus the cell setting (R-3c, or the pseudo-monoclinic C2/c cell).
 */
import { useState } from 'react';
import { Formula } from '../../format.tsx';
import type { NasiconCompositionInput, NasiconOptionsOutput } from './nasiconApi.ts';

export type Setting = 'hexagonal' | 'ideal' | 'boilot1987';

export interface CompositionState {
  mode: 'x' | 'formula';
  x: number;
  dopant: string;
  dopantAmount: number;
  formula: string;
  setting: Setting;
}

export const DEFAULT_COMPOSITION: CompositionState = {
  mode: 'x',
  x: 2,
  dopant: '',
  dopantAmount: 0,
  formula: 'Na3.4Sc0.4Zr1.6Si2PO12',
  setting: 'hexagonal',
};

/** The operation input a composition state stands for. */
export function compositionInput(s: CompositionState): NasiconCompositionInput {
  const base: NasiconCompositionInput =
    s.mode === 'x'
      ? {
          x: s.x,
          ...(s.dopant && s.dopantAmount > 0 ? { dopant: s.dopant, dopantAmount: s.dopantAmount } : {}),
        }
      : { formula: s.formula };
  return s.setting === 'hexagonal' ? base : { ...base, monoclinic: true, monoclinicCell: s.setting };
}

/** The same input without the cell setting (conductivity and stability depend on the composition only). */
export function compositionOnly(s: CompositionState): NasiconCompositionInput {
  return compositionInput({ ...s, setting: 'hexagonal' });
}

export function CompositionPanel(props: {
  value: CompositionState;
  options: NasiconOptionsOutput | null;
  busy: boolean;
  builtFormula?: string;
  onChange: (next: CompositionState) => void;
}) {
  const { value, options, onChange } = props;
  const [draft, setDraft] = useState(value.formula);
  const set = (patch: Partial<CompositionState>) => onChange({ ...value, ...patch });

  return (
    <div className="nasicon-composition" data-testid="composition-panel">
      <div className="mode-switch" role="radiogroup" aria-label="Composition input">
        <label className="toggle">
          <input type="radio" checked={value.mode === 'x'} onChange={() => set({ mode: 'x' })} />
          <span>
            Na<sub>1+x</sub>Zr<sub>2</sub>Si<sub>x</sub>P<sub>3−x</sub>O<sub>12</sub>
          </span>
        </label>
        <label className="toggle">
          <input
            type="radio"
            checked={value.mode === 'formula'}
            onChange={() => set({ mode: 'formula' })}
            data-testid="mode-formula"
          />
          typed formula
        </label>
      </div>

      {value.mode === 'x' ? (
        <>
          <label className="field">
            <span>
              Si content <i>x</i> = <strong data-testid="x-value">{value.x.toFixed(2)}</strong>
            </span>
            <input
              type="range"
              min={0}
              max={3}
              step={0.05}
              value={value.x}
              onChange={(e) => set({ x: Number(e.target.value) })}
              data-testid="x-slider"
              aria-label="Si content x"
            />
            <span className="range-ends">
              <span>0 (NaZr₂(PO₄)₃)</span>
              <span>3 (Na₄Zr₂(SiO₄)₃)</span>
            </span>
          </label>
          <div className="dopant-row">
            <label className="field">
              Zr-site dopant
              <select
                value={value.dopant}
                onChange={(e) => set({ dopant: e.target.value })}
                data-testid="dopant-select"
              >
                <option value="">none</option>
                {options?.dopants.map((d) => (
                  <option key={d.element} value={d.element}>
                    {d.element}
                    {superscriptCharge(d.charge)} [{d.tag}]
                  </option>
                ))}
              </select>
            </label>
            <label className="field narrow">
              amount y (per f.u.)
              <input
                type="number"
                min={0}
                max={2}
                step={0.05}
                value={value.dopantAmount}
                disabled={!value.dopant}
                onChange={(e) => set({ dopantAmount: Number(e.target.value) })}
                data-testid="dopant-amount"
              />
            </label>
          </div>
          <p className="muted small">
            Aliovalent dopants are compensated by Na: Na<sub>1+x+(4−q)y</sub>M<sub>y</sub>Zr<sub>2−y</sub>…
          </p>
        </>
      ) : (
        <form
          className="formula-form"
          onSubmit={(e) => {
            e.preventDefault();
            set({ formula: draft.trim() });
          }}
        >
          <label className="field">
            Formula
            <input
              type="text"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              spellCheck={false}
              data-testid="formula-input"
              placeholder="e.g. Na3Zr2Si2PO12"
            />
          </label>
          <button type="submit" className="button primary" data-testid="formula-build">
            Build
          </button>
        </form>
      )}

      <label className="field">
        Cell
        <select
          value={value.setting}
          onChange={(e) => set({ setting: e.target.value as Setting })}
          data-testid="setting-select"
        >
          <option value="hexagonal">R3̄c (hexagonal setting)</option>
          <option value="ideal">C2/c, ideal (no distortion)</option>
          <option value="boilot1987">C2/c, Boilot 1987 cell (shows splitting)</option>
        </select>
      </label>
      <div className="built-formula" aria-live="polite">
        {props.busy ? (
          <span className="muted">building…</span>
        ) : props.builtFormula ? (
          <>
            <span className="muted">Built: </span>
            <span className="formula" data-testid="built-formula">
              <Formula text={props.builtFormula} />
            </span>
          </>
        ) : null}
      </div>
    </div>
  );
}

function superscriptCharge(q: number): string {
  const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return `${SUP[q] ?? q}⁺`;
}
