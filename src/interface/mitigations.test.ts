import { describe, expect, it } from 'vitest';
import { buildCell, type CellInput } from './cell.ts';
import { applyMitigations, compareMitigations, getMitigation, MITIGATIONS } from './mitigations.ts';
import type { Protocol } from './protocol.ts';

const zeroP: CellInput = { electrolyte: 'Na3Zr2Si2PO12', thickness_cm: 0.05, T_K: 298.15, pressure_MPa: 0 };
const ramp: Protocol = {
  kind: 'step-ramp',
  start_mA_cm2: 0.01,
  increment_mA_cm2: 0.01,
  stepDuration_s: 1800,
  maxSteps: 300,
};
const cyc: Protocol = { kind: 'cycling', current_mA_cm2: 0.1, capacity_mAh_cm2: 0.1, duration_h: 50 };

describe('mitigation catalogue', () => {
  it('every record has a source and a tag; simulated ones say which parameter they change', () => {
    for (const m of MITIGATIONS) {
      expect(m.source.length).toBeGreaterThan(5);
      expect(m.tag.length).toBeGreaterThan(0);
      if (m.simulated) expect(m.effects?.length).toBeGreaterThan(0);
      else expect(m.notQuantified).toBeTruthy();
    }
  });
  it('Au interlayer (catalogue parameters) lowers the bare 2708 Ω·cm² to the measured 146 Ω·cm² at the source conditions', () => {
    const bare = buildCell(zeroP).interfaceAsr_ohm_cm2;
    const au = buildCell(applyMitigations(zeroP, ['au-interlayer'])).interfaceAsr_ohm_cm2;
    const measured = getMitigation('au-interlayer').measured;
    expect(bare).toBeCloseTo(Number(measured?.interfaceAsrBefore_ohm_cm2), 3);
    expect(au).toBeCloseTo(Number(measured?.interfaceAsrAfter_ohm_cm2), 3);
  });
  it('Au still helps under stack pressure and at 60 °C (model prediction, not calibration)', () => {
    for (const c of [
      { ...zeroP, pressure_MPa: 1 },
      { ...zeroP, T_K: 333.15 },
    ]) {
      expect(buildCell(applyMitigations(c, ['au-interlayer'])).interfaceAsr_ohm_cm2).toBeLessThan(
        buildCell(c).interfaceAsr_ohm_cm2,
      );
    }
  });
  it('combinations take the best of each effect', () => {
    const i = applyMitigations(zeroP, [
      'au-interlayer',
      'gb-sealing',
      'stack-pressure-9mpa',
      'sn-na-interlayer',
    ]);
    expect(i.overrides?.referenceInterfaceAsr_ohm_cm2).toBe(23);
    expect(i.pressure_MPa).toBe(9);
    expect(i.overrides?.jcritEa_eV).toBe(0.1);
  });
  it('unknown or unquantified mitigations → InputError naming --mitigation', () => {
    expect(() => applyMitigations(zeroP, ['unobtainium'])).toThrow(/--mitigation: unknown mitigation/);
    expect(() => applyMitigations(zeroP, ['na-k-alloy'])).toThrow(/no quantitative data/);
  });
});

describe('what-if comparison', () => {
  it('ranks by CCD, lists the unquantified strategies, and Au beats the bare baseline', () => {
    const c = compareMitigations(
      { ...zeroP, pressure_MPa: 0.2 },
      [['au-interlayer'], ['stack-pressure-9mpa']],
      ramp,
      cyc,
    );
    expect(c.rows.map((r) => r.rank)).toEqual([1, 2, 3]);
    const ccd = (l: string) => c.rows.find((r) => r.label === l)?.ccd_mA_cm2 ?? 0;
    expect(ccd('au-interlayer')).toBeGreaterThan(ccd('baseline'));
    expect(ccd('stack-pressure-9mpa')).toBeGreaterThan(ccd('baseline'));
    for (let i = 1; i < c.rows.length; i++)
      expect((c.rows[i - 1].ccd_mA_cm2 ?? Infinity) >= (c.rows[i].ccd_mA_cm2 ?? Infinity)).toBe(true);
    expect(c.notSimulated.map((x) => x.id)).toContain('na-k-alloy');
    expect(c.ccdMethod).toMatch(/steps/);
    const asr = (l: string) => c.rows.find((r) => r.label === l)?.interfaceAsr_ohm_cm2 ?? 0;
    expect(asr('au-interlayer')).toBeLessThan(asr('baseline'));
  });
});
