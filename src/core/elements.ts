/**
 * The periodic table natrium knows (H…Cf): atomic weights (IUPAC 2021), common oxidation states,
 * species symbols ('Co3+', 'O2-'), CIF labels ('Na1', 'OW1') and Shannon (1976) ionic radii.
 * Sources are in data/elements.json and data/shannon-radii.json.
 */
import elementsTable from '../../data/elements.json' with { type: 'json' };
import shannonTable from '../../data/shannon-radii.json' with { type: 'json' };
import { InputError } from './errors.ts';

export interface ElementData {
  symbol: string;
  /** Atomic number. */
  Z: number;
  name: string;
  /**
   * Abridged standard atomic weight (IUPAC/CIAAW 2021), numerically g/mol. For elements with
   * no stable isotope: the mass number of the longest-lived isotope (`noStableIsotope` is true).
   */
  atomicWeight: number;
  noStableIsotope?: boolean;
  /** Pauling electronegativity; only used to order formulas. Absent for He, Ne, Ar, Rn. */
  electronegativity?: number;
  /** Common oxidation states, most common first (informational). */
  commonOxidationStates: number[];
}

/** A chemical species: an element with an optional formal oxidation state. */
export interface Species {
  element: string;
  oxidationState?: number;
}

const ELEMENTS: readonly ElementData[] = elementsTable.elements as ElementData[];
const BY_SYMBOL = new Map<string, ElementData>(ELEMENTS.map((e) => [e.symbol, e]));

/** All elements in order of atomic number. */
export function allElements(): readonly ElementData[] {
  return ELEMENTS;
}

/** True when `symbol` is an element symbol with correct capitalisation ('Na', not 'NA'). */
export function isElement(symbol: string): boolean {
  return BY_SYMBOL.has(symbol);
}

/** Element data by symbol; throws InputError 'unknown element' otherwise. */
export function getElement(symbol: string): ElementData {
  const e = BY_SYMBOL.get(symbol);
  if (!e)
    throw new InputError('unknown element', {
      field: 'element',
      found: symbol,
      expected: `an element symbol H…${ELEMENTS[ELEMENTS.length - 1].symbol} with correct capitalisation`,
    });
  return e;
}

/** Standard atomic weight (g/mol) of an element. */
export function atomicWeight(symbol: string): number {
  return getElement(symbol).atomicWeight;
}

/** 'NA' → 'Na', 'co' → 'Co': symbols are one capital letter plus at most one small one. */
function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
}

// Charge after the symbol ('Co3+', 'Na+', 'O2-') or, as GSAS and some CIFs write it, sign first ('Fe+3').
const SPECIES_RE = /^([A-Za-z]{1,2})(?:(\d*)([+-])|([+-])(\d+))?$/;

/**
 * Parses a species symbol as used in CIF `_atom_type_symbol`: 'Co3+', 'O2-', 'Na+', 'Na1+', 'Fe+3',
 * 'Fe'. Capitalisation is normalised ('NA1+' → Na). Molecular ions ('OH-', 'H2O') are rejected: they
 * are not a single element.
 */
export function parseSpeciesSymbol(symbol: string): Species {
  const text = symbol.trim();
  const m = SPECIES_RE.exec(text);
  const element = m ? capitalise(m[1]) : '';
  if (!m || !isElement(element))
    throw new InputError('not a species symbol', {
      field: 'species',
      found: symbol,
      expected: "an element with an optional charge, e.g. 'Na', 'Co3+', 'O2-', 'Fe+3'",
    });
  if (m[3] !== undefined) {
    const magnitude = m[2] === '' ? 1 : Number(m[2]);
    return { element, oxidationState: m[3] === '-' ? -magnitude : magnitude };
  }
  if (m[4] !== undefined) {
    const magnitude = Number(m[5]);
    return { element, oxidationState: m[4] === '-' ? -magnitude : magnitude };
  }
  return { element };
}

