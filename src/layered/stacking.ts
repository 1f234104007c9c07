import { InputError } from '../core/errors.ts';

/**
 * The 1-D stacking model of layered AₓMO₂ oxides (brief §2.2–2.3).
 *
 * A stack is a list of oxygen-layer columns p₀ … p₂ₙ₋₁ ∈ {A, B, C} = {0, 1, 2} on the triangular
 * lattice (A = (0,0), B = (⅓,⅔), C = (⅔,⅓)). Slab i is the pair (p₂ᵢ, p₂ᵢ₊₁); its M cation sits in
 * the third column. Between slab i and slab i+1 lies interlayer i (the Na layer).
 */

/** Column codes. */
export const COLUMN_LETTERS = ['A', 'B', 'C'] as const;
export type ColumnLetter = (typeof COLUMN_LETTERS)[number];

/** Local environment of one interlayer (Delmas letter + repeat of the pair), table §2.3. */
export type LocalLabel = 'P2' | 'P3' | 'O1' | 'O2' | 'O3';
export const LOCAL_LABELS: readonly LocalLabel[] = ['P2', 'P3', 'O1', 'O2', 'O3'];
/** P = trigonal prismatic Na site (eclipsed oxygen layers), O = octahedral. */
export type Environment = 'P' | 'O';
/** 2 if the two slabs around the interlayer have opposite orientation, 3 if the same. */
export type Character = 2 | 3;

export interface Stack {
  /** Oxygen-layer columns, 0 = A, 1 = B, 2 = C; even length 2N. */
  columns: Uint8Array;
  /** Whether the sequence is one repeat of a periodic crystal (adds the wrap-around interlayer). */
  periodic: boolean;
}

export interface StackGeometry {
  /** Number of slabs N. */
  slabs: number;
  /** Slab orientation sᵢ = ±1 (i = 0 … N−1). */
  orientation: Int8Array;
  /** Interlayer shift dᵢ ∈ {−1, 0, +1} (i = 0 … N−2, plus the wrap if periodic). */
  shift: Int8Array;
  /** Local label per interlayer. */
  labels: LocalLabel[];
  environments: Environment[];
  character: Character[];
}

const mod3 = (x: number): number => ((x % 3) + 3) % 3;

/** Validates columns (codes 0–2, even count ≥ 2, two different letters per slab) and returns a Stack. */
export function makeStack(columns: ArrayLike<number>, periodic = false, field = 'sequence'): Stack {
  if (columns.length === 0 || columns.length % 2 !== 0)
    throw new InputError('an oxygen sequence needs an even, non-zero number of layers (two per slab)', {
      field,
      found: `${columns.length} oxygen layers`,
      expected: 'pairs of letters such as AB BA',
    });
  const out = new Uint8Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    if (c !== 0 && c !== 1 && c !== 2)
      throw new InputError('column code must be 0, 1 or 2 (A, B, C)', { field, found: String(c) });
    out[i] = c;
  }
  for (let i = 0; i < out.length; i += 2)
    if (out[i] === out[i + 1])
      throw new InputError(
        `slab ${i / 2} has the same letter twice (an MO₂ slab needs two different columns)`,
        {
          field,
          found: `${COLUMN_LETTERS[out[i]]}${COLUMN_LETTERS[out[i + 1]]}`,
          expected: 'AB, AC, BA, BC, CA or CB',
        },
      );
  return { columns: out, periodic };
}

/** Orientation, shifts, labels, environments and 2/3 character of every slab and interlayer (§2.5). */
export function stackGeometry(stack: Stack): StackGeometry {
  const p = stack.columns;
  const n = p.length / 2;
  const orientation = new Int8Array(n);
  for (let i = 0; i < n; i++) orientation[i] = mod3(p[2 * i + 1] - p[2 * i]) === 1 ? 1 : -1;
  const nInter = stack.periodic ? n : n - 1;
  const shift = new Int8Array(nInter);
  const labels: LocalLabel[] = [];
  const environments: Environment[] = [];
  const character: Character[] = [];
  for (let i = 0; i < nInter; i++) {
    const next = (2 * i + 2) % p.length;
    const m = mod3(p[next] - p[2 * i + 1]);
    const d = m === 0 ? 0 : m === 1 ? 1 : -1;
    shift[i] = d;
    const s = orientation[i];
    const sNext = orientation[(i + 1) % n];
    const label = localLabel(d * s, sNext * s);
    labels.push(label);
    environments.push(d === 0 ? 'P' : 'O');
    character.push(sNext === -s ? 2 : 3);
  }
  return { slabs: n, orientation, shift, labels, environments, character };
}

/** Table §2.3 on the normalised triplet (+1, d·s, s′·s). */
export function localLabel(dNorm: number, sNextNorm: number): LocalLabel {
  if (dNorm === 0) return sNextNorm === 1 ? 'P3' : 'P2';
  if (sNextNorm === -1) return 'O2';
  return dNorm === 1 ? 'O3' : 'O1';
}

