/**
 * NASICON compositions: parse a formula of the family A(1+x) M2 T3 O12 (A = Na or Li on 6b + 18e,
 * M on the octahedral 12c site, T = Si/P on the tetrahedral 18e site), normalise it to three
 * tetrahedral cations per formula unit, and check site capacities and charge balance. Every
 * rejection is one InputError that says which rule failed and by how much.
 */

import speciesTable from '../../data/nasicon/species.json' with { type: 'json' };
import { InputError } from '../core/errors.ts';
import { type Formula, parseFormula } from '../crystal/composition.ts';

export type SiteRole = 'alkali' | 'octahedral' | 'tetrahedral' | 'anion';

interface SpeciesEntry {
  charge: number;
  tag: string;
}

const TABLE = speciesTable as unknown as {
  alkali: Record<string, SpeciesEntry>;
  octahedral: Record<string, SpeciesEntry>;
  tetrahedral: Record<string, SpeciesEntry>;
  anion: Record<string, SpeciesEntry>;
  siteCapacityPerFormulaUnit: { alkali: number; octahedral: number; tetrahedral: number; oxygen: number };
  acceptedRanges: { octahedralMin: number; oxygenMin: number };
  chargeTolerance: number;
};

/** Site capacities per formula unit (6b + 18e alkali, 12c, 18e T, 2 × 36f O). */
export const SITE_CAPACITY = TABLE.siteCapacityPerFormulaUnit;
/** Tolerance on amounts (rounding of printed formulas, e.g. 1/3 written 0.333). */
const AMOUNT_TOL = 2e-3;

export type NasiconFamily = 'NZSP' | 'doped-NZSP' | 'LATP' | 'LAGP' | 'LZP' | 'Li-NASICON' | 'Na-NASICON';

/** A validated NASICON composition, per formula unit with Si + P = 3. */
export interface NasiconComposition {
  /** Normalised formula string (three tetrahedral cations per f.u.). */
  formula: string;
  family: NasiconFamily;
  alkali: 'Na' | 'Li';
  /** Alkali atoms per formula unit (1 + x for the parent series), 0 … 4. */
  alkaliAmount: number;
  /** Octahedral-site occupants per f.u. (sum ≤ 2; vacancies = 2 − sum). */
  octahedral: Record<string, number>;
  /** Tetrahedral occupants per f.u. (Si + P = 3). */
  tetrahedral: { Si: number; P: number };
  oxygen: number;
  /** Si per f.u. (x of Na1+xZr2SixP3−xO12 for undoped NZSP). */
  silicon: number;
  /** Alkali excess over one per f.u.: x of A1+x…; the Na2 (18e) filling variable. */
  x: number;
  /** Vacancies on the octahedral site per f.u. (Zr-deficient NASICON). */
  octahedralVacancy: number;
  /** Σ q·n per f.u. (0 for an accepted formula). */
  totalCharge: number;
  /** Dopants on the octahedral site other than the host (Zr, Ti or Ge). */
  dopants: Record<string, number>;
  /** Host octahedral cation. */
  host: string;
  warnings: string[];
}

const roleOf = (el: string): SiteRole | undefined => {
  if (el in TABLE.alkali) return 'alkali';
  if (el in TABLE.octahedral) return 'octahedral';
  if (el in TABLE.tetrahedral) return 'tetrahedral';
  if (el in TABLE.anion) return 'anion';
  return undefined;
};

/** Formal charge of an element on its NASICON site. */
export function nasiconCharge(element: string): number {
  const r = roleOf(element);
  if (!r) throw unknownElement(element);
  const tables = {
    alkali: TABLE.alkali,
    octahedral: TABLE.octahedral,
    tetrahedral: TABLE.tetrahedral,
    anion: TABLE.anion,
  };
  return tables[r][element].charge;
}

function unknownElement(el: string): InputError {
  return new InputError('element cannot sit on any NASICON site (unknown dopant)', {
    field: 'formula',
    found: el,
    expected: `alkali ${Object.keys(TABLE.alkali).join('/')}, octahedral ${Object.keys(TABLE.octahedral).join('/')}, tetrahedral Si/P, and O`,
  });
}

const round = (v: number, d = 4) => Math.round(v * 10 ** d) / 10 ** d;

/** Formats a per-f.u. amount map in A–M–T–O order. */
function formatAmounts(parts: [string, number][]): string {
  return parts
    .filter(([, n]) => n > 1e-9)
    .map(([el, n]) => (Math.abs(n - 1) < 1e-9 ? el : `${el}${round(n)}`))
    .join('');
}

