import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTraceCsv, readCcd } from './readoff.ts';

/** Step ramp, each step +j then −j, R = 40 Ω·cm²; short (R → 0.5) from step `shortStep` on. */
function stepTrace(shortStep: number, steps = 10, perHalf = 20) {
  const t: number[] = [];
  const v: number[] = [];
  const j: number[] = [];
  let time = 0;
  for (let k = 0; k < steps; k++) {
    const jk = 0.1 * (k + 1);
    for (const sign of [1, -1])
      for (let i = 0; i < perHalf; i++) {
        time += 10;
        const shorted = k > shortStep || (k === shortStep && sign === -1 && i >= 5);
        t.push(time);
        j.push(sign * jk);
        v.push(sign * jk * 1e-3 * (shorted ? 0.5 : 40));
      }
  }
  return { time_s: t, voltage_V: v, current_mA_cm2: j };
}

describe('CCD read-off on synthetic traces with a known onset', () => {
  it('step ramp with a short in step 6 (j = 0.7) → CCD 0.7, last stable 0.6', () => {
    const r = readCcd(stepTrace(6));
    expect(r.protocolDetected).toBe('step');
    expect(r.criterion).toBe('short');
    expect(r.ccd_mA_cm2).toBeCloseTo(0.7, 12);
    expect(r.lastStableCurrent_mA_cm2).toBeCloseTo(0.6, 12);
    expect(r.method).toMatch(/steps/);
  });
  it('any short step k is read back as j_k', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        (k) => Math.abs((readCcd(stepTrace(k)).ccd_mA_cm2 ?? -1) - 0.1 * (k + 1)) < 1e-12,
      ),
    );
  });
  it('step ramp with polarization divergence (voids) inside step 4', () => {
    const tr = stepTrace(99);
    for (let i = 0; i < tr.time_s.length; i++) {
      const step = Math.floor(i / 40);
      const inHalf = i % 20;
      if (step >= 4) tr.voltage_V[i] *= 1 + 0.1 * inHalf; // R_app grows 10 % per point
    }
    const r = readCcd(tr);
    expect(r.criterion).toBe('divergence');
    expect(r.ccd_mA_cm2).toBeCloseTo(0.5, 12);
  });
  it('linear ramp: onset of non-linearity at j0 + w·√0.1', () => {
    const j0 = 0.8;
    const w = 0.3;
    const t: number[] = [];
    const v: number[] = [];
    const j: number[] = [];
    for (let i = 0; i <= 4000; i++) {
      const jj = (2 * i) / 4000;
      t.push(i);
      j.push(jj);
      v.push(jj * 1e-3 * 50 * (1 + (jj > j0 ? ((jj - j0) / w) ** 2 : 0)));
    }
    const r = readCcd({ time_s: t, voltage_V: v, current_mA_cm2: j });
    expect(r.protocolDetected).toBe('ramp');
    expect(r.criterion).toBe('non-linearity');
    expect(r.ccd_mA_cm2 as number).toBeCloseTo(j0 + w * Math.sqrt(0.1), 2);
  });
  it('no failure → CCD null and the highest current as last stable', () => {
    const r = readCcd(stepTrace(99));
    expect(r.ccd_mA_cm2).toBeNull();
    expect(r.lastStableCurrent_mA_cm2).toBeCloseTo(1.0, 12);
  });
});

describe('measured trace CSV (time_s, voltage_V, current_mA_cm2)', () => {
  it('reads the fixture and finds its documented onset (short in the 0.35 mA/cm² step)', () => {
    const text = readFileSync(
      new URL('../../test/fixtures/interface/synthetic-step-ramp.csv', import.meta.url),
      'utf8',
    );
    const tr = parseTraceCsv(text, 'synthetic-step-ramp.csv');
    expect(tr.time_s.length).toBeGreaterThan(100);
    const r = readCcd(tr);
    expect(r.ccd_mA_cm2).toBeCloseTo(0.35, 9);
  });
  it('round-trips any trace written as CSV (columns in any order, ; separator)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })),
          { minLength: 3, maxLength: 30 },
        ),
        (rows) => {
          const csv = [
            '# comment',
            'current_mA_cm2;Time_s;voltage_V',
            ...rows.map(([a, b], i) => `${a};${i};${b}`),
          ].join('\n');
          const tr = parseTraceCsv(csv);
          return rows.every(
            ([a, b], i) => tr.current_mA_cm2[i] === a && tr.voltage_V[i] === b && tr.time_s[i] === i,
          );
        },
      ),
    );
  });
  it('errors name file, line and column', () => {
    expect(() => parseTraceCsv('time_s,voltage_V\n1,2\n', 'x.csv')).toThrow(
      /x\.csv, line 1: header: missing column current_mA_cm2/,
    );
    expect(() => parseTraceCsv('time_s,voltage_V,current_mA_cm2\n0,1,1\n1,abc,1\n2,1,1\n', 'x.csv')).toThrow(
      /line 3: voltage_V: not a number/,
    );
    expect(() => parseTraceCsv('time_s,voltage_V,current_mA_cm2\n5,1,1\n1,1,1\n2,1,1\n', 'x.csv')).toThrow(
      /time goes backwards/,
    );
    expect(() => parseTraceCsv('', 'x.csv')).toThrow(/no header/);
  });
});
