import { z } from 'zod';
import { InputError } from '../../core/errors.ts';
import {
  aggregate,
  axisValues,
  checkAxes,
  checkOptions,
  checkSource,
  DEFAULT_CALIBRATION_SETTINGS,
  DEFAULT_PARAMETER_ENTRIES,
  type FitKey,
  fitRetention,
  type GlideParams,
  INTERGROWTH_OBSERVED,
  type MapPoint,
  PARAMETER_SET_SOURCE,
  paretoFront,
  parseAxis,
  parseRetentionCsv,
  rateCapability,
  referenceCalibration,
  retentionAt,
  SINGLE_PHASE_TARGET,
  type SimulateOptions,
  type StackSource,
} from '../../layered/glide/index.ts';
import { OPERANDO_XRD, operandoPatterns } from './glideOperando.ts';
import { runGlideTasks } from './glidePool.ts';
import { parseRequest } from './stacking.ts';

type Progress = (done: number, total: number) => void;

/** Stack given as a sequence, or generated from (φ₂, α, β, layers). */
export const stackSourceSchema = z.object({
  sequence: z.string().optional(),
  phi2: z.number().optional(),
  alpha: z.number().optional(),
  beta: z.number().optional(),
  layers: z.number().int().optional(),
});
export type StackSourceRequest = z.infer<typeof stackSourceSchema>;

/** Builds and validates a StackSource (defaults: φ₂ = 0.5, β = 0.5, 200 slabs). */
export function stackSourceFrom(r: StackSourceRequest): StackSource {
  if (r.sequence !== undefined) {
    if (r.alpha !== undefined || r.beta !== undefined || r.phi2 !== undefined)
      throw new InputError('give either a sequence or --phi2/--alpha/--beta, not both', {
        field: 'sequence',
      });
    return checkSource({ kind: 'sequence', sequence: r.sequence });
  }
  if (r.alpha === undefined)
    throw new InputError('no stack given', {
      field: 'sequence',
      expected: 'a sequence (ABBA…, P2*10 P3*6) or --alpha with --phi2/--beta/--layers',
    });
  return checkSource({
    kind: 'generated',
    phi2: r.phi2 ?? 0.5,
    alpha: r.alpha,
    beta: r.beta ?? 0.5,
    layers: r.layers ?? 200,
  });
}

/** Parameters with their units and sources, as shipped in the result (PyBaMM-style). */
function paramsReport(
  p: GlideParams,
): Record<string, { value: number | string; unit: string; source: string; assumption: boolean }> {
  const out: Record<string, { value: number | string; unit: string; source: string; assumption: boolean }> =
    {};
  for (const [k, e] of Object.entries(DEFAULT_PARAMETER_ENTRIES)) {
    const v = p[k as keyof GlideParams];
    const changed = v !== e.value;
    out[k] = {
      value: v,
      unit: e.unit,
      source: changed ? 'user value' : e.source,
      assumption: changed ? true : e.assumption,
    };
  }
  return out;
}

export const simulateRequestSchema = stackSourceSchema.extend({
  cycles: z.number().int().min(1).default(500),
  particles: z.number().int().default(20),
  seed: z.number().int().default(1),
  cycleStride: z.number().int().min(1).default(10),
  workers: z.number().int().min(1).max(64).default(1),
  observeCycles: z.array(z.number().int()).optional(),
  snapshotNa: z.array(z.number()).optional(),
  retentionAtCycles: z.array(z.number().int()).optional(),
  /** Compute the faulted-stack powder pattern of every operando stack (a few seconds each). */
  operandoXrd: z.boolean().default(false),
});
export type SimulateRequest = z.input<typeof simulateRequestSchema>;

function checkParticles(n: number): void {
  if (!(Number.isInteger(n) && n >= 1))
    throw new InputError('the number of particles must be a whole number ≥ 1', {
      field: 'particles',
      found: String(n),
    });
}

