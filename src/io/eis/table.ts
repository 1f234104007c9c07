import { InputError } from '../../core/errors.ts';
import { type Delimiter, fields, parseNumber } from './text.ts';

/** Which columns hold f, Z' and Z'' and how Z'' is signed in the file. */
export interface ColumnMap {
  frequency: number;
  real: number;
  imag: number;
  /** +1 when the column is Z'' (negative capacitive), −1 when it is −Z''. */
  imagSign: 1 | -1;
}

export interface TableRows {
  frequencyHz: Float64Array;
  zReal: Float64Array;
  zImag: Float64Array;
  skipped: number;
}

/**
 * Reads data rows `lines[start..end)` (0-based) with the given columns. Blank lines are skipped. A row
 * whose needed fields are not numbers is an InputError naming the 1-based line and the column.
 * `keepRow` may reject rows (counted in `skipped`), e.g. Parstat's DC rows with f = 0.
 */
export function readRows(
  lines: string[],
  start: number,
  end: number,
  delimiter: Delimiter,
  cols: ColumnMap,
  names: { file?: string; frequency: string; real: string; imag: string },
  keepRow?: (f: number) => boolean,
): TableRows {
  const f: number[] = [];
  const re: number[] = [];
  const im: number[] = [];
  let skipped = 0;
  const need = Math.max(cols.frequency, cols.real, cols.imag) + 1;
  for (let i = start; i < end; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const parts = fields(line, delimiter);
    if (parts.length < need)
      throw new InputError(`data row has ${parts.length} fields, fewer than the ${need} columns needed`, {
        file: names.file,
        line: i + 1,
        expected: `${need} ${delimiter === '\t' ? 'tab' : delimiter === ' ' ? 'blank' : `'${delimiter}'`}-separated fields`,
        found: line.trim(),
      });
    const fv = num(parts[cols.frequency], delimiter, names.frequency, names.file, i);
    const rv = num(parts[cols.real], delimiter, names.real, names.file, i);
    const iv = num(parts[cols.imag], delimiter, names.imag, names.file, i);
    if (keepRow && !keepRow(fv)) {
      skipped++;
      continue;
    }
    if (!(fv > 0))
      throw new InputError('frequency must be positive', {
        file: names.file,
        line: i + 1,
        field: names.frequency,
        expected: 'a frequency > 0 Hz',
        found: parts[cols.frequency],
      });
    f.push(fv);
    re.push(rv);
    im.push(cols.imagSign * iv);
  }
  if (f.length === 0)
    throw new InputError('no impedance data rows found', {
      file: names.file,
      line: start + 1,
      expected: 'rows of frequency, Z′ and Z″ values',
    });
  return {
    frequencyHz: Float64Array.from(f),
    zReal: Float64Array.from(re),
    zImag: Float64Array.from(im),
    skipped,
  };
}

function num(s: string, d: Delimiter, field: string, file: string | undefined, i: number): number {
  const v = parseNumber(s, d);
  if (!Number.isFinite(v))
    throw new InputError('not a number', {
      file,
      line: i + 1,
      field,
      expected: 'a decimal number',
      found: s,
    });
  return v;
}

/** Index of the first header cell matching one of the patterns, or −1. */
export function findColumn(headers: string[], patterns: RegExp[]): number {
  for (const p of patterns) {
    const i = headers.findIndex((h) => p.test(h.trim()));
    if (i >= 0) return i;
  }
  return -1;
}

/** Like findColumn but throws an InputError that lists the headers found. */
export function requireColumn(
  headers: string[],
  patterns: RegExp[],
  what: string,
  where: { file?: string; line: number },
): number {
  const i = findColumn(headers, patterns);
  if (i < 0)
    throw new InputError(`no ${what} column in the header`, {
      file: where.file,
      line: where.line,
      expected: `a column named like ${patterns.map((p) => p.source).join(' or ')}`,
      found: headers.join(' | '),
    });
  return i;
}
