import { InputError } from '../../core/errors.ts';

/**
 * Decodes instrument bytes: UTF-8 (BOM stripped) unless that produces replacement characters, then
 * Latin-1 (EC-Lab and Gamry write µ and ° in Windows-1252/Latin-1). Binary content is refused.
 */
export function decodeInstrumentText(bytes: Uint8Array, fileName?: string): string {
  if (bytes.includes(0))
    throw new InputError('file is binary, not a text export', {
      file: fileName,
      expected: 'a text export of the impedance data (binary .mpr/.idf files are not read)',
    });
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.includes('\uFFFD')) text = new TextDecoder('latin1').decode(bytes);
  return stripBom(text);
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Splits into lines on CRLF, CR CR LF (PowerSuite), CR or LF. Empty lines are kept (line numbers). */
export function splitLines(text: string): string[] {
  return text.split(/\r*\n|\r/);
}

export type Delimiter = '\t' | ',' | ';' | ' ';

/** Guesses the field delimiter of a data line: tab, then semicolon, then comma, then whitespace. */
export function delimiterOf(line: string): Delimiter {
  if (line.includes('\t')) return '\t';
  if (line.includes(';')) return ';';
  if (line.includes(',')) return ',';
  return ' ';
}

/** Splits a line into trimmed fields. Whitespace delimiter collapses runs of blanks. */
export function fields(line: string, delimiter: Delimiter): string[] {
  const t = line.trim();
  if (t === '') return [];
  if (delimiter === ' ') return t.split(/\s+/);
  return t.split(delimiter).map((s) => s.trim().replace(/^"(.*)"$/, '$1'));
}

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;

/**
 * Parses one numeric field; a decimal comma is accepted when the delimiter is not a comma.
 * Returns NaN for anything that is not a plain number.
 */
export function parseNumber(field: string, delimiter: Delimiter): number {
  const s = field.trim();
  if (!NUMBER.test(s)) return Number.NaN;
  if (s.includes(',')) {
    if (delimiter === ',') return Number.NaN;
    return Number(s.replace(',', '.'));
  }
  return Number(s);
}

/** True when every field of the line is a number (and there are at least `min` fields). */
export function isNumericRow(line: string, delimiter: Delimiter, min = 3): boolean {
  const f = fields(line, delimiter).filter((s) => s !== '');
  return f.length >= min && f.every((s) => Number.isFinite(parseNumber(s, delimiter)));
}
