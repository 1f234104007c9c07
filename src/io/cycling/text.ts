/**
 * Text helpers shared by the cycler readers: byte decoding (UTF-8, falling back to Latin-1),
 * line splitting, delimited-field splitting with quotes, and number parsing with a decimal point or
 * a decimal comma. Kept allocation-light because cycler files reach 10⁶ rows.
 */
import { InputError } from '../../core/errors.ts';

/** Decodes a file's bytes: UTF-8 when valid, otherwise Latin-1 (old BioLogic/Maccor exports). */
export function decodeCyclerText(input: string | Uint8Array, fileName?: string): string {
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
  // a one-character string separator takes V8's fast path (a regex split costs ~1 s on 30 MB)
  let lines: string[];
  if (!body.includes('\r')) lines = body.split('\n');
  else if (!body.includes('\n')) lines = body.split('\r');
  else {
    lines = body.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
      if (lines[i].includes('\r')) {
        // stray CRs inside a CRLF file: fall back to the general rule
        lines = body.split(/\r\n|\n|\r/);
        break;
      }
    }
  }
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

const DURATION = /^\s*(?:(\d+)d\s+)?(\d+):(\d{1,2}):(\d{1,2}(?:[.,]\d*)?)\s*$/;
const DATE_SLASH =
  /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2}):(\d{2}):(\d{2}(?:[.,]\d*)?)\s*([AaPp][Mm])?\s*$/;
const DATE_ISO =
  /^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2}):(\d{2}(?:[.,]\d*)?)\s*([AaPp][Mm])?\s*$/;

/** Order of day and month in slash dates ("05/06/2021"). */
export type DateOrder = 'MDY' | 'DMY';

/** Parses a duration "Nd hh:mm:ss.ffff" or "hh:mm:ss" (Maccor TestTime) into seconds; NaN if not one. */
export function parseDuration(field: string): number {
  const m = DURATION.exec(field);
  if (!m) return Number.NaN;
  return (Number(m[1] ?? 0) * 24 + Number(m[2])) * 3600 + Number(m[3]) * 60 + seconds(m[4]);
}

/** Seconds with a decimal point or comma. */
function seconds(s: string): number {
  return Number(s.replace(',', '.'));
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
    const ms = Date.UTC(
      Number(m[1]),
      Number(m[2]) - 1,
      Number(m[3]),
      hour12(Number(m[4]), m[7]),
      Number(m[5]),
    );
    return ms / 1000 + seconds(m[6]);
  }
  m = DATE_SLASH.exec(field);
  if (!m) return Number.NaN;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const [month, day] = order === 'MDY' ? [a, b] : [b, a];
  if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
  const ms = Date.UTC(Number(m[3]), month - 1, day, hour12(Number(m[4]), m[7]), Number(m[5]));
  return ms / 1000 + seconds(m[6]);
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

/** Exact powers of ten (every 10^k with k ≤ 22 is a double without rounding). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_FAST_DIGITS = 15;

/**
 * Number in `s[a, b)` without allocating: plain decimals with up to 15 digits and a power-of-ten
 * exponent within ±22 are m·10^e with both factors exact, so one IEEE multiply/divide gives the
 * correctly rounded value — the same double `Number()` returns (Clinger's fast path). Anything else
 * falls back to `parseNumber` on the slice. Empty fields give NaN.
 */
export function parseNumberAt(s: string, a: number, b: number, decimal: '.' | ','): number {
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  if (a === b) return Number.NaN;
  const point = decimal === ',' ? 44 : 46;
  let i = a;
  let c = s.charCodeAt(i);
  const negative = c === 45;
  if (c === 45 || c === 43) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let seenPoint = false;
  let any = false;
  for (; i < b; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 || c !== 48) digits++;
      mantissa = mantissa * 10 + (c - 48);
      if (seenPoint) fraction++;
      any = true;
    } else if (c === point && !seenPoint) seenPoint = true;
    else break;
  }
  let exponent = 0;
  if (i < b && (c === 101 || c === 69) && any) {
    i++;
    let expNegative = false;
    c = s.charCodeAt(i);
    if (c === 45 || c === 43) {
      expNegative = c === 45;
      i++;
    }
    let expDigits = 0;
    for (; i < b; i++) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      exponent = exponent * 10 + (c - 48);
      expDigits++;
    }
    if (expDigits === 0 || expDigits > 3) return parseNumber(s.slice(a, b), decimal);
    if (expNegative) exponent = -exponent;
  }
  if (i !== b || !any || digits > MAX_FAST_DIGITS) return parseNumber(s.slice(a, b), decimal);
  const e = exponent - fraction;
  let x: number;
  if (e === 0) x = mantissa;
  else if (e > 0 && e <= 22) x = mantissa * POW10[e];
  else if (e < 0 && e >= -22) x = mantissa / POW10[-e];
  else return parseNumber(s.slice(a, b), decimal);
  return negative ? -x : x;
}

/**
 * Field boundaries of an unquoted line: fills `starts`/`ends` (as far as they reach) and returns the
 * number of fields.
 */
export function scanFields(line: string, delimiter: number, starts: Int32Array, ends: Int32Array): number {
  let count = 0;
  let from = 0;
  const n = line.length;
  for (let i = 0; i <= n; i++) {
    if (i === n || line.charCodeAt(i) === delimiter) {
      if (count < starts.length) {
        starts[count] = from;
        ends[count] = i;
      }
      count++;
      from = i + 1;
    }
  }
  return count;
}
