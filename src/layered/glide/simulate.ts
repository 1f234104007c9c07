import { InputError } from '../../core/errors.ts';
import { Rng } from '../../core/rng.ts';
import {
  DEFAULT_SPACINGS_A,
  formatColumns,
  type LocalLabel,
  labelFor,
  parseStack,
  phaseTypeStack,
  type Stack,
  stackFromLabels,
  stackGeometry,
} from '../index.ts';
import { applyCycleDamage } from './damage.ts';
import { GlideKmc, newCounters, type ParticleState } from './kmc.ts';
import { type GlideLattice, latticeFromStack, stackWithShifts } from './lattice.ts';
import type { GlideParams } from './params.ts';
import { activeFraction, newParticle, oFraction } from './particle.ts';
import { cycleProtocol } from './protocol.ts';

/** Where a particle's stack comes from. */
export type StackSource =
  | { kind: 'sequence'; sequence: string }
  | { kind: 'generated'; phi2: number; alpha: number; beta: number; layers: number };

export interface SimulateOptions {
  cycles: number;
  particles: number;
  seed: number;
  /** Run the kMC every `cycleStride` cycles and apply its damage that many times (default 1 = every cycle). */
  cycleStride?: number;
  /** Cycles whose O-fraction and mean-spacing curves vs x are recorded (snapped to simulated cycles). */
  observeCycles?: number[];
  /** Na contents (first charge) at which particle 0's explicit stack is saved (operando series). */
  snapshotNa?: number[];
}

export interface CycleCurve {
  cycle: number;
  phase: ('charge' | 'discharge' | 'rest')[];
  x: number[];
  oFraction: number[];
  /** Mean interlayer spacing d̄, Å (c = n·d̄ for an n-layer cell). */
  meanSpacingAngstrom: number[];
}

export interface StackSnapshot {
  cycle: number;
  x: number;
  phase: 'charge' | 'discharge' | 'rest';
  /** Oxygen letters of the explicit stack. */
  sequence: string;
  labels: LocalLabel[];
  oFraction: number;
}

export interface ParticleRun {
  index: number;
  interlayers: number;
  radiusUm: number;
  /** Volume weight ∝ r³ (µm³). */
  weight: number;
  cycles: number[];
  /** Active (undamaged) fraction at the start of each recorded cycle. */
  active: number[];
  /** O-type fraction at the end of each recorded cycle's charge. */
  oFractionCharged: number[];
  /** O-type fraction among active interlayers at the end of the last simulated charge. */
  oFractionActiveCharged: number;
  curves: CycleCurve[];
  /** Final damage / tolerance per interlayer (≥ 1 = inactive). */
  damageRatio: number[];
  interphases: number[];
  pinnedFraction: number;
  events: number;
  simulatedTimeS: number;
  snapshots: StackSnapshot[];
}

const DEFAULT_OBSERVE = 'firstAndLast';

function requireCount(v: number, field: string, min: number): number {
  if (!(Number.isInteger(v) && v >= min))
    throw new InputError(`${field} must be a whole number ≥ ${min}`, { field, found: String(v) });
  return v;
}

/** Validates the simulation options (one InputError naming the field). */
export function checkOptions(o: SimulateOptions): void {
  requireCount(o.cycles, 'cycles', 1);
  requireCount(o.particles, 'particles', 1);
  if (!Number.isInteger(o.seed))
    throw new InputError('seed must be a whole number', { field: 'seed', found: String(o.seed) });
  if (o.cycleStride !== undefined) requireCount(o.cycleStride, 'cycleStride', 1);
}

