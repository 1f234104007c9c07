import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { Rng } from '../core/rng.ts';
import { checkSymmetricCell, isPlainTraceCsv, readMeasuredTrace } from './measuredTrace.ts';
import { readCcd } from './readoff.ts';

const fixture = (p: string) =>
  readFileSync(fileURLToPath(new URL(`../../test/fixtures/${p}`, import.meta.url)));
const ARBIN = 'interface/synthetic-ccd-arbin.csv';
/** The fixture's electrode: 10 mm diameter (test/fixtures/interface/README.md). */
const AREA = Math.PI * 0.5 ** 2;

describe('measured symmetric-cell trace from a cycler export', () => {
  it('reads the synthetic Arbin step ramp and finds its known onset (0.6 mA/cm², void growth)', () => {
    const m = readMeasuredTrace(fixture(ARBIN), { fileName: 'synthetic-ccd-arbin.csv', area_cm2: AREA });
    expect(m.source.reader).toBe('arbin');
    expect(m.source.columns).toEqual({ time: 'Test_Time', voltage: 'Voltage', current: 'Current' });
    expect(m.trace.time_s.length).toBe(1332);
    expect(checkSymmetricCell(m.trace).verdict).toBe('ok');
    const r = readCcd(m.trace);
    expect(r.protocolDetected).toBe('step');
    expect(r.criterion).toBe('divergence');
    expect(r.ccd_mA_cm2 as number).toBeCloseTo(0.6, 9);
    expect(r.lastStableCurrent_mA_cm2 as number).toBeCloseTo(0.5, 9);
    // R = 80·(1 + 1.5·t/600) Ω·cm² in that half step; the first sample (t = 5 s) has 81, and 1.5 × 81
    // is passed at t = 207.5 s, so the first 5 s sample beyond it is t = 210 s → 6060 + 210 s.
    expect(r.failureTime_s).toBe(6270);
  });

  it('the same trace as a generic CSV (time_s, voltage_V, current_A) gives the same CCD; area scales it', () => {
    const m = readMeasuredTrace(fixture(ARBIN), { area_cm2: AREA });
    const rows = ['time_s,voltage_V,current_A'];
    for (let i = 0; i < m.trace.time_s.length; i++)
      rows.push(`${m.trace.time_s[i]},${m.trace.voltage_V[i]},${(m.trace.current_mA_cm2[i] * AREA) / 1e3}`);
    const text = rows.join('\n');
    expect(isPlainTraceCsv(text)).toBe(false);
    const g = readMeasuredTrace(text, { fileName: 'g.csv', area_cm2: AREA });
    expect(g.source.reader).toBe('generic');
    expect(readCcd(g.trace).ccd_mA_cm2 as number).toBeCloseTo(0.6, 9);
    // Twice the area → half the current density at every point → half the CCD.
    const twice = readMeasuredTrace(text, { area_cm2: 2 * AREA });
    expect(readCcd(twice.trace).ccd_mA_cm2 as number).toBeCloseTo(0.3, 9);
  });

  it('a cycler file without an electrode area is one clear InputError', () => {
    let err: unknown;
    try {
      readMeasuredTrace(fixture(ARBIN), { fileName: 'synthetic-ccd-arbin.csv', areaField: '--area' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe('--area');
    expect((err as Error).message).toMatch(/current in A.*area/);
    expect(() => readMeasuredTrace(fixture(ARBIN), { area_cm2: -1 })).toThrow(/area must be positive/);
  });

  it('the plain CSV with current density still needs no area', () => {
    const m = readMeasuredTrace(fixture('interface/synthetic-step-ramp.csv'), { fileName: 's.csv' });
    expect(m.source.reader).toBe('plain-csv');
    expect(readCcd(m.trace).ccd_mA_cm2).toBeCloseTo(0.35, 9);
  });

  it.each([
    ['FastCharge_000025_CH8.csv', 'arbin', 'no-current'],
    ['PredictionDiagnostics_000151_test.052', 'maccor', 'not-symmetric-cell'],
    ['maccor_test_file_4267-66-6519.041', 'maccor', 'no-current'],
    ['test_loopsnewoutput_MB_CE1_short10k.csv', 'biologic', 'not-symmetric-cell'],
    ['test_Nova_Form-CH01-01_short.csv', 'novonix', 'not-symmetric-cell'],
  ])('real cycler export %s is read (%s) and recognised as %s, with a message', (file, reader, verdict) => {
    const m = readMeasuredTrace(fixture(`cycling/${file}`), { fileName: file, area_cm2: 1 });
    expect(m.source.reader).toBe(reader);
    const c = checkSymmetricCell(m.trace);
    expect(c.verdict).toBe(verdict);
    expect(c.message).toMatch(verdict === 'no-current' ? /no current/ : /not a symmetric-cell trace/);
  });

  it('noise on a measured set current does not turn steps into a ramp', () => {
    const rng = new Rng(3);
    const t: number[] = [];
    const v: number[] = [];
    const j: number[] = [];
    for (let k = 0; k < 8; k++)
      for (let i = 0; i < 120; i++) {
        const set = (0.1 * (k + 1) * (i < 60 ? 1 : -1)) as number;
        const jj = set * (1 + 2e-3 * rng.normal());
        t.push(t.length * 5);
        j.push(jj);
        v.push(jj * 1e-3 * 80 * (k === 5 && i < 60 ? 1 + i / 40 : 1));
      }
    const r = readCcd({ time_s: t, voltage_V: v, current_mA_cm2: j }, { stepTolerance: 1e-2 });
    expect(r.protocolDetected).toBe('step');
    expect(r.ccd_mA_cm2 as number).toBeCloseTo(0.6, 1);
  });

  it('any text gives a trace or one InputError, never another exception (property)', () => {
    const header = fc.constantFrom(
      'time_s,voltage_V,current_mA_cm2',
      'time_s,voltage_V,current_A',
      'Data_Point,Test_Time,Cycle_Index,Current,Voltage',
      'a,b,c',
      '',
    );
    const cell = fc.oneof(
      fc.double({ noNaN: false }).map(String),
      fc.constantFrom('', 'x', '1e', '-', '"1"'),
    );
    const row = fc.array(cell, { minLength: 0, maxLength: 6 }).map((c) => c.join(','));
    fc.assert(
      fc.property(header, fc.array(row, { maxLength: 12 }), (h, rows) => {
        try {
          const m = readMeasuredTrace([h, ...rows].join('\n'), { fileName: 'p.csv', area_cm2: 1 });
          checkSymmetricCell(m.trace);
          return m.trace.time_s.length >= 3;
        } catch (e) {
          return e instanceof InputError;
        }
      }),
      { numRuns: 300 },
    );
  });
});
