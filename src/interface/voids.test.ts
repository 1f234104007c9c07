import { describe, expect, it } from 'vitest';
import { buildCell } from './cell.ts';
import { interfaceParameters, metalProperties } from './parameters.ts';
import { simulateCell } from './simulate.ts';
import {
  criticalStrippingCurrent,
  minimumStackPressure,
  powerLawCreepPressure,
  strippingVelocity,
  vacancySandTime,
} from './voids.ts';

const na = metalProperties('Na');
const p = interfaceParameters('Na');

describe('creep supply vs stripping flux', () => {
  it('stripping velocity v = jV_m/(zF): 2.5 mA/cm² of Na → 6.16 nm/s', () => {
    expect(strippingVelocity(na, 2.5) * 1e7).toBeCloseTo(6.16, 2);
  });
  it('p*(j) passes through the Spencer Jolly point (9 MPa at 2.5 mA/cm²) and is linear in j', () => {
    expect(minimumStackPressure(p, 2.5, 298.15)).toBeCloseTo(9, 9);
    expect(minimumStackPressure(p, 5, 298.15)).toBeCloseTo(18, 9);
  });
  it('j_ccs is the inverse of p*, rises with pressure and with temperature', () => {
    for (const T of [280, 298.15, 340])
      expect(minimumStackPressure(p, criticalStrippingCurrent(p, 4, T), T)).toBeCloseTo(4, 9);
    expect(criticalStrippingCurrent(p, 3, 298.15)).toBeGreaterThan(criticalStrippingCurrent(p, 1, 298.15));
    expect(criticalStrippingCurrent(p, 3, 333.15)).toBeGreaterThan(criticalStrippingCurrent(p, 3, 298.15));
  });
  it('j_ccs(T) has the Lowack activation energy; Sn–Na (0.10 eV) flattens it', () => {
    const k = 8.617333262e-5;
    const ea =
      Math.log(criticalStrippingCurrent(p, 3, 333.15) / criticalStrippingCurrent(p, 3, 298.15)) /
      (1 / (k * 298.15) - 1 / (k * 333.15));
    expect(ea).toBeCloseTo(0.14, 6);
    expect(criticalStrippingCurrent(p, 3, 333.15, 0.1)).toBeLessThan(criticalStrippingCurrent(p, 3, 333.15));
  });
  it('naive bulk power-law creep would need far less than the measured 9 MPa (reported caveat)', () => {
    expect(powerLawCreepPressure(na, 2.5, 298.15, 1e-4)).toBeLessThan(1);
  });
  it('vacancy Sand time falls as 1/j²', () => {
    const a = vacancySandTime(na, p, 0.1, 298.15);
    expect(vacancySandTime(na, p, 0.2, 298.15)).toBeCloseTo(a / 4, 9);
  });
});

describe('void growth and contact loss over a cycle', () => {
  it('at zero pressure (no creep supply) one cycle loses (1 − refill)·jV_m t/(zF h) of contact on each face', () => {
    const cell = buildCell({
      electrolyte: 'Na3Zr2Si2PO12',
      thickness_cm: 0.05,
      T_K: 298.15,
      pressure_MPa: 0,
      overrides: { referenceInterfaceAsr_ohm_cm2: 23 },
    });
    const j = 0.02;
    const cap = 0.005; // mAh/cm² → 900 s per half cycle
    const r = simulateCell(cell, {
      kind: 'cycling',
      current_mA_cm2: j,
      capacity_mAh_cm2: cap,
      duration_h: (2 * cap) / j,
    });
    const tr = r.trace;
    if (!tr) throw new Error('no trace');
    const dF = (strippingVelocity(na, j) * (cap / j) * 3600) / (p.voidHeight_um * 1e-4);
    const half = Math.floor((tr.time_s.length - 1) / 2);
    expect(tr.contactA[half]).toBeCloseTo(cell.equilibriumContact - dF, 9);
    expect(tr.contactA[tr.time_s.length - 1]).toBeCloseTo(
      cell.equilibriumContact - dF + p.platingRefillEfficiency * dF,
      9,
    );
    expect(tr.contactB[tr.time_s.length - 1]).toBeCloseTo(cell.equilibriumContact - dF, 9);
    // the void part of the voltage is positive once contact is lost
    expect(tr.void_V[half]).toBeGreaterThan(0);
  });
  it('below j_ccs the contact does not change', () => {
    const cell = buildCell({
      electrolyte: 'Na3Zr2Si2PO12',
      thickness_cm: 0.05,
      T_K: 298.15,
      pressure_MPa: 3,
    });
    const r = simulateCell(cell, {
      kind: 'cycling',
      current_mA_cm2: 0.1,
      capacity_mAh_cm2: 0.1,
      duration_h: 4,
    });
    const tr = r.trace;
    if (!tr) throw new Error('no trace');
    expect(Math.min(...tr.contactA)).toBeCloseTo(cell.equilibriumContact, 12);
    expect(Math.max(...tr.void_V.map(Math.abs))).toBeLessThan(1e-12);
  });
});
