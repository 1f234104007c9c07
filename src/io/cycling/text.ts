/**
 * Text helpers shared by the cycler readers: byte decoding (UTF-8, falling back to Latin-1),
 * line splitting, delimited-field splitting with quotes, and number parsing with a decimal point or
 * a decimal comma. Kept allocation-light because cycler files reach 10⁶ rows.
 */
import { InputError } from '../../core/errors.ts';

/** Decodes a file's bytes: UTF-8 when valid, otherwise Latin-1 (old BioLogic/Maccor exports). */
export function decodeText(input: string | Uint8Array, fileName?: string): string {
  if (typeof input === 'string') return input;
  for (let i = 0; i < Math.min(input.length, 65536); i++)
    if (input[i] === 0)
      throw new InputError('file is binary, not text', {
        file: fileName,
        expected: 'a text export of the cycler (CSV or tab-separated text)',
      });
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(input);
  if (!utf8.includes('\uFFFD')) return utf8;
  return new TextDecoder('latin1').decode(input);
}

/** Splits text into lines (LF, CRLF or CR), dropping a BOM and trailing empty lines. */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\n|\r/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}

/** Splits one delimited line; double quotes protect delimiters ("" is a literal quote). */
export function splitFields(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Picks the delimiter (tab, ';' or ',') that splits the header line into the most fields. */
export function guessDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of ['\t', ';', ',']) {
    const n = splitFields(headerLine, d).length;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

const DECIMAL_COMMA = /^\s*[-+]?\d+,\d+([eE][-+]?\d+)?\s*$/;
const DECIMAL_POINT = /^\s*[-+]?\d*\.\d+([eE][-+]?\d+)?\s*$/;

/**
 * Decides whether numbers use a decimal comma by looking at sample rows: only possible when the
 * field delimiter is not a comma. Returns ',' or '.'; mixed evidence is an InputError naming the
 * option that resolves it.
 */
export function detectDecimal(rows: string[][], delimiter: string, fileName?: string): '.' | ',' {
  if (delimiter === ',') return '.';
  let comma = 0;
  let point = 0;
  for (const r of rows)
    for (const f of r) {
      if (DECIMAL_COMMA.test(f)) comma++;
      else if (DECIMAL_POINT.test(f)) point++;
    }
  if (comma > 0 && point > 0)
    throw new InputError('numbers use both a decimal comma and a decimal point', {
      file: fileName,
      expected: "one decimal separator; choose it with the option decimal ('.' or ',')",
    });
  return comma > 0 ? ',' : '.';
}

/** Parses one number; empty or non-numeric text gives NaN (Number('') would give 0). */
export function parseNumber(field: string, decimal: '.' | ','): number {
  if (field.length === 0) return Number.NaN;
  const s = decimal === ',' ? field.replace(',', '.') : field;
  const x = Number(s);
  if (!Number.isFinite(x) || (x === 0 && s.trim() === '')) return Number.NaN;
  return x;
}

const DURATION = /^\s*(?:(\d+)d\s+)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d*)?)\s*$/;
const DATE_SLASH = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2}):(\d{2}):(\d{2}(?:\.\d*)?)\s*([AaPp][Mm])?\s*$/;
const DATE_ISO = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2}):(\d{2}(?:\.\d*)?)\s*([AaPp][Mm])?\s*$/;

/** Order of day and month in slash dates ("05/06/2021"). */
export type DateOrder = 'MDY' | 'DMY';

/** Parses a duration "Nd hh:mm:ss.ffff" or "hh:mm:ss" (Maccor TestTime) into seconds; NaN if not one. */
export function parseDuration(field: string): number {
  const m = DURATION.exec(field);
  if (!m) return Number.NaN;
  return (Number(m[1] ?? 0) * 24 + Number(m[2])) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = ampm.toLowerCase() === 'pm';
  return (h % 12) + (pm ? 12 : 0);
}

/**
 * Parses a date-time into seconds since 1970 read as UTC (only differences are used, so the
 * instrument's time zone cancels). Slash dates need the day/month order; NaN if not a date.
 */
export function parseDateTime(field: string, order: DateOrder): number {
  let m = DATE_ISO.exec(field);
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour12(Number(m[4]), m[7]), Number(m[5]));
    return ms / 1000 + Number(m[6]);
  }
  m = DATE_SLASH.exec(field);
  if (!m) return Number.NaN;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const [month, day] = order === 'MDY' ? [a, b] : [b, a];
  if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
  const ms = Date.UTC(Number(m[3]), month - 1, day, hour12(Number(m[4]), m[7]), Number(m[5]));
  return ms / 1000 + Number(m[6]);
}

/**
 * Day/month order of slash dates from the data itself: a first number above 12 proves DMY, a
 * second above 12 proves MDY; `undefined` when every sample is ambiguous.
 */
export function detectDateOrder(samples: string[]): DateOrder | undefined {
  let mdy = false;
  let dmy = false;
  for (const s of samples) {
    const m = DATE_SLASH.exec(s);
    if (!m) continue;
    if (Number(m[1]) > 12) dmy = true;
    if (Number(m[2]) > 12) mdy = true;
  }
  if (mdy && !dmy) return 'MDY';
  if (dmy && !mdy) return 'DMY';
  return undefined;
}

/** True when the text looks like a slash or ISO date-time. */
export function isDateTime(field: string): boolean {
  return DATE_SLASH.test(field) || DATE_ISO.test(field);
}
