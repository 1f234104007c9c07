import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { type CifValue, parseCifBlocks, parseNumberWithSu, tryParseNumberWithSu } from './tokenizer.ts';
import { formatCifValue } from './writer.ts';

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

const str = (text: string): CifValue => ({ kind: 'string', text });

describe('parseCifBlocks', () => {
  it('reads items, loops, quotes, text fields, comments and nulls with line numbers', () => {
    const text = [
      '# comment',
      'data_Test',
      "_name 'O'Brien's'",
      '_a ?',
      '_b .',
      "_c '?'",
      '_d "say \'hi\'" # trailing comment',
      '_text',
      ';',
      'line one',
      '  line two',
      ';',
      'loop_',
      '_x_LABEL _x_val',
      'A 1 B 2',
      "C 'three words'",
    ].join('\n');
    const [b] = parseCifBlocks(text, { fileName: 't.cif' });
    expect(b.name).toBe('Test');
    expect(b.line).toBe(2);
    expect(b.items.get('_name')).toEqual({ value: str("O'Brien's"), line: 3 });
    expect(b.items.get('_a')?.value.kind).toBe('unknown');
    expect(b.items.get('_b')?.value.kind).toBe('inapplicable');
    expect(b.items.get('_c')?.value).toEqual(str('?'));
    expect(b.items.get('_d')?.value).toEqual(str("say 'hi'"));
    expect(b.items.get('_text')).toEqual({ value: str('line one\n  line two'), line: 9 });
    expect(b.loops).toHaveLength(1);
    expect(b.loops[0].tags).toEqual(['_x_label', '_x_val']);
    expect(b.loops[0].line).toBe(13);
    expect(b.loops[0].rows.map((r) => r.map((e) => e.value.text))).toEqual([
      ['A', '1'],
      ['B', '2'],
      ['C', 'three words'],
    ]);
    expect(b.loops[0].rows[2][1].line).toBe(16);
  });

  it('keeps several blocks and save frames apart', () => {
    const blocks = parseCifBlocks('data_a\n_x 1\nsave_f\n_y 2\nsave_\ndata_b\n_x 3\n');
    expect(blocks.map((b) => b.name)).toEqual(['a', 'b']);
    expect(blocks[0].saveFrames[0].items.get('_y')?.value.text).toBe('2');
    expect(blocks[0].items.has('_y')).toBe(false);
  });

  it('rejects bad syntax with file and line', () => {
    const cases: [string, number, RegExp][] = [
      ['data_x\nloop_\n_a\n_b\n1 2\n3\n', 6, /not a multiple/],
      ['data_x\nloop_\n_a\n_b\n', 2, /no values/],
      ['data_x\n_a\n', 2, /has no value/],
      ["data_x\n_a 'open\n", 2, /not closed/],
      ['data_x\n_a\n;\nnever closed\n', 3, /never closed/],
      ['_a 1\n', 1, /before any data block/],
      ['data_x\n1 2\n', 2, /without a tag/],
      ['data_x\n_a 1\n_a 2\n', 3, /twice/],
      ['data_x\n_a \u0000\n', 2, /binary/],
    ];
    for (const [text, line, re] of cases) {
      const e = errorOf(() => parseCifBlocks(text, { fileName: 'bad.cif' }));
      expect(e.file).toBe('bad.cif');
      expect(e.line, text).toBe(line);
      expect(e.message).toMatch(re);
      expect(e.message).toContain('bad.cif');
    }
  });
});

