import defaults from '../../data/layered/model-defaults.json' with { type: 'json' };
import { InputError } from '../core/errors.ts';
import { parseFormula } from '../crystal/composition.ts';
import { DEFAULT_SPACINGS_A, requireSpacing, type SpacingTable } from './spacings.ts';
import type { LocalLabel } from './stacking.ts';

/** Parameters of the slab geometry and chemistry shared by the atomic-model builder and the XRD models. */
export interface LayeredParams {
  /** In-plane lattice parameter, Å. */
  a: number;
  /** Vertical O–M distance inside a slab, Å (slab O–O thickness = 2h). */
  h: number;
  /** Interlayer period per local label, Å (d_P for P2/P3, d_O for O-type). */
  spacing: SpacingTable;
  /** Na per MO₂. */
  sodium: number;
  /** Transition-metal mixture, fractions summing to 1, e.g. [{element:'Mn', fraction:0.9}, …]. */
  metals: { element: string; fraction: number }[];
  /** Fraction of P2-interlayer Na on the edge-sharing Na_e site (rest on Na_f). */
  naEdgeFractionP2: number;
  /** P3 interlayers: Na on both prism sets (x/2 each, R-3m) or only the set sharing faces with the slab below (R3m). */
  naP3Sites: 'both' | 'single';
  /** Debye–Waller B, Å². */
  b: { M: number; O: number; Na: number };
}

export interface LayeredParamsInput {
  a?: number;
  h?: number;
  /** M–O bond length (Å) used for h = √(r² − a²/3) when h is not given. */
  bond?: number;
  /** P-type interlayer spacing, Å (P2 and P3). */
  dP?: number;
  /** O-type interlayer spacing, Å (O1, O2, O3). */
  dO?: number;
  spacing?: Partial<SpacingTable>;
  /** Formula NaₓM O₂, e.g. 'Na0.46Mn0.9Ni0.1O2'. */
  composition?: string;
  naEdgeFractionP2?: number;
  naP3Sites?: 'both' | 'single';
  b?: Partial<LayeredParams['b']>;
}

export const DEFAULT_COMPOSITION = 'Na0.46Mn0.9Ni0.1O2';
/** Tolerance on Σ M = 1 and O = 2 in a composition. */
const COMPOSITION_TOLERANCE = 1e-3;

function positive(v: number, field: string): number {
  if (!(Number.isFinite(v) && v > 0))
    throw new InputError('must be a positive finite number', { field, found: String(v) });
  return v;
}

/** Fills defaults (data/layered/model-defaults.json, spacings.json) and validates. */
export function resolveLayeredParams(input: LayeredParamsInput = {}): LayeredParams {
  const a = positive(input.a ?? defaults.aAngstrom.value, 'a');
  let h: number;
  if (input.h !== undefined) h = positive(input.h, 'h');
  else {
    const r = positive(input.bond ?? defaults.metalOxygenBondAngstrom.value, 'bond');
    const h2 = r * r - (a * a) / 3;
    if (!(h2 > 0))
      throw new InputError('M–O bond is shorter than a/√3: no room for an octahedron', {
        field: 'bond',
        found: String(r),
        expected: `> ${(a / Math.sqrt(3)).toFixed(3)} Å for a = ${a} Å`,
      });
    h = Math.sqrt(h2);
  }
  const spacing: SpacingTable = { ...DEFAULT_SPACINGS_A };
  if (input.dP !== undefined) spacing.P2 = spacing.P3 = requireSpacing(input.dP, 'dP');
  if (input.dO !== undefined) spacing.O1 = spacing.O2 = spacing.O3 = requireSpacing(input.dO, 'dO');
  for (const [k, v] of Object.entries(input.spacing ?? {}))
    spacing[k as LocalLabel] = requireSpacing(v as number, `spacing.${k}`);
  for (const [k, v] of Object.entries(spacing))
    if (v <= 2 * h)
      throw new InputError('interlayer spacing must exceed the slab thickness 2h', {
        field: `spacing.${k}`,
        found: `${v} Å`,
        expected: `> ${(2 * h).toFixed(3)} Å`,
      });
  const { sodium, metals } = parseLayeredComposition(input.composition ?? DEFAULT_COMPOSITION);
  const naEdge = input.naEdgeFractionP2 ?? defaults.naEdgeFractionP2.value;
  if (!(naEdge >= 0 && naEdge <= 1))
    throw new InputError('Na_e fraction must lie in 0 … 1', {
      field: 'naEdgeFractionP2',
      found: String(naEdge),
    });
  const b = { ...defaults.bFactorsAngstrom2, ...(input.b ?? {}) };
  for (const k of ['M', 'O', 'Na'] as const)
    if (!(Number.isFinite(b[k]) && b[k] >= 0))
      throw new InputError('B must be ≥ 0 Å²', { field: `b.${k}`, found: String(b[k]) });
  const naP3Sites = input.naP3Sites ?? 'both';
  if (naP3Sites !== 'both' && naP3Sites !== 'single')
    throw new InputError('unknown P3 Na site choice', {
      field: 'naP3Sites',
      found: String(naP3Sites),
      expected: 'both or single',
    });
  return {
    a,
    h,
    spacing,
    sodium,
    metals,
    naEdgeFractionP2: naEdge,
    naP3Sites,
    b: { M: b.M, O: b.O, Na: b.Na },
  };
}

/** NaₓMO₂ with M a mixture summing to 1 and exactly 2 O. */
export function parseLayeredComposition(text: string): {
  sodium: number;
  metals: { element: string; fraction: number }[];
} {
  let f: Record<string, number>;
  try {
    f = parseFormula(text);
  } catch (e) {
    if (e instanceof InputError) throw e.withLocation({ field: 'composition' });
    throw e;
  }
  const o = f.O ?? 0;
  if (Math.abs(o - 2) > COMPOSITION_TOLERANCE)
    throw new InputError('a layered oxide formula needs exactly O2 per formula unit', {
      field: 'composition',
      found: text,
      expected: 'NaₓMO₂, e.g. Na0.46Mn0.9Ni0.1O2',
    });
  const sodium = f.Na ?? 0;
  if (!(sodium >= 0 && sodium <= 1))
    throw new InputError('Na content must lie in 0 … 1 per MO₂', {
      field: 'composition',
      found: String(sodium),
    });
  const metals = Object.entries(f)
    .filter(([el]) => el !== 'Na' && el !== 'O')
    .map(([element, fraction]) => ({ element, fraction }));
  const sum = metals.reduce((s, m) => s + m.fraction, 0);
  if (metals.length === 0 || Math.abs(sum - 1) > COMPOSITION_TOLERANCE)
    throw new InputError('transition-metal fractions must sum to 1 per MO₂', {
      field: 'composition',
      found: `${text} (Σ M = ${sum.toFixed(4)})`,
      expected: 'e.g. Mn0.9Ni0.1',
    });
  return { sodium, metals };
}
