import { z } from 'zod';
import { InputError } from '../../core/errors.ts';
import { Rng } from '../../core/rng.ts';
import {
  broaden,
  type DiffaxInput,
  type FaultedModel,
  faultedPowderPattern,
  type InstrumentBroadening,
  parseDiffax,
  randomSequence,
  stationaryProbabilities,
} from '../../diffraction/faulted/index.ts';
import { faultedPowderPatternParallel } from '../../diffraction/faulted/parallel.node.ts';
import type { FaultedPowderOptions, FaultedPowderPattern } from '../../diffraction/faulted/powder.ts';
import {
  explicitModel,
  intergrowthFromTargets,
  markovIntergrowthFromTargets,
  parseStack,
  resolveLayeredParams,
} from '../../layered/index.ts';
import { parseRequest } from './stacking.ts';

/** Cu Kα1, Å (the default when no DIFFaX file gives a wavelength). */
export const DEFAULT_WAVELENGTH_A = 1.5406;

export const stackingXrdSchema = z.object({
  /** A stacking sequence (explicit pattern of this one stack). */
  sequence: z.string().optional(),
  /** DIFFaX-format input text and its file name. */
  diffax: z.object({ text: z.string(), fileName: z.string() }).optional(),
  /**
   * Ready-made intergrowth model from targets: 'phase-type' (default; φ₂, α and β set independently)
   * or 'markov' (first-order chain from φ₂ and α; β follows from the switching probabilities).
   */
  model: z
    .object({
      kind: z.enum(['phase-type', 'markov']).optional(),
      phi2: z.number(),
      alpha: z.number(),
      beta: z.number().optional(),
      glideState: z.enum(['P', 'O']).optional(),
    })
    .optional(),
  /** Builder parameters for sequence/model inputs. */
  composition: z.string().optional(),
  a: z.number().optional(),
  dP: z.number().optional(),
  dO: z.number().optional(),
  /** Explicit: one random stack of `layers` drawn from the model. */
  explicit: z.boolean().optional(),
  /** Average of K random explicit stacks of `layers`. */
  average: z.number().int().min(1).max(100_000).optional(),
  /** Finite crystal of N layers (recursion), or the length of explicit stacks. */
  layers: z.number().int().min(1).max(100_000).optional(),
  seed: z.number().int().optional(),
  twoThetaRange: z.tuple([z.number(), z.number()]),
  step: z.number().positive(),
  wavelength: z.number().positive().optional(),
  /** Instrument profile; overrides the DIFFaX file's. */
  broadening: z
    .union([
      z.object({ kind: z.literal('none') }),
      z.object({ kind: z.literal('gaussian'), fwhmDeg: z.number().nonnegative() }),
      z.object({ kind: z.literal('lorentzian'), fwhmDeg: z.number().nonnegative() }),
      z.object({
        kind: z.literal('pseudo-voigt'),
        u: z.number(),
        v: z.number(),
        w: z.number(),
        sigma: z.number().min(0).max(1),
      }),
    ])
    .optional(),
  detune: z.number().min(0).max(0.5).optional(),
});
export type StackingXrdRequest = z.infer<typeof stackingXrdSchema>;

export interface StackingXrdResult {
  /** Degrees 2θ (lower bin edges, DIFFaX convention). */
  twoTheta: number[];
  /** Pattern after instrument broadening (per degree, arbitrary units). */
  intensity: number[];
  /** Unbroadened bin integrals, when asked for. */
  raw?: number[];
  wavelengthAngstrom: number;
  mode: string;
  layerTypes: number;
  stationary: number[];
  rods: { h: number; k: number; multiplicity: number }[];
  broadening: InstrumentBroadening;
}

const DEFAULT_EXPLICIT_LAYERS = 200;