describe('parseNumberWithSu', () => {
  it('reads values and standard uncertainties', () => {
    expect(parseNumberWithSu('0.1234(5)')).toEqual({ value: 0.1234, su: 0.0005 });
    const e = parseNumberWithSu('1.2E-3(2)');
    expect(e.value).toBeCloseTo(1.2e-3, 15);
    expect(e.su).toBeCloseTo(2e-4, 15);
    expect(parseNumberWithSu('-0.5')).toEqual({ value: -0.5 });
    expect(parseNumberWithSu('.5')).toEqual({ value: 0.5 });
    expect(parseNumberWithSu('12(3)')).toEqual({ value: 12, su: 3 });
    expect(parseNumberWithSu('13.888(1)')).toEqual({ value: 13.888, su: 0.001 });
    for (const bad of ['', '.', '-', 'abc', '1.2.3', '1(2', '1e', '0x10', 'NaN', '1(a)'])
      expect(tryParseNumberWithSu(bad), bad).toBeUndefined();
    expect(errorOf(() => parseNumberWithSu('x', { file: 'f.cif', line: 3, field: '_f' })).line).toBe(3);
  });

  it('property: formatted numbers read back (value and su)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 8 }),
        fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined }),
        fc.integer({ min: -5, max: 5 }),
        (mantissa, decimals, suDigits, exponent) => {
          const scaled = mantissa / 10 ** decimals;
          let text = scaled.toFixed(decimals);
          if (exponent !== 0) text += `e${exponent}`;
          if (suDigits !== undefined) text += `(${suDigits})`;
          const r = parseNumberWithSu(text);
          const expected = scaled * 10 ** exponent;
          expect(Math.abs(r.value - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-12 + 1e-300);
          if (suDigits === undefined) expect(r.su).toBeUndefined();
          else expect(r.su! / (suDigits * 10 ** (exponent - decimals))).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------- property tests

/** Printable ASCII plus tab and some Latin-1/Unicode, no CR/LF (those need text fields). */
const lineChar = fc.constantFrom(...' \tabcxyzABC012789_-+.,;:#$\'"[]()?/\\éÅ°'.split(''));
const lineText = fc.string({ unit: lineChar, maxLength: 12 });
/** Multi-line values: lines that do not start with ';' (CIF 1.1 cannot hold those). */
const multiLineText = fc
  .array(
    lineText.filter((l) => !l.startsWith(';')),
    { minLength: 2, maxLength: 4 },
  )
  .map((ls) => ls.join('\n'));
const value = fc.oneof(
  { weight: 5, arbitrary: lineText },
  { weight: 1, arbitrary: multiLineText },
  { weight: 1, arbitrary: fc.constantFrom('?', '.') }, // as nulls (written bare)
);
const tagName = fc.stringMatching(/^_[a-z][a-z0-9_]{0,8}$/);

interface Doc {
  items: [string, string][];
  loops: { tags: string[]; rows: string[][] }[];
}

const doc: fc.Arbitrary<Doc> = fc
  .record({
    items: fc.array(fc.tuple(tagName, value), { maxLength: 6 }),
    loops: fc.array(
      fc.integer({ min: 1, max: 4 }).chain((n) =>
        fc.record({
          tags: fc.uniqueArray(tagName, { minLength: n, maxLength: n }),
          rows: fc.array(fc.array(value, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 4 }),
        }),
      ),
      { maxLength: 3 },
    ),
  })
  .map((d) => {
    // Tags must be unique across the block.
    const seen = new Set<string>();
    const items = d.items.filter(([t]) => !seen.has(t) && seen.add(t));
    const loops = d.loops.filter(
      (l) => l.tags.every((t) => !seen.has(t)) && l.tags.every((t) => seen.add(t)),
    );
    return { items, loops };
  });

function serialize(name: string, d: Doc): string {
  // '?' and '.' are written bare, i.e. as the CIF null values; everything else through the writer.
  const fmt = (v: string) => (v === '?' || v === '.' ? v : formatCifValue(v));
  const out = [`data_${name}`];
  for (const [t, v] of d.items) out.push(`${t} ${fmt(v)}`);
  for (const l of d.loops) {
    out.push('loop_', ...l.tags);
    for (const r of l.rows) out.push(r.map(fmt).join(' '));
  }
  return out.join('\n');
}

function asValue(v: string): CifValue {
  if (v === '?') return { kind: 'unknown', text: '?' };
  if (v === '.') return { kind: 'inapplicable', text: '.' };
  return { kind: 'string', text: v };
}

describe('tokenizer properties', () => {
  it('serialized documents tokenize back to the same items and loop rows', () => {
    fc.assert(
      fc.property(doc, (d) => {
        const [b] = parseCifBlocks(serialize('prop', d), { fileName: 'prop.cif' });
        expect([...b.items].map(([t, e]) => [t, e.value])).toEqual(d.items.map(([t, v]) => [t, asValue(v)]));
        expect(
          b.loops.map((l) => ({ tags: l.tags, rows: l.rows.map((r) => r.map((e) => e.value)) })),
        ).toEqual(d.loops.map((l) => ({ tags: l.tags, rows: l.rows.map((r) => r.map(asValue)) })));
      }),
      { numRuns: 400 },
    );
  });

  it('random text never throws anything but InputError', () => {
    const cifish = fc.string({
      unit: fc.constantFrom(...'data_ loop_ save_ _tag ; \' " # ? . \n\r\t x 1 ('.split(' ')),
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), cifish), (text) => {
        try {
          parseCifBlocks(text, { fileName: 'random.cif' });
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).file).toBe('random.cif');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('random bytes decoded as latin1 never throw anything but InputError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseCifBlocks(Buffer.from(bytes).toString('latin1'), { fileName: 'bytes.cif' });
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
