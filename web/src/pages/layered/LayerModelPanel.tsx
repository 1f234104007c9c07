/** Builder parameters (composition, a, interlayer spacings) for the 3-D model and the pattern; blank = default. */
import { useState } from 'react';
import type { LayerParams } from './layeredApi.ts';

interface Draft {
  composition: string;
  a: string;
  dP: string;
  dO: string;
}

const FIELDS: { key: keyof Draft; label: string; placeholder: string; testId: string }[] = [
  {
    key: 'composition',
    label: 'Composition NaₓMO₂',
    placeholder: 'Na0.46Mn0.9Ni0.1O2',
    testId: 'param-composition',
  },
  { key: 'a', label: 'a (Å)', placeholder: 'from composition', testId: 'param-a' },
  { key: 'dP', label: 'd(P2, P3) (Å)', placeholder: 'default', testId: 'param-dP' },
  { key: 'dO', label: 'd(O1, O2, O3) (Å)', placeholder: 'default', testId: 'param-dO' },
];

/** Turns the draft into request parameters; a non-number becomes an error message instead. */
function toParams(d: Draft): LayerParams | string {
  const out: LayerParams = {};
  if (d.composition.trim()) out.composition = d.composition.trim();
  for (const k of ['a', 'dP', 'dO'] as const) {
    const v = d[k].trim();
    if (!v) continue;
    const n = Number(v);
    if (!(Number.isFinite(n) && n > 0)) return `${k} must be a positive number of ångström, not “${v}”.`;
    out[k] = n;
  }
  return out;
}

export function LayerModelPanel({
  onApply,
  onError,
}: {
  onApply: (p: LayerParams) => void;
  onError: (message: string) => void;
}) {
  const [draft, setDraft] = useState<Draft>({ composition: '', a: '', dP: '', dO: '' });
  return (
    <form
      className="layer-model-form"
      onSubmit={(e) => {
        e.preventDefault();
        const p = toParams(draft);
        if (typeof p === 'string') onError(p);
        else onApply(p);
      }}
    >
      {FIELDS.map((f) => (
        <label key={f.key} className="field">
          {f.label}
          <input
            value={draft[f.key]}
            placeholder={f.placeholder}
            data-testid={f.testId}
            onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
          />
        </label>
      ))}
      <p className="muted small">
        Blank fields take the defaults of docs/layered.md. Used by the 3-D model, the pattern and α per nm.
      </p>
      <button type="submit" className="button" data-testid="apply-params">
        Apply
      </button>
    </form>
  );
}
