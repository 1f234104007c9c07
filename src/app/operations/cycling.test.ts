import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { syntheticCycling, toCsv } from '../../electrochem/cycling/synthetic.ts';
import { cyclingDqdv, cyclingSummary } from './cycling.ts';

const biologic = 'test_loopsnewoutput_MB_CE1_short10k.csv';
const bytes = readFileSync(new URL(`../../../test/fixtures/cycling/${biologic}`, import.meta.url));

describe('cycling operations', () => {
  it('summary JSON has the documented keys, units and provenance', () => {
    const r = cyclingSummary(bytes, biologic, { activeMass_g: 12, referenceCycle: 1 });
    expect(r.format).toBe('biologic');
    expect(r.columns.current_A).toBe('I/mA × 0.001');
    expect(r.referenceCycle).toBe(1);
    const c = r.cycles[1];
    expect(Object.keys(c)).toEqual(
      expect.arrayContaining([
        'cycle',
        'chargeCapacity_mAh',
        'dischargeCapacity_mAh',
        'coulombicEfficiency',
        'retention',
      ]),
    );
    expect(c.specificDischargeCapacity_mAh_g).toBeCloseTo(c.dischargeCapacity_mAh / 12, 9);
    expect(r.warnings.some((w) => /CE above 1/.test(w))).toBe(true); // cycle 0 starts part-charged
    expect(JSON.parse(JSON.stringify(r)).cycles[2].coulombicEfficiency).toBeNull();
  });

  it('validates options at the boundary as InputErrors', () => {
    expect(() => cyclingSummary(bytes, biologic, { activeMass_g: -3 })).toThrow(InputError);
    expect(() => cyclingDqdv(bytes, biologic, { cycle: 1.5 })).toThrow(/cycle/);
    expect(() => cyclingSummary(bytes, biologic, { read: { format: 'neware' } })).toThrow(InputError);
  });

  it('round-trips a synthetic generic CSV through summary and dQ/dV', () => {
    const csv = toCsv(
      syntheticCycling({
        cycles: 2,
        current_A: 0.001,
        slopeCapacity_Ah: 0.0005,
        plateauCapacity_Ah: 0.0005,
        v0_V: 1.5,
        v1_V: 3.5,
        plateau_V: 2.9,
        plateauWidth_V: 0.02,
        hysteresis_V: 0.04,
        dt_s: 2,
        rest_s: 0,
      }),
    );
    const s = cyclingSummary(csv, 'synthetic.csv', {});
    expect(s.format).toBe('generic');
    expect(s.cycles.map((c) => c.coulombicEfficiency)).toEqual([expect.closeTo(1, 9), expect.closeTo(1, 9)]);
    const d = cyclingDqdv(csv, 'synthetic.csv', { cycle: 2 });
    expect(d.segments[0].peaks[0].voltage_V).toBeCloseTo(2.9, 2);
  });
});
