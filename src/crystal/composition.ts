/**
 * Chemical composition of structures and formulas: amounts per cell, reduced formulas, formula
 * units, molar mass and density, and a formula parser ('Li1.3Al0.3Ti1.7(PO4)3').
 */
import { AVOGADRO_PER_MOL, CM3_PER_A3 } from '../core/constants.ts';
import { getElement, isElement } from '../core/elements.ts';
import { InputError } from '../core/errors.ts';
import type { Structure } from './structure.ts';

/** Element symbol → amount (atoms per cell, or per formula unit). Plain object: serialises as is. */
export type Formula = Record<string, number>;

/** Default tolerance (atoms) for treating an amount as an integer. */
export const INTEGER_TOLERANCE = 1e-3;
/** Default number of decimals when writing non-integer amounts. */
export const FORMULA_DECIMALS = 4;

/** Occupancy-weighted amount of each element in the cell (atoms per cell). */
export function composition(structure: Structure): Formula {
  const amounts: Formula = {};
  for (const site of structure.sites)
    for (const o of site.occupants) {
      getElement(o.element);
      amounts[o.element] = (amounts[o.element] ?? 0) + o.occupancy;
    }
  return amounts;
}

/** Molar mass (g/mol) of a formula. */
export function molarMass(formula: Formula): number {
  let mass = 0;
  for (const [el, n] of Object.entries(formula)) mass += n * getElement(el).atomicWeight;
  return mass;
}

/** Mass density (g/cm³) = cell mass / (N_A · V), with occupancy-weighted contents. */
export function density(structure: Structure): number {
  return molarMass(composition(structure)) / AVOGADRO_PER_MOL / (structure.lattice.volume * CM3_PER_A3);
}