/**
 * The element a CIF site label most likely names, for when no type symbol is given. Takes the
 * longest element prefix with correct capitalisation: 'Co1' → Co, 'O1a' → O, 'OW1' → O,
 * 'Ow' → O (no element 'Ow'), 'Os1' → Os (osmium: capitalisation decides). A lowercase first
 * letter is capitalised ('na1' → Na). Throws when no element starts the label.
 */
export function elementFromLabel(label: string): string {
  const text = label.trim();
  const first = text.charAt(0).toUpperCase();
  const second = text.charAt(1);
  if (second >= 'a' && second <= 'z' && isElement(first + second)) return first + second;
  if (isElement(first)) return first;
  throw new InputError('site label does not start with an element symbol', {
    field: 'label',
    found: label,
    expected: "a label such as 'Na1', 'O2a' or 'Co'",
  });
}

// ---------------------------------------------------------------- Shannon (1976) radii

export type SpinState = 'HS' | 'LS';

export interface ShannonEntry {
  element: string;
  charge: number;
  /** Shannon's coordination label: Roman numeral, 'IVSQ' for square planar. */
  coordination: string;
  spin?: SpinState;
  /** Effective ionic radius (Å), on the r(O²⁻, VI) = 1.40 Å scale. */
  ionicRadius: number;
  /** Crystal radius (Å) = ionic radius + 0.14 Å for cations. */
  crystalRadius: number;
}

const SHANNON: readonly ShannonEntry[] = shannonTable.radii as ShannonEntry[];
const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

function coordinationLabel(coordination: number | string): string {
  if (typeof coordination === 'number') {
    if (!Number.isInteger(coordination) || coordination < 1 || coordination >= ROMAN.length)
      throw new InputError('coordination number must be an integer 1–12', {
        field: 'coordination',
        found: String(coordination),
      });
    return ROMAN[coordination];
  }
  return coordination.trim().toUpperCase();
}

function describe(e: ShannonEntry): string {
  return e.spin ? `${e.coordination} ${e.spin}` : e.coordination;
}

function ionName(element: string, charge: number): string {
  const magnitude = Math.abs(charge);
  return `${element}${magnitude === 1 ? '' : magnitude}${charge < 0 ? '−' : '+'}`;
}

/** All Shannon entries tabulated here for one ion (empty if none). */
export function shannonEntries(element: string, charge: number): ShannonEntry[] {
  return SHANNON.filter((e) => e.element === element && e.charge === charge);
}

/**
 * Shannon (1976) effective ionic radius (Å) of an ion in a given coordination (number, or a label
 * such as 'VI' or 'IVSQ'). When the table distinguishes spin states the spin must be given; the
 * InputError then lists what is tabulated. Use `shannonEntries` for crystal radii.
 */
export function shannonRadius(
  element: string,
  charge: number,
  coordination: number | string,
  spin?: SpinState,
): number {
  getElement(element);
  const ion = shannonEntries(element, charge);
  const label = coordinationLabel(coordination);
  const tabulated = ion.map(describe).join(', ');
  if (ion.length === 0)
    throw new InputError('no Shannon radius tabulated for this ion', {
      field: 'ion',
      found: ionName(element, charge),
      expected: 'one of the ions in data/shannon-radii.json',
    });
  const sameCn = ion.filter((e) => e.coordination === label);
  const matches = spin ? sameCn.filter((e) => e.spin === spin || e.spin === undefined) : sameCn;
  if (matches.length === 1) return matches[0].ionicRadius;
  if (matches.length > 1)
    throw new InputError('the Shannon table has several spin states for this ion; give the spin', {
      field: 'spin',
      found: `${ionName(element, charge)} ${label}`,
      expected: matches.map(describe).join(' or '),
    });
  throw new InputError('no Shannon radius for this coordination', {
    field: 'coordination',
    found: `${ionName(element, charge)} ${label}${spin ? ` ${spin}` : ''}`,
    expected: `one of: ${tabulated}`,
  });
}
