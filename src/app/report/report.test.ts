import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resultRows, rowsToCsv, toBibtex, uniqueCitations } from './export.ts';
import { chartSvg, niceTicks } from './svg.ts';

/** Parses RFC 4180 CSV (test oracle, independent of the writer). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('export', () => {
  it('CSV round-trips any strings (commas, quotes, newlines)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: fc.string(), b: fc.string() }), { minLength: 1, maxLength: 8 }),
        (rows) => {
          const back = parseCsv(rowsToCsv(rows));
          expect(back[0]).toEqual(['a', 'b']);
          expect(back.slice(1)).toEqual(rows.map((r) => [r.a, r.b]));
        },
      ),
    );
  });

  it('XRD peaks become a table with units in the column names', () => {
    const rows = resultRows('xrd.pattern', {
      pattern: {
        peaks: [
          { twoTheta: 28.44, d: 3.1355, intensity: 100, label: '(1 1 1)', multiplicity: 8, line: 'Kα' },
        ],
      },
    });
    expect(rows).toEqual([
      { twoTheta_deg: 28.44, d_A: 3.1355, intensity_rel: 100, label: '(1 1 1)', multiplicity: 8, line: 'Kα' },
    ]);
  });

  it('BibTeX: one entry per key, fields present', () => {
    const c = {
      key: 'K1',
      type: 'article' as const,
      author: 'A, B.',
      title: 'T {x}',
      year: 2000,
      journal: 'J',
      doi: '10.1/x',
    };
    const bib = toBibtex(uniqueCitations([[c], [c]]));
    expect(bib.match(/@article\{K1,/g)).toHaveLength(1);
    expect(bib).toMatch(/doi = \{10\.1\/x\}/);
    expect(bib).toMatch(/title = \{T x\}/);
  });
});

describe('SVG figures', () => {
  it('ticks are round numbers inside the range', () => {
    expect(niceTicks(10, 90)).toEqual([20, 40, 60, 80]);
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 1, 10)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    for (const t of niceTicks(0.013, 0.087)) expect(t >= 0.013 && t <= 0.087).toBe(true);
  });

  it('equal axes: one data unit is as long on x as on y', () => {
    const svg = chartSvg([{ x: [0, 100], y: [0, 10], kind: 'points' }], {
      xLabel: "Z'",
      yLabel: "-Z''",
      equalAxes: true,
      width: 640,
      height: 360,
    });
    const cs = [...svg.matchAll(/<circle[^>]*cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    const dxPerUnit = (cs[1][0] - cs[0][0]) / 100;
    const dyPerUnit = (cs[0][1] - cs[1][1]) / 10;
    expect(dxPerUnit).toBeCloseTo(dyPerUnit, 1);
    expect(svg).toMatch(/^<svg xmlns/);
  });

  it('escapes labels', () => {
    expect(chartSvg([], { xLabel: '<b>&', yLabel: 'y' })).toContain('&lt;b&gt;&amp;');
  });
});
