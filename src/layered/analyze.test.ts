import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { analyzeStack } from './analyze.ts';
import { mergeShortRuns } from './domains.ts';
import { detectNotation, parseStack } from './notation.ts';
import {
  canonicalForm,
  formatColumns,
  glide,
  makeStack,
  stackFromCompact,
  stackGeometry,
} from './stacking.ts';

const WORKED = 'ABBAABBAABBCCAABBCCBBCCB';

describe('worked example of brief §1.3', () => {
  const a = analyzeStack(parseStack(WORKED));
  it('labels, interphases, α, β', () => {
    expect(a.slabs).toBe(12);
    expect(a.labels).toEqual(['P2', 'P2', 'P2', 'P2', 'P3', 'P3', 'P3', 'P3', 'P2', 'P2', 'P2']);
    expect(a.environments.every((e) => e === 'P')).toBe(true);
    expect(a.character).toEqual([2, 2, 2, 2, 3, 3, 3, 3, 2, 2, 2]);
    expect(a.interphases).toEqual([4, 8]);
    expect(a.alpha).toBeCloseTo(2 / 11, 14);
    expect(a.beta).toBeNull();
    expect(a.polytype).toBe('intergrowth');
    expect(a.fractions.P2).toBeCloseTo(7 / 11, 14);
    expect(a.fractions.P3).toBeCloseTo(4 / 11, 14);
    expect(a.phi2).toBeCloseTo(7 / 11, 14);
  });
  it('α per nm uses the spacings: |I|/(N·d̄)', () => {
    const b = analyzeStack(parseStack(WORKED), { spacingAngstrom: { P2: 5.5, P3: 5.5 } });
    expect(b.alphaPerNm).toBeCloseTo(2 / (12 * 0.55), 12);
  });
  it('gliding every interlayer (sign = orientation of the slab below) gives O2×4, O3×4, O2×3 and the same interphases', () => {
    let s = parseStack(WORKED);
    for (let i = 0; i < 11; i++) {
      const o = stackGeometry(s).orientation[i] as 1 | -1;
      s = glide(s, i, o);
    }
    const g = analyzeStack(s);
    expect(g.labels).toEqual(['O2', 'O2', 'O2', 'O2', 'O3', 'O3', 'O3', 'O3', 'O2', 'O2', 'O2']);
    expect(g.interphases).toEqual([4, 8]);
    expect(g.character).toEqual(a.character);
  });
  it('any random gliding keeps orientations, characters and interphases (invariant of §1.2)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.constantFrom(1 as const, -1 as const))),
        (moves) => {
          let s = parseStack(WORKED);
          for (const [i, sign] of moves) s = glide(s, i, sign);
          const g = analyzeStack(s);
          expect(g.orientation).toEqual(a.orientation);
          expect(g.interphases).toEqual(a.interphases);
        },
      ),
    );
  });
});

describe('polytype table §2.4 (periodic repeats)', () => {
  const rows: [string, string[], string, string?][] = [
    ['AB', ['O1'], 'O1'],
    ['ABBA', ['P2', 'P2'], 'P2'],
    ['ABAC', ['O2', 'O2'], 'O2'],
    ['ABBCCA', ['P3', 'P3', 'P3'], 'P3'],
    ['ABCABC', ['O3', 'O3', 'O3'], 'O3'],
    ['ABBABCCB', ['P2', 'O2', 'P2', 'O2'], 'OP4', 'P2/O2'],
    ['ABBCBAAC', ['P3', 'O2', 'P3', 'O2'], 'OP4', 'P3/O2'],
    ['ABBACBBC', ['P2', 'O3', 'P2', 'O3'], 'OP4', 'P2/O3'],
  ];
  for (const [seq, labels, poly, detail] of rows)
    it(`${seq} → ${labels.join(',')} = ${poly}`, () => {
      const a = analyzeStack(parseStack(seq, { periodic: true }));
      expect(a.labels).toEqual(labels);
      expect(a.polytype).toBe(poly);
      expect(a.polytypeDetail).toBe(detail);
    });
  it('the 6 normalised triplets are exhaustive and map to the five labels', () => {
    const seen = new Set<string>();
    for (const s0 of [1, -1])
      for (const d of [-1, 0, 1])
        for (const s1 of [1, -1]) {
          const g = stackGeometry(stackFromCompact([s0, s1], [d]));
          seen.add(g.labels[0]);
          expect(g.character[0]).toBe(s0 === s1 ? 3 : 2);
          expect(g.environments[0]).toBe(d === 0 ? 'P' : 'O');
        }
    expect([...seen].sort()).toEqual(['O1', 'O2', 'O3', 'P2', 'P3']);
  });
});

