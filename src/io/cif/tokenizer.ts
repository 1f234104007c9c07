/**
 * CIF 1.1 syntax: text → data blocks of items and loops. No crystallography here (see semantic.ts).
 *
 * Covered: `data_` blocks, `save_` frames (kept as nested blocks), `loop_`, single/double-quoted
 * strings (a quote closes only when followed by whitespace or end of line, so 'O'Brien' is one value),
 * `;` text fields, `#` comments, unquoted values, and the null values `?` (unknown) and `.`
 * (inapplicable), which are kept distinct from the quoted strings '?' and '.'. Every entry carries its
 * 1-based line number. Anything that is not valid CIF syntax throws one InputError with file and line.
 */
import { InputError } from '../../core/errors.ts';

/** A CIF value: a string, or one of the two CIF null values. `text` is '?' / '.' for the nulls. */
export interface CifValue {
  kind: 'string' | 'unknown' | 'inapplicable';
  text: string;
}

/** A value with the 1-based line it starts on. */
export interface CifEntry {
  value: CifValue;
  line: number;
}

export interface CifLoop {
  /** Lower-cased tags in the order given. */
  tags: string[];
  /** rows[i][j] is the value of tags[j] in row i. */
  rows: CifEntry[][];
  /** Line of the `loop_` keyword. */
  line: number;
}

export interface CifBlock {
  /** Block name without the `data_` prefix, as written (case kept). */
  name: string;
  /** Line of the `data_` (or `save_`) keyword. */
  line: number;
  /** Single-valued items, keyed by lower-cased tag. */
  items: Map<string, CifEntry>;
  loops: CifLoop[];
  /** `save_` frames inside this block (empty for frames themselves). */
  saveFrames: CifBlock[];
}

export interface TokenizeOptions {
  /** Used in error messages. */
  fileName?: string;
}

export const UNKNOWN: CifValue = Object.freeze({ kind: 'unknown', text: '?' }) as CifValue;
export const INAPPLICABLE: CifValue = Object.freeze({ kind: 'inapplicable', text: '.' }) as CifValue;

/** True for `?` and `.` (CIF null values). */
export function isNull(v: CifValue): boolean {
  return v.kind !== 'string';
}

type Token =
  | { type: 'data'; name: string; line: number }
  | { type: 'save'; name: string; line: number }
  | { type: 'loop'; line: number }
  | { type: 'tag'; tag: string; line: number }
  | { type: 'value'; value: CifValue; line: number };

/** Control characters other than tab, LF, VT, FF, CR mean the file is binary, not CIF text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting binary input is the point
const BINARY_CHARS = /[\u0000-\u0008\u000e-\u001f\u007f]/;

/** Splits CIF text into data blocks. */
export function parseCifBlocks(text: string, options: TokenizeOptions = {}): CifBlock[] {
  const file = options.fileName;
  return assemble(tokenize(text, file), file);
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\v' || ch === '\f';
}

function tokenize(text: string, file: string | undefined): Token[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte-order mark
  const lines = text.split(/\r\n|\r|\n/);
  const tokens: Token[] = [];
  let lineIndex = 0;
  let startCol = 0;
  while (lineIndex < lines.length) {
    const line = lines[lineIndex];
    const lineNo = lineIndex + 1;
    const bin = BINARY_CHARS.exec(line);
    if (bin)
      throw new InputError('the file contains binary data, not CIF text', {
        file,
        line: lineNo,
        found: `character code ${bin[0].charCodeAt(0)}`,
        expected: 'a plain-text CIF file',
      });
    if (startCol === 0 && line.startsWith(';')) {
      // Text field: runs to the next line that starts with ';'.
      const parts: string[] = [line.slice(1)];
      let end = lineIndex + 1;
      while (end < lines.length && !lines[end].startsWith(';')) {
        if (BINARY_CHARS.test(lines[end]))
          throw new InputError('the file contains binary data, not CIF text', {
            file,
            line: end + 1,
            expected: 'a plain-text CIF file',
          });
        parts.push(lines[end]);
        end++;
      }
      if (end >= lines.length)
        throw new InputError('text field is never closed', {
          file,
          line: lineNo,
          expected: "a line starting with ';' to end the text field opened here",
        });
      // A text field whose first line is empty starts on the next line (the usual layout).
      if (parts.length > 1 && parts[0].trim() === '') parts.shift();
      tokens.push({ type: 'value', value: { kind: 'string', text: parts.join('\n') }, line: lineNo });
      lineIndex = end;
      startCol = 1; // anything after the closing ';' is read as ordinary tokens
      continue;
    }
    let i = startCol;
    startCol = 0;
    while (i < line.length) {
      while (i < line.length && isSpace(line[i])) i++;
      if (i >= line.length) break;
      const ch = line[i];
      if (ch === '#') break;
      if (ch === "'" || ch === '"') {
        let j = i + 1;
        while (j < line.length && !(line[j] === ch && (j + 1 === line.length || isSpace(line[j + 1])))) j++;
        if (j >= line.length)
          throw new InputError('quoted string is not closed on its line', {
            file,
            line: lineNo,
            found: line.slice(i),
            expected: `a closing ${ch} followed by a space or the end of the line`,
          });
        tokens.push({ type: 'value', value: { kind: 'string', text: line.slice(i + 1, j) }, line: lineNo });
        i = j + 1;
        continue;
      }
      let j = i;
      while (j < line.length && !isSpace(line[j])) j++;
      tokens.push(classifyWord(line.slice(i, j), lineNo, file));
      i = j;
    }
    lineIndex++;
  }
  return tokens;
}

