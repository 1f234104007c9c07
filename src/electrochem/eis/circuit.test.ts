import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { formatCircuit, parseCircuit } from './circuit.ts';
import { ELEMENTS } from './elements.ts';
import { circuitImpedance } from './evaluate.ts';

const logspace = (a: number, b: number, n: number) =>
  Float64Array.from({ length: n }, (_, i) => 10 ** (a + ((b - a) * i) / (n - 1)));

describe('circuit language', () => {
  it('parses impedance.py syntax with nesting and names parameters like impedance.py', () => {
    const c = parseCircuit('R0-p(R1,C1)-p(R2-Wo1,C2)');
    expect(c.syntax).toBe('impedancepy');
    expect(c.parameters.map((p) => p.name)).toEqual(['R0', 'R1', 'C1', 'R2', 'Wo1_0', 'Wo1_1', 'C2']);
    expect(c.parameters.map((p) => p.unit)).toEqual(['Ohm', 'Ohm', 'F', 'Ohm', 'Ohm', 'sec', 'F']);
    expect(formatCircuit(c, 'impedancepy')).toBe('R0-p(R1,C1)-p(R2-Wo1,C2)');
    expect(formatCircuit(c, 'boukamp')).toBe('R(RC)([RO]C)'.replace('[RO]', '(RO)'));
  });

  it('parses Boukamp CDC with alternating nesting', () => {
    const c = parseCircuit('R(RQ)(RW)');
    expect(c.syntax).toBe('boukamp');
    expect(formatCircuit(c, 'impedancepy')).toBe('R0-p(R1,CPE0)-p(R2,W0)');
    const nested = parseCircuit('R(Q(RW))');
    expect(formatCircuit(nested, 'impedancepy')).toBe('R0-p(CPE0,R1-W0)');
    expect(formatCircuit(parseCircuit('R(C[RW])'), 'boukamp')).toBe('R(C(RW))');
  });

  it('round-trips both syntaxes (property test over random trees)', () => {
    const symbols = ['R', 'C', 'L', 'CPE', 'W', 'Wo', 'Ws', 'G'];
    type T = { leaf: string } | { kind: 's' | 'p'; kids: T[] };
    const tree: fc.Arbitrary<T> = fc.letrec<{ t: T }>((tie) => ({
      t: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(...symbols).map((s) => ({ leaf: s })),
        fc.record({
          kind: fc.constantFrom('s' as const, 'p' as const),
          kids: fc.array(tie('t'), { minLength: 2, maxLength: 3 }),
        }),
      ),
    })).t;
    fc.assert(
      fc.property(tree, (t) => {
        let k = 0;
        const emit = (n: T): string =>
          'leaf' in n
            ? `${n.leaf}${k++}`
            : n.kind === 's'
              ? n.kids.map(emit).join('-')
              : `p(${n.kids.map(emit).join(',')})`;
        const src = emit(t);
        const c = parseCircuit(src);
        const py = formatCircuit(c, 'impedancepy');
        expect(formatCircuit(parseCircuit(py), 'impedancepy')).toBe(py);
        const cdc = formatCircuit(c, 'boukamp');
        const back = parseCircuit(cdc, 'boukamp');
        expect(formatCircuit(back, 'boukamp')).toBe(cdc);
        // Same impedance through both syntaxes (parameter order is reading order in both).
        const f = logspace(-2, 5, 9);
        const p = c.parameters.map((q, i) => (q.kind === 'exponent' ? 0.8 : 1 + i));
        const a = circuitImpedance(c, p, f);
        const b = circuitImpedance(back, p, f);
        for (let i = 0; i < f.length; i++) {
          expect(b.zReal[i]).toBeCloseTo(a.zReal[i], 9);
          expect(b.zImag[i]).toBeCloseTo(a.zImag[i], 9);
        }
      }),
      { numRuns: 150 },
    );
  });

  const errorAt = (src: string) => {
    try {
      parseCircuit(src);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error(`no error for ${src}`);
  };

  it('malformed strings point at the character', () => {
    expect(errorAt('p(R1')).toMatch(/unclosed 'p\(' opened at character 1 at the end/);
    expect(errorAt('R1--C1')).toMatch(/character 4/);
    expect(errorAt('R1-X1')).toMatch(/unknown element 'X' at character 4/);
    expect(errorAt('R1-p(R2,C2))')).toMatch(/unmatched '\)' at character 12/);
    expect(errorAt('R(RQ')).toMatch(/unclosed '\(' opened at character 2/);
    expect(errorAt('R(RZ)')).toMatch(/unknown Boukamp element 'Z' at character 4/);
    expect(errorAt('R1-R1')).toMatch(/used twice at character 4/);
    expect(errorAt('')).toMatch(/empty circuit/);
    // Object prototype names are not elements (regression: found by fast-check).
    expect(errorAt('toString')).toMatch(/unknown element 'toString' at character 1/);
    expect(errorAt('R0-constructor1')).toMatch(/unknown element 'constructor'/);
  });

  it('garbage never crashes the parser', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        try {
          parseCircuit(s);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('element kernels: analytic limits', () => {
  const f = logspace(-3, 7, 41);
  it('R–C parallel: R at low f, 0 at high f, semicircle of diameter R with apex at ω = 1/RC', () => {
    const c = parseCircuit('p(R1,C1)');
    const R = 100;
    const C = 1e-6;
    const z = circuitImpedance(c, [R, C], f);
    expect(z.zReal[0]).toBeCloseTo(R, 3);
    expect(z.zReal[f.length - 1]).toBeLessThan(1e-3);
    for (let i = 0; i < f.length; i++) {
      // Points on the circle (Z' − R/2)² + Z''² = (R/2)².
      expect((z.zReal[i] - R / 2) ** 2 + z.zImag[i] ** 2).toBeCloseTo((R / 2) ** 2, 6);
      expect(z.zImag[i]).toBeLessThanOrEqual(0);
    }
    const apex = circuitImpedance(c, [R, C], [1 / (2 * Math.PI * R * C)]);
    expect(apex.zReal[0]).toBeCloseTo(R / 2, 10);
    expect(apex.zImag[0]).toBeCloseTo(-R / 2, 10);
  });

  it('Randles circuit: HF intercept Rs, arc diameter Rct, then a 45° Warburg line', () => {
    const c = parseCircuit('R0-p(R1-W1,C1)');
    const z = circuitImpedance(c, [10, 50, 5, 1e-5], [1e7, 1e-6]);
    expect(z.zReal[0]).toBeCloseTo(10, 3);
    // Deep in the Warburg region: d(−Z'')/dZ' → 1 (45°).
    const lf = circuitImpedance(c, [10, 50, 5, 1e-5], [1e-6, 1.1e-6]);
    const slope = (-lf.zImag[1] + lf.zImag[0]) / (lf.zReal[1] - lf.zReal[0]);
    expect(slope).toBeCloseTo(1, 2);
  });

  it('W has a constant −45° phase; CPE has phase −nπ/2 and reduces to C at n = 1', () => {
    const w = circuitImpedance(parseCircuit('W1'), [3], f);
    for (let i = 0; i < f.length; i++)
      expect(Math.atan2(w.zImag[i], w.zReal[i])).toBeCloseTo(-Math.PI / 4, 12);
    const q = circuitImpedance(parseCircuit('CPE1'), [2e-6, 0.7], f);
    for (let i = 0; i < f.length; i++)
      expect(Math.atan2(q.zImag[i], q.zReal[i])).toBeCloseTo(-0.35 * Math.PI, 12);
    const q1 = circuitImpedance(parseCircuit('CPE1'), [2e-6, 1], f);
    const c1 = circuitImpedance(parseCircuit('C1'), [2e-6], f);
    for (let i = 0; i < f.length; i++) expect(q1.zImag[i] / c1.zImag[i]).toBeCloseTo(1, 12);
  });

  it('finite Warburgs: Wo → Z0/3 − j/(ωC) type capacitive LF tail, Ws → Z0 at LF; both → W at HF', () => {
    const Z0 = 10;
    const tau = 2;
    const lo = [1e-6];
    const ws = circuitImpedance(parseCircuit('Ws1'), [Z0, tau], lo);
    expect(ws.zReal[0]).toBeCloseTo(Z0, 6);
    const wo = circuitImpedance(parseCircuit('Wo1'), [Z0, tau], lo);
    expect(wo.zReal[0]).toBeCloseTo(Z0 / 3, 5);
    // Open: −Z'' → Z0/(ωτ) at low frequency (capacitive, C = τ/Z0).
    expect(-wo.zImag[0] * 2 * Math.PI * 1e-6 * tau).toBeCloseTo(Z0, 5);
    // High frequency: both → Z0/√(jωτ), i.e. Z' = −Z'' (45°), and no overflow at ωτ = 1e12.
    for (const s of ['Wo1', 'Ws1']) {
      const z = circuitImpedance(parseCircuit(s), [Z0, tau], [1e11]);
      expect(Number.isFinite(z.zReal[0])).toBe(true);
      expect(z.zReal[0] / -z.zImag[0]).toBeCloseTo(1, 8);
    }
  });

  it('Gerischer → R_G at LF and 45° at HF; L and La are inductive', () => {
    const g = circuitImpedance(parseCircuit('G1'), [5, 1e-3], [1e-6, 1e9]);
    expect(g.zReal[0]).toBeCloseTo(5, 6);
    expect(g.zReal[1] / -g.zImag[1]).toBeCloseTo(1, 4);
    const l = circuitImpedance(parseCircuit('L1-La1'), [1e-6, 1e-6, 1], [1000]);
    expect(l.zImag[0]).toBeCloseTo(2 * 2 * Math.PI * 1000 * 1e-6, 12);
    expect(parseCircuit('R0-L1').inductive).toBe(true);
    expect(parseCircuit('R0-C1').inductive).toBe(false);
  });

  it('every registered element has bounds containing its default and a unit per parameter', () => {
    for (const e of Object.values(ELEMENTS))
      for (const p of e.params) {
        expect(p.default).toBeGreaterThanOrEqual(p.lower);
        expect(p.default).toBeLessThanOrEqual(p.upper);
        expect(typeof p.unit).toBe('string');
      }
  });
});
