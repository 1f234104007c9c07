/**
 * A self-contained HTML report of a project: datasets with their hashes, structures (CIF inline),
 * every analysis with its parameters, seed, version and timing, figures as inline SVG, tables, and
 * the sources the models rely on, with a BibTeX block. No external files, scripts or fonts.
 */
import { getOperation, loadOperations } from '../registry/registry.ts';
import type { Store } from '../store/store.ts';
import { resultRows, rowsToCsv, toBibtex, uniqueCitations } from './export.ts';
import { analysisFigure, datasetFigure } from './figures.ts';
import { escapeXml } from './svg.ts';

/** Rows shown per table in the report (the CSV link carries all of them). */
const MAX_TABLE_ROWS = 20;

function paramsForDisplay(params: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((params ?? {}) as Record<string, unknown>))
    out[k] = typeof v === 'string' && v.length > 120 ? `(${v.length} characters)` : v;
  return out;
}

function table(rows: Record<string, unknown>[]): string {
  if (!rows.length) return '<p><em>no rows</em></p>';
  const keys = Object.keys(rows[0]);
  const fmt = (v: unknown) =>
    typeof v === 'number' ? String(Number(v.toPrecision(8))) : escapeXml(String(v ?? ''));
  const body = rows
    .slice(0, MAX_TABLE_ROWS)
    .map((r) => `<tr>${keys.map((k) => `<td>${fmt(r[k])}</td>`).join('')}</tr>`)
    .join('\n');
  const more =
    rows.length > MAX_TABLE_ROWS
      ? `<p><em>${rows.length - MAX_TABLE_ROWS} more rows in the CSV.</em></p>`
      : '';
  return `<table><thead><tr>${keys.map((k) => `<th>${escapeXml(k)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>${more}`;
}

function dataUri(text: string, mime: string): string {
  return `data:${mime};charset=utf-8;base64,${Buffer.from(text, 'utf8').toString('base64')}`;
}

export async function projectReportHtml(store: Store, projectRef: string): Promise<string> {
  await loadOperations();
  const p = await store.showProject(projectRef);
  const analyses = await store.listAnalyses({ projectId: p.id });
  const sections: string[] = [];

  sections.push('<h2>Datasets</h2>');
  sections.push(
    table(
      p.datasets.map((d) => ({
        name: d.name,
        format: d.format,
        'size (bytes)': d.sizeBytes,
        sha256: d.sha256,
        reader: d.readerVersion,
        imported: d.createdAt,
      })),
    ),
  );
  for (const d of p.datasets) {
    const fig = await datasetFigure(store, d.id, d.format);
    if (fig)
      sections.push(
        `<figure>${fig}<figcaption>${escapeXml(d.name)} (${escapeXml(d.format)})</figcaption></figure>`,
      );
  }

  sections.push('<h2>Structures</h2>');
  for (const s of p.structures) {
    const { cif } = await store.getStructureCif(s.id);
    sections.push(
      `<h3>${escapeXml(s.name)} — ${escapeXml(s.formula)}</h3><details><summary>CIF (P1)</summary><pre>${escapeXml(cif)}</pre></details>` +
        `<p><a download="${escapeXml(s.name)}.cif" href="${dataUri(cif, 'chemical/x-cif')}">download CIF</a></p>`,
    );
  }

  sections.push('<h2>Analyses</h2>');
  const used = new Set<string>();
  for (const a of analyses) {
    used.add(a.operationId);
    let title = a.operationId;
    try {
      title = `${getOperation(a.operationId).title} (${a.operationId})`;
    } catch {
      // An operation no longer registered: keep its id.
    }
    const meta = {
      status: a.status,
      seed: a.seed,
      'natrium version': a.natriumVersion,
      started: a.startedAt ?? '',
      'duration (ms)': a.durationMs === null ? '' : Math.round(a.durationMs),
    };
    sections.push(`<h3>${escapeXml(title)}</h3>`);
    sections.push(table([meta]));
    sections.push(
      `<details><summary>parameters</summary><pre>${escapeXml(JSON.stringify(paramsForDisplay(a.params), null, 2))}</pre></details>`,
    );
    if (a.status !== 'done') {
      if (a.error) sections.push(`<p>${escapeXml(a.error)}</p>`);
      continue;
    }
    const fig = analysisFigure(a);
    if (fig) sections.push(`<figure>${fig}</figure>`);
    const rows = resultRows(a.operationId, a.result);
    sections.push(table(rows));
    sections.push(
      `<p><a download="${a.operationId}-${a.id}.csv" href="${dataUri(rowsToCsv(rows), 'text/csv')}">CSV</a> · ` +
        `<a download="${a.operationId}-${a.id}.json" href="${dataUri(JSON.stringify(a.result, null, 2), 'application/json')}">JSON</a></p>`,
    );
  }

  const citations = uniqueCitations(
    [...used].map((id) => {
      try {
        return getOperation(id).citations;
      } catch {
        return undefined;
      }
    }),
  );
  sections.push('<h2>Sources</h2>');
  if (citations.length) {
    sections.push(
      `<ol>${citations
        .map(
          (c) =>
            `<li id="${escapeXml(c.key)}">${escapeXml(c.author)} (${c.year}). ${escapeXml(c.title)}.${c.journal ? ` <em>${escapeXml(c.journal)}</em>` : ''}${c.volume ? ` ${escapeXml(c.volume)}` : ''}${c.pages ? `, ${escapeXml(c.pages)}` : ''}.${c.doi ? ` doi:${escapeXml(c.doi)}` : ''}</li>`,
        )
        .join('\n')}</ol>`,
    );
    const bib = toBibtex(citations);
    sections.push(
      `<h3>BibTeX</h3><pre class="bibtex">${escapeXml(bib)}</pre><p><a download="references.bib" href="${dataUri(bib, 'application/x-bibtex')}">references.bib</a></p>`,
    );
  } else sections.push('<p>No model with literature sources was used.</p>');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>natrium report — ${escapeXml(p.name)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}
pre{background:#f6f6f6;padding:.5em;overflow:auto;font-size:12px}figure{margin:1em 0}
</style></head><body>
<h1>${escapeXml(p.name)}</h1>
<p>${escapeXml(p.description)}</p>
<p>Report generated ${new Date().toISOString()} by natrium. Project id ${escapeXml(p.id)}.</p>
${sections.join('\n')}
</body></html>
`;
}
