import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateConductivity } from '../nasicon/conductivity.ts';
import { arrheniusConductivity, membraneResistance } from './conductivity.ts';
import {
  constrictionAsr,
  contactFraction,
  holmSpotResistance,
  interfacialAsr,
  spotRadius,
  wettedFractionForAsr,
} from './contact.ts';
import { flowStress, monroeNewman, shearModulus } from './mechanics.ts';
import { electrolyteProperties, interfaceParameters, metalProperties } from './parameters.ts';

const na = metalProperties('Na');
const li = metalProperties('Li');
const nzsp = electrolyteProperties('Na3Zr2Si2PO12');
const pNa = interfaceParameters('Na');

describe('Holm constriction', () => {
  it('one spot: R = 1/(4σa)', () => {
    // σ = 1e-3 S/cm, a = 10 µm = 1e-3 cm → 1/(4·1e-6) = 2.5e5 Ω
    expect(holmSpotResistance(1e-3, 1e-3)).toBeCloseTo(2.5e5, 6);
  });
  it('N well-separated spots in parallel: ASR → A/(4σ·N·a) as f → 0', () => {
    const sigma = 3.5e-3;
    const n = 1e6;
    const f = 1e-6;
    const a = spotRadius(f, n);
    const parallel = holmSpotResistance(sigma, a) / n; // Ω·cm² for 1 cm²
    expect(constrictionAsr(sigma, f, n) / parallel).toBeCloseTo(1, 2);
    // spots cover the fraction they were asked for
    expect(n * Math.PI * a * a).toBeCloseTo(f, 12);
  });
  it('vanishes at full contact and falls monotonically with contact', () => {
    expect(constrictionAsr(1e-3, 1, 1e6)).toBe(0);
    fc.assert(
      fc.property(fc.double({ min: 1e-5, max: 0.98, noNaN: true }), (f) => {
        return constrictionAsr(1e-3, f * 1.01, 1e6) < constrictionAsr(1e-3, f, 1e6);
      }),
    );
  });
  it('inverting the interfacial ASR recovers the bare 2708 Ω·cm² [S] calibration', () => {
    const sigma = membraneResistance(nzsp, 0.05, 298.15).sigmaTotal_S_per_cm;
    const f = wettedFractionForAsr(pNa, sigma, 2708, 298.15);
    expect(interfacialAsr(pNa, sigma, f, 298.15)).toBeCloseTo(2708, 3);
    expect(f).toBeGreaterThan(0);
    expect(f).toBeLessThan(0.01);
  });
});

describe('contact fraction from stack pressure and creep', () => {
  it('equals the wetted fraction at zero pressure and rises toward 1 with pressure', () => {
    expect(contactFraction(na, pNa, 0.01, 0, 298.15)).toBe(0.01);
    const f1 = contactFraction(na, pNa, 0.01, 1, 298.15);
    const f3 = contactFraction(na, pNa, 0.01, 3, 298.15);
    expect(f3).toBeGreaterThan(f1);
    expect(contactFraction(na, pNa, 0.01, 1e4, 298.15)).toBeGreaterThan(0.999);
  });
  it('a softer (hotter) metal gives more contact at the same pressure', () => {
    expect(flowStress(na, 333.15)).toBeLessThan(flowStress(na, 298.15));
    expect(contactFraction(na, pNa, 0.01, 1, 333.15)).toBeGreaterThan(
      contactFraction(na, pNa, 0.01, 1, 298.15),
    );
  });
  it('flow stress at the reference strain rate and T is the sourced yield midpoint', () => {
    expect(flowStress(na, 298.15)).toBeCloseTo(0.235, 10);
  });
  it('negative pressure is an InputError', () => {
    expect(() => contactFraction(na, pNa, 0.01, -1, 298.15)).toThrow(/pressure/);
  });
});

describe('shear moduli and Monroe–Newman (brief §4.3 checks)', () => {
  it('G(Li) = E/(2(1+ν)) reproduces Masias 2.83 GPa', () => {
    expect(shearModulus(li.youngModulus_GPa, li.poissonRatio)).toBeCloseTo(2.83, 2);
  });
  it('G(Na) ≈ 1.7 GPa, G(NZSP) 22–38 GPa over E = 56–97 GPa', () => {
    expect(shearModulus(na.youngModulus_GPa, na.poissonRatio)).toBeCloseTo(1.72, 2);
    expect(shearModulus(56, 0.26)).toBeCloseTo(22.2, 1);
    expect(shearModulus(97, 0.26)).toBeCloseTo(38.5, 1);
  });
  it('NZSP/Na ratio is 13–22 over the E range, passes by > 10× and carries the caveat', () => {
    const gNa = shearModulus(na.youngModulus_GPa, na.poissonRatio);
    expect(shearModulus(56, 0.26) / gNa).toBeGreaterThan(12.9);
    expect(shearModulus(97, 0.26) / gNa).toBeLessThan(22.5);
    const mn = monroeNewman(nzsp, na);
    expect(mn.passes).toBe(true);
    expect(mn.ratio).toBeGreaterThan(10);
    expect(mn.caveat).toMatch(/not sufficient/);
  });
});