function classifyWord(word: string, line: number, file: string | undefined): Token {
  if (word.startsWith('_')) return { type: 'tag', tag: word.toLowerCase(), line };
  const lower = word.toLowerCase();
  if (lower.startsWith('data_')) return { type: 'data', name: word.slice(5), line };
  if (lower.startsWith('save_')) return { type: 'save', name: word.slice(5), line };
  if (lower === 'loop_') return { type: 'loop', line };
  if (lower === 'global_' || lower === 'stop_')
    throw new InputError(`'${word}' is a STAR keyword that CIF does not allow`, {
      file,
      line,
      expected: 'data_, loop_, save_, a tag or a value',
    });
  if (word === '?') return { type: 'value', value: UNKNOWN, line };
  if (word === '.') return { type: 'value', value: INAPPLICABLE, line };
  return { type: 'value', value: { kind: 'string', text: word }, line };
}

/** Builds blocks from the token stream, checking CIF grammar. */
function assemble(tokens: Token[], file: string | undefined): CifBlock[] {
  const blocks: CifBlock[] = [];
  let block: CifBlock | undefined;
  let frame: CifBlock | undefined;
  let pendingTag: { tag: string; line: number } | undefined;
  let loop: { loop: CifLoop; values: CifEntry[]; inValues: boolean } | undefined;

  const target = (): CifBlock => frame ?? block!;
  const checkTagUnique = (tag: string, line: number) => {
    const b = target();
    const prior = b.items.get(tag)?.line ?? b.loops.find((l) => l.tags.includes(tag))?.line;
    if (prior !== undefined)
      throw new InputError(`tag ${tag} appears twice in the same data block (first on line ${prior})`, {
        file,
        line,
        field: tag,
        expected: 'each tag once per data block',
      });
  };
  const finishLoop = (atLine: number) => {
    if (!loop) return;
    const { loop: l, values } = loop;
    loop = undefined;
    if (values.length === 0)
      throw new InputError('loop_ has tags but no values', {
        file,
        line: l.line,
        found: l.tags.join(' '),
        expected: `values for the ${l.tags.length} tag(s) after the tags (before line ${atLine})`,
      });
    const n = l.tags.length;
    if (values.length % n !== 0)
      throw new InputError(
        `loop_ has ${values.length} values, not a multiple of its ${n} tags (last row is incomplete)`,
        {
          file,
          line: values[values.length - 1].line,
          field: l.tags[0],
          expected: `${n} values per row`,
        },
      );
    for (let r = 0; r < values.length; r += n) l.rows.push(values.slice(r, r + n));
    target().loops.push(l);
  };
  const needBlock = (what: string, line: number) => {
    if (!block)
      throw new InputError(`${what} before any data block`, {
        file,
        line,
        expected: "a 'data_name' line first",
      });
  };

  for (const tok of tokens) {
    if (loop) {
      if (!loop.inValues && tok.type === 'tag') {
        checkTagUnique(tok.tag, tok.line);
        if (loop.loop.tags.includes(tok.tag))
          throw new InputError(`tag ${tok.tag} is repeated in one loop`, { file, line: tok.line });
        loop.loop.tags.push(tok.tag);
        continue;
      }
      if (tok.type === 'value') {
        if (loop.loop.tags.length === 0)
          throw new InputError('loop_ has no tags', {
            file,
            line: loop.loop.line,
            expected: 'one or more _tags after loop_',
          });
        loop.inValues = true;
        loop.values.push({ value: tok.value, line: tok.line });
        continue;
      }
      if (loop.loop.tags.length === 0)
        throw new InputError('loop_ has no tags', {
          file,
          line: loop.loop.line,
          expected: 'one or more _tags after loop_',
        });
      finishLoop(tok.line);
    }
    if (pendingTag && tok.type !== 'value')
      throw new InputError(`tag ${pendingTag.tag} has no value`, {
        file,
        line: pendingTag.line,
        field: pendingTag.tag,
        expected: 'a value after the tag (use ? if unknown)',
      });
    switch (tok.type) {
      case 'data': {
        if (tok.name === '')
          throw new InputError('data block has no name', { file, line: tok.line, expected: "'data_name'" });
        if (frame)
          throw new InputError(`save frame save_${frame.name} is not closed before a new data block`, {
            file,
            line: tok.line,
            expected: "'save_' to close the frame",
          });
        block = { name: tok.name, line: tok.line, items: new Map(), loops: [], saveFrames: [] };
        blocks.push(block);
        break;
      }
      case 'save': {
        needBlock('save frame', tok.line);
        if (tok.name === '') {
          if (!frame)
            throw new InputError("'save_' closes a save frame, but none is open", { file, line: tok.line });
          frame = undefined;
        } else {
          if (frame)
            throw new InputError('save frames cannot be nested', {
              file,
              line: tok.line,
              expected: `'save_' to close save_${frame.name} first`,
            });
          frame = { name: tok.name, line: tok.line, items: new Map(), loops: [], saveFrames: [] };
          block!.saveFrames.push(frame);
        }
        break;
      }
      case 'loop':
        needBlock('loop_', tok.line);
        loop = { loop: { tags: [], rows: [], line: tok.line }, values: [], inValues: false };
        break;
      case 'tag':
        needBlock(`tag ${tok.tag}`, tok.line);
        checkTagUnique(tok.tag, tok.line);
        pendingTag = { tag: tok.tag, line: tok.line };
        break;
      case 'value':
        if (!pendingTag) {
          needBlock('value', tok.line);
          throw new InputError('value without a tag', {
            file,
            line: tok.line,
            found: tok.value.text,
            expected: 'a _tag before each value, or the value inside a loop_',
          });
        }
        target().items.set(pendingTag.tag, { value: tok.value, line: tok.line });
        pendingTag = undefined;
        break;
    }
  }
  const lastLine = tokens.length > 0 ? tokens[tokens.length - 1].line : 1;
  if (loop) {
    if (loop.loop.tags.length === 0)
      throw new InputError('loop_ has no tags', { file, line: loop.loop.line, expected: 'tags after loop_' });
    finishLoop(lastLine + 1);
  }
  if (pendingTag)
    throw new InputError(`tag ${pendingTag.tag} has no value`, {
      file,
      line: pendingTag.line,
      field: pendingTag.tag,
      expected: 'a value after the tag (use ? if unknown)',
    });
  if (frame)
    throw new InputError(`save frame save_${frame.name} is never closed`, {
      file,
      line: frame.line,
      expected: "'save_' to close it",
    });
  return blocks;
}

