import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cellInputFromRequest,
  interfaceCcdFromCsv,
  interfaceCompare,
  interfaceSimulate,
  membraneOperation,
} from './interface.ts';

const req = {
  electrolyte: 'Na3Zr2Si2PO12',
  thickness: '500um',
  T: '25',
  pressure: '1MPa',
  protocol: 'step-ramp:0.05:0.05:30min',
};

describe('interface simulate operation (the issue’s JSON keys)', () => {
  it('returns ccd_mA_cm2, shortAt_h, asr_ohm_cm2 and a trace with its parts', () => {
    const r = interfaceSimulate(req);
    expect(typeof r.ccd_mA_cm2).toBe('number');
    expect(r.shortAt_h === null || typeof r.shortAt_h === 'number').toBe(true);
    expect(r.asr_ohm_cm2).toBeGreaterThan(0);
    for (const k of ['time_h', 'current_mA_cm2', 'voltage_V', 'ohmic_V', 'interfacial_V', 'void_V'])
      expect((r.trace as Record<string, number[]>)[k].length).toBe(r.trace.time_h.length);
    expect(r.ccdMethod).toMatch(/steps/);
    expect(JSON.parse(JSON.stringify(r)).ccd_mA_cm2).toBe(r.ccd_mA_cm2);
  });
  it('the Au interlayer lowers asr_ohm_cm2 at the same conditions', () => {
    expect(interfaceSimulate({ ...req, mitigation: 'au-interlayer' }).asr_ohm_cm2).toBeLessThan(
      interfaceSimulate(req).asr_ohm_cm2,
    );
  });
  it('a seeded ensemble gives quantiles and is reproducible', () => {
    const a = interfaceSimulate({ ...req, cells: 20, seed: 3 }).ensemble;
    const b = interfaceSimulate({ ...req, cells: 20, seed: 3 }).ensemble;
    expect(a?.failureCurrent_mA_cm2).toEqual(b?.failureCurrent_mA_cm2);
    expect(a?.ccdQuantiles_mA_cm2?.p50).toBeGreaterThan(0);
  });
});

describe('bad input → one InputError naming the flag', () => {
  it.each([
    [{ thickness: '-500um' }, /--thickness: thickness must be positive/],
    [{ thickness: '500' }, /--thickness: a unit is required/],
    [{ pressure: '-1MPa' }, /--pressure: stack pressure must not be negative/],
    [{ pressure: '1' }, /--pressure: a unit is required/],
    [{ T: '-300C' }, /--T: temperature is at or below absolute zero/],
    [{ T: '-5K' }, /--T: temperature is at or below absolute zero/],
    [{ mitigation: 'unobtainium' }, /--mitigation: unknown mitigation/],
    [{ protocol: 'step-ramp:0.05:0.05:30' }, /a unit is required/],
    [{ protocol: 'zigzag:1' }, /--protocol: unknown protocol/],
    [{ electrolyte: 'NaCl' }, /unknown electrolyte/],
  ])('%j', (patch, msg) => {
    expect(() => interfaceSimulate({ ...req, ...patch })).toThrow(msg);
  });
  it('manufacturing flags: lower density raises the electrolyte ASR; bad fractions are errors', () => {
    const dense = interfaceSimulate(req);
    const porous = interfaceSimulate({ ...req, relativeDensity: '0.9', zirconia: '0.05', grainSize: '1um' });
    expect(porous.electrolyteAsr_ohm_cm2).toBeGreaterThan(dense.electrolyteAsr_ohm_cm2);
    expect(() => interfaceSimulate({ ...req, relativeDensity: '1.3' })).toThrow(/relativeDensity/);
    expect(() => interfaceSimulate({ ...req, grainSize: '3' })).toThrow(/--grain-size: a unit is required/);
  });
  it('cell input parses units', () => {
    const c = cellInputFromRequest({ ...req, thickness: '0.5mm', pressure: '1000kPa', flawSize: '5um' });
    expect(c.thickness_cm).toBeCloseTo(0.05, 12);
    expect(c.pressure_MPa).toBeCloseTo(1, 12);
    expect(c.flawSize_m).toBeCloseTo(5e-6, 15);
  });
});

describe('compare, ccd and membrane operations', () => {
  it('compare ranks baseline and strategies and needs at least one mitigation', () => {
    const r = interfaceCompare({
      ...req,
      mitigation: 'au-interlayer,stack-pressure-9mpa',
      cycleCurrent: '0.1mA/cm2',
      cycleCapacity: '0.1mAh/cm2',
      cycleHours: '20h',
    });
    expect(r.rows).toHaveLength(3);
    expect(r.rows[0].label).toBe('stack-pressure-9mpa');
    expect(() =>
      interfaceCompare({ ...req, cycleCurrent: '0.1', cycleCapacity: '0.1', cycleHours: '20h' }),
    ).toThrow(/no mitigation/);
  });
  it('ccd on the measured-format fixture', () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/interface/synthetic-step-ramp.csv', import.meta.url),
      'utf8',
    );
    const r = interfaceCcdFromCsv(text, 'synthetic-step-ramp.csv');
    expect(r.ccd_mA_cm2).toBeCloseTo(0.35, 9);
    expect(r.lastStableCurrent_mA_cm2).toBeCloseTo(0.3, 9);
  });
  it('membrane table and budget', () => {
    const r = membraneOperation({
      sigma: '1mS/cm,3mS/cm',
      thickness: '20um,1000um',
      anodeAsr: '10',
      target: '30',
    });
    expect(r.rows[0].asr_ohm_cm2[0]).toBeCloseTo(2, 9);
    expect(r.rows[1].asr_ohm_cm2[1]).toBeCloseTo(33.33, 1);
    // 30 − 10 = 20 Ω·cm² left for 1 mS/cm → 200 µm
    expect(r.budget?.maxThicknessForTarget_um).toBeCloseTo(200, 6);
    expect(() => membraneOperation({ sigma: '3', thickness: '20um' })).toThrow(/--sigma: a unit is required/);
    expect(() => membraneOperation({ sigma: '3mS/cm', thickness: '-20um' })).toThrow(/--thickness/);
    // --electrolyte takes σ from the NASICON module (the ZrO2-free row of Tieu 2023: σ_tot 3.49 mS/cm).
    const m = membraneOperation({ electrolyte: 'Na3Zr2Si2PO12-zro2free', thickness: '100um' });
    expect(m.rows[0].sigma_mS_per_cm).toBeCloseTo(3.49, 3);
    expect(m.sigmaSource).toMatch(/NASICON module.*tieu2023-zro2free/);
  });
});