function isInteger(x: number, tolerance: number): boolean {
  return Math.abs(x - Math.round(x)) <= tolerance;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Integer totals the cell is built from: each element amount that is an integer, and, for
 * structures, the summed occupancy of each group of mixed sites with the same occupant set (so
 * Mn0.9Ni0.1 on one site counts as 1 per site even though neither element is integral).
 */
function integerTotals(structure: Structure | Formula, tolerance: number): number[] {
  const totals: number[] = [];
  const amounts = isStructure(structure) ? composition(structure) : structure;
  for (const n of Object.values(amounts))
    if (n > tolerance && isInteger(n, tolerance)) totals.push(Math.round(n));
  if (isStructure(structure)) {
    const groups = new Map<string, number>();
    for (const site of structure.sites) {
      if (site.occupants.length < 2) continue;
      const key = site.occupants
        .map((o) => o.element)
        .sort()
        .join(' ');
      let occ = 0;
      for (const o of site.occupants) occ += o.occupancy;
      groups.set(key, (groups.get(key) ?? 0) + occ);
    }
    for (const n of groups.values()) if (n > tolerance && isInteger(n, tolerance)) totals.push(Math.round(n));
  }
  return totals;
}

function isStructure(x: Structure | Formula): x is Structure {
  return typeof (x as Structure).sites === 'object' && (x as Structure).lattice !== undefined;
}

export interface ReduceOptions {
  /** Amounts within this many atoms of an integer count as integers (default 1e-3). */
  tolerance?: number;
  /** Decimals kept for non-integer amounts (default 4). */
  decimals?: number;
}

/**
 * Number of formula units Z in the cell: the greatest common divisor of the integer totals (integer
 * element amounts, and occupancy sums of mixed-site groups); 1 when there are none.
 */
export function formulaUnits(structure: Structure | Formula, options: ReduceOptions = {}): number {
  const totals = integerTotals(structure, options.tolerance ?? INTEGER_TOLERANCE);
  return totals.length === 0 ? 1 : totals.reduce(gcd);
}

/** Amounts per formula unit (cell contents divided by `formulaUnits`). */
export function reducedComposition(structure: Structure | Formula, options: ReduceOptions = {}): Formula {
  const amounts = isStructure(structure) ? composition(structure) : structure;
  const z = formulaUnits(structure, options);
  const out: Formula = {};
  for (const [el, n] of Object.entries(amounts)) out[el] = n / z;
  return out;
}

/**
 * Reduced formula string, e.g. 'Na3Zr2Si2PO12', 'Na0.8CoO2', 'Na0.67Mn0.9Ni0.1O2'.
 * Rule: divide the cell contents by `formulaUnits` (see there), then write the elements in order of
 * increasing Pauling electronegativity (alkali metals first, O and F last, as pymatgen does; ties
 * and elements without a value (noble gases, last) by atomic number); amounts of 1 are omitted,
 * integers written as integers, others with up to `decimals` decimals.
 */
export function reducedFormula(structure: Structure | Formula, options: ReduceOptions = {}): string {
  const tolerance = options.tolerance ?? INTEGER_TOLERANCE;
  return formatFormula(reducedComposition(structure, options), { ...options, tolerance });
}

/** Elements in formula order: increasing electronegativity, then atomic number. */
export function formulaOrder(elements: Iterable<string>): string[] {
  return [...elements].sort((a, b) => {
    const ea = getElement(a);
    const eb = getElement(b);
    const xa = ea.electronegativity ?? Number.POSITIVE_INFINITY;
    const xb = eb.electronegativity ?? Number.POSITIVE_INFINITY;
    return xa === xb ? ea.Z - eb.Z : xa - xb;
  });
}

function formatAmount(n: number, tolerance: number, decimals: number): string {
  if (n >= 1 - tolerance && isInteger(n, tolerance)) {
    const i = Math.round(n);
    return i === 1 ? '' : String(i);
  }
  return String(Number(n.toFixed(decimals)));
}

/**
 * Writes a formula in formula order (see `reducedFormula`); amounts ≤ 0 are dropped. Amounts are
 * written as integers only when they round to one at the printed precision (or within
 * `tolerance`, when given), so no information beyond `decimals` is lost.
 */
export function formatFormula(formula: Formula, options: ReduceOptions = {}): string {
  const decimals = options.decimals ?? FORMULA_DECIMALS;
  const tolerance = options.tolerance ?? 0.5 * 10 ** -decimals;
  return formulaOrder(Object.keys(formula).filter((el) => formula[el] > 0))
    .map((el) => el + formatAmount(formula[el], tolerance, decimals))
    .join('');
}

// ------------------------------------------------------------------------ parser

const CLOSING: Record<string, string> = { '(': ')', '[': ']' };

/**
 * Parses a chemical formula with decimals and nested groups: 'Na3Zr2Si2PO12',
 * 'Na0.67Mn0.9Ni0.1O2', 'Li1.3Al0.3Ti1.7(PO4)3', CIF-style spaces 'Na3 Zr2 O12'. Element symbols
 * must be capitalised correctly ('Co' is cobalt, 'CO' is carbon + oxygen). Throws InputError with
 * the position on anything else.
 */
export function parseFormula(text: string): Formula {
  let pos = 0;
  const fail = (problem: string, expected: string): never => {
    throw new InputError(`${problem} at character ${pos + 1}`, {
      field: 'formula',
      found: text,
      expected,
    });
  };
  const skipSpaces = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const readNumber = (): number => {
    const m = /^(\d+(?:\.\d*)?|\.\d+)/.exec(text.slice(pos));
    if (!m) return 1;
    pos += m[0].length;
    return Number(m[0]);
  };
  const add = (into: Formula, el: string, n: number) => {
    into[el] = (into[el] ?? 0) + n;
  };
  const readGroup = (close: string | null): Formula => {
    const out: Formula = {};
    let empty = true;
    for (;;) {
      skipSpaces();
      if (pos >= text.length) {
        if (close) fail(`missing '${close}'`, `a closing '${close}'`);
        break;
      }
      const ch = text[pos];
      if (close && ch === close) {
        pos++;
        break;
      }
      if (ch in CLOSING) {
        pos++;
        const inner = readGroup(CLOSING[ch]);
        const k = readNumber();
        for (const [el, n] of Object.entries(inner)) add(out, el, n * k);
      } else if (ch >= 'A' && ch <= 'Z') {
        const two = text.slice(pos, pos + 2);
        const el = two.length === 2 && two[1] >= 'a' && two[1] <= 'z' ? two : ch;
        if (!isElement(el)) fail(`unknown element '${el}'`, 'element symbols with correct capitalisation');
        pos += el.length;
        add(out, el, readNumber());
      } else fail(`unexpected '${ch}'`, "element symbols, amounts and '(...)' groups");
      empty = false;
    }
    if (empty) fail('empty formula or group', 'at least one element');
    return out;
  };
  const formula = readGroup(null);
  for (const [el, n] of Object.entries(formula))
    if (!(Number.isFinite(n) && n > 0))
      throw new InputError('element amounts must be positive', { field: 'formula', found: `${el}${n}` });
  return formula;
}
