/** Types and calls of the gliding operations (`POST /api/ops/glide.*`) used by the Gliding page. */
import { callOp } from '../../components/opsClient.ts';
import type { LocalLabel } from '../layered/layeredApi.ts';
import { type JobProgress, runJob } from './jobClient.ts';

export type Anchoring = 'none' | 'energy' | 'range' | 'both';

export interface ParamEntry {
  value: number | string;
  unit: string;
  source: string;
  assumption: boolean;
}

/** The stack to cycle: an explicit sequence, or generated from (φ₂, α, β, layers). */
export type StackChoice =
  | { kind: 'sequence'; sequence: string }
  | { kind: 'generated'; phi2: number; alpha: number; beta: number; layers: number };

export interface RunSettings {
  cycles: number;
  particles: number;
  seed: number;
  cycleStride: number;
  anchoring: Anchoring;
}

export interface CycleCurve {
  cycle: number;
  phase: string[];
  x: number[];
  oFraction: number[];
  meanSpacingAngstrom: number[];
}

export interface Snapshot {
  cycle: number;
  x: number;
  phase: 'charge' | 'discharge' | 'rest';
  labels: LocalLabel[];
  oFraction: number;
}

export interface SimulateResult {
  cycles: number[];
  retention: number[];
  retentionAt: Record<string, number | null>;
  oFractionCharged: number[];
  curves: CycleCurve[];
  snapshots: Snapshot[];
  interlayers: number;
  particles: number;
  meanInterphases: number;
  meanPinnedFraction: number;
  cycleStride: number;
  seed: number;
  xMax: number;
  xMin: number;
  params: Record<string, ParamEntry>;
  paramsSource: string;
}

export interface RateResult {
  cRates: number[];
  capacityFraction: number[];
  oFractionAtCharge: number;
  model: string;
  cycles: number;
  particles: number;
}

export interface MapResult {
  phi2: number;
  alpha: number[];
  beta: number[];
  cycles: number;
  retention: (number | null)[][];
  pareto: { alpha: number; beta: number; retention: number | null }[];
  paretoObjectives: string;
  particles: number;
  layers: number;
}

export interface MapSettings {
  alphaMin: number;
  alphaMax: number;
  betaMin: number;
  betaMax: number;
  count: number;
}

/** Caps of the operations (src/app/registry/ops/glide.ts GLIDE_LIMITS). */
/** Recorded stack states asked for (evenly spaced in x over the first charge). */
export const SNAPSHOTS = 16;

export const LIMITS = { particles: 64, cycles: 2000, layers: 1000, mapCount: 5 };

function stackBody(s: StackChoice) {
  return s.kind === 'sequence'
    ? { sequence: s.sequence }
    : { phi2: s.phi2, alpha: s.alpha, beta: s.beta, layers: s.layers };
}

export const glideApi = {
  params: (signal?: AbortSignal) =>
    callOp<{ source: string; params: Record<string, ParamEntry> }>('glide.params', {}, signal),
  /** Submitted as a job (progress per particle, cancellable on the server); direct call without job routes. */
  simulate: (
    stack: StackChoice,
    run: RunSettings,
    observeCycles: number[],
    onProgress: (p: JobProgress) => void,
    signal: AbortSignal,
  ) =>
    runJob<SimulateResult>(
      'glide.simulate',
      { ...stackBody(stack), ...run, observeCycles, snapshots: SNAPSHOTS },
      onProgress,
      signal,
    ),
  rate: (stack: StackChoice, run: RunSettings, signal?: AbortSignal) =>
    callOp<RateResult>(
      'glide.rate',
      {
        ...stackBody(stack),
        particles: run.particles,
        seed: run.seed,
        anchoring: run.anchoring,
        cycles: 1,
      },
      signal,
    ),
  map: (
    phi2: number,
    m: MapSettings,
    run: RunSettings,
    layers: number,
    onProgress: (p: JobProgress) => void,
    signal: AbortSignal,
  ) =>
    runJob<MapResult>(
      'glide.map',
      {
        phi2,
        alpha: `${m.alphaMin}:${m.alphaMax}:${m.count}`,
        beta: `${m.betaMin}:${m.betaMax}:${m.count}`,
        cycles: run.cycles,
        particles: Math.min(run.particles, 3),
        layers,
        seed: run.seed,
        cycleStride: Math.max(run.cycleStride, 20),
        anchoring: run.anchoring,
      },
      onProgress,
      signal,
    ),
};