/** Validates a stack source and returns it unchanged. */
export function checkSource(s: StackSource): StackSource {
  if (s.kind === 'sequence') return s;
  if (!(Number.isFinite(s.alpha) && s.alpha >= 0 && s.alpha <= 1))
    throw new InputError('α (interphases per interlayer) must lie in [0, 1]', {
      field: 'alpha',
      found: String(s.alpha),
      expected: '0 ≤ α ≤ 1',
    });
  if (!(Number.isFinite(s.beta) && s.beta >= 0))
    throw new InputError('β (CV of interphase spacings) must be ≥ 0', {
      field: 'beta',
      found: String(s.beta),
      expected: 'β ≥ 0',
    });
  if (!(Number.isFinite(s.phi2) && s.phi2 >= 0 && s.phi2 <= 1))
    throw new InputError('φ₂ must lie in [0, 1]', { field: 'phi2', found: String(s.phi2) });
  requireCount(s.layers, 'layers', 2);
  if (s.alpha === 0 && s.phi2 > 0 && s.phi2 < 1)
    throw new InputError('α = 0 (no interphase) needs a single-phase stack: φ₂ = 0 (P3) or 1 (P2)', {
      field: 'alpha',
      found: `α = 0, φ₂ = ${s.phi2}`,
    });
  if ((s.phi2 === 0 || s.phi2 === 1) && s.alpha !== 0)
    throw new InputError('a single-phase stack (φ₂ = 0 or 1) has no interphases: set α = 0', {
      field: 'alpha',
      found: `α = ${s.alpha}, φ₂ = ${s.phi2}`,
    });
  return s;
}

/** The stack of one particle (generated stacks use the particle's own random stream). */
export function particleStack(source: StackSource, rng: Rng): Stack {
  if (source.kind === 'sequence') return parseStack(source.sequence, { field: 'sequence' });
  const n = source.layers;
  if (source.phi2 === 1 || source.phi2 === 0) {
    const label = labelFor(source.phi2 === 1 ? 2 : 3, 'P');
    return stackFromLabels(new Array<LocalLabel>(n - 1).fill(label));
  }
  return phaseTypeStack({ phi2: source.phi2, alpha: source.alpha, beta: source.beta, slabs: n }, rng).stack;
}

function meanSpacing(st: ParticleState, p: GlideParams): number {
  const lat = st.lattice;
  let s = 0;
  for (let i = 0; i < lat.interlayers; i++) {
    const two = lat.character[i] === 2;
    const dP = two ? DEFAULT_SPACINGS_A.P2 : DEFAULT_SPACINGS_A.P3;
    s += st.shift[i] === 0 ? dP : dP * (1 + (two ? p.strainC2 : p.strainC3));
  }
  return s / lat.interlayers;
}

/** The recorded cycles: 1, 1+s, 1+2s, … and always the last one. */
export function recordedCycles(cycles: number, stride: number): number[] {
  const out: number[] = [];
  for (let c = 1; c < cycles; c += stride) out.push(c);
  out.push(cycles);
  return out;
}

/**
 * Simulates one particle over the cycling protocol. Deterministic for a given rng. `onCycle` is
 * called after each simulated cycle (for progress).
 */