/**
 * Parses and validates a NASICON formula ('Na3Zr2Si2PO12', 'Na3.4Sc0.4Zr1.6Si2PO12',
 * 'Li1.3Al0.3Ti1.7(PO4)3', 'LiZr2(PO4)3'). Multiples are normalised (Na6Zr4Si4P2O24 → Na3Zr2Si2PO12).
 */
export function parseNasiconFormula(text: string): NasiconComposition {
  const raw: Formula = parseFormula(text);
  for (const el of Object.keys(raw)) if (!roleOf(el)) throw unknownElement(el);
  const alkalis = Object.keys(raw).filter((el) => roleOf(el) === 'alkali');
  if (alkalis.length !== 1)
    throw new InputError(
      alkalis.length === 0 ? 'no mobile alkali ion in the formula' : 'mixed Na/Li NASICONs are not supported',
      { field: 'formula', found: text, expected: 'exactly one of Na or Li' },
    );
  const alkali = alkalis[0] as 'Na' | 'Li';
  const tSum = (raw.Si ?? 0) + (raw.P ?? 0);
  if (!(tSum > 0))
    throw new InputError('no tetrahedral Si or P in the formula', {
      field: 'formula',
      found: text,
      expected: 'a NASICON phosphate/silicate such as Na3Zr2Si2PO12',
    });
  const scale = SITE_CAPACITY.tetrahedral / tSum;
  const n = (el: string) => (raw[el] ?? 0) * scale;
  const warnings: string[] = [];
  if (Math.abs(scale - Math.round(scale)) > 1e-9 && Math.abs(1 / scale - Math.round(1 / scale)) > 1e-9)
    warnings.push(`amounts rescaled by ${round(scale, 6)} to three tetrahedral cations per formula unit`);

  const alkaliAmount = n(alkali);
  const octahedral: Record<string, number> = {};
  for (const el of Object.keys(raw)) if (roleOf(el) === 'octahedral') octahedral[el] = n(el);
  const oSum = Object.values(octahedral).reduce((s, v) => s + v, 0);
  const oxygen = n('O');
  const location = { field: 'formula', found: text };

  if (alkaliAmount > SITE_CAPACITY.alkali + AMOUNT_TOL)
    throw new InputError(
      `too much ${alkali} for the NASICON alkali sites: ${round(alkaliAmount)} per formula unit exceeds 6b + 18e = ${SITE_CAPACITY.alkali} (site capacity)`,
      { ...location, expected: `at most ${SITE_CAPACITY.alkali} ${alkali} per 3 (Si + P)` },
    );
  if (oSum > SITE_CAPACITY.octahedral + AMOUNT_TOL)
    throw new InputError(
      `octahedral site over-filled: ${round(oSum)} cations per formula unit exceed the 12c capacity of ${SITE_CAPACITY.octahedral} (site capacity)`,
      {
        ...location,
        expected: `a sum of octahedral cations (${Object.keys(TABLE.octahedral).join(', ')}) ≤ 2 per 3 (Si + P)`,
      },
    );
  if (oSum < TABLE.acceptedRanges.octahedralMin - AMOUNT_TOL)
    throw new InputError(
      `only ${round(oSum)} octahedral cations per formula unit: below ${TABLE.acceptedRanges.octahedralMin} the framework is not a NASICON`,
      { ...location, expected: 'about 2 octahedral cations (Zr, Ti, Ge, Hf or dopants) per 3 (Si + P)' },
    );
  if (oxygen > SITE_CAPACITY.oxygen + AMOUNT_TOL || oxygen < TABLE.acceptedRanges.oxygenMin - AMOUNT_TOL)
    throw new InputError(
      `${round(oxygen)} O per formula unit is outside the NASICON range ${TABLE.acceptedRanges.oxygenMin}–${SITE_CAPACITY.oxygen} (site capacity)`,
      { ...location, expected: '12 O per 3 (Si + P), e.g. Na3Zr2Si2PO12' },
    );

  let charge = 0;
  for (const el of Object.keys(raw)) charge += nasiconCharge(el) * n(el);
  if (Math.abs(charge) > Math.max(TABLE.chargeTolerance, AMOUNT_TOL * 2)) {
    // Say what alkali content would balance it: that is the usual mistake.
    const needed = alkaliAmount - charge;
    throw new InputError(
      `formula is not charge balanced: net charge ${charge > 0 ? '+' : ''}${round(charge)} per formula unit with ${alkali}+, ${Object.keys(
        octahedral,
      )
        .map((el) => `${el}${nasiconCharge(el)}+`)
        .join(', ')}, Si4+, P5+, O2-`,
      { ...location, expected: `${alkali}${round(needed)} for this framework (charge balance)` },
    );
  }

  const hostCandidates = ['Zr', 'Ti', 'Ge', 'Hf'].filter((h) => (octahedral[h] ?? 0) > 0);
  const host = hostCandidates.sort((a, b) => octahedral[b] - octahedral[a])[0] ?? Object.keys(octahedral)[0];
  if (!host)
    throw new InputError('no octahedral cation in the formula', {
      ...location,
      expected: 'Zr, Ti, Ge, Hf or a dopant',
    });
  const dopants: Record<string, number> = {};
  for (const [el, v] of Object.entries(octahedral)) if (el !== host) dopants[el] = v;
  const si = n('Si');
  const family = classify(alkali, host, dopants, si);
  const formula = formatAmounts([
    [alkali, alkaliAmount],
    ...Object.entries(dopants),
    [host, octahedral[host]],
    ['Si', si],
    ['P', n('P')],
    ['O', oxygen],
  ]);
  if (oxygen < SITE_CAPACITY.oxygen - AMOUNT_TOL)
    warnings.push(
      `O-deficient (defect) NASICON: ${round(oxygen)} O per formula unit; 36f occupancy ${round(oxygen / 12)}`,
    );
  if (SITE_CAPACITY.octahedral - oSum > AMOUNT_TOL)
    warnings.push(
      `octahedral-site deficient: ${round(SITE_CAPACITY.octahedral - oSum)} vacancies per formula unit`,
    );
  return {
    formula,
    family,
    alkali,
    alkaliAmount,
    octahedral,
    tetrahedral: { Si: si, P: n('P') },
    oxygen,
    silicon: si,
    x: alkaliAmount - 1,
    octahedralVacancy: Math.max(0, SITE_CAPACITY.octahedral - oSum),
    totalCharge: round(charge, 9),
    dopants,
    host,
    warnings,
  };
}

