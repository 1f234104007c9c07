import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCell } from './cell.ts';
import { processingEffect } from './manufacturing.ts';
import { parseProtocol, protocolSegments } from './protocol.ts';

describe('protocol specs', () => {
  it('step ramp: steps of +j then −j, durations add up', () => {
    const p = parseProtocol('step-ramp:0.05:0.05:30min:4');
    const s = protocolSegments(p);
    expect(s.map((x) => x.current_mA_cm2)).toEqual([0.05, -0.05, 0.1, -0.1, 0.15, -0.15, 0.2, -0.2]);
    expect(s.reduce((t, x) => t + x.duration_s, 0)).toBe(4 * 1800);
  });
  it('cycling: half-cycle time = capacity / current; units accepted', () => {
    const p = parseProtocol('cycling:100uA/cm2:0.1mAh/cm2:10h');
    const s = protocolSegments(p);
    expect(s[0].duration_s).toBeCloseTo(3600, 9);
    expect(s).toHaveLength(10);
    expect(s.reduce((t, x) => t + x.duration_s, 0)).toBeCloseTo(36000, 6);
  });
  it('linear ramp reaches its maximum at the end', () => {
    const [seg] = protocolSegments(parseProtocol('linear-ramp:0.5:2'));
    expect(seg.slope_mA_cm2_per_s * seg.duration_s).toBeCloseTo(2, 12);
  });
  it('any positive step ramp has alternating signs and non-decreasing |j| (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        (a, b, n) => {
          const s = protocolSegments({
            kind: 'step-ramp',
            start_mA_cm2: a,
            increment_mA_cm2: b,
            stepDuration_s: 60,
            maxSteps: n,
          });
          return s.every(
            (x, i) =>
              (i % 2 === 0 ? x.current_mA_cm2 > 0 : x.current_mA_cm2 < 0) &&
              (i < 2 || Math.abs(x.current_mA_cm2) >= Math.abs(s[i - 2].current_mA_cm2)),
          );
        },
      ),
    );
  });
  it('bad specs → InputError naming --protocol', () => {
    expect(() => parseProtocol('step-ramp:0.05:0.05')).toThrow(/--protocol/);
    expect(() => parseProtocol('step-ramp:-0.05:0.05:30min')).toThrow(/positive/);
    expect(() => parseProtocol('step-ramp:0.05:0.05:30')).toThrow(/a unit is required/);
    expect(() => parseProtocol('cycling:0.1:0:10h')).toThrow(/capacity/);
    expect(() => parseProtocol('linear-ramp:abc:1')).toThrow(/not a quantity/);
  });
});

describe('manufacturing feeds the cell', () => {
  it('a porous, ZrO2-rich membrane has a higher electrolyte ASR and a lower fracture toughness', () => {
    const base = { electrolyte: 'Na3Zr2Si2PO12', thickness_cm: 0.05, T_K: 298.15, pressure_MPa: 1 };
    const e = processingEffect({ relativeDensity: 0.91, zirconiaVolumeFraction: 0.05 });
    const dense = buildCell(base);
    const porous = buildCell({
      ...base,
      conductivityFactor: e.conductivityFactor,
      overrides: {
        fractureToughness_MPa_sqrt_m: dense.fractureToughness_MPa_sqrt_m * e.fractureToughnessFactor,
      },
    });
    expect(porous.electrolyteAsr_ohm_cm2).toBeCloseTo(dense.electrolyteAsr_ohm_cm2 / e.conductivityFactor, 9);
    expect(porous.fractureToughness_MPa_sqrt_m).toBeLessThan(dense.fractureToughness_MPa_sqrt_m);
  });
});
