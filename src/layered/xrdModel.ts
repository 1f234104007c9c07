import { InputError } from '../core/errors.ts';
import type { FaultedModel, LayerAtom, LayerType, Transition } from '../diffraction/faulted/index.ts';
import { MAX_STATES } from '../diffraction/faulted/index.ts';
import {
  type DomainLengthLaw,
  designPhaseType,
  type GlideState,
  labelFor,
  markovFromTargets,
} from './generators.ts';
import type { LayeredParams } from './parameters.ts';
import { columnXY, slabAtoms } from './slab.ts';
import { type LocalLabel, labelTriplet, type Stack, stackGeometry } from './stacking.ts';

/**
 * Ready-made stacking-fault models of P2/P3 (or, glided, O2/O3) intergrowths for the recursion
 * (brief §5.2). A layer = one MO₂ slab plus the Na layer above it, origin at the slab's lower oxygen.
 * A state = (orientation s, character χ of the interlayer above, counter position in the domain);
 * the stacking vector from a state is R = ((s + d)·(⅓,⅔), d_label/c) with d the interlayer shift.
 */

/** Counter states of one domain type: optional extra step (probability f), ⌊a⌋ deterministic steps, k geometric stages. */
interface CounterChain {
  /** Probability of entering each counter state when a domain starts. */
  entry: number[];
  /** next[c] = list of (target counter, probability) inside the domain; 'exit' leaves the domain. */
  moves: { to: number | 'exit'; p: number }[][];
}

function counterChain(law: DomainLengthLaw): CounterChain {
  const a = law.offset;
  const D = Math.floor(a + 1e-12);
  const f = a - D > 1e-12 ? a - D : 0;
  const k = law.stages;
  const q = law.exitProbability;
  // Counters: [extra?] [det 0..D-1] [stage 0..k-1]
  const hasExtra = f > 0;
  const first = hasExtra ? 1 : 0;
  const nC = first + D + k;
  const entry = new Array(nC).fill(0);
  if (hasExtra) entry[0] = f;
  entry[first] += 1 - f;
  const moves: CounterChain['moves'] = [];
  if (hasExtra) moves.push([{ to: first, p: 1 }]);
  for (let j = 0; j < D; j++) moves.push([{ to: first + j + 1, p: 1 }]);
  for (let j = 0; j < k; j++) {
    const c = first + D + j;
    const stay = { to: c, p: 1 - q };
    const go = j === k - 1 ? { to: 'exit' as const, p: q } : { to: c + 1, p: q };
    moves.push(q < 1 ? [stay, go] : [go]);
  }
  return { entry, moves };
}

export interface IntergrowthSpec {
  /** Domain-length laws of the 2-type and 3-type domains (e.g. from designPhaseType). */
  law2: DomainLengthLaw;
  law3: DomainLengthLaw;
  glideState?: GlideState;
}

/** The layer (slab + Na above) of a state with orientation s and the given interlayer label above. */
function layerFor(s: number, label: LocalLabel, params: LayeredParams, cRef: number): LayerType {
  const t = labelTriplet(label);
  const atoms = slabAtoms(0, s, { label, shift: t.dNorm * s }, params);
  return {
    atoms: atoms.map((a): LayerAtom => {
      const [x, y] = columnXY(a.column);
      return { species: a.element, x, y, z: a.z / cRef, b: a.b, occupancy: a.occupancy };
    }),
  };
}

function vectorFor(
  s: number,
  label: LocalLabel,
  params: LayeredParams,
  cRef: number,
  shift?: number,
): [number, number, number] {
  const d = shift ?? labelTriplet(label).dNorm * s;
  const [x, y] = columnXY(s + d);
  return [x, y, params.spacing[label] / cRef];
}

/** Reference layer spacing c used by the models: the P2 spacing. */
function referenceC(params: LayeredParams): number {
  return params.spacing.P2;
}

/** Phase-type (counter-state) intergrowth model; Markov = one geometric stage and no offset. */
export function intergrowthModel(spec: IntergrowthSpec, params: LayeredParams): FaultedModel {
  const glide = spec.glideState ?? 'P';
  const chains = { 2: counterChain(spec.law2), 3: counterChain(spec.law3) } as const;
  type State = { s: 1 | -1; chi: 2 | 3; c: number };
  const states: State[] = [];
  for (const chi of [2, 3] as const)
    for (let c = 0; c < chains[chi].moves.length; c++)
      for (const s of [1, -1] as const) states.push({ s, chi, c });
  if (states.length > MAX_STATES)
    throw new InputError('this domain-length law needs too many counter states for the recursion', {
      field: 'beta',
      found: `${states.length} states`,
      expected: `≤ ${MAX_STATES}: raise β or α (shorter or less regular domains)`,
    });
  const index = new Map(states.map((st, i) => [`${st.s},${st.chi},${st.c}`, i]));
  const cRef = referenceC(params);
  const layerKeys: string[] = [];
  const layers: LayerType[] = [];
  const layerOfState = states.map((st) => {
    const label = labelFor(st.chi, glide);
    const key = `${st.s},${label}`;
    let li = layerKeys.indexOf(key);
    if (li < 0) {
      li = layers.length;
      layerKeys.push(key);
      layers.push(layerFor(st.s, label, params, cRef));
    }
    return li;
  });
  const transitions: Transition[][] = states.map((st) => {
    const label = labelFor(st.chi, glide);
    const vector = vectorFor(st.s, label, params, cRef);
    const sNext = (st.chi === 2 ? -st.s : st.s) as 1 | -1;
    const row: Transition[] = states.map(() => ({ probability: 0, vector }));
    for (const mv of chains[st.chi].moves[st.c]) {
      if (mv.to === 'exit') {
        const other = st.chi === 2 ? 3 : 2;
        chains[other].entry.forEach((pe, c) => {
          if (pe > 0) row[index.get(`${sNext},${other},${c}`) as number].probability += mv.p * pe;
        });
      } else row[index.get(`${sNext},${st.chi},${mv.to}`) as number].probability += mv.p;
    }
    return row;
  });
  return {
    title: `${glide === 'P' ? 'P2/P3' : 'O2/O3'} intergrowth (phase-type domains)`,
    cell: { a: params.a, b: params.a, c: cRef, gammaDeg: 120 },
    layers,
    layerOfState,
    transitions,
    stacking: { kind: 'infinite' },
  };
}

