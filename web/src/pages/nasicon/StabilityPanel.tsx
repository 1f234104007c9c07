/**
 * Stability versus the alkali metal: the computed window drawn on a 0–6 V axis beside the
 * literature windows, the reaction with the metal, and the phases whose data are missing.
 */
import { Formula, fmt } from '../../format.tsx';
import type { NasiconStabilityOutput } from './nasiconApi.ts';

const V_MAX = 6;

export function StabilityPanel({ result }: { result: NasiconStabilityOutput }) {
  const rows: {
    name: string;
    window: [number | null, number | null] | null;
    note: string;
    ours?: boolean;
  }[] = [
    {
      name: 'this composition (computed)',
      window: result.window,
      note: result.window
        ? `${fmt(result.window[0], 2)} – ${result.window[1] === null ? `> ${V_MAX}` : fmt(result.window[1], 2)} V`
        : result.complete
          ? 'never stable'
          : 'not computable',
      ours: true,
    },
    ...result.literature.map((l) => ({
      name: `${l.family} (${l.method}) [${l.tag}]`,
      window: l.windowV,
      note: l.source,
    })),
  ];
  return (
    <div className="stability-panel" data-testid="stability-panel">
      <div
        className="window-chart"
        role="img"
        aria-label={`Stability windows vs ${result.metal}/${result.metal}⁺`}
      >
        <div className="window-axis">
          {[0, 1, 2, 3, 4, 5, 6].map((v) => (
            <span key={v} style={{ left: `${(v / V_MAX) * 100}%` }}>
              {v}
            </span>
          ))}
        </div>
        {rows.map((r) => (
          <div key={r.name} className={`window-row${r.ours ? ' ours' : ''}`} title={r.note}>
            <span className="window-name">{r.name}</span>
            <span className="window-track">
              {r.window && (
                <span
                  className="window-bar"
                  style={{
                    left: `${(Math.max(0, r.window[0] ?? 0) / V_MAX) * 100}%`,
                    width: `${((Math.min(V_MAX, r.window[1] ?? V_MAX) - Math.max(0, r.window[0] ?? 0)) / V_MAX) * 100}%`,
                  }}
                />
              )}
            </span>
            <span className="window-value" data-testid={r.ours ? 'stability-window' : undefined}>
              {r.window
                ? `${fmt(r.window[0] ?? undefined, 2)} – ${r.window[1] === null ? `>${V_MAX}` : fmt(r.window[1], 2)} V`
                : r.ours
                  ? r.note
                  : '—'}
            </span>
          </div>
        ))}
        <div className="window-caption">
          Potential vs {result.metal}/{result.metal}⁺ (V)
        </div>
      </div>
      <dl className="facts stability-facts">
        <div className="fact">
          <dt>Reaction with {result.metal} metal</dt>
          <dd data-testid="stability-reaction">
            {result.reaction
              ? `${result.reaction.equation} (${fmt(result.reaction.reactionEnergyMevPerAtom, 0)} meV/atom)`
              : result.complete
                ? 'none'
                : 'not computable (data missing)'}
          </dd>
        </div>
        {result.reduction && (
          <div className="fact">
            <dt>Reduction products</dt>
            <dd>
              {result.reduction.products.map((p) => (
                <span key={p.name} className="product">
                  {fmt(p.amount, 3)} <Formula text={p.name} />
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
      {result.missing.length > 0 && (
        <p className="missing" data-testid="stability-missing">
          <strong>Missing phases</strong> (no formation energy in the phase table):{' '}
          {result.missing.join(', ')}
        </p>
      )}
      <p className="muted small">
        Scheme: {result.scheme}. {result.notes.join(' ')}
      </p>
    </div>
  );
}
