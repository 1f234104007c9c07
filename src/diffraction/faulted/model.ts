import { InputError } from '../../core/errors.ts';

/**
 * A stacking-fault model in the form of Treacy, Newsam & Deem, Proc. R. Soc. Lond. A 433 (1991) 499
 * (doi:10.1098/rspa.1991.0062) — brief §5.1–5.2. Coordinates are fractions of the cell a, b, c, where
 * c is the reference layer spacing (R_z = 1 means one c).
 */
export interface LayerAtom {
  /** Form-factor key (element or ion symbol, e.g. 'Co', 'O', 'Na', 'O2-'). */
  species: string;
  x: number;
  y: number;
  z: number;
  /** Isotropic Debye–Waller B, Å². */
  b: number;
  occupancy: number;
}

export interface LayerType {
  atoms: LayerAtom[];
  /**
   * The layer has an inversion centre at its origin and `atoms` lists one of each pair: the partner
   * at (−x, −y, −z) is implied (DIFFaX CENTROSYMMETRIC convention), so F is real.
   */
  centrosymmetric?: boolean;
}

export interface Transition {
  /** α_ij: probability that layer j follows layer i. */
  probability: number;
  /** R_ij: stacking vector from the origin of i to the origin of j (fractions of a, b, c). */
  vector: [number, number, number];
}

export interface Cell {
  /** Å. */
  a: number;
  b: number;
  /** Reference layer spacing, Å. */
  c: number;
  /** Angle between a and b, degrees (c is normal to the layers). */
  gammaDeg: number;
}

export type StackingMode =
  | { kind: 'infinite' }
  | { kind: 'finite'; layers: number }
  | { kind: 'explicit'; sequence: number[] };

export interface FaultedModel {
  title?: string;
  cell: Cell;
  /** Atom lists; several states may share one (see `layerOfState`). */
  layers: LayerType[];
  /** Layer definition used by each state (default: state i uses layer i). */
  layerOfState?: number[];
  /** transitions[i][j]; every row sums to 1. */
  transitions: Transition[][];
  stacking: StackingMode;
  /** Lateral (in-plane) crystallite size in Å along a and b; undefined = infinite. */
  lateralWidth?: { a: number; b: number };
}

/** DIFFaX's detuning of sharp rows: α_ij → (1 − δ) α_ij, δ = 0.001 ("found to be optimum"), brief §5.3. */
export const DEFAULT_DETUNE = 0.001;
/** Tolerance on Σ_j α_ij = 1. */
export const ROW_SUM_TOLERANCE = 1e-4;
/** Largest number of states accepted. */
export const MAX_STATES = 64;

export function stateCount(model: FaultedModel): number {
  return model.transitions.length;
}

export function layerIndex(model: FaultedModel, state: number): number {
  return model.layerOfState ? model.layerOfState[state] : state;
}

/** Checks every number of a model; throws one InputError naming the first bad field. */
export function validateModel(model: FaultedModel, where: { file?: string } = {}): void {
  const fail = (problem: string, field: string, found?: string, expected?: string): never => {
    throw new InputError(problem, { file: where.file, field, found, expected });
  };
  const { a, b, c, gammaDeg } = model.cell;
  for (const [k, v] of Object.entries({ a, b, c }))
    if (!(Number.isFinite(v) && v > 0))
      fail('cell length must be a positive number of Å', `cell.${k}`, String(v));
  if (!(Number.isFinite(gammaDeg) && gammaDeg > 0 && gammaDeg < 180))
    fail('γ must lie between 0 and 180°', 'cell.gamma', String(gammaDeg));
  const n = model.transitions.length;
  if (n < 1 || n > MAX_STATES)
    fail('number of layer types out of range', 'transitions', String(n), `1 … ${MAX_STATES}`);
  if (model.layers.length < 1) fail('no layers defined', 'layers');
  model.layers.forEach((layer, li) => {
    layer.atoms.forEach((at, ai) => {
      for (const k of ['x', 'y', 'z', 'b', 'occupancy'] as const)
        if (!Number.isFinite(at[k]))
          fail('not a number', `layer ${li + 1} atom ${ai + 1} ${k}`, String(at[k]));
      if (at.occupancy < 0)
        fail('occupancy must be ≥ 0', `layer ${li + 1} atom ${ai + 1} occupancy`, String(at.occupancy));
      if (at.b < 0) fail('B must be ≥ 0 Å²', `layer ${li + 1} atom ${ai + 1} B`, String(at.b));
    });
  });
  if (model.layerOfState) {
    if (model.layerOfState.length !== n) fail('one layer per state is needed', 'layerOfState');
    model.layerOfState.forEach((l, i) => {
      if (!(Number.isInteger(l) && l >= 0 && l < model.layers.length))
        fail('state refers to a missing layer', `layerOfState[${i}]`, String(l));
    });
  } else if (model.layers.length < n)
    fail('fewer layers than layer types', 'layers', String(model.layers.length), String(n));
  model.transitions.forEach((row, i) => {
    if (row.length !== n)
      fail('transition matrix must be square', `transitions row ${i + 1}`, String(row.length), String(n));
    let sum = 0;
    row.forEach((t, j) => {
      const field = `transition ${i + 1}→${j + 1}`;
      if (!(Number.isFinite(t.probability) && t.probability >= 0 && t.probability <= 1))
        fail('probability must lie in 0 … 1', field, String(t.probability));
      if (!t.vector.every(Number.isFinite))
        fail('stacking vector must be three numbers', field, t.vector.join(' '));
      sum += t.probability;
    });
    if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE)
      fail(
        'probabilities leaving a layer type must sum to 1',
        `transitions from layer ${i + 1}`,
        sum.toFixed(6),
        '1',
      );
  });
  const s = model.stacking;
  if (s.kind === 'finite' && !(Number.isInteger(s.layers) && s.layers >= 1))
    fail('number of layers must be a positive integer', 'stacking', String(s.layers));
  if (s.kind === 'explicit') {
    if (s.sequence.length === 0) fail('explicit sequence is empty', 'stacking');
    s.sequence.forEach((j, k) => {
      if (!(Number.isInteger(j) && j >= 0 && j < n))
        fail('explicit sequence refers to a missing layer type', `stacking[${k}]`, String(j + 1));
      if (k > 0 && model.transitions[s.sequence[k - 1]][j].probability === 0)
        fail(
          'explicit sequence uses a transition of probability 0 (its stacking vector is still used)',
          `stacking[${k}]`,
          `${s.sequence[k - 1] + 1}→${j + 1}`,
        );
    });
  }
  if (model.lateralWidth) {
    const { a: wa, b: wb } = model.lateralWidth;
    if (!(Number.isFinite(wa) && wa > 0 && Number.isFinite(wb) && wb > 0))
      fail('lateral width must be positive Å', 'lateralWidth', `${wa} ${wb}`);
  }
}