export interface StackingXrdOptions {
  includeRaw?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** What `stackingXrd` computes before the rod integrals: the model, the powder options, the labels. */
interface PreparedXrd {
  model: FaultedModel;
  powder: FaultedPowderOptions;
  broadening: InstrumentBroadening;
  mode: string;
  step: number;
}

/** `natrium stacking xrd`: one of sequence | diffax | model, then recursion/explicit/average. */
export function stackingXrd(
  request: StackingXrdRequest,
  options: StackingXrdOptions = {},
): StackingXrdResult {
  const prep = prepareStackingXrd(request, options);
  return finishStackingXrd(prep, faultedPowderPattern(prep.model, prep.powder), options);
}

/**
 * The same with the rods spread over `workers` threads (1 = this thread). The numbers do not depend
 * on the worker count (orbit contributions are summed in a fixed order).
 */
export async function stackingXrdParallel(
  request: StackingXrdRequest,
  options: StackingXrdOptions & { workers?: number } = {},
): Promise<StackingXrdResult> {
  const prep = prepareStackingXrd(request, options);
  const p = await faultedPowderPatternParallel(prep.model, { ...prep.powder, workers: options.workers });
  return finishStackingXrd(prep, p, options);
}

function finishStackingXrd(
  prep: PreparedXrd,
  p: FaultedPowderPattern,
  options: StackingXrdOptions,
): StackingXrdResult {
  const y = broaden(p.twoTheta, p.intensity, prep.step, prep.broadening);
  const result: StackingXrdResult = {
    twoTheta: Array.from(p.twoTheta, (v) => Math.round(v * 1e6) / 1e6),
    intensity: Array.from(y),
    wavelengthAngstrom: prep.powder.wavelength,
    mode: prep.mode,
    layerTypes: prep.model.transitions.length,
    stationary: p.stationary,
    rods: p.rods.map(({ h, k, multiplicity }) => ({ h, k, multiplicity })),
    broadening: prep.broadening,
  };
  if (options.includeRaw) result.raw = Array.from(p.intensity);
  return result;
}

function prepareStackingXrd(request: StackingXrdRequest, options: StackingXrdOptions): PreparedXrd {
  const r = parseRequest(stackingXrdSchema, request);
  const sources = [r.sequence, r.diffax, r.model].filter((x) => x !== undefined).length;
  if (sources !== 1)
    throw new InputError('give exactly one of a sequence, --diffax FILE or --model', {
      field: 'input',
      found: `${sources} given`,
    });
  let model: FaultedModel;
  let diffax: DiffaxInput | undefined;
  let markovMode: string | undefined;
  const params = () => resolveLayeredParams({ composition: r.composition, a: r.a, dP: r.dP, dO: r.dO });
  if (r.diffax) {
    diffax = parseDiffax(r.diffax.text, { fileName: r.diffax.fileName });
    model = diffax.model;
  } else if (r.sequence !== undefined) {
    if (r.average !== undefined)
      throw new InputError(
        'a given sequence is always simulated explicitly; --average needs --model or --diffax',
        { field: '--average' },
      );
    model = explicitModel(parseStack(r.sequence), params());
  } else {
    const m = r.model as NonNullable<typeof r.model>;
    if ((m.kind ?? 'phase-type') === 'markov') {
      if (m.beta !== undefined)
        throw new InputError(
          'a first-order Markov model cannot set β (it follows from the switching probabilities); use the phase-type model',
          { field: 'model.beta' },
        );
      const mk = markovIntergrowthFromTargets(
        { phi2: m.phi2, alpha: m.alpha, glideState: m.glideState },
        params(),
      );
      model = mk.model;
      markovMode = `infinite recursion, Markov q₂ = ${mk.q2.toFixed(4)}, q₃ = ${mk.q3.toFixed(4)}`;
    } else {
      if (m.beta === undefined) throw new InputError('the phase-type model needs β', { field: 'model.beta' });
      model = intergrowthFromTargets(
        { phi2: m.phi2, alpha: m.alpha, beta: m.beta, glideState: m.glideState },
        params(),
      );
    }
  }

  const rng = new Rng(r.seed ?? 1);
  let mode: string = model.stacking.kind;
  let average: FaultedPowderOptions['average'];
  if (r.sequence === undefined) {
    if (r.average !== undefined) {
      average = { stacks: r.average, layers: r.layers ?? DEFAULT_EXPLICIT_LAYERS, rng };
      mode = `explicit average of ${r.average} stacks of ${average.layers}`;
    } else if (r.explicit) {
      const layers = r.layers ?? diffax?.randomLayers ?? DEFAULT_EXPLICIT_LAYERS;
      const seq = randomSequence(model, stationaryProbabilities(model), layers, rng);
      model = { ...model, stacking: { kind: 'explicit', sequence: Array.from(seq) } };
      mode = `explicit random stack of ${layers}`;
    } else if (r.layers !== undefined) {
      model = { ...model, stacking: { kind: 'finite', layers: r.layers } };
      mode = `finite recursion, N = ${r.layers}`;
    } else if (diffax?.randomLayers !== undefined) {
      // DIFFaX 'EXPLICIT RANDOM N': one random stack of N layers drawn from the transitions.
      const seq = randomSequence(model, stationaryProbabilities(model), diffax.randomLayers, rng);
      model = { ...model, stacking: { kind: 'explicit', sequence: Array.from(seq) } };
      mode = `explicit random stack of ${diffax.randomLayers}`;
    } else if (model.stacking.kind === 'explicit') mode = 'explicit';
    else if (markovMode) mode = markovMode;
    else
      mode =
        model.stacking.kind === 'infinite'
          ? 'infinite recursion'
          : `finite recursion, N = ${(model.stacking as { layers: number }).layers}`;
  } else mode = `explicit stack of ${(model.stacking as { sequence: number[] }).sequence.length} slabs`;

  const wavelength = r.wavelength ?? diffax?.wavelength ?? DEFAULT_WAVELENGTH_A;
  return {
    model,
    powder: {
      wavelength,
      twoThetaRange: r.twoThetaRange,
      step: r.step,
      detune: r.detune,
      average,
      onProgress: options.onProgress,
    },
    broadening: r.broadening ?? diffax?.broadening ?? { kind: 'none' },
    mode,
    step: r.step,
  };
}
