import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { matchScale, parseXy } from './index.ts';

const FIXTURE = new URL('../../../test/fixtures/xy/P2_diffax_broadened.xy', import.meta.url);

function errorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('parseXy', () => {
  it('reads the fixture: comments skipped, every data line kept', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const p = parseXy(text, { fileName: 'P2.xy' });
    const dataLines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(p.twoTheta.length).toBe(dataLines.length);
    expect(p.twoTheta[0]).toBe(5);
    expect(p.intensity[0]).toBeCloseTo(0.0284161, 10);
  });

  it('accepts commas, semicolons, tabs, a header line, CRLF and extra columns', () => {
    const p = parseXy('2theta,I,esd\r\n10,1,0.1\r\n10.5;2\n11\t3\t9\n', { fileName: 'a.csv' });
    expect(p.header).toBe('2theta,I,esd');
    expect(p.twoTheta).toEqual([10, 10.5, 11]);
    expect(p.intensity).toEqual([1, 2, 3]);
  });

  it('names file and line for bad input', () => {
    const e = errorOf(() => parseXy('# c\n10 1\n11 x\n12 3\n', { fileName: 'm.xy' }));
    expect(e.file).toBe('m.xy');
    expect(e.line).toBe(3);
    expect(errorOf(() => parseXy('10 1\n9 2\n11 3\n', { fileName: 'm.xy' })).message).toMatch(/increase/);
    expect(errorOf(() => parseXy('10 1\n11 2\n', { fileName: 'm.xy' })).message).toMatch(/too few/);
    expect(errorOf(() => parseXy('10 1\n11 2\n200 3\n')).message).toMatch(/out of range/);
    expect(errorOf(() => parseXy('10\n11 2\n12 3\n')).line).toBe(1);
    expect(errorOf(() => parseXy('10 1e999\n11 2\n12 3\n')).message).toMatch(/finite/);
  });

  it('round-trips any increasing finite pattern (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0.001, max: 1, noNaN: true }),
            fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          ),
          {
            minLength: 3,
            maxLength: 50,
          },
        ),
        (rows) => {
          let x = 1;
          const xs: number[] = [];
          for (const [dx] of rows) xs.push((x += dx));
          fc.pre(xs[xs.length - 1] < 180);
          const text = rows.map(([, y], i) => `${xs[i]} ${y}`).join('\n');
          const p = parseXy(text);
          expect(p.twoTheta).toEqual(xs);
          expect(p.intensity).toEqual(rows.map(([, y]) => (y === 0 ? 0 : y)) /* "-0" is written as "0" */);
        },
      ),
    );
  });
});

describe('matchScale', () => {
  const sim = { twoTheta: [10, 11, 12, 13, 14, 15], intensity: [0.1, 0.5, 1, 0.4, 0.2, 0.1] };

  it('recovers an exact scale (Rwp = 0) and scale + background', () => {
    const meas = { twoTheta: [10.5, 11.5, 12.5, 13.5], intensity: [0.3, 0.75, 0.7, 0.3].map((v) => v * 40) };
    const m = matchScale(meas, sim);
    expect(m.scale).toBeCloseTo(40, 10);
    expect(m.rwp).toBeLessThan(1e-12);
    const withBg = { twoTheta: meas.twoTheta, intensity: meas.intensity.map((v) => v + 7) };
    const b = matchScale(withBg, sim, { background: true });
    expect(b.scale).toBeCloseTo(40, 8);
    expect(b.background).toBeCloseTo(7, 8);
    expect(b.rwp).toBeLessThan(1e-12);
  });

  it('agrees with a direct evaluation of the Rwp formula and leaves out points outside the range', () => {
    const meas = { twoTheta: [9, 10, 11.25, 12, 13.7, 16], intensity: [5, 3, 9, 20, 6, 1] };
    const m = matchScale(meas, sim);
    expect(m.points).toBe(4);
    expect(m.excluded).toBe(2);
    // Independent evaluation: interpolated calc, w = 1/y, closed-form scale.
    const calc = [0.1, 0.625, 1, 0.4 + 0.7 * (0.2 - 0.4)];
    const obs = [3, 9, 20, 6];
    const w = obs.map((y) => 1 / y);
    const s =
      calc.reduce((a, c, i) => a + w[i] * c * obs[i], 0) / calc.reduce((a, c, i) => a + w[i] * c * c, 0);
    const num = obs.reduce((a, y, i) => a + w[i] * (y - s * calc[i]) ** 2, 0);
    const den = obs.reduce((a, y, i) => a + w[i] * y * y, 0);
    expect(m.scale).toBeCloseTo(s, 12);
    expect(m.rwp).toBeCloseTo(Math.sqrt(num / den), 12);
    // Rwp does not depend on the units of the measured intensity.
    expect(matchScale({ ...meas, intensity: meas.intensity.map((y) => 1000 * y) }, sim).rwp).toBeCloseTo(
      m.rwp,
      12,
    );
  });

  it('unit weights give the plain least-squares scale and R factor', () => {
    const meas = { twoTheta: [10, 11, 12, 13], intensity: [1, 6, 9, 5] };
    const m = matchScale(meas, sim, { weights: 'unit' });
    const calc = [0.1, 0.5, 1, 0.4];
    const s = calc.reduce((a, c, i) => a + c * meas.intensity[i], 0) / calc.reduce((a, c) => a + c * c, 0);
    const num = meas.intensity.reduce((a, y, i) => a + (y - s * calc[i]) ** 2, 0);
    const den = meas.intensity.reduce((a, y) => a + y * y, 0);
    expect(m.scale).toBeCloseTo(s, 12);
    expect(m.rwp).toBeCloseTo(Math.sqrt(num / den), 12);
  });

  it('rejects non-overlapping ranges and all-zero measurements', () => {
    expect(() => matchScale({ twoTheta: [20, 21, 22], intensity: [1, 2, 3] }, sim)).toThrow(/overlap/);
    expect(() => matchScale({ twoTheta: [11, 12, 13], intensity: [0, 0, 0] }, sim)).toThrow(/no positive/);
  });
});
