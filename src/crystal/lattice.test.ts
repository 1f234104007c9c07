import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { Lattice } from './lattice.ts';

describe('Lattice', () => {
  it('round-trips parameters through the matrix for arbitrary valid cells', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 2, max: 30, noNaN: true }),
        fc.double({ min: 2, max: 30, noNaN: true }),
        fc.double({ min: 2, max: 30, noNaN: true }),
        fc.double({ min: 60, max: 120, noNaN: true }),
        fc.double({ min: 60, max: 120, noNaN: true }),
        fc.double({ min: 60, max: 120, noNaN: true }),
        (a, b, c, alpha, beta, gamma) => {
          let lat: Lattice;
          try {
            lat = Lattice.fromParameters({ a, b, c, alpha, beta, gamma });
          } catch (e) {
            // Some angle triples describe no cell; that must be an InputError, nothing else.
            expect(e).toBeInstanceOf(InputError);
            return;
          }
          const p = lat.parameters;
          expect(p.a).toBeCloseTo(a, 9);
          expect(p.b).toBeCloseTo(b, 9);
          expect(p.c).toBeCloseTo(c, 9);
          expect(p.alpha).toBeCloseTo(alpha, 7);
          expect(p.beta).toBeCloseTo(beta, 7);
          expect(p.gamma).toBeCloseTo(gamma, 7);
        },
      ),
    );
  });

  it('volume, reciprocal lattice and d-spacings agree with hand formulas', () => {
    const hex = Lattice.fromParameters({ a: 2.85, b: 2.85, c: 10.8, alpha: 90, beta: 90, gamma: 120 });
    expect(hex.volume).toBeCloseTo((Math.sqrt(3) / 2) * 2.85 ** 2 * 10.8, 10);
    expect(hex.dSpacing(0, 0, 2)).toBeCloseTo(5.4, 12);
    expect(hex.dSpacing(1, 0, 0)).toBeCloseTo((2.85 * Math.sqrt(3)) / 2, 12);
    // a_i · a*_j = δ_ij
    const m = hex.matrix;
    const r = hex.reciprocal;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        const dot = m[3 * i] * r[3 * j] + m[3 * i + 1] * r[3 * j + 1] + m[3 * i + 2] * r[3 * j + 2];
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    const cubic = Lattice.fromParameters({ a: 5.4307, b: 5.4307, c: 5.4307, alpha: 90, beta: 90, gamma: 90 });
    expect(cubic.dSpacing(1, 1, 1)).toBeCloseTo(5.4307 / Math.sqrt(3), 12);
  });

  it('fractional ⇄ Cartesian conversions are inverse', () => {
    const lat = Lattice.fromParameters({ a: 5.1, b: 6.3, c: 7.2, alpha: 83, beta: 101, gamma: 95 });
    const f: [number, number, number] = [0.12, -0.7, 1.3];
    const back = lat.toFractional(lat.toCartesian(f));
    for (const [i, v] of back.entries()) expect(v).toBeCloseTo(f[i], 12);
    expect(lat.fracLengthSquared(1, 0, 0)).toBeCloseTo(5.1 ** 2, 10);
  });

  it.each([
    [{ a: 0, b: 1, c: 1, alpha: 90, beta: 90, gamma: 90 }, /cell length/],
    [{ a: 1, b: -1, c: 1, alpha: 90, beta: 90, gamma: 90 }, /cell length/],
    [{ a: 1, b: 1, c: 1, alpha: 180, beta: 90, gamma: 90 }, /angle/],
    [{ a: 1, b: 1, c: 1, alpha: 10, beta: 10, gamma: 100 }, /impossible/],
  ])('refuses %j', (p, msg) => {
    expect(() => Lattice.fromParameters(p)).toThrow(InputError);
    expect(() => Lattice.fromParameters(p)).toThrow(msg);
  });
});