/** Model from targets φ₂, α, β (phase-type inverse of §1.3). φ₂ = 0 or 1 gives the pure polytype. */
export function intergrowthFromTargets(
  targets: { phi2: number; alpha: number; beta: number; glideState?: GlideState },
  params: LayeredParams,
): FaultedModel {
  const { phi2 } = targets;
  if (phi2 === 0 || phi2 === 1) {
    const chi = phi2 === 1 ? 2 : 3;
    const never = { stages: 1, exitProbability: 1, offset: 0 };
    const forever = { stages: 1, exitProbability: 0, offset: 0 };
    return intergrowthModel(
      {
        law2: chi === 2 ? forever : never,
        law3: chi === 3 ? forever : never,
        glideState: targets.glideState,
      },
      params,
    );
  }
  const d = designPhaseType(phi2, targets.alpha, targets.beta);
  return intergrowthModel({ law2: d.law2, law3: d.law3, glideState: targets.glideState }, params);
}

/**
 * First-order Markov (DIFFaX Reichweite-1) intergrowth for targets φ₂ and α: the phase-type model
 * with one geometric stage per domain type and no offset, switching probabilities from the Markov
 * identities q₂ = α/(2φ₂), q₃ = α/(2(1−φ₂)) (brief §1.3). β is not free here: it follows from q
 * (√(1−q) when q₂ = q₃). φ₂ must lie strictly between 0 and 1 (as for the Markov generator).
 */
export function markovIntergrowthFromTargets(
  targets: { phi2: number; alpha: number; glideState?: GlideState },
  params: LayeredParams,
): { model: FaultedModel; q2: number; q3: number } {
  const q = markovFromTargets(targets.phi2, targets.alpha);
  const model = intergrowthModel(
    {
      law2: { stages: 1, exitProbability: q.q2, offset: 0 },
      law3: { stages: 1, exitProbability: q.q3, offset: 0 },
      glideState: targets.glideState,
    },
    params,
  );
  return { model: { ...model, title: model.title?.replace('phase-type', 'Markov') }, ...q };
}

/**
 * Explicit-mode model of one given stack: a state per distinct (orientation, interlayer label) pair,
 * and the sequence of states. The top slab has no Na layer above (surface). Only the stacking vectors
 * matter in explicit mode; probabilities are uniform over allowed successors.
 */
export function explicitModel(stack: Stack, params: LayeredParams): FaultedModel {
  const g = stackGeometry({ columns: stack.columns, periodic: false });
  if (g.slabs < 2)
    throw new InputError('explicit diffraction needs at least two slabs', { field: 'sequence' });
  const cRef = referenceC(params);
  const keys: string[] = [];
  const layers: LayerType[] = [];
  const vectors: [number, number, number][] = [];
  const sequence: number[] = [];
  for (let i = 0; i < g.slabs; i++) {
    const s = g.orientation[i];
    const j = Math.min(i, g.labels.length - 1);
    const label = g.labels[j];
    const d = g.shift[j];
    const top = i === g.slabs - 1;
    const key = top ? `${s},top` : `${s},${d},${label}`;
    let idx = keys.indexOf(key);
    if (idx < 0) {
      idx = keys.length;
      keys.push(key);
      const atoms = slabAtoms(0, s, top ? null : { label, shift: d }, params);
      layers.push({
        atoms: atoms.map((a) => {
          const [x, y] = columnXY(a.column);
          return { species: a.element, x, y, z: a.z / cRef, b: a.b, occupancy: a.occupancy };
        }),
      });
      vectors.push(vectorFor(s, label, params, cRef, d));
    }
    sequence.push(idx);
  }
  const n = keys.length;
  return {
    title: 'explicit stack',
    cell: { a: params.a, b: params.a, c: cRef, gammaDeg: 120 },
    layers,
    transitions: keys.map((_, i) => keys.map(() => ({ probability: 1 / n, vector: vectors[i] }))),
    stacking: { kind: 'explicit', sequence },
  };
}