/**
 * A-priori probabilities g (g = g·α, Σg = 1) as the Cesàro mean of uniform·αᵏ, which also covers
 * reducible chains (layer types with α_ii = 1 share probability, as in DIFFaX) and periodic ones.
 * For an irreducible aperiodic chain the balance equations are solved directly first.
 */
export function stationaryProbabilities(model: FaultedModel): Float64Array {
  const n = model.transitions.length;
  const p = (i: number, j: number) => model.transitions[i][j].probability;
  // Power iteration with averaging; converges for any finite chain.
  let v = new Float64Array(n).fill(1 / n);
  const acc = new Float64Array(n);
  const steps = 20_000;
  const next = new Float64Array(n);
  let last = new Float64Array(n);
  for (let k = 1; k <= steps; k++) {
    next.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) next[j] += v[i] * p(i, j);
    v = Float64Array.from(next);
    for (let i = 0; i < n; i++) acc[i] += v[i];
    if (k % 500 === 0) {
      const cur = acc.map((x) => x / k);
      let diff = 0;
      for (let i = 0; i < n; i++) diff = Math.max(diff, Math.abs(cur[i] - last[i]));
      last = cur;
      if (diff < 1e-15) break;
    }
  }
  // Polish: exact solve of the balance equations when the chain is irreducible (unique g).
  const exact = solveBalance(model, last);
  return exact ?? normalise(last);
}

function normalise(v: Float64Array): Float64Array {
  let s = 0;
  for (const x of v) s += x;
  return v.map((x) => x / s);
}

function solveBalance(model: FaultedModel, guess: Float64Array): Float64Array | null {
  const n = model.transitions.length;
  // Equations: Σ_i g_i (α_ij − δ_ij) = 0 for j < n−1, Σ g = 1. Gaussian elimination with pivoting.
  const A: number[][] = [];
  for (let j = 0; j < n - 1; j++) {
    const row = new Array(n + 1).fill(0);
    for (let i = 0; i < n; i++) row[i] = model.transitions[i][j].probability - (i === j ? 1 : 0);
    A.push(row);
  }
  A.push([...new Array(n).fill(1), 1]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(A[i][k]) > Math.abs(A[p][k])) p = i;
    if (Math.abs(A[p][k]) < 1e-10) return null;
    [A[k], A[p]] = [A[p], A[k]];
    for (let i = k + 1; i < n; i++) {
      const f = A[i][k] / A[k][k];
      for (let j = k; j <= n; j++) A[i][j] -= f * A[k][j];
    }
  }
  const g = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = A[i][n];
    for (let j = i + 1; j < n; j++) s -= A[i][j] * g[j];
    g[i] = s / A[i][i];
  }
  // A non-singular balance system has a unique solution; it must be a distribution close to the
  // averaged estimate (whose Cesàro bias is O(1/steps)).
  for (let i = 0; i < n; i++) if (!(g[i] > -1e-12) || Math.abs(g[i] - guess[i]) > 1e-3) return null;
  return g;
}