/** Normalised (d·s, s′·s) that produces a label (O2 uses its AB|AC twin, d·s = −1). */
export function labelTriplet(label: LocalLabel): { dNorm: -1 | 0 | 1; sNextNorm: -1 | 1 } {
  switch (label) {
    case 'P3':
      return { dNorm: 0, sNextNorm: 1 };
    case 'P2':
      return { dNorm: 0, sNextNorm: -1 };
    case 'O3':
      return { dNorm: 1, sNextNorm: 1 };
    case 'O1':
      return { dNorm: -1, sNextNorm: 1 };
    case 'O2':
      return { dNorm: -1, sNextNorm: -1 };
  }
}

/** Builds the columns from the compact form (s₀…s_{N−1}; d₀…d_{N−2}): p₀ = 0, p₂ᵢ₊₁ = p₂ᵢ + sᵢ, p₂ᵢ₊₂ = p₂ᵢ₊₁ + dᵢ. */
export function stackFromCompact(
  orientation: ArrayLike<number>,
  shift: ArrayLike<number>,
  periodic = false,
): Stack {
  const n = orientation.length;
  if (n === 0) throw new InputError('a stack needs at least one slab', { field: 'orientation' });
  if (shift.length !== n - 1)
    throw new InputError('the compact form needs one shift fewer than orientations', {
      field: 'shift',
      found: `${n} orientations, ${shift.length} shifts`,
      expected: `${n - 1} shifts`,
    });
  const cols = new Uint8Array(2 * n);
  let p = 0;
  for (let i = 0; i < n; i++) {
    const s = orientation[i];
    if (s !== 1 && s !== -1)
      throw new InputError('orientation must be +1 or −1', { field: 'orientation', found: String(s) });
    cols[2 * i] = p;
    p = mod3(p + s);
    cols[2 * i + 1] = p;
    if (i < n - 1) {
      const d = shift[i];
      if (d !== 0 && d !== 1 && d !== -1)
        throw new InputError('shift must be −1, 0 or +1', { field: 'shift', found: String(d) });
      p = mod3(p + d);
    }
  }
  return { columns: cols, periodic };
}

/** Builds a (non-periodic) stack whose interlayers carry the given labels: N = labels + 1 slabs, s₀ = +1, p₀ = A. */
export function stackFromLabels(labels: readonly LocalLabel[]): Stack {
  const s: number[] = [1];
  const d: number[] = [];
  for (const label of labels) {
    const cur = s[s.length - 1];
    const t = labelTriplet(label);
    d.push(t.dNorm * cur);
    s.push(t.sNextNorm * cur);
  }
  return stackFromCompact(s, d, false);
}

/** Oxygen letters, one space between slabs. */
export function formatColumns(stack: Stack, separator = ' '): string {
  const parts: string[] = [];
  for (let i = 0; i < stack.columns.length; i += 2)
    parts.push(COLUMN_LETTERS[stack.columns[i]] + COLUMN_LETTERS[stack.columns[i + 1]]);
  return parts.join(separator);
}

/**
 * Canonical form under global relabelling of A/B/C (3 cyclic shifts = lateral translations, 3
 * transpositions = 2-fold operations) and, optionally, reading upside-down: the lexicographically
 * smallest letter string. Two stacks describe the same structure iff their canonical forms match.
 */
export function canonicalForm(stack: Stack, options: { allowReversal?: boolean } = {}): string {
  const perms = [
    [0, 1, 2],
    [1, 2, 0],
    [2, 0, 1],
    [0, 2, 1],
    [2, 1, 0],
    [1, 0, 2],
  ];
  const cols = stack.columns;
  const n = cols.length;
  const reversals = (options.allowReversal ?? true) ? [false, true] : [false];
  // Compare the 6 (or 12) images code by code without building strings; build only the winner.
  let bestPerm = perms[0];
  let bestRev = false;
  const at = (perm: number[], rev: boolean, i: number) => perm[cols[rev ? n - 1 - i : i]];
  for (const rev of reversals)
    for (const perm of perms) {
      let cmp = 0;
      for (let i = 0; i < n && cmp === 0; i++) cmp = at(perm, rev, i) - at(bestPerm, bestRev, i);
      if (cmp < 0) {
        bestPerm = perm;
        bestRev = rev;
      }
    }
  let text = '';
  for (let i = 0; i < n; i++) text += COLUMN_LETTERS[at(bestPerm, bestRev, i)];
  return text;
}

/**
 * Rigid glide at interlayer i (0-based): every slab above i moves by σ = +(⅓,⅔) (sign +1, A→B→C→A)
 * or −(⅓,⅔) (sign −1). Changes dᵢ by the sign and leaves all orientations unchanged (§2.6).
 */
export function glide(stack: Stack, interlayer: number, sign: 1 | -1): Stack {
  const n = stack.columns.length / 2;
  if (!(Number.isInteger(interlayer) && interlayer >= 0 && interlayer < n - 1))
    throw new InputError('glide interlayer out of range', {
      field: 'interlayer',
      found: String(interlayer),
      expected: `0 … ${n - 2}`,
    });
  const cols = Uint8Array.from(stack.columns);
  for (let j = 2 * interlayer + 2; j < cols.length; j++) cols[j] = mod3(cols[j] + sign);
  return { columns: cols, periodic: stack.periodic };
}