/** `natrium glide simulate`: ensemble of particles, retention curve, O fraction, damage map, operando stacks. */
export async function glideSimulate(request: SimulateRequest, params: GlideParams, onProgress?: Progress) {
  const r = parseRequest(simulateRequestSchema, request);
  checkParticles(r.particles);
  const source = stackSourceFrom(r);
  const options: SimulateOptions = {
    cycles: r.cycles,
    particles: r.particles,
    seed: r.seed,
    cycleStride: r.cycleStride,
    observeCycles: r.observeCycles,
    snapshotNa: r.snapshotNa ?? [params.xMax, (params.criticalNa2 + params.criticalNa3) / 2, params.xMin],
  };
  checkOptions(options);
  const tasks = Array.from({ length: r.particles }, (_, index) => ({
    kind: 'particle' as const,
    index,
    source,
    params,
    options: index === 0 ? options : { ...options, snapshotNa: [] },
  }));
  const runs = await runGlideTasks(tasks, r.workers, onProgress);
  const e = aggregate(runs, params);
  const at: Record<string, number | null> = {};
  for (const n of r.retentionAtCycles ?? [100, 500].filter((c) => c <= r.cycles).concat(r.cycles))
    at[String(n)] = retentionAt(e, n);
  return {
    cycles: e.cycles,
    retention: e.retention,
    retentionAt: at,
    oFraction: {
      /** O-type fraction at the end of each recorded cycle's charge. */
      charged: e.oFractionCharged,
      /** O-type fraction and mean interlayer spacing (Å) vs Na content for the observed cycles. */
      curves: e.curves,
    },
    activeFraction: e.activeFraction,
    damageMap: e.damageMap,
    operando: {
      stacks: runs[0].snapshots,
      xrd: r.operandoXrd
        ? { settings: OPERANDO_XRD, patterns: operandoPatterns(runs[0].snapshots) }
        : 'not requested (operandoXrd / --operando-xrd): explicit stacks only',
    },
    stack: source,
    particles: e.particles,
    meanPinnedFraction: e.meanPinnedFraction,
    meanInterphases: e.meanInterphases,
    kmc: {
      method: 'rejection-free BKL/Gillespie',
      events: e.events,
      simulatedTimePerParticleS: e.simulatedTimeS,
    },
    cycleStride: r.cycleStride,
    seed: r.seed,
    params: paramsReport(params),
    paramsSource: PARAMETER_SET_SOURCE,
  };
}

export const mapRequestSchema = z.object({
  alpha: z.string(),
  beta: z.string(),
  phi2: z.number().min(0).max(1).default(0.5),
  cycles: z.number().int().min(1).default(500),
  particles: z.number().int().default(20),
  layers: z.number().int().min(2).default(200),
  seed: z.number().int().default(1),
  cycleStride: z.number().int().min(1).default(25),
  workers: z.number().int().min(1).max(64).default(1),
});
export type MapRequest = z.input<typeof mapRequestSchema>;

/** `natrium glide map`: retention at N cycles over an α–β grid, with the Pareto front. */
export async function glideMap(request: MapRequest, params: GlideParams, onProgress?: Progress) {
  const r = parseRequest(mapRequestSchema, request);
  checkParticles(r.particles);
  const aAxis = parseAxis(r.alpha, 'alpha');
  const bAxis = parseAxis(r.beta, 'beta');
  checkAxes(aAxis, bAxis);
  const alphas = axisValues(aAxis);
  const betas = axisValues(bAxis);
  const options: SimulateOptions = {
    cycles: r.cycles,
    particles: r.particles,
    seed: r.seed,
    cycleStride: r.cycleStride,
  };
  checkOptions(options);
  const tasks = [];
  for (const beta of betas)
    for (const alpha of alphas)
      tasks.push({ kind: 'mapPoint' as const, phi2: r.phi2, alpha, beta, layers: r.layers, params, options });
  const points = (await runGlideTasks(tasks, r.workers, onProgress)) as MapPoint[];
  const front = paretoFront(points);
  return {
    phi2: r.phi2,
    alpha: alphas,
    beta: betas,
    cycles: r.cycles,
    /** retention[iβ][iα] at `cycles`; null where (φ₂, α, β) cannot be generated. */
    retention: betas.map((_, ib) => alphas.map((_, ia) => points[ib * alphas.length + ia].retention)),
    points,
    pareto: front.map((i) => points[i]),
    paretoObjectives: 'retention ↑, α ↓ (fewer interphases), β ↑ (less uniformity needed)',
    particles: r.particles,
    layers: r.layers,
    cycleStride: r.cycleStride,
    seed: r.seed,
    params: paramsReport(params),
  };
}

export const calibrateRequestSchema = stackSourceSchema.extend({
  files: z.array(z.object({ text: z.string(), fileName: z.string() })).default([]),
  reference: z.boolean().default(false),
  fit: z.array(z.enum(['damageAmplitude2', 'damageAmplitude3', 'backgroundFadePerCycle'])).optional(),
  particles: z.number().int().default(DEFAULT_CALIBRATION_SETTINGS.particles),
  seed: z.number().int().default(DEFAULT_CALIBRATION_SETTINGS.seed),
  cycleStride: z.number().int().min(1).default(DEFAULT_CALIBRATION_SETTINGS.cycleStride),
  /** Intergrowth to predict in reference mode. */
  predictPhi2: z.number().default(0.5),
  predictAlpha: z.number().default(0.1),
  predictBeta: z.number().default(0.5),
});
export type CalibrateRequest = z.input<typeof calibrateRequestSchema>;

/**
 * `natrium glide calibrate`: fit damage/background parameters to measured retention CSVs (each file
 * is a material with the given stack), or, with `reference`, the default calibration on single-phase
 * P2 and P3 (67–69 % at 500 cycles) and the prediction of an intergrowth with its band.
 */
