/** The numbers of a stack: α per interlayer and per nm, β, φ₂, label fractions and the recognised polytype. */

import { LABEL_COLORS } from '../../components/labelColors.ts';
import { fmt } from '../../format.tsx';
import type { LocalLabel, StackAnalysis } from './layeredApi.ts';

const LABELS: LocalLabel[] = ['P2', 'P3', 'O2', 'O3', 'O1'];

export function StackFacts({ analysis }: { analysis: StackAnalysis }) {
  const a = analysis;
  return (
    <div className="stack-facts" data-testid="stack-facts">
      <dl className="facts">
        <div className="fact">
          <dt>Polytype</dt>
          <dd data-testid="polytype">
            {a.polytype}
            {a.polytypeDetail ? ` (${a.polytypeDetail})` : ''}
          </dd>
        </div>
        <div className="fact">
          <dt>Slabs / interlayers</dt>
          <dd>
            {a.slabs} / {a.labels.length}
            {a.periodic ? ' (periodic)' : ''}
          </dd>
        </div>
        <div className="fact">
          <dt>Interphases</dt>
          <dd
            data-testid="interphase-count"
            title={a.interphases.length ? `at slabs ${a.interphases.join(', ')}` : ''}
          >
            {a.interphases.length}
            {a.interphases.length > 0 && a.interphases.length <= 6 && (
              <span className="muted"> at slab {a.interphases.join(', ')}</span>
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>α (per interlayer)</dt>
          <dd data-testid="alpha">{fmt(a.alpha, 4)}</dd>
        </div>
        <div className="fact">
          <dt>α (per nm along c)</dt>
          <dd data-testid="alpha-nm">
            {fmt(a.alphaPerNm, 4)} <span className="unit">nm⁻¹</span>
          </dd>
        </div>
        <div className="fact">
          <dt>β (CV of interphase spacings)</dt>
          <dd data-testid="beta">
            {a.beta === null ? <span className="muted">n/a — fewer than 3 interphases</span> : fmt(a.beta, 4)}
          </dd>
        </div>
        <div className="fact">
          <dt>φ₂ (2-type fraction)</dt>
          <dd data-testid="phi2">{fmt(a.phi2, 4)}</dd>
        </div>
      </dl>
      <table className="data-table fractions-table" data-testid="fractions">
        <thead>
          <tr>
            {LABELS.map((l) => (
              <th key={l} className="num">
                <span className="swatch square" style={{ background: LABEL_COLORS[l] }} /> {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {LABELS.map((l) => (
              <td key={l} className="num" data-label={l}>
                {fmt(a.fractions[l] ?? 0, 3)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <p className="muted small">
        Mean interlayer spacing <span data-testid="mean-spacing">{fmt(a.meanSpacingAngstrom, 3)} Å</span>{' '}
        (used for α per nm; set by the layer model). Interphase = boundary between 2-type and 3-type domains;
        fractions are of interlayers.
      </p>
    </div>
  );
}
