import { InputError } from '../core/errors.ts';
import {
  LOCAL_LABELS,
  type LocalLabel,
  makeStack,
  type Stack,
  stackFromCompact,
  stackFromLabels,
} from './stacking.ts';

/**
 * Readers for the three stacking notations (issue #3, point 1):
 *  - oxygen letters: `ABBAABBC…` (spaces and `|` allowed as separators, case-insensitive);
 *  - compact `(s; d)`: orientations ± and shifts 0/±, e.g. `(+ - + -; 0 0 0)` or `(+-+-;000)`;
 *  - blocks: `P2*10 P3*6 P2*4` = 10 interlayers labelled P2, then 6 P3, then 4 P2 (21 slabs).
 *    The count is a number of interlayers (Na layers); a missing `*n` means 1.
 */
export type Notation = 'letters' | 'compact' | 'blocks';

export interface ParseStackOptions {
  /** Force one notation instead of detecting it. */
  notation?: Notation;
  /** Treat the sequence as one repeat of a periodic crystal (letters and compact forms only). */
  periodic?: boolean;
  /** Field name used in error messages (e.g. a CLI argument or a file name). */
  field?: string;
  /** Largest number of slabs accepted (guards memory). Default 10⁶. */
  maxSlabs?: number;
}

const DEFAULT_MAX_SLABS = 1_000_000;

/** Which notation a text is written in. */
export function detectNotation(text: string): Notation {
  const t = text.trim();
  if (t.startsWith('(')) return 'compact';
  if (/[PO][123]/i.test(t)) return 'blocks';
  return 'letters';
}

/** Parses any of the three notations into a validated Stack. */
export function parseStack(text: string, options: ParseStackOptions = {}): Stack {
  const notation = options.notation ?? detectNotation(text);
  const field = options.field ?? 'sequence';
  const max = options.maxSlabs ?? DEFAULT_MAX_SLABS;
  let stack: Stack;
  if (notation === 'letters') stack = parseLetters(text, options.periodic ?? false, field);
  else if (notation === 'compact') stack = parseCompact(text, options.periodic ?? false, field);
  else {
    if (options.periodic)
      throw new InputError(
        'the block notation describes a finite stack; give letters for a periodic repeat',
        {
          field,
        },
      );
    stack = parseBlocks(text, field, max);
  }
  if (stack.columns.length / 2 > max)
    throw new InputError('stack is too long', {
      field,
      found: `${stack.columns.length / 2} slabs`,
      expected: `at most ${max} slabs`,
    });
  return stack;
}

/** Oxygen letters A/B/C; whitespace and `|` are ignored. */
export function parseLetters(text: string, periodic: boolean, field = 'sequence'): Stack {
  const cols: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (/\s|\|/.test(ch)) continue;
    const up = ch.toUpperCase();
    const code = up === 'A' ? 0 : up === 'B' ? 1 : up === 'C' ? 2 : -1;
    if (code < 0)
      throw new InputError(`unexpected character at position ${i + 1} of the oxygen sequence`, {
        field,
        found: ch,
        expected: 'only the letters A, B, C (spaces and | allowed)',
      });
    cols.push(code);
  }
  if (cols.length === 0)
    throw new InputError('empty stacking sequence', { field, expected: 'oxygen letters such as ABBA' });
  if (cols.length % 2 !== 0)
    throw new InputError('odd number of oxygen layers: every MO₂ slab has two', {
      field,
      found: `${cols.length} letters`,
      expected: 'an even number of letters',
    });
  return makeStack(cols, periodic, field);
}

/** Compact `(s₀ … s_{N−1}; d₀ … d_{N−2})` with s ∈ {+, −, +1, −1, 1} and d ∈ {0, +, −, +1, −1, 1}. */
export function parseCompact(text: string, periodic: boolean, field = 'sequence'): Stack {
  const m = /^\s*\(([^;()]*);([^;()]*)\)\s*$/.exec(text);
  if (!m)
    throw new InputError('cannot read the compact (s; d) form', {
      field,
      found: text,
      expected: 'e.g. (+ - + -; 0 0 0): orientations, a semicolon, shifts, in parentheses',
    });
  const s = signTokens(m[1], false, `${field} (orientations)`);
  const d = signTokens(m[2], true, `${field} (shifts)`);
  if (s.length === 0) throw new InputError('no slab orientations given', { field });
  if (d.length !== s.length - 1)
    throw new InputError('the compact form needs exactly one shift fewer than orientations', {
      field,
      found: `${s.length} orientations and ${d.length} shifts`,
      expected: `${s.length - 1} shifts`,
    });
  return stackFromCompact(s, d, periodic);
}

function signTokens(text: string, allowZero: boolean, field: string): number[] {
  const out: number[] = [];
  const re = /\s*,?\s*([+-]?1|[+-]|0)/y;
  let pos = 0;
  const t = text.trim();
  while (pos < t.length) {
    re.lastIndex = pos;
    const m = re.exec(t);
    if (!m)
      throw new InputError('unexpected token in the compact form', {
        field,
        found: t.slice(pos, pos + 10),
        expected: allowZero ? '0, + or − (or 0, +1, −1)' : '+ or − (or +1, −1)',
      });
    const tok = m[1];
    const v = tok === '0' ? 0 : tok.startsWith('-') ? -1 : 1;
    if (v === 0 && !allowZero)
      throw new InputError('slab orientation cannot be 0', { field, found: tok, expected: '+ or −' });
    out.push(v);
    pos = re.lastIndex;
  }
  return out;
}

/** Block shorthand `P2*10 P3*6 P2*4` (counts are interlayers). Also accepts `P2x10` and commas. */
export function parseBlocks(text: string, field = 'sequence', maxSlabs = DEFAULT_MAX_SLABS): Stack {
  const tokens = text
    .split(/[\s,;]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  if (tokens.length === 0)
    throw new InputError('empty block sequence', { field, expected: 'e.g. P2*10 P3*6' });
  const labels: LocalLabel[] = [];
  for (const tok of tokens) {
    const m = /^([PO][123])(?:[*x×](\d+))?$/i.exec(tok);
    if (!m)
      throw new InputError('cannot read this block', {
        field,
        found: tok,
        expected: `a label (${LOCAL_LABELS.join(', ')}) optionally followed by *count, e.g. P2*10`,
      });
    const label = m[1].toUpperCase() as LocalLabel;
    if (!LOCAL_LABELS.includes(label))
      throw new InputError('unknown local label', { field, found: tok, expected: LOCAL_LABELS.join(', ') });
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (!(count >= 1)) throw new InputError('block count must be a positive integer', { field, found: tok });
    if (labels.length + count >= maxSlabs)
      throw new InputError('stack is too long', { field, expected: `at most ${maxSlabs} slabs` });
    for (let i = 0; i < count; i++) labels.push(label);
  }
  return stackFromLabels(labels);
}