function classify(alkali: string, host: string, dopants: Record<string, number>, si: number): NasiconFamily {
  const dop = Object.keys(dopants);
  if (alkali === 'Na') {
    if (host === 'Zr' && dop.length === 0) return 'NZSP';
    if (host === 'Zr') return 'doped-NZSP';
    return 'Na-NASICON';
  }
  if (si > 0) return 'Li-NASICON';
  if (host === 'Ti' && dop.every((d) => d === 'Al')) return 'LATP';
  if (host === 'Ge' && dop.every((d) => d === 'Al')) return 'LAGP';
  if (host === 'Zr' && dop.length === 0) return 'LZP';
  return 'Li-NASICON';
}

export interface NzspSpec {
  /** Si content x of Na1+xZr2SixP3−xO12, 0 ≤ x ≤ 3. */
  x: number;
  /** Optional octahedral dopant replacing Zr (charge compensated by Na). */
  dopant?: string;
  /** Dopant amount per formula unit (0 ≤ y ≤ 2). */
  dopantAmount?: number;
}

/**
 * The formula of Na1+x+(4−q)y My Zr2−y Six P3−x O12 (q = dopant charge): Na compensates every
 * aliovalent substitution. Rejects x outside 0…3 and compositions beyond the alkali capacity.
 */
export function nzspFormula(spec: NzspSpec): string {
  const { x } = spec;
  if (!(Number.isFinite(x) && x >= 0 && x <= 3))
    throw new InputError('Si content x out of range', {
      field: 'x',
      found: String(x),
      expected: '0 ≤ x ≤ 3',
    });
  const y = spec.dopantAmount ?? 0;
  if (!(Number.isFinite(y) && y >= 0 && y <= 2))
    throw new InputError('dopant amount out of range', {
      field: 'dopantAmount',
      found: String(y),
      expected: '0 ≤ y ≤ 2',
    });
  let na = 1 + x;
  const parts: [string, number][] = [];
  if (spec.dopant && y > 0) {
    const q = TABLE.octahedral[spec.dopant]?.charge;
    if (q === undefined)
      throw new InputError('unknown dopant for the Zr site', {
        field: 'dopant',
        found: spec.dopant,
        expected: Object.keys(TABLE.octahedral).join(', '),
      });
    na += (4 - q) * y;
    parts.push([spec.dopant, y]);
  }
  return formatAmounts([['Na', na], ...parts, ['Zr', 2 - y], ['Si', x], ['P', 3 - x], ['O', 12]]);
}

/** Li1+xAlxM2−x(PO4)3 with M = Ti (LATP) or Ge (LAGP), 0 ≤ x ≤ 2. */
export function liNasiconFormula(host: 'Ti' | 'Ge' | 'Zr', x: number): string {
  if (!(Number.isFinite(x) && x >= 0 && x <= 2))
    throw new InputError('Al content x out of range', {
      field: 'x',
      found: String(x),
      expected: '0 ≤ x ≤ 2',
    });
  return formatAmounts([
    ['Li', 1 + x],
    ['Al', x],
    [host, 2 - x],
    ['P', 3],
    ['O', 12],
  ]);
}
