/**
 * Export of results: CSV of the tabular part of each known result (peaks, sweep points) or of any
 * array of flat objects, JSON as stored, and BibTeX of the citations of the operations used.
 */
import type { Citation } from '../registry/types.ts';

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header row from the union of the rows' keys (in first-seen order). */
export function rowsToCsv(rows: Record<string, unknown>[]): string {
  const keys: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  return `${[keys.join(','), ...rows.map((r) => keys.map((k) => csvCell(r[k])).join(','))].join('\r\n')}\r\n`;
}

/** The table a reader expects from a result: XRD peaks, sweep points, or the first array of objects. */
export function resultRows(operationId: string, result: unknown): Record<string, unknown>[] {
  const r = result as Record<string, unknown> | null;
  if (!r || typeof r !== 'object') return [];
  if (operationId === 'xrd.pattern') {
    const peaks = (r.pattern as { peaks?: Record<string, unknown>[] })?.peaks ?? [];
    return peaks.map((p) => ({
      twoTheta_deg: p.twoTheta,
      d_A: p.d,
      intensity_rel: p.intensity,
      label: p.label,
      multiplicity: p.multiplicity,
      line: p.line,
    }));
  }
  if (operationId === 'xrd.strainSweep') {
    const pts =
      (r.points as {
        index: number;
        strain: number;
        a: number;
        lines: { twoTheta: number; d: number; label: string }[];
      }[]) ?? [];
    return pts.flatMap((p) =>
      p.lines.map((l, rank) => ({
        index: p.index,
        strain: p.strain,
        a_A: p.a,
        rank: rank + 1,
        label: l.label,
        twoTheta_deg: l.twoTheta,
        d_A: l.d,
      })),
    );
  }
  for (const v of Object.values(r))
    if (Array.isArray(v) && v.length && typeof v[0] === 'object' && !Array.isArray(v[0]))
      return v as Record<string, unknown>[];
  return [r];
}

function bibValue(s: string): string {
  return `{${s.replace(/[{}]/g, '')}}`;
}

export function toBibtex(citations: Citation[]): string {
  return citations
    .map((c) => {
      const fields: [string, string | number | undefined][] = [
        ['author', c.author],
        ['title', c.title],
        ['journal', c.journal],
        ['publisher', c.publisher],
        ['volume', c.volume],
        ['pages', c.pages],
        ['year', c.year],
        ['doi', c.doi],
        ['url', c.url],
        ['note', c.note],
      ];
      const body = fields
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `  ${k} = ${bibValue(String(v))}`)
        .join(',\n');
      return `@${c.type}{${c.key},\n${body}\n}`;
    })
    .join('\n\n')
    .concat('\n');
}

/** Citations without duplicates (by key), in first-use order. */
export function uniqueCitations(lists: (Citation[] | undefined)[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const l of lists) for (const c of l ?? []) if (!seen.has(c.key)) seen.set(c.key, c);
  return [...seen.values()];
}
