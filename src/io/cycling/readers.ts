/**
 * One reader per cycler export. Each finds the header, the delimiter and the decimal separator in
 * the file itself, maps the vendor columns through data/cycling/column-maps.json and applies the
 * sign convention (discharge current negative) at load time.
 */
import { InputError } from '../../core/errors.ts';
import { columnMap, novonixDischargeStepTypes } from './columnMaps.ts';
import { buildTable } from './table.ts';
import { type DateOrder, detectDecimal, guessDelimiter, splitFields, splitLines } from './text.ts';
import {
  type ColumnMapEntry,
  type CyclingData,
  NUMERIC_COLUMNS,
  type NumericColumn,
  TEXT_COLUMNS,
  type TextColumn,
  type UserColumnMap,
} from './types.ts';

export interface ReaderOptions {
  fileName?: string;
  /** Decimal separator; detected from the data when absent (only ';' or tab files can use ','). */
  decimal?: '.' | ',';
  /** Day/month order of slash dates; detected from the data when possible. */
  dateOrder?: DateOrder;
}

const SAMPLE_ROWS = 50;

function sampleRows(
  lines: string[],
  start: number,
  delimiter: string,
  unwrap?: (l: string) => string,
): string[][] {
  return lines.slice(start, start + SAMPLE_ROWS).map((l) => splitFields(unwrap ? unwrap(l) : l, delimiter));
}

/** Arbin CSV export (Data_Point, Test_Time, … Current, Voltage …). Current is already signed. */
export function parseArbin(text: string, opts: ReaderOptions = {}): CyclingData {
  const lines = splitLines(text);
  if (lines.length === 0) throw new InputError('empty file', { file: opts.fileName });
  const header = splitFields(lines[0], ',');
  return buildTable({
    format: 'arbin',
    fileName: opts.fileName,
    header,
    lines: lines.slice(1),
    firstLineNumber: 2,
    delimiter: ',',
    decimal: '.',
    map: columnMap('arbin'),
    dateOrder: opts.dateOrder,
  });
}

/**
 * Arbin's companion metadata CSV (one header row, one value row: test_id, schedule_file_name, …)
 * as key–value pairs.
 */
export function parseArbinMetadata(text: string, fileName?: string): Record<string, string> {
  const lines = splitLines(text).filter((l) => l.trim() !== '');
  if (lines.length < 2)
    throw new InputError('metadata needs a header row and a value row', {
      file: fileName,
      expected: 'two CSV lines',
    });
  const keys = splitFields(lines[0], ',');
  const values = splitFields(lines[1], ',');
  const out: Record<string, string> = {};
  keys.forEach((k, i) => {
    const key = k.trim();
    if (key !== '') out[key] = (values[i] ?? '').trim();
  });
  return out;
}

/**
 * Maccor text export: line 1 is the test header ("Today's Date … Procedure: …"), line 2 the
 * tab-separated column names. Two variants are read: times in seconds ("Test (Sec)") and times
 * as durations ("TestTime" = "0d 00:00:00.0000"). Magnitude-only currents are signed from State.
 */