describe('electrolyte resistance', () => {
  it('Winand two-point check (brief §2.2): σT and σ forms give σ(400 K) from σ(600 K)', () => {
    const sT = arrheniusConductivity(
      { sigmaRef_S_per_cm: 7.5e-5, Ea_eV: 0.47, form: 'sigmaT', refT_K: 600 },
      400,
    );
    const s = arrheniusConductivity(
      { sigmaRef_S_per_cm: 7.5e-5, Ea_eV: 0.428, form: 'sigma', refT_K: 600 },
      400,
    );
    expect(sT / 1.2e-6).toBeCloseTo(1, 1);
    expect(s / 1.2e-6).toBeCloseTo(1, 1);
  });
  it('σ comes from the NASICON module: NZSP at 25 °C equals its dataset estimate', () => {
    const est = estimateConductivity('Na3Zr2Si2PO12', { temperatureK: 298.15 });
    const r = membraneResistance(nzsp, 0.05, 298.15);
    expect(r.sigmaTotal_S_per_cm).toBeCloseTo(est.sigmaTotal as number, 15);
    expect(r.sigmaBulk_S_per_cm).toBeCloseTo(est.sigmaBulk as number, 15);
    // ASR = L/σ_total exactly (bulk + grain boundary in series at the reference grain size).
    expect(r.totalAsr_ohm_cm2).toBeCloseTo(0.05 / (est.sigmaTotal as number), 9);
    expect(r.conductivity.basis.map((b) => b.id)).toEqual(est.basis.map((b) => b.id));
    expect(r.conductivity.interpolated.acrossRows).toBe(true);
    expect(r.conductivity.interpolated.inTemperature).toBe(false);
    // At 60 °C rows without an Ea are moved with the module's Ea range: flagged as interpolated in T.
    const hot = membraneResistance(nzsp, 0.05, 333.15);
    expect(hot.sigmaTotal_S_per_cm).toBeCloseTo(
      estimateConductivity('Na3Zr2Si2PO12', { temperatureK: 333.15 }).sigmaTotal as number,
      15,
    );
    expect(hot.conductivity.interpolated.inTemperature).toBe(true);
  });
  it('a single dataset row: ZrO2-free NZSP reproduces Tieu 2023 σ_b = 10.05 and σ_tot = 3.49 mS/cm', () => {
    const r = membraneResistance(electrolyteProperties('Na3Zr2Si2PO12-zro2free'), 0.1, 298.15);
    expect(r.sigmaTotal_S_per_cm).toBeCloseTo(3.49e-3, 8);
    expect(r.bulkAsr_ohm_cm2).toBeCloseTo(0.1 / 1.005e-2, 9);
    expect(r.totalAsr_ohm_cm2).toBeCloseTo(r.bulkAsr_ohm_cm2 + r.grainBoundaryAsr_ohm_cm2, 12);
    expect(r.conductivity.basis.map((b) => b.doi)).toEqual(['10.1039/D3TA04665F']);
    expect(r.conductivity.interpolated.acrossRows).toBe(false);
  });
  it('rows with only a total (LATP of Jackman & Cutler) are lumped into bulk and follow their own Ea', () => {
    const latp = electrolyteProperties('Li1.3Al0.3Ti1.7(PO4)3');
    const r = membraneResistance(latp, 0.1, 298.15);
    expect(r.sigmaTotal_S_per_cm).toBeCloseTo(7e-4, 12);
    expect(r.grainBoundaryAsr_ohm_cm2).toBe(0);
    const hot = membraneResistance(latp, 0.1, 333.15).sigmaTotal_S_per_cm;
    // 'sigmaT'-less row with Ea 0.35 eV: the NASICON module moves it with σT = A·exp(−Ea/kT) by default.
    expect(hot).toBeCloseTo(
      estimateConductivity('Li1.3Al0.3Ti1.7P3O12', { temperatureK: 333.15 }).basis.find(
        (b) => b.id === 'jackman2012-latp',
      )?.sigmaTotalAtT?.[0] as number,
      15,
    );
  });
  it('ASR scales with thickness, falls with T and with grain size (brick layer)', () => {
    const a = membraneResistance(nzsp, 0.05, 298.15).totalAsr_ohm_cm2;
    expect(membraneResistance(nzsp, 0.1, 298.15).totalAsr_ohm_cm2).toBeCloseTo(2 * a, 9);
    expect(membraneResistance(nzsp, 0.05, 333.15).totalAsr_ohm_cm2).toBeLessThan(a);
    expect(membraneResistance(nzsp, 0.05, 298.15, { grainSize_um: 6 }).grainBoundaryAsr_ohm_cm2).toBeCloseTo(
      membraneResistance(nzsp, 0.05, 298.15).grainBoundaryAsr_ohm_cm2 / 2,
      9,
    );
  });
  it('bad thickness or temperature → InputError', () => {
    expect(() => membraneResistance(nzsp, -0.01, 298.15)).toThrow(/thickness/);
    expect(() => membraneResistance(nzsp, 0.01, -5)).toThrow(/0 K/);
    expect(() => electrolyteProperties('NaCl')).toThrow(/unknown electrolyte/);
  });
});