describe('notations', () => {
  it('detects and reads all three', () => {
    expect(detectNotation('ABBA')).toBe('letters');
    expect(detectNotation('(+-;0)')).toBe('compact');
    expect(detectNotation('P2*10 P3*6')).toBe('blocks');
    expect(formatColumns(parseStack('(+ - +; 0 0)'))).toBe('AB BA AB');
    expect(formatColumns(parseStack('(+1,-1,+1;0,0)'))).toBe('AB BA AB');
    expect(formatColumns(parseStack('ab | ba | ab'))).toBe('AB BA AB');
  });
  it('block shorthand reproduces its labels; counts are interlayers', () => {
    const a = analyzeStack(parseStack('P2*4 P3*4 P2*3'));
    expect(a.slabs).toBe(12);
    expect(a.labels.join(',')).toBe('P2,P2,P2,P2,P3,P3,P3,P3,P2,P2,P2');
    expect(a.interphases).toEqual([4, 8]);
    expect(canonicalForm(parseStack('P2*4 P3*4 P2*3'))).toBe(canonicalForm(parseStack(WORKED)));
  });
  it('letters → compact → letters round-trips (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(1, -1), fc.constantFrom(-1, 0, 1)), {
          minLength: 1,
          maxLength: 40,
        }),
        (pairs) => {
          const s = pairs.map((p) => p[0]);
          const d = pairs.slice(1).map((p) => p[1]);
          const st = stackFromCompact(s, d);
          const g = stackGeometry(parseStack(formatColumns(st)));
          expect(Array.from(g.orientation)).toEqual(s);
          expect(Array.from(g.shift)).toEqual(d);
          const txt = `(${s.map((x) => (x > 0 ? '+' : '-')).join(' ')}; ${d.map((x) => (x === 0 ? '0' : x > 0 ? '+' : '-')).join(' ')})`;
          expect(formatColumns(parseStack(txt))).toBe(formatColumns(st));
        },
      ),
    );
  });
  it('canonical form is invariant under relabelling and reversal', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(1, -1), fc.constantFrom(-1, 0, 1)), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.integer({ min: 0, max: 5 }),
        (pairs, k) => {
          const st = stackFromCompact(
            pairs.map((p) => p[0]),
            pairs.slice(1).map((p) => p[1]),
          );
          const perms = [
            [0, 1, 2],
            [1, 2, 0],
            [2, 0, 1],
            [0, 2, 1],
            [2, 1, 0],
            [1, 0, 2],
          ];
          const moved = makeStack(Array.from(st.columns, (c) => perms[k][c]));
          const rev = makeStack(Array.from(st.columns).reverse());
          expect(canonicalForm(moved)).toBe(canonicalForm(st));
          expect(canonicalForm(rev)).toBe(canonicalForm(st));
        },
      ),
    );
  });
  it('rejects bad input with one InputError each', () => {
    const bad = ['ABDA', 'ABB', 'AABB', '', '(+ 0; 0)', '(+ -; 0 0)', 'P4*3', 'P2*0', 'A1'];
    for (const b of bad) expect(() => parseStack(b), b).toThrow(InputError);
    expect(() => parseStack('ABDA')).toThrow(/position 3/);
    expect(() => parseStack('AABB')).toThrow(/same letter twice/);
    expect(() => parseStack('ABB')).toThrow(/odd number/);
    const s = parseStack('ABBAAB');
    expect(() => analyzeStack(s, { spacingAngstrom: { P2: -5 } })).toThrow(InputError);
    expect(() => analyzeStack(s, { spacingsAngstrom: [5.5, Number.NaN] })).toThrow(/spacings\[1\]/);
    expect(() => analyzeStack(s, { spacingsAngstrom: [5.5] })).toThrow(/one spacing per interlayer/);
    expect(() => analyzeStack(s, { minDomain: 0 })).toThrow(InputError);
  });
  it('random text never crashes with anything but InputError (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (t) => {
        try {
          parseStack(t);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
    );
  });
});

describe('domains and β', () => {
  it('minDomain merges an isolated fault (two interphases one apart → none)', () => {
    const seq = 'P2*10 P3*1 P2*10';
    expect(analyzeStack(parseStack(seq)).interphases).toEqual([10, 11]);
    expect(analyzeStack(parseStack(seq), { minDomain: 2 }).interphases).toEqual([]);
    expect(mergeShortRuns([2, 2, 3, 2, 2], 1)).toEqual([2, 2, 3, 2, 2]);
  });
  it('periodic interphases → β = 0; uneven spacings → their CV', () => {
    const even = analyzeStack(parseStack('P2*5 P3*5 P2*5 P3*5 P2*5'));
    expect(even.interphases).toEqual([5, 10, 15, 20]);
    expect(even.beta).toBe(0);
    const uneven = analyzeStack(parseStack('P2*5 P3*2 P2*8 P3*5 P2*5'));
    // gaps 2, 8, 5 → mean 5, population std √6
    expect(uneven.gaps).toEqual([2, 8, 5]);
    expect(uneven.beta).toBeCloseTo(Math.sqrt(6) / 5, 14);
    const ends = analyzeStack(parseStack('P2*5 P3*2 P2*8 P3*5 P2*5'), { includeEnds: true });
    expect(ends.gaps).toEqual([5, 2, 8, 5, 5]);
  });
});