/** A number with its standard uncertainty (both in the unit of the value). */
export interface NumberWithSu {
  value: number;
  /** Standard uncertainty from the parenthesised digits, e.g. 0.1234(5) → 0.0005. */
  su?: number;
}

const NUMBER_SU = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?(?:\((\d+)\))?$/;

/**
 * Reads a CIF number with optional standard uncertainty: '0.1234(5)', '1.2E-3(2)', '-0.5', '.5', '12(3)'.
 * Returns undefined when the text is not such a number.
 */
export function tryParseNumberWithSu(text: string): NumberWithSu | undefined {
  const m = NUMBER_SU.exec(text.trim());
  if (!m) return undefined;
  const [, sign, intPart, fracPart = '', expPart, suDigits] = m;
  if (intPart === '' && fracPart === '') return undefined;
  const exponent = expPart === undefined ? 0 : Number(expPart);
  const value = Number(`${sign}${intPart || '0'}.${fracPart || '0'}e${exponent}`);
  if (!Number.isFinite(value)) return undefined;
  if (suDigits === undefined) return { value };
  // The su applies to the last digit written: scale by 10^(exponent − number of decimals).
  const su = Number(`${suDigits}e${exponent - fracPart.length}`);
  if (!Number.isFinite(su)) return undefined;
  return { value, su };
}

/** As tryParseNumberWithSu, but throws InputError (with the given location) for non-numbers. */
export function parseNumberWithSu(
  text: string,
  where: { file?: string; line?: number; field?: string } = {},
): NumberWithSu {
  const r = tryParseNumberWithSu(text);
  if (!r)
    throw new InputError('not a number', {
      ...where,
      found: text,
      expected: 'a number such as 0.1234 or 0.1234(5) (value with su in parentheses)',
    });
  return r;
}
