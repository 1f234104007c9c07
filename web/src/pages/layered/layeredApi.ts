/** Types and calls of the stacking operations (`POST /api/ops/stacking.*`) used by the Layered-oxides page. */
import type { StructureScene } from '../../api.ts';
import { callOp } from '../../components/opsClient.ts';

export type LocalLabel = 'P2' | 'P3' | 'O1' | 'O2' | 'O3';

export interface StackAnalysis {
  slabs: number;
  sequence: string;
  labels: LocalLabel[];
  environments: string[];
  character: number[];
  interphases: number[];
  alpha: number;
  alphaPerNm: number;
  beta: number | null;
  fractions: Record<string, number>;
  phi2: number;
  polytype: string;
  polytypeDetail?: string;
  periodic: boolean;
  meanSpacingAngstrom: number;
}

export interface GenerateSettings {
  model: 'markov' | 'phase-type';
  phi2: number;
  alpha: number;
  beta: number;
  layers: number;
  seed: number;
}

export interface BuildResult {
  slabsTotal: number;
  slabsBuilt: number;
  capped: boolean;
  polytype: string;
  spaceGroup: { number: number; symbol: string } | null;
  cell: { a: number; c: number; volume: number };
  atoms: number;
  inPlaneRepeat: number;
  scene: StructureScene;
}

export interface XrdMatch {
  fileName: string;
  measuredTwoTheta: number[];
  measuredIntensity: number[];
  fitted: number[];
  fittedTwoTheta: number[];
  scale: number;
  background: number;
  rwp: number;
  weights: 'poisson' | 'unit';
  pointsUsed: number;
  pointsExcluded: number;
}

export interface XrdResult {
  twoTheta: number[];
  intensity: number[];
  mode: string;
  wavelengthAngstrom: number;
  fwhmDeg: number;
  points: number;
  slabs: number | null;
  match: XrdMatch | null;
}

/** Builder parameters; omitted ones take the defaults. */
export interface LayerParams {
  composition?: string;
  a?: number;
  dP?: number;
  dO?: number;
}

export interface XrdRequest {
  sequence?: string;
  model?: { kind: 'markov' | 'phase-type'; phi2: number; alpha: number; beta?: number };
  twoThetaMin: number;
  twoThetaMax: number;
  step: number;
  fwhmDeg: number;
  measured?: { text: string; fileName: string };
  background: boolean;
  weights: 'poisson' | 'unit';
  params: LayerParams;
}

/** Page caps; the server enforces the same numbers (src/app/registry/ops/stacking.ts). */
export const LIMITS = { generateLayers: 2000, buildSlabs: 36, xrdSlabs: 300, xrdPoints: 3000 };

export const stackingApi = {
  /** `params` carry the interlayer spacings that α per nm uses (the same as the 3-D model's). */
  analyze: (sequence: string, params: LayerParams, signal?: AbortSignal) =>
    callOp<StackAnalysis>('stacking.analyze', { sequence, params }, signal),
  generate: (s: GenerateSettings, params: LayerParams, signal?: AbortSignal) =>
    callOp<{ sequence: string; parameters: Record<string, unknown>; analysis: StackAnalysis }>(
      'stacking.generate',
      {
        model: s.model,
        phi2: s.phi2,
        alpha: s.alpha,
        beta: s.model === 'phase-type' ? s.beta : undefined,
        layers: s.layers,
        seed: s.seed,
        params,
      },
      signal,
    ),
  build: (sequence: string, maxSlabs: number, params: LayerParams, signal?: AbortSignal) =>
    callOp<BuildResult>('stacking.build', { sequence, maxSlabs, params }, signal),
  xrd: (req: XrdRequest, signal?: AbortSignal) => callOp<XrdResult>('stacking.xrd', req, signal),
};
