import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuantity } from './quantities.ts';

describe('quantities with units', () => {
  it('parses the forms the CLI documents', () => {
    expect(parseQuantity('500um', 'length', '--thickness')).toBeCloseTo(0.05, 12);
    expect(parseQuantity('500 µm', 'length', '--thickness')).toBeCloseTo(0.05, 12);
    expect(parseQuantity('0.5mm', 'length', '--thickness')).toBeCloseTo(0.05, 12);
    expect(parseQuantity('1MPa', 'pressure', '--pressure')).toBe(1);
    expect(parseQuantity('100kPa', 'pressure', '--pressure')).toBeCloseTo(0.1, 12);
    expect(parseQuantity('25C', 'temperature', '--T')).toBeCloseTo(298.15, 12);
    expect(parseQuantity('25 °C', 'temperature', '--T')).toBeCloseTo(298.15, 12);
    expect(parseQuantity('300K', 'temperature', '--T')).toBe(300);
    expect(parseQuantity('0.05mA/cm2', 'currentDensity', '--current')).toBe(0.05);
    expect(parseQuantity('50uA/cm2', 'currentDensity', '--current')).toBeCloseTo(0.05, 12);
    expect(parseQuantity('30min', 'time', 'protocol')).toBe(1800);
    expect(parseQuantity('3.5mS/cm', 'conductivity', '--sigma')).toBeCloseTo(3.5e-3, 12);
    expect(parseQuantity('1e-3 S/cm', 'conductivity', '--sigma')).toBeCloseTo(1e-3, 12);
  });
  it('a unit-less number is an error naming the flag and the accepted units', () => {
    expect(() => parseQuantity('500', 'length', '--thickness')).toThrow(
      /--thickness: a unit is required .*um \(µm\), mm/,
    );
    expect(() => parseQuantity('1', 'pressure', '--pressure')).toThrow(
      /--pressure: a unit is required .*MPa/,
    );
  });
  it('unknown units, garbage and sub-zero temperatures are errors', () => {
    expect(() => parseQuantity('5 furlong', 'length', '--thickness')).toThrow(/unknown length unit/);
    expect(() => parseQuantity('abc', 'length', '--thickness')).toThrow(/not a quantity/);
    expect(() => parseQuantity('-300C', 'temperature', '--T')).toThrow(/absolute zero/);
    expect(() => parseQuantity('-1K', 'temperature', '--T')).toThrow(/absolute zero/);
    expect(() => parseQuantity('1mPa', 'pressure', '--pressure')).toThrow(/ambiguous|unknown/);
  });
  it('µm values scale by 1e-4 cm for any finite number (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        const s = `${x}um`;
        if (/e/i.test(String(x)) && !/e[-+]/i.test(String(x))) return true;
        return (
          Math.abs(parseQuantity(s, 'length', '--thickness') - x * 1e-4) <= 1e-12 * Math.max(1, Math.abs(x))
        );
      }),
    );
  });
});

describe('bare numbers in a documented unit', () => {
  it('--T 25 is 25 °C when the caller says so; -274 is below 0 K', () => {
    expect(parseQuantity('25', 'temperature', '--T', { bareUnit: 'C' })).toBeCloseTo(298.15, 12);
    expect(() => parseQuantity('-274', 'temperature', '--T', { bareUnit: 'C' })).toThrow(/absolute zero/);
  });
});
