/**
 * Mitigation strategies (data/interface/mitigations.json): how each enters the model, and a
 * "what if" comparison that applies one or several, reruns the cell and ranks by CCD, interfacial
 * ASR and time-to-short. Strategies without quantitative data are listed, not simulated.
 */
import catalogue from '../../data/interface/mitigations.json' with { type: 'json' };
import { InputError } from '../core/errors.ts';
import { buildCell, type CellInput, cellAsr } from './cell.ts';
import type { Protocol } from './protocol.ts';
import { readCcd } from './readoff.ts';
import { simulateCell } from './simulate.ts';

export interface MitigationEffect {
  parameter: 'referenceInterfaceAsr_ohm_cm2' | 'jcritEa_eV' | 'pressure_MPa' | 'T_C';
  value: number;
  how: string;
}

export interface Mitigation {
  id: string;
  name: string;
  system: string;
  kind: string;
  measured: Record<string, number | string | null> | null;
  tag: string;
  source: string;
  simulated: boolean;
  effects?: MitigationEffect[];
  notQuantified?: string;
}

export const MITIGATIONS: Mitigation[] = catalogue.mitigations as Mitigation[];

export function getMitigation(id: string): Mitigation {
  const m = MITIGATIONS.find((x) => x.id === id);
  if (!m)
    throw new InputError('unknown mitigation', {
      field: '--mitigation',
      found: id,
      expected: `one of ${MITIGATIONS.map((x) => x.id).join(', ')}`,
    });
  return m;
}

/** The cell input with the strategies applied (combined: the best ASR, the lower Ea, the higher pressure and T). */
export function applyMitigations(input: CellInput, ids: string[]): CellInput {
  let out: CellInput = { ...input, overrides: { ...(input.overrides ?? {}) } };
  for (const id of ids) {
    const m = getMitigation(id);
    if (!m.simulated || !m.effects)
      throw new InputError('this mitigation has no quantitative data and cannot be simulated', {
        field: '--mitigation',
        found: id,
        expected: `one of ${MITIGATIONS.filter((x) => x.simulated)
          .map((x) => x.id)
          .join(', ')}`,
      });
    for (const e of m.effects) {
      const o = out.overrides ?? {};
      if (e.parameter === 'referenceInterfaceAsr_ohm_cm2')
        o.referenceInterfaceAsr_ohm_cm2 = Math.min(
          o.referenceInterfaceAsr_ohm_cm2 ?? Number.POSITIVE_INFINITY,
          e.value,
        );
      else if (e.parameter === 'jcritEa_eV')
        o.jcritEa_eV = Math.min(o.jcritEa_eV ?? Number.POSITIVE_INFINITY, e.value);
      else if (e.parameter === 'pressure_MPa')
        out = { ...out, pressure_MPa: Math.max(out.pressure_MPa, e.value) };
      else if (e.parameter === 'T_C') out = { ...out, T_K: Math.max(out.T_K, e.value + 273.15) };
      out.overrides = o;
    }
  }
  return out;
}

export interface ComparisonRow {
  label: string;
  mitigations: string[];
  interfaceAsr_ohm_cm2: number;
  cellAsr_ohm_cm2: number;
  /**
   * CCD (mA/cm²): read off the simulated step-ramp trace; if the read-off sees nothing but the model
   * failed (e.g. shorted from the first point, which a trace cannot show), the model's failure current.
   * null = no failure within the ramp.
   */
  ccd_mA_cm2: number | null;
  ccdSource: 'read-off' | 'model' | null;
  modelCcd_mA_cm2: number | null;
  failureMode: string | null;
  /** Time to short under the cycling protocol (h), null = no short within it. */
  shortAt_h: number | null;
  rank: number;
}

export interface Comparison {
  rampProtocol: string;
  cyclingProtocol: string;
  ccdMethod: string;
  ranking: string;
  rows: ComparisonRow[];
  notSimulated: { id: string; name: string; reason: string; source: string }[];
}

/**
 * Baseline plus each entry of `sets` (an entry is a list of ids applied together), ranked by
 * CCD (higher first), then interfacial ASR (lower first), then time-to-short (later first; none = best).
 */
export function compareMitigations(
  input: CellInput,
  sets: string[][],
  ramp: Protocol,
  cycling: Protocol,
): Comparison {
  const rows: ComparisonRow[] = [];
  let method = '';
  let rampText = '';
  let cycText = '';
  for (const ids of [[], ...sets]) {
    const cell = buildCell(applyMitigations(input, ids));
    const r = simulateCell(cell, ramp);
    const c = simulateCell(cell, cycling, { recordTrace: false });
    const read = readCcd(r.trace as NonNullable<typeof r.trace>);
    method = read.method;
    rampText = r.protocol;
    cycText = c.protocol;
    rows.push({
      label: ids.length === 0 ? 'baseline' : ids.join('+'),
      mitigations: ids,
      interfaceAsr_ohm_cm2: cell.interfaceAsr_ohm_cm2,
      cellAsr_ohm_cm2: cellAsr(cell),
      ccd_mA_cm2: read.ccd_mA_cm2 ?? r.modelCcd_mA_cm2,
      ccdSource: read.ccd_mA_cm2 !== null ? 'read-off' : r.modelCcd_mA_cm2 !== null ? 'model' : null,
      modelCcd_mA_cm2: r.modelCcd_mA_cm2,
      failureMode: r.failure?.mode ?? null,
      shortAt_h: c.shortAt_h,
      rank: 0,
    });
  }
  const inf = (x: number | null) => (x === null ? Number.POSITIVE_INFINITY : x);
  const order = [...rows].sort(
    (a, b) =>
      inf(b.ccd_mA_cm2) - inf(a.ccd_mA_cm2) ||
      a.interfaceAsr_ohm_cm2 - b.interfaceAsr_ohm_cm2 ||
      inf(b.shortAt_h) - inf(a.shortAt_h),
  );
  order.forEach((r, i) => {
    r.rank = i + 1;
  });
  return {
    rampProtocol: rampText,
    cyclingProtocol: cycText,
    ccdMethod: method,
    ranking:
      'CCD (higher first), then interfacial ASR (lower first), then time-to-short (later first, none = best)',
    rows: order,
    notSimulated: MITIGATIONS.filter((m) => !m.simulated).map((m) => ({
      id: m.id,
      name: m.name,
      reason: m.notQuantified ?? 'no quantitative data',
      source: m.source,
    })),
  };
}
