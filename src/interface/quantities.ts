/**
 * Parser for quantities with units as users type them on the command line: `500um`, `0.5 mm`,
 * `1MPa`, `25C`, `298K`, `0.05mA/cm2`, `30min`, `3.5mS/cm`, `1mAh/cm2`. A number without a unit
 * where a unit is required is an InputError naming the flag and the units accepted.
 * Results are in the base unit of each kind (named below). `bareUnit` lets a caller accept a bare
 * number in a documented unit (the CLI's --T takes °C, as in the example `--T 25`).
 */
import { InputError } from '../core/errors.ts';

export type QuantityKind =
  | 'length'
  | 'pressure'
  | 'temperature'
  | 'currentDensity'
  | 'time'
  | 'conductivity'
  | 'arealCapacity'
  | 'area';

/** Base units: length cm, pressure MPa, temperature K, current density mA/cm², time s, conductivity S/cm, capacity mAh/cm². */
export const BASE_UNIT: Record<QuantityKind, string> = {
  length: 'cm',
  pressure: 'MPa',
  temperature: 'K',
  currentDensity: 'mA/cm²',
  time: 's',
  conductivity: 'S/cm',
  arealCapacity: 'mAh/cm²',
  area: 'cm²',
};

const FACTORS: Record<Exclude<QuantityKind, 'temperature'>, Record<string, number>> = {
  length: { nm: 1e-7, um: 1e-4, µm: 1e-4, μm: 1e-4, micron: 1e-4, mm: 0.1, cm: 1, m: 100 },
  pressure: { pa: 1e-6, kpa: 1e-3, mpa: 1, gpa: 1e3, bar: 0.1, atm: 0.101325, psi: 0.00689475729 },
  currentDensity: {
    'ma/cm2': 1,
    'ma/cm²': 1,
    'ua/cm2': 1e-3,
    'µa/cm2': 1e-3,
    'μa/cm2': 1e-3,
    'ua/cm²': 1e-3,
    'µa/cm²': 1e-3,
    'a/cm2': 1e3,
    'a/cm²': 1e3,
    'a/m2': 0.1,
    'a/m²': 0.1,
  },
  time: { s: 1, sec: 1, min: 60, h: 3600, hr: 3600, d: 86400 },
  conductivity: { 's/cm': 1, 'ms/cm': 1e-3, 'us/cm': 1e-6, 'µs/cm': 1e-6, 's/m': 0.01 },
  arealCapacity: { 'mah/cm2': 1, 'mah/cm²': 1, 'uah/cm2': 1e-3, 'µah/cm2': 1e-3 },
  area: { cm2: 1, 'cm²': 1, mm2: 0.01, 'mm²': 0.01, m2: 1e4, 'm²': 1e4 },
};

const TEMPERATURE_UNITS = ['K', 'C', '°C', 'degC'];

const DISPLAY: Record<QuantityKind, string> = {
  length: 'nm, um (µm), mm, cm, m',
  pressure: 'Pa, kPa, MPa, GPa, bar, atm, psi',
  temperature: TEMPERATURE_UNITS.join(', '),
  currentDensity: 'uA/cm2, mA/cm2, A/cm2, A/m2',
  time: 's, min, h, d',
  conductivity: 'uS/cm, mS/cm, S/cm, S/m',
  arealCapacity: 'uAh/cm2, mAh/cm2',
  area: 'mm2, cm2, m2',
};

export function acceptedUnits(kind: QuantityKind): string {
  return DISPLAY[kind];
}

/**
 * Parses `text` as a quantity of `kind` for the flag `field`; returns the value in BASE_UNIT[kind].
 * Temperatures below 0 K are rejected; other signs are left to the caller (it knows the physics).
 */
export function parseQuantity(
  text: string,
  kind: QuantityKind,
  field: string,
  opts: { bareUnit?: string } = {},
): number {
  const s = String(text).trim();
  const m = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*)$/.exec(s);
  const example: Record<QuantityKind, string> = {
    length: '500um',
    pressure: '1MPa',
    temperature: '25C',
    currentDensity: '0.05mA/cm2',
    time: '30min',
    conductivity: '3.5mS/cm',
    arealCapacity: '1mAh/cm2',
    area: '1.13cm2',
  };
  const expected = `a number with a unit (${acceptedUnits(kind)}), e.g. ${example[kind]}`;
  if (!m) throw new InputError('not a quantity', { field, found: s, expected });
  const value = Number(m[1]);
  const unit = m[2].trim() || (opts.bareUnit ?? '');
  if (unit === '') throw new InputError('a unit is required', { field, found: s, expected });
  if (!Number.isFinite(value)) throw new InputError('not a finite number', { field, found: s, expected });
  if (kind === 'temperature') {
    let kelvin: number;
    if (unit === 'K') kelvin = value;
    else if (unit === 'C' || unit === '°C' || unit.toLowerCase() === 'degc') kelvin = value + 273.15;
    else throw new InputError('unknown temperature unit', { field, found: s, expected });
    if (!(kelvin > 0))
      throw new InputError('temperature is at or below absolute zero', {
        field,
        found: s,
        expected: 'a temperature > 0 K (> −273.15 °C)',
      });
    return kelvin;
  }
  if (kind === 'pressure' && unit === 'mPa')
    throw new InputError('ambiguous pressure unit mPa (millipascal)', {
      field,
      found: s,
      expected: 'MPa for megapascal, or Pa',
    });
  const factor = FACTORS[kind][unit.toLowerCase().replace(/\s+/g, '')];
  if (factor === undefined) throw new InputError(`unknown ${kind} unit`, { field, found: s, expected });
  return value * factor;
}
