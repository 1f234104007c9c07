import { describe, expect, it } from 'vitest';
import { InputError } from './errors.ts';
import {
  angstromToNm,
  bToU,
  celsiusToKelvin,
  dToQ,
  dToSinThetaOverLambda,
  dToTwoTheta,
  evToKelvin,
  evToKjPerMol,
  kelvinToCelsius,
  kelvinToEv,
  keVToWavelength,
  kjPerMolToEv,
  nmToAngstrom,
  qToD,
  qToTwoTheta,
  twoThetaToD,
  twoThetaToQ,
  uToB,
  wavelengthToKeV,
} from './units.ts';

const CU_KA1_A = 1.5406;

describe('energy and temperature', () => {
  it('converts eV ⇄ kJ/mol and eV ⇄ K', () => {
    expect(evToKjPerMol(1)).toBeCloseTo(96.485, 3);
    expect(kjPerMolToEv(evToKjPerMol(0.37))).toBeCloseTo(0.37, 14);
    expect(evToKelvin(1)).toBeCloseTo(11604.518, 3);
    expect(kelvinToEv(300)).toBeCloseTo(0.025852, 6);
  });

  it('converts °C ⇄ K and rejects temperatures below absolute zero', () => {
    expect(celsiusToKelvin(25)).toBeCloseTo(298.15, 12);
    expect(kelvinToCelsius(0)).toBe(-273.15);
    expect(() => celsiusToKelvin(-300)).toThrow(InputError);
    expect(() => kelvinToCelsius(-1)).toThrow(InputError);
  });
});

describe('lengths and displacements', () => {
  it('converts Å ⇄ nm and B ⇄ U (B = 8π²U)', () => {
    expect(angstromToNm(15)).toBe(1.5);
    expect(nmToAngstrom(0.3)).toBeCloseTo(3, 14);
    expect(uToB(0.01)).toBeCloseTo(0.78957, 5);
    expect(bToU(uToB(0.0123))).toBeCloseTo(0.0123, 15);
  });
});

describe('X-ray energy and diffraction geometry', () => {
  it('converts keV ⇄ Å with hc = 12.3984 keV·Å', () => {
    expect(keVToWavelength(8.04778)).toBeCloseTo(1.5406, 4);
    expect(wavelengthToKeV(0.70932)).toBeCloseTo(17.479, 3);
    expect(() => keVToWavelength(0)).toThrow(InputError);
    expect(() => wavelengthToKeV(-1)).toThrow(InputError);
  });

  it('round-trips 2θ ⇄ d ⇄ Q', () => {
    // Si (111), a = 5.4307 Å: d = a/√3 = 3.1354 Å at 2θ ≈ 28.44° for Cu Kα1.
    const d = 5.4307 / Math.sqrt(3);
    const tt = dToTwoTheta(d, CU_KA1_A);
    expect(tt).toBeCloseTo(28.443, 2);
    expect(twoThetaToD(tt, CU_KA1_A)).toBeCloseTo(d, 12);
    const q = twoThetaToQ(tt, CU_KA1_A);
    expect(q).toBeCloseTo((4 * Math.PI * Math.sin((tt / 2) * (Math.PI / 180))) / CU_KA1_A, 12);
    expect(q).toBeCloseTo(dToQ(d), 12);
    expect(qToD(q)).toBeCloseTo(d, 12);
    expect(qToTwoTheta(q, CU_KA1_A)).toBeCloseTo(tt, 10);
    expect(dToSinThetaOverLambda(d)).toBeCloseTo(1 / (2 * d), 15);
  });

  it('rejects impossible geometry', () => {
    expect(() => dToTwoTheta(0.7, CU_KA1_A)).toThrow(/below λ\/2/);
    expect(() => dToTwoTheta(1, 0)).toThrow(InputError);
    expect(() => twoThetaToD(0, CU_KA1_A)).toThrow(InputError);
    expect(() => twoThetaToD(190, CU_KA1_A)).toThrow(InputError);
    expect(() => qToTwoTheta(10, CU_KA1_A)).toThrow(InputError);
    expect(() => dToQ(-2)).toThrow(InputError);
  });

  it('puts d = λ/2 at exact backscattering', () => {
    expect(dToTwoTheta(CU_KA1_A / 2, CU_KA1_A)).toBeCloseTo(180, 10);
  });
});
