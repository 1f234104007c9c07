/**
 * Reader of measured powder patterns in two-column text form (`.xy`, `.csv`, `.dat`): 2θ in degrees
 * and intensity, separated by spaces, tabs, commas or semicolons. Lines starting with '#' and blank
 * lines are skipped, as is one header line (text) before the first data line; further columns (e.g.
 * an esd) are ignored. Every problem becomes one InputError naming the file and line.
 */
import { InputError } from '../../core/errors.ts';

export interface XyPattern {
  /** Degrees 2θ, strictly increasing. */
  twoTheta: number[];
  /** Measured intensity (counts or arbitrary units), same length. */
  intensity: number[];
  /** The header line that was skipped, if any. */
  header: string | null;
}

/** Fewest points a pattern must have to be compared with anything. */
export const MIN_XY_POINTS = 3;

const SEPARATOR = /[\s,;]+/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function shorten(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

export function parseXy(text: string, options: { fileName?: string } = {}): XyPattern {
  const file = options.fileName ?? 'pattern';
  const twoTheta: number[] = [];
  const intensity: number[] = [];
  let header: string | null = null;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(SEPARATOR).filter((f) => f !== '');
    const where = { file, line: i + 1 };
    const numeric = fields.map((f) => NUMBER.test(f));
    if (!numeric[0] || !numeric[1]) {
      if (twoTheta.length === 0 && header === null && /[A-Za-z]/.test(line)) {
        header = line;
        continue;
      }
      throw new InputError('this line is not two numbers (2θ, intensity)', {
        ...where,
        expected: "two numeric columns, or a comment starting with '#'",
        found: shorten(line),
      });
    }
    const x = Number(fields[0]);
    const y = Number(fields[1]);
    if (!Number.isFinite(x) || !Number.isFinite(y))
      throw new InputError('the value is not finite', {
        ...where,
        expected: 'finite numbers',
        found: shorten(line),
      });
    if (x <= 0 || x >= 180)
      throw new InputError('2θ is out of range', {
        ...where,
        field: '2θ',
        expected: '0 < 2θ < 180°',
        found: fields[0],
      });
    const prev = twoTheta[twoTheta.length - 1];
    if (prev !== undefined && x <= prev)
      throw new InputError('2θ must increase from line to line', {
        ...where,
        field: '2θ',
        expected: `a value above ${prev}`,
        found: fields[0],
      });
    twoTheta.push(x);
    intensity.push(y);
  }
  if (twoTheta.length < MIN_XY_POINTS)
    throw new InputError('the file holds too few data points', {
      file,
      expected: `at least ${MIN_XY_POINTS} lines of 2θ and intensity`,
      found: `${twoTheta.length}`,
    });
  return { twoTheta, intensity, header };
}

export type { ScaleMatch, ScaleMatchOptions } from './match.ts';
export { matchScale } from './match.ts';