export function parseMaccor(text: string, opts: ReaderOptions = {}): CyclingData {
  const lines = splitLines(text);
  const headerIndex = lines.findIndex((l, i) => i < 20 && /(^|\t)Rec#\t/.test(l));
  if (headerIndex < 0)
    throw new InputError('no Maccor column header', {
      file: opts.fileName,
      expected: 'a tab-separated line starting with "Rec#" within the first 20 lines',
    });
  const metadata: Record<string, string> = {};
  for (let i = 0; i < headerIndex; i++) {
    // "Today's Date 10/10/2019  Date of Test:\t10/10/2019\t Filename:\t…" — key/value pairs split by tabs.
    const proc = /Procedure:\s*(.*?)(\t|$)/.exec(lines[i]);
    if (proc) metadata.procedure = proc[1].trim();
    const date = /Date of Test:\s*\t?([^\t]*)/.exec(lines[i]);
    if (date) metadata.dateOfTest = date[1].trim();
    const file = /Filename:\s*\t?([^\t]*?)\s+Procedure:/.exec(lines[i]);
    if (file) metadata.filename = file[1].trim();
  }
  const header = splitFields(lines[headerIndex], '\t');
  const body = lines.slice(headerIndex + 1);
  const decimal =
    opts.decimal ?? detectDecimal(sampleRows(lines, headerIndex + 1, '\t'), '\t', opts.fileName);
  const data = buildTable({
    format: 'maccor',
    fileName: opts.fileName,
    header,
    lines: body,
    firstLineNumber: headerIndex + 2,
    delimiter: '\t',
    decimal,
    map: columnMap('maccor'),
    dateOrder: opts.dateOrder,
  });
  data.metadata = metadata;
  const state = data.text.state;
  if (state) {
    const I = data.columns.current_A;
    let flipped = 0;
    let odd = 0;
    for (let i = 0; i < data.length; i++) {
      if (state[i] === 'D' && I[i] > 0) {
        I[i] = -I[i];
        flipped++;
      } else if (state[i] === 'C' && I[i] < 0) odd++;
    }
    if (flipped > 0)
      data.warnings.push(
        `${flipped} row(s) in State D had a positive current (magnitude-only export): negated`,
      );
    if (odd > 0) data.warnings.push(`${odd} row(s) in State C have a negative current; kept as read`);
  }
  return data;
}

/**
 * BioLogic EC-Lab / BT-Lab text export: ';' or tab separated, decimal point or comma, Latin-1 or
 * UTF-8; either a bare header row (Modulo-Bat CSV export) or an `.mpt` with "Nb header lines : N".
 */
export function parseBiologic(text: string, opts: ReaderOptions = {}): CyclingData {
  const lines = splitLines(text);
  if (lines.length === 0) throw new InputError('empty file', { file: opts.fileName });
  let headerIndex = 0;
  const metadata: Record<string, string> = {};
  const nb = lines
    .slice(0, 5)
    .map((l) => /Nb header lines\s*:\s*(\d+)/i.exec(l))
    .find(Boolean);
  if (nb) {
    headerIndex = Number(nb[1]) - 1;
    if (headerIndex < 1 || headerIndex >= lines.length)
      throw new InputError('header line count points outside the file', {
        file: opts.fileName,
        line: 2,
        found: nb[0],
        expected: `a number between 2 and ${lines.length}`,
      });
    for (let i = 1; i < headerIndex; i++) {
      const kv = /^\s*([^:]{1,60}?)\s*:\s*(.+)$/.exec(lines[i]);
      if (kv) metadata[kv[1]] = kv[2].trim();
    }
  }
  const delimiter = guessDelimiter(lines[headerIndex]);
  const header = splitFields(lines[headerIndex], delimiter);
  const decimal =
    opts.decimal ?? detectDecimal(sampleRows(lines, headerIndex + 1, delimiter), delimiter, opts.fileName);
  const data = buildTable({
    format: 'biologic',
    fileName: opts.fileName,
    header,
    lines: lines.slice(headerIndex + 1),
    firstLineNumber: headerIndex + 2,
    delimiter,
    decimal,
    map: columnMap('biologic'),
    dateOrder: opts.dateOrder,
  });
  data.metadata = metadata;
  return data;
}

function unwrapNovonix(line: string): string {
  // Novonix writes some data lines as one quoted field: "2022-04-11 10:58:07 AM,1,0,…".
  return line.length > 1 && line.charCodeAt(0) === 34 && line.charCodeAt(line.length - 1) === 34
    ? line.slice(1, -1)
    : line;
}

/** Novonix HPC CSV: a [Summary] … [End Summary] block, a [Protocol] block, then [Data]. */
export function parseNovonix(text: string, opts: ReaderOptions = {}): CyclingData {
  const lines = splitLines(text);
  const dataIndex = lines.findIndex((l) => l.trim() === '[Data]');
  if (dataIndex < 0 || dataIndex + 1 >= lines.length)
    throw new InputError('no [Data] section', {
      file: opts.fileName,
      expected: 'a line "[Data]" followed by the column header',
    });
  const metadata: Record<string, string> = {};
  const endSummary = lines.findIndex((l) => l.trim() === '[End Summary]');
  for (let i = 1; i < Math.max(endSummary, 0); i++) {
    const kv = /^\s*([^:]{1,60}?)\s*:\s*(.*)$/.exec(lines[i]);
    if (kv) metadata[kv[1]] = kv[2].trim();
  }
  const header = splitFields(unwrapNovonix(lines[dataIndex + 1]), ',');
  const data = buildTable({
    format: 'novonix',
    fileName: opts.fileName,
    header,
    lines: lines.slice(dataIndex + 2),
    firstLineNumber: dataIndex + 3,
    delimiter: ',',
    decimal: '.',
    map: columnMap('novonix'),
    dateOrder: opts.dateOrder,
    unwrapLine: unwrapNovonix,
  });
  data.metadata = metadata;
  const type = data.columns.stepType;
  if (type) {
    const discharge = new Set(novonixDischargeStepTypes());
    const I = data.columns.current_A;
    let flipped = 0;
    for (let i = 0; i < data.length; i++)
      if (discharge.has(type[i]) && I[i] > 0) {
        I[i] = -I[i];
        flipped++;
      }
    if (flipped > 0)
      data.warnings.push(`${flipped} row(s) of a discharge step type had a positive current: negated`);
  }
  return data;
}

/**
 * Any delimited text with a header row. Columns are found through `columnMap` (canonical name →
 * vendor column, optionally with a scale) and otherwise by canonical or BDF names.
 */
export function parseGenericCsv(
  text: string,
  opts: ReaderOptions & { columnMap?: UserColumnMap; headerLine?: number } = {},
): CyclingData {
  const lines = splitLines(text);
  const headerIndex = (opts.headerLine ?? 1) - 1;
  if (lines.length <= headerIndex)
    throw new InputError('no header row', { file: opts.fileName, line: headerIndex + 1 });
  const delimiter = guessDelimiter(lines[headerIndex]);
  const header = splitFields(lines[headerIndex], delimiter);
  // canonical names map to themselves, then the built-in BDF names, then the user's map
  const map: Record<string, ColumnMapEntry> = {};
  for (const c of [...NUMERIC_COLUMNS, ...TEXT_COLUMNS]) map[c] = { to: c };
  Object.assign(map, columnMap('generic'));
  if (opts.columnMap) {
    const trimmed = new Set(header.map((h) => h.trim()));
    for (const [to, spec] of Object.entries(opts.columnMap)) {
      if (spec === undefined) continue;
      const column = typeof spec === 'string' ? spec : spec.column;
      const scale = typeof spec === 'string' ? 1 : (spec.scale ?? 1);
      if (!trimmed.has(column))
        throw new InputError('column map names a column that is not in the file', {
          file: opts.fileName,
          line: headerIndex + 1,
          field: to,
          found: column,
          expected: `one of ${[...trimmed].map((h) => `"${h}"`).join(', ')}`,
        });
      if (!Number.isFinite(scale) || scale === 0)
        throw new InputError('column map scale must be a non-zero finite number', {
          field: to,
          found: String(scale),
        });
      // The user's map wins over the built-in names.
      for (const [k, e] of Object.entries(map)) if (e.to === to) delete map[k];
      map[column] = { to: to as NumericColumn | TextColumn, scale };
    }
  }
  const decimal =
    opts.decimal ?? detectDecimal(sampleRows(lines, headerIndex + 1, delimiter), delimiter, opts.fileName);
  return buildTable({
    format: 'generic',
    fileName: opts.fileName,
    header,
    lines: lines.slice(headerIndex + 1),
    firstLineNumber: headerIndex + 2,
    delimiter,
    decimal,
    map,
    dateOrder: opts.dateOrder,
  });
}
