import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { computeDrt } from './drt.ts';
import { fitCircuit } from './fit.ts';
import { linKK } from './linkk.ts';

/** Random spectra: sorted positive frequencies, finite (possibly odd) impedances. */
const spectrumArb = fc.integer({ min: 2, max: 25 }).chain((n) =>
  fc.record({
    frequencyHz: fc.uniqueArray(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), {
      minLength: n,
      maxLength: n,
    }),
    zReal: fc.array(fc.double({ min: -1e3, max: 1e6, noNaN: true }), { minLength: n, maxLength: n }),
    zImag: fc.array(fc.double({ min: -1e6, max: 1e3, noNaN: true }), { minLength: n, maxLength: n }),
  }),
);

const allowed = (run: () => unknown) => {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return undefined;
  }
};

describe('analyses on arbitrary spectra: a result or an InputError, never a crash or NaN', () => {
  it('fit', () => {
    fc.assert(
      fc.property(
        spectrumArb,
        fc.constantFrom('R0-p(R1,C1)', 'R0-p(R1,CPE1)-W1', 'p(R1,CPE1)-CPE2'),
        (s, c) => {
          const r = allowed(() => fitCircuit(c, s, { multiStart: 1, maxIterations: 200 })) as
            | ReturnType<typeof fitCircuit>
            | undefined;
          if (r) for (const p of Object.values(r.parameters)) expect(Number.isNaN(p.value)).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('Lin-KK and DRT', () => {
    fc.assert(
      fc.property(spectrumArb, (s) => {
        const k = allowed(() => linKK(s)) as ReturnType<typeof linKK> | undefined;
        if (k) expect(Number.isNaN(k.mu)).toBe(false);
        const d = allowed(() => computeDrt(s, { lambda: 1e-3 })) as ReturnType<typeof computeDrt> | undefined;
        if (d) expect(Number.isNaN(d.rInf)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});