export async function glideCalibrate(request: CalibrateRequest, params: GlideParams, onProgress?: Progress) {
  const r = parseRequest(calibrateRequestSchema, request);
  checkParticles(r.particles);
  const layers = r.layers ?? DEFAULT_CALIBRATION_SETTINGS.layers;
  const settings = { particles: r.particles, layers, seed: r.seed, cycleStride: r.cycleStride };
  if (r.reference) {
    checkSource({
      kind: 'generated',
      phi2: r.predictPhi2,
      alpha: r.predictAlpha,
      beta: r.predictBeta,
      layers,
    });
    const ref = referenceCalibration(
      params,
      settings,
      { phi2: r.predictPhi2, alpha: r.predictAlpha, beta: r.predictBeta },
      {
        k0: [1e-4, 2e-4, 3e-4],
        lambda: [1, 3, 5],
        targets: [SINGLE_PHASE_TARGET.low, SINGLE_PHASE_TARGET.high],
      },
      onProgress,
    );
    return {
      mode: 'reference',
      calibratedOn: SINGLE_PHASE_TARGET,
      prediction: {
        retentionAt500: ref.central,
        band: ref.band,
        phi2: ref.phi2,
        alpha: ref.alpha,
        beta: ref.beta,
      },
      observedIntergrowth: INTERGROWTH_OBSERVED,
      note: 'the observed 81.2 % is shown for comparison only; it was not used in any fit',
      rows: ref.rows,
      settings,
      params: paramsReport(params),
    };
  }
  if (r.files.length === 0)
    throw new InputError('no retention data given', {
      field: 'DATA.csv',
      expected: 'one or more CSV files (cycle, retention), or --reference',
    });
  const source =
    r.sequence !== undefined || r.alpha !== undefined
      ? stackSourceFrom(r)
      : { kind: 'generated' as const, phi2: 1, alpha: 0, beta: 0, layers };
  const data = r.files.map((f) => ({ curve: parseRetentionCsv(f.text, f.fileName), source }));
  const hasThree = source.kind === 'generated' ? source.phi2 < 1 : true;
  const hasTwo = source.kind === 'generated' ? source.phi2 > 0 : true;
  const keys: FitKey[] =
    r.fit ??
    ([
      hasTwo ? 'damageAmplitude2' : null,
      hasThree && !hasTwo ? 'damageAmplitude3' : null,
      'backgroundFadePerCycle',
    ].filter(Boolean) as FitKey[]);
  const fit = fitRetention(data, params, keys, settings, onProgress);
  return {
    mode: 'fit',
    fitted: fit.values,
    sigma: fit.sigma,
    rmse: fit.rmse,
    iterations: fit.iterations,
    residuals: fit.residuals,
    files: data.map((d) => ({ name: d.curve.name, points: d.curve.cycle.length })),
    stack: source,
    settings,
    params: paramsReport({ ...params, ...fit.values }),
  };
}

export const rateRequestSchema = stackSourceSchema.extend({
  cRates: z.array(z.number()).min(1).default([0.1, 0.5, 1, 2, 5]),
  cycles: z.number().int().min(1).default(1),
  particles: z.number().int().default(10),
  seed: z.number().int().default(1),
  cycleStride: z.number().int().min(1).default(10),
  workers: z.number().int().min(1).max(64).default(1),
});
export type RateRequest = z.input<typeof rateRequestSchema>;

/**
 * `natrium glide rate`: simulate the stack for N cycles, take each particle's P/O make-up at the end
 * of the last charge, and discharge it at each C-rate (single-particle spherical diffusion).
 */
export async function glideRate(request: RateRequest, params: GlideParams, onProgress?: Progress) {
  const r = parseRequest(rateRequestSchema, request);
  checkParticles(r.particles);
  for (const c of r.cRates)
    if (!(c > 0)) throw new InputError('C-rates must be positive', { field: 'c-rates', found: String(c) });
  const source = stackSourceFrom(r);
  const options: SimulateOptions = {
    cycles: r.cycles,
    particles: r.particles,
    seed: r.seed,
    cycleStride: r.cycleStride,
    observeCycles: [],
  };
  checkOptions(options);
  const tasks = Array.from({ length: r.particles }, (_, index) => ({
    kind: 'particle' as const,
    index,
    source,
    params,
    options,
  }));
  const runs = await runGlideTasks(tasks, r.workers, onProgress);
  // Each particle: its own radius and O fraction; capacity weighted by volume.
  let wSum = 0;
  const cap = new Float64Array(r.cRates.length);
  let oMean = 0;
  for (const run of runs) {
    const one = rateCapability(params, run.oFractionActiveCharged, r.cRates, [
      { radiusUm: run.radiusUm, weight: 1 },
    ]);
    one.capacityFraction.forEach((v, i) => {
      cap[i] += run.weight * v;
    });
    oMean += run.weight * run.oFractionActiveCharged;
    wSum += run.weight;
  }
  return {
    cRates: r.cRates,
    capacityFraction: Array.from(cap, (v) => v / wSum),
    oFractionAtCharge: oMean / wSum,
    model:
      'single-particle spherical Fick diffusion, galvanostatic discharge xMin → xMax, surface cut-off at xMax',
    stack: source,
    cycles: r.cycles,
    particles: r.particles,
    params: paramsReport(params),
  };
}