export function simulateParticle(
  index: number,
  lattice: GlideLattice,
  p: GlideParams,
  options: SimulateOptions,
  rng: Rng,
  radiusUm: number,
  onCycle?: () => void,
): ParticleRun {
  const st = newParticle(lattice, p, rng);
  const kmc = new GlideKmc(st, p);
  const counters = newCounters();
  const steps = cycleProtocol(p);
  const cycles = recordedCycles(options.cycles, options.cycleStride ?? 1);
  const observe = new Set<number>();
  const wanted = options.observeCycles ?? DEFAULT_OBSERVE;
  if (wanted === DEFAULT_OBSERVE) {
    observe.add(cycles[0]);
    observe.add(cycles[cycles.length - 1]);
  } else
    for (const c of wanted) {
      let best = cycles[0];
      for (const r of cycles) if (Math.abs(r - c) < Math.abs(best - c)) best = r;
      observe.add(best);
    }
  const snapTargets = [...(options.snapshotNa ?? [])];
  const snapshots: StackSnapshot[] = [];
  const active: number[] = [];
  const oCharged: number[] = [];
  const curves: CycleCurve[] = [];
  let oActiveCharged = 0;
  kmc.setNa(p.xMax);
  for (let k = 0; k < cycles.length; k++) {
    const cycle = cycles[k];
    active.push(activeFraction(st));
    st.transformed.fill(0);
    const curve: CycleCurve | null = observe.has(cycle)
      ? { cycle, phase: [], x: [], oFraction: [], meanSpacingAngstrom: [] }
      : null;
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s];
      if (step.x !== kmc.na) kmc.setNa(step.x);
      kmc.run(step.durationS, rng, counters);
      if (curve) {
        curve.phase.push(step.phase);
        curve.x.push(step.x);
        curve.oFraction.push(oFraction(st));
        curve.meanSpacingAngstrom.push(meanSpacing(st, p));
      }
      const next = steps[s + 1];
      const endOfCharge = step.phase === 'charge' && next?.phase !== 'charge';
      if (k === 0 && step.phase === 'charge')
        for (let t = snapTargets.length - 1; t >= 0; t--)
          if (step.x <= snapTargets[t] + 1e-12 || endOfCharge) {
            snapshots.push(snapshotOf(st, lattice, cycle, step.x, step.phase));
            snapTargets.splice(t, 1);
          }
      if (endOfCharge) {
        oCharged.push(oFraction(st));
        let o = 0;
        let a = 0;
        for (let i = 0; i < lattice.interlayers; i++)
          if (st.active[i]) {
            a++;
            if (st.shift[i] !== 0) o++;
          }
        oActiveCharged = a > 0 ? o / a : 0;
      }
    }
    if (curve) curves.push(curve);
    if (k + 1 < cycles.length) applyCycleDamage(st, p, cycles[k + 1] - cycle);
    onCycle?.();
  }
  if (snapshots.length > 0)
    snapshots.push(snapshotOf(st, lattice, cycles[cycles.length - 1], kmc.na, 'discharge'));
  const damageRatio = Array.from(st.damage, (d, i) => d / st.strength[i]);
  let pinned = 0;
  for (let i = 0; i < st.pinned.length; i++) pinned += st.pinned[i];
  return {
    index,
    interlayers: lattice.interlayers,
    radiusUm,
    weight: radiusUm ** 3,
    cycles,
    active,
    oFractionCharged: oCharged,
    oFractionActiveCharged: oActiveCharged,
    curves,
    damageRatio,
    interphases: lattice.interphases,
    pinnedFraction: pinned / lattice.interlayers,
    events: counters.events,
    simulatedTimeS: counters.timeS,
    snapshots,
  };
}

function snapshotOf(
  st: ParticleState,
  lattice: GlideLattice,
  cycle: number,
  x: number,
  phase: 'charge' | 'discharge' | 'rest',
): StackSnapshot {
  const stack = stackWithShifts(lattice, st.shift);
  return {
    cycle,
    x,
    phase,
    sequence: formatColumns(stack, ''),
    labels: stackGeometry(stack).labels,
    oFraction: oFraction(st),
  };
}

/** Log-normal particle radius (µm) from the particle's stream. */
export function particleRadius(p: GlideParams, rng: Rng): number {
  return p.particleRadiusUm * Math.exp(p.particleRadiusLogSigma * rng.normal());
}

/**
 * Particle `index` of an ensemble: its own stream root.split(index) draws the radius, the stack (if
 * generated) and then drives the kMC. Any subset of particles can therefore be run anywhere (any
 * worker) and give the same numbers.
 */
export function runParticle(
  index: number,
  source: StackSource,
  p: GlideParams,
  options: SimulateOptions,
  onCycle?: () => void,
): ParticleRun {
  const rng = new Rng(options.seed).split(index);
  const radius = particleRadius(p, rng);
  const stack = particleStack(source, rng);
  return simulateParticle(index, latticeFromStack(stack), p, options, rng, radius, onCycle);
}
