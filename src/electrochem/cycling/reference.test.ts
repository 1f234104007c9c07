/**
 * natrium's ∫I dt and ∫IV dt against the capacities and energies the instruments themselves wrote
 * into the reference files (independent computations inside the cycler firmware).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCyclingFile } from '../../io/cycling/index.ts';
import { differentialCapacity } from './dqdv.ts';
import { detectSteps } from './steps.ts';
import { summarizeCycles } from './summary.ts';

const read = (name: string) =>
  parseCyclingFile(readFileSync(new URL(`../../../test/fixtures/cycling/${name}`, import.meta.url)), {
    fileName: name,
  });

function maxInCycle(col: Float64Array, cycle: Float64Array, c: number): number {
  let m = 0;
  for (let i = 0; i < col.length; i++) if (cycle[i] === c) m = Math.max(m, col[i]);
  return m;
}

describe('BioLogic Modulo-Bat file (2.3 Ah cell, cycles 0–2)', () => {
  const data = read('test_loopsnewoutput_MB_CE1_short10k.csv');
  const table = detectSteps(data);
  const s = summarizeCycles(data, {}, table);

  it('finds the protocol: pulse, rest, CC charge, CV hold, CC discharge …', () => {
    expect(table.steps.slice(0, 6).map((x) => x.type)).toEqual([
      'rest',
      'charge',
      'rest',
      'charge',
      'cvCharge',
      'discharge',
    ]);
    const cv = table.steps[4];
    expect(cv.startVoltage_V).toBeCloseTo(4.2, 2);
    expect(cv.endVoltage_V).toBeCloseTo(4.2, 2);
  });

  it('every detected step has the type the run log (.mpl) programmed for its Ns', () => {
    const fixture = (n: string) =>
      readFileSync(new URL(`../../../test/fixtures/cycling/${n}`, import.meta.url));
    const logged = parseCyclingFile(fixture('test_loopsnewoutput_MB_CE1_short10k.csv'), {
      fileName: 'biologic.csv',
      logText: fixture('test_loopsnewoutput_MB_CE1_short10k.mpl'),
    });
    const programmed = new Map(logged.protocol!.map((p) => [p.step, p]));
    const expected = (ns: number): string => {
      const p = programmed.get(ns)!;
      if (p.controlType === 'Rest') return 'rest';
      const charge = p.direction === 'Charge';
      if (p.controlType === 'CV') return charge ? 'cvCharge' : 'cvDischarge';
      return charge ? 'charge' : 'discharge';
    };
    const steps = detectSteps(logged).steps;
    expect(steps.length).toBeGreaterThan(10);
    for (const st of steps)
      expect(`${st.instrumentStep}:${st.type}`).toBe(`${st.instrumentStep}:${expected(st.instrumentStep!)}`);
  });

  it('capacities agree with the instrument Q charge / Q discharge columns within 0.05 %', () => {
    const { chargeCapacity_Ah: qc, dischargeCapacity_Ah: qd, cycle } = data.columns;
    for (const c of s.cycles) {
      const ic = maxInCycle(qc!, cycle!, c.cycle) * 1000;
      const id = maxInCycle(qd!, cycle!, c.cycle) * 1000;
      expect(Math.abs(c.chargeCapacity_mAh - ic)).toBeLessThan(5e-4 * ic);
      if (id > 0) expect(Math.abs(c.dischargeCapacity_mAh - id)).toBeLessThan(5e-4 * id);
      expect(Math.abs(c.instrumentChargeCapacity_mAh! - ic)).toBeLessThan(1e-3);
    }
  });

  it('charge energies agree with the instrument Energy charge column within 0.05 %', () => {
    const { chargeEnergy_Wh: ec, cycle } = data.columns;
    for (const c of s.cycles) {
      const ie = maxInCycle(ec!, cycle!, c.cycle) * 1000;
      expect(Math.abs(c.chargeEnergy_mWh - ie)).toBeLessThan(5e-4 * ie);
    }
  });

  it('cycle 1 is complete and physically sensible', () => {
    const c1 = s.cycles.find((c) => c.cycle === 1)!;
    expect(c1.coulombicEfficiency!).toBeGreaterThan(0.95);
    expect(c1.coulombicEfficiency!).toBeLessThan(1);
    expect(c1.energyEfficiency!).toBeLessThan(c1.coulombicEfficiency!);
    expect(c1.meanDischargeVoltage_V!).toBeGreaterThan(3.0);
    expect(c1.meanDischargeVoltage_V!).toBeLessThan(c1.meanChargeVoltage_V!);
    expect(c1.cvChargeCapacity_mAh).toBeGreaterThan(0);
  });

  it('dQ/dV of cycle 1: one charge and one discharge segment; their capacities are the step capacities', () => {
    const r = differentialCapacity(data, 1, {}, table);
    expect(r.monotone).toBe(true);
    expect(r.segments.map((x) => x.direction)).toEqual(['charge', 'discharge']);
    const dis = r.segments[1];
    const step = table.steps[dis.step];
    expect(dis.capacity_mAh).toBeCloseTo(-step.charge_Ah * 1000, 0);
    // the largest discharge peak lies inside the step's voltage window
    const top = dis.peaks.reduce((a, b) => (b.height_mAh_per_V > a.height_mAh_per_V ? b : a));
    expect(top.voltage_V).toBeGreaterThan(step.minVoltage_V);
    expect(top.voltage_V).toBeLessThan(step.maxVoltage_V);
  });
});

describe('Maccor and Novonix files', () => {
  it('Maccor: ∫I dt of the −4.84 A discharge equals the change of Amp-hr within 0.1 %', () => {
    const data = read('PredictionDiagnostics_000151_test.052');
    const s = summarizeCycles(data);
    const ah = data.columns.capacity_Ah!;
    const expected = (ah[data.length - 1] - ah[0]) * 1000;
    expect(s.cycles).toHaveLength(1);
    expect(Math.abs(s.cycles[0].dischargeCapacity_mAh - expected)).toBeLessThan(1e-3 * expected);
  });

  it('Novonix: ∫I dt of the formation charge equals the instrument capacity within 0.05 %', () => {
    const data = read('test_Nova_Form-CH01-01_short.csv');
    const s = summarizeCycles(data);
    const expected = data.columns.capacity_Ah![data.length - 1] * 1000;
    expect(Math.abs(s.cycles[0].chargeCapacity_mAh - expected)).toBeLessThan(5e-4 * expected);
    expect(s.cycles[0].coulombicEfficiency).toBeNull();
    expect(s.warnings.join(' ')).toMatch(/lack a charge or a discharge/);
  });

  it('Arbin rest-only file: one rest step, zero capacity, no CE', () => {
    const data = read('FastCharge_000025_CH8.csv');
    const t = detectSteps(data);
    expect(t.steps.map((x) => x.type)).toEqual(['rest']);
    const s = summarizeCycles(data);
    expect(s.cycles[0].chargeCapacity_mAh).toBe(0);
    expect(s.referenceCycle).toBeNull();
  });
});
