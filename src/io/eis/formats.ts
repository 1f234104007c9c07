/**
 * One parser per instrument format. Each finds its header in the file (never by a fixed line number
 * unless the file states it, as EC-Lab's "Nb header lines") and hands the data block to readRows.
 */
import { InputError } from '../../core/errors.ts';
import type { EisFormat, ImpedanceSpectrum } from './spectrum.ts';
import { type ColumnMap, findColumn, readRows, requireColumn } from './table.ts';
import { type Delimiter, delimiterOf, fields, isNumericRow } from './text.ts';

export interface ParseContext {
  fileName?: string;
  /** For headerless CSV: how the third column is signed (default 'Z' = Z''). */
  imagColumn?: 'Z' | 'minusZ';
}

type Parser = (lines: string[], ctx: ParseContext) => Omit<ImpedanceSpectrum, 'format' | 'fileName'>;

// Header patterns, tried in order.
const FREQ = [/^freq/i, /^f\s*[(/[]/i, /frequency/i, /^f$/i];
const MINUS_IMAG = [/^-\s*im/i, /^-\s*z\s*''/i, /^-\s*z\s*"/i, /^-\s*zim/i, /^-\s*z\s*imag/i, /^-\s*imag/i];
const IMAG = [/^im\b|^im\(/i, /^z\s*''/i, /^zs\s*''/i, /^z\s*"/i, /^zim/i, /^z\s*imag/i, /^imag/i, /z''/i];
const REAL = [/^re\b|^re\(/i, /^z\s*'(?!')/i, /^zs\s*'(?!')/i, /^zre/i, /^z\s*real/i, /^real/i];

function columnsFromHeader(headers: string[], file: string | undefined, line: number): ColumnMap {
  const frequency = requireColumn(headers, FREQ, 'frequency', { file, line });
  const real = requireColumn(headers, REAL, "real-part (Z')", { file, line });
  const minus = findColumn(headers, MINUS_IMAG);
  if (minus >= 0) return { frequency, real, imag: minus, imagSign: -1 };
  const imag = requireColumn(headers, IMAG, "imaginary-part (Z'')", { file, line });
  return { frequency, real, imag, imagSign: 1 };
}

const names = (h: string[], c: ColumnMap, file?: string) => ({
  file,
  frequency: h[c.frequency] ?? 'frequency',
  real: h[c.real] ?? "Z'",
  imag: h[c.imag] ?? "Z''",
});

/** Index of the first line at or after `from` that is a numeric row, or lines.length. */
function firstNumericRow(lines: string[], from: number, min = 3): number {
  for (let i = from; i < lines.length; i++) if (isNumericRow(lines[i], delimiterOf(lines[i]), min)) return i;
  return lines.length;
}
/**
 * End of the data block that starts at `from`: the first line that is neither blank nor numeric,
 * unless numeric rows with the same field count follow it later — then the bad line is inside the
 * block and readRows reports it (a corrupt row must not silently truncate the data).
 */
function endOfNumericBlock(lines: string[], from: number, d: Delimiter): number {
  const width = fields(lines[from] ?? '', d).length;
  for (let i = from; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    if (!isNumericRow(lines[i], d, 2)) {
      for (let k = i + 1; k < lines.length; k++)
        if (isNumericRow(lines[k], d, 2) && fields(lines[k], d).length === width) return lines.length;
      return i;
    }
  }
  return lines.length;
}

/** BioLogic EC-Lab ASCII (.mpt): "Nb header lines : N"; header is line N; −Im(Z) column. */
const biologic: Parser = (lines, ctx) => {
  const m = /Nb header lines\s*:\s*(\d+)/i.exec(lines[1] ?? '');
  if (!m)
    throw new InputError('EC-Lab header-line count missing', {
      file: ctx.fileName,
      line: 2,
      expected: "'Nb header lines : N'",
      found: lines[1] ?? '',
    });
  const n = Number(m[1]);
  if (n < 2 || n > lines.length)
    throw new InputError('EC-Lab header-line count out of range', {
      file: ctx.fileName,
      line: 2,
      expected: `a count between 2 and ${lines.length}`,
      found: m[1],
    });
  const headers = fields(lines[n - 1], '\t');
  const cols = columnsFromHeader(headers, ctx.fileName, n);
  const rows = readRows(lines, n, lines.length, '\t', cols, names(headers, cols, ctx.fileName));
  return { ...rows, metadata: { instrument: 'BioLogic EC-Lab' }, warnings: [] };
};

/** Gamry Framework .DTA: the ZCURVE TABLE block (header, units line, tab-indented rows). */
const gamry: Parser = (lines, ctx) => {
  const at = lines.findIndex((l) => /^ZCURVE\tTABLE/.test(l));
  if (at < 0)
    throw new InputError('no ZCURVE TABLE in this Gamry file', {
      file: ctx.fileName,
      expected: 'a potentiostatic/galvanostatic EIS .DTA with a ZCURVE table',
    });
  const headers = fields(lines[at + 1] ?? '', '\t');
  const cols = columnsFromHeader(headers, ctx.fileName, at + 2);
  const start = at + 3;
  const end = endOfNumericBlock(lines, start, '\t');
  const rows = readRows(lines, start, end, '\t', cols, names(headers, cols, ctx.fileName));
  const area = /^AREA\tQUANT\t([^\t]+)/m.exec(lines.slice(0, at).join('\n'));
  return {
    ...rows,
    metadata: { instrument: 'Gamry', ...(area ? { areaCm2: Number(area[1]) } : {}) },
    warnings: [],
  };
};

/** Scribner ZPlot .z (ZPLOT2 ASCII): data after "End Comments", header the line before. */
const zplot: Parser = (lines, ctx) => {
  const end = lines.findIndex((l) => /^End Comments/i.test(l.trim()));
  if (end < 1)
    throw new InputError("no 'End Comments' line in this ZPlot file", {
      file: ctx.fileName,
      expected: 'a ZPLOT2 ASCII file with a comment block',
    });
  const headers = fields(lines[end - 1], '\t');
  const cols = columnsFromHeader(headers, ctx.fileName, end);
  const stop = endOfNumericBlock(lines, end + 1, '\t');
  const rows = readRows(lines, end + 1, stop, '\t', cols, names(headers, cols, ctx.fileName));
  return { ...rows, metadata: { instrument: 'Scribner ZPlot' }, warnings: [] };
};

/**
 * Autolab / ZView "Z60W Data File" text: a quoted header whose names are separated by runs of blanks
 * while data rows are comma separated; also plain Autolab exports with a "-Z''" column.
 */
const autolab: Parser = (lines, ctx) => {
  const hIdx = lines.findIndex((l) => /freq/i.test(l));
  if (hIdx < 0)
    throw new InputError('no header line naming the frequency column', {
      file: ctx.fileName,
      expected: "a header such as 'Freq (Hz) … Z'(a) Z''(b)'",
    });
  const start = firstNumericRow(lines, hIdx + 1, 3);
  if (start >= lines.length)
    throw new InputError('no data rows after the header', { file: ctx.fileName, line: hIdx + 1 });
  const raw = lines[hIdx].trim().replace(/^"(.*)"$/, '$1');
  const d = delimiterOf(lines[start]);
  const headers =
    raw.includes('\t') || raw.includes(';') ? fields(raw, delimiterOf(raw)) : raw.trim().split(/\s{2,}/);
  const cols = columnsFromHeader(headers, ctx.fileName, hIdx + 1);
  const rows = readRows(
    lines,
    start,
    endOfNumericBlock(lines, start, d),
    d,
    cols,
    names(headers, cols, ctx.fileName),
  );
  return { ...rows, metadata: { instrument: 'Autolab/ZView' }, warnings: [] };
};

/** Parstat: one table with DC and AC rows; rows with frequency 0 (DC part) are skipped. */
const parstat: Parser = (lines, ctx) => {
  const hIdx = lines.findIndex((l) => /Frequency \(Hz\)/.test(l));
  if (hIdx < 0) throw new InputError("no 'Frequency (Hz)' header", { file: ctx.fileName });
  const headers = fields(lines[hIdx], '\t');
  const cols = columnsFromHeader(headers, ctx.fileName, hIdx + 1);
  const rows = readRows(
    lines,
    hIdx + 1,
    lines.length,
    '\t',
    cols,
    names(headers, cols, ctx.fileName),
    (f) => f !== 0,
  );
  const warnings = rows.skipped
    ? [`${rows.skipped} rows with frequency 0 (the DC part of the run) were skipped`]
    : [];
  return { ...rows, metadata: { instrument: 'Parstat' }, warnings };
};

/** VersaStudio .par: XML-like sections; the <SegmentN> block has "Definition=" column names. */
const versastudio: Parser = (lines, ctx) => {
  const defs: number[] = [];
  lines.forEach((l, i) => {
    if (/^Definition=.*Frequency\(Hz\)/.test(l)) defs.push(i);
  });
  if (defs.length === 0)
    throw new InputError('no segment with a Frequency(Hz) column', {
      file: ctx.fileName,
      expected: 'a VersaStudio EIS .par file',
    });
  const at = defs[0];
  const headers = lines[at]
    .replace(/^Definition=/, '')
    .split(',')
    .map((s) => s.trim());
  const cols = columnsFromHeader(headers, ctx.fileName, at + 1);
  const end = lines.findIndex((l, i) => i > at && /^<\/Segment/.test(l));
  const rows = readRows(
    lines,
    at + 1,
    end < 0 ? lines.length : end,
    ',',
    cols,
    names(headers, cols, ctx.fileName),
  );
  const warnings =
    defs.length > 1 ? [`${defs.length} EIS segments in the file; only the first was read`] : [];
  return { ...rows, metadata: { instrument: 'VersaStudio' }, warnings };
};

/** Generic "header line + numeric rows" reader used by PowerSuite, CH Instruments, Novocontrol, CSV. */
function headedTable(lines: string[], ctx: ParseContext, instrument: string): ReturnType<Parser> {
  const start = firstNumericRow(lines, 0, 3);
  if (start >= lines.length)
    throw new InputError('no rows of at least three numbers', {
      file: ctx.fileName,
      expected: 'rows of frequency, Z′ and Z″',
    });
  const d = delimiterOf(lines[start]);
  let hIdx = start - 1;
  while (hIdx >= 0 && lines[hIdx].trim() === '') hIdx--;
  const warnings: string[] = [];
  let cols: ColumnMap;
  let headers: string[];
  if (hIdx < 0) {
    const n = fields(lines[start], d).length;
    // Headerless: impedance.py's CSV convention f, Z', Z'' (first three columns).
    const sign = ctx.imagColumn === 'minusZ' ? -1 : 1;
    cols = { frequency: 0, real: 1, imag: 2, imagSign: sign };
    headers = ['column 1 (f)', "column 2 (Z')", sign > 0 ? "column 3 (Z'')" : "column 3 (-Z'')"];
    warnings.push(
      `no header: columns taken as f [Hz], Z' [Ohm], ${sign > 0 ? "Z'' [Ohm] (negative = capacitive)" : "-Z'' [Ohm]"}${n > 3 ? `; ${n - 3} further columns ignored` : ''}; use the imag-column option if the sign is the other way`,
    );
  } else {
    const hd = delimiterOf(lines[hIdx]);
    headers = fields(lines[hIdx], hd === ' ' ? d : hd);
    if (headers.length < 3 && d === ' ') headers = lines[hIdx].trim().split(/\s{2,}|\t/);
    cols = columnsFromHeader(headers, ctx.fileName, hIdx + 1);
  }
  const rows = readRows(
    lines,
    start,
    endOfNumericBlock(lines, start, d),
    d,
    cols,
    names(headers, cols, ctx.fileName),
  );
  return { ...rows, metadata: { instrument }, warnings };
}

const powersuite: Parser = (lines, ctx) => headedTable(lines, ctx, 'Princeton PowerSuite');
const chinstruments: Parser = (lines, ctx) => headedTable(lines, ctx, 'CH Instruments');
const csv: Parser = (lines, ctx) => headedTable(lines, ctx, 'CSV');

/** Novocontrol/NEISYS-type text (Freq.[Hz], Zs'[ohm], Zs''[ohm]); geometry from the header line. */
const novocontrol: Parser = (lines, ctx) => {
  const out = headedTable(lines, ctx, 'Novocontrol/NEISYS');
  const head = lines.slice(0, 4).join(' ');
  const dia = /Diameter\[mm\]:\s*([0-9.eE+-]+)/.exec(head);
  const thk = /Thickness\[mm\]:\s*([0-9.eE+-]+)/.exec(head);
  if (dia && Number(dia[1]) > 0) out.metadata.diameterMm = Number(dia[1]);
  if (thk && Number(thk[1]) > 0) out.metadata.thicknessMm = Number(thk[1]);
  const t = temperatureFromText(lines[0] ?? '');
  if (t !== undefined) {
    out.metadata.temperatureC = t;
    out.metadata.temperatureSource = 'header';
  }
  return out;
};

export const PARSERS: Record<EisFormat, Parser> = {
  biologic,
  gamry,
  zplot,
  autolab,
  parstat,
  versastudio,
  powersuite,
  chinstruments,
  novocontrol,
  csv,
};

/** Temperature written as "140deg", "140 °C", "25C" or "300K" in a name or title; °C returned. */
export function temperatureFromText(s: string): number | undefined {
  const c = /(?:^|[^0-9.])(-?\d+(?:\.\d+)?)\s*(?:deg(?:C)?|°C|degC|C)(?![a-z])/i.exec(s);
  if (c) return Number(c[1]);
  const k = /(?:^|[^0-9.])(\d+(?:\.\d+)?)\s*K(?![a-z])/.exec(s);
  if (k) return Number(k[1]) - 273.15;
  return undefined;
}
