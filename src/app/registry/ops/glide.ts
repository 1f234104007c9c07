/**
 * Gliding operations for the "Gliding" page (issue #4): the kMC ensemble of P↔O gliding with its
 * capacity retention, O fraction vs Na content and recorded stack states; rate capability; the α–β
 * design map with its Pareto front; and the parameter set with sources. Each calls the functions of
 * `natrium glide …` (src/app/operations/glide.ts). Requests are capped so a direct call answers in
 * seconds to a minute; the operations are also `long` (progress per particle / map point, cancellable)
 * so clients may submit them as jobs. Every cap is stated in the error message when exceeded.
 */
import { z } from 'zod';
import { InputError } from '../../../core/errors.ts';
import {
  DEFAULT_PARAMETER_ENTRIES,
  type GlideParams,
  PARAMETER_SET_SOURCE,
  parseAxis,
  resolveParams,
} from '../../../layered/glide/index.ts';
import { glideMap, glideRate, glideSimulate } from '../../operations/glide.ts';
import { defineOperation, type OpContext, throwIfCancelled } from '../types.ts';

/** Caps of the page requests (the CLI has none): particles, cycles, slabs, map points, snapshots. */
export const GLIDE_LIMITS = {
  particles: 64,
  cycles: 2000,
  layers: 1000,
  mapPoints: 25,
  snapshots: 40,
} as const;

const Anchoring = z.enum(['none', 'energy', 'range', 'both']);

const StackInput = z.object({
  sequence: z.string().optional().describe('Explicit stack (ABBA…, or blocks such as P2*10 P3*6).'),
  phi2: z.number().optional().describe('P2 fraction φ₂ of a generated stack.'),
  alpha: z.number().optional().describe('Interphases per interlayer α of a generated stack.'),
  beta: z.number().optional().describe('CV β of interphase spacings of a generated stack.'),
  layers: z.number().int().optional().describe('Slabs of a generated stack.'),
  anchoring: Anchoring.optional().describe(
    'How interphases anchor the slabs (default from the parameter set).',
  ),
});

const ParamEntry = z.object({
  value: z.union([z.number(), z.string()]),
  unit: z.string(),
  source: z.string(),
  assumption: z.boolean(),
});
const ParamsOut = z.record(z.string(), ParamEntry);

function cap(value: number | undefined, max: number, field: string): void {
  if (value !== undefined && value > max)
    throw new InputError(`${field} is too large for the workbench`, {
      field,
      expected: `at most ${max} (use \`natrium glide\` on the command line for bigger runs)`,
      found: String(value),
    });
}

function paramsFor(anchoring: z.infer<typeof Anchoring> | undefined): GlideParams {
  return resolveParams(anchoring ? { anchoring } : {});
}

/** Progress callback that also stops the run between particles when the user cancels. */
function progressOf(ctx: OpContext) {
  return (done: number, total: number) => {
    throwIfCancelled(ctx);
    ctx.progress(done, total);
  };
}

/** Drops keys whose value is undefined (the domain request treats "absent" and "undefined" alike, zod not always). */
function stackOf(i: z.infer<typeof StackInput>) {
  const { sequence, phi2, alpha, beta, layers } = i;
  return Object.fromEntries(
    Object.entries({ sequence, phi2, alpha, beta, layers }).filter(([, v]) => v !== undefined),
  );
}

const SimulateInput = StackInput.extend({
  cycles: z.number().int().min(1).default(200),
  particles: z.number().int().default(6),
  seed: z.number().int().default(1),
  cycleStride: z.number().int().min(1).default(10),
  observeCycles: z.array(z.number().int()).optional().describe('Cycles whose O fraction vs x is recorded.'),
  snapshots: z
    .number()
    .int()
    .min(0)
    .default(12)
    .describe(
      'Stack states recorded at evenly spaced Na contents on the first charge (plus end of last discharge).',
    ),
});

const Snapshot = z.object({
  cycle: z.number(),
  x: z.number(),
  phase: z.enum(['charge', 'discharge', 'rest']),
  labels: z.array(z.string()),
  oFraction: z.number(),
});

const SimulateOutput = z.object({
  cycles: z.array(z.number()),
  retention: z.array(z.number()).describe('Q_N/Q_1 at each recorded cycle.'),
  retentionAt: z.record(z.string(), z.number().nullable()),
  oFractionCharged: z.array(z.number()),
  curves: z.array(
    z.object({
      cycle: z.number(),
      phase: z.array(z.string()),
      x: z.array(z.number()),
      oFraction: z.array(z.number()),
      meanSpacingAngstrom: z.array(z.number()),
    }),
  ),
  snapshots: z
    .array(Snapshot)
    .describe('Particle 0: first-charge states, then the end of the last discharge.'),
  interlayers: z.number().int(),
  particles: z.number().int(),
  meanInterphases: z.number(),
  meanPinnedFraction: z.number(),
  cycleStride: z.number().int(),
  seed: z.number().int(),
  xMax: z.number(),
  xMin: z.number(),
  params: ParamsOut,
  paramsSource: z.string(),
});

const simulate = defineOperation({
  id: 'glide.simulate',
  title: 'Gliding: cycle a stack (kMC ensemble)',
  description:
    'kMC of P↔O slab gliding in an ensemble of particles over N cycles: capacity retention Q_N/Q_1, O-type fraction vs Na content for chosen cycles, and the recorded stack states of particle 0.',
  long: true,
  input: SimulateInput,
  output: SimulateOutput,
  async run(ctx, i) {
    cap(i.particles, GLIDE_LIMITS.particles, 'particles');
    cap(i.cycles, GLIDE_LIMITS.cycles, 'cycles');
    cap(i.layers, GLIDE_LIMITS.layers, 'layers');
    cap(i.snapshots, GLIDE_LIMITS.snapshots, 'snapshots');
    const params = paramsFor(i.anchoring);
    // Evenly spaced Na contents from xMax down to xMin: the first charge replayed state by state.
    const n = i.snapshots;
    const snapshotNa =
      n === 0
        ? []
        : Array.from({ length: n }, (_, k) =>
            n === 1 ? params.xMin : params.xMax - ((params.xMax - params.xMin) * k) / (n - 1),
          );
    const r = await glideSimulate(
      {
        ...stackOf(i),
        cycles: i.cycles,
        particles: i.particles,
        seed: i.seed,
        cycleStride: i.cycleStride,
        observeCycles: i.observeCycles,
        snapshotNa,
        workers: 1,
      },
      params,
      progressOf(ctx),
    );
    const stacks = r.operando.stacks;
    return {
      cycles: r.cycles,
      retention: r.retention,
      retentionAt: r.retentionAt,
      oFractionCharged: r.oFraction.charged,
      curves: r.oFraction.curves,
      snapshots: stacks.map((s) => ({
        cycle: s.cycle,
        x: s.x,
        phase: s.phase,
        labels: s.labels,
        oFraction: s.oFraction,
      })),
      interlayers: r.damageMap.particle0.length,
      particles: r.particles,
      meanInterphases: r.meanInterphases,
      meanPinnedFraction: r.meanPinnedFraction,
      cycleStride: r.cycleStride,
      seed: r.seed,
      xMax: params.xMax,
      xMin: params.xMin,
      params: r.params,
      paramsSource: r.paramsSource,
    };
  },
});

const RateInput = StackInput.extend({
  cRates: z.array(z.number()).min(1).max(20).default([0.1, 0.2, 0.5, 1, 2, 5, 10]),
  cycles: z.number().int().min(1).default(1),
  particles: z.number().int().default(6),
  seed: z.number().int().default(1),
  cycleStride: z.number().int().min(1).default(10),
});

const rate = defineOperation({
  id: 'glide.rate',
  title: 'Gliding: rate capability',
  description:
    'Simulate the stack for N cycles, take each particle’s P/O make-up at the end of the last charge and discharge it at each C-rate (single-particle spherical diffusion); capacity as a fraction of the full Na window.',
  long: true,
  input: RateInput,
  output: z.object({
    cRates: z.array(z.number()),
    capacityFraction: z.array(z.number()),
    oFractionAtCharge: z.number(),
    model: z.string(),
    cycles: z.number().int(),
    particles: z.number().int(),
    params: ParamsOut,
  }),
  async run(ctx, i) {
    cap(i.particles, GLIDE_LIMITS.particles, 'particles');
    cap(i.cycles, GLIDE_LIMITS.cycles, 'cycles');
    cap(i.layers, GLIDE_LIMITS.layers, 'layers');
    const r = await glideRate(
      {
        ...stackOf(i),
        cRates: i.cRates,
        cycles: i.cycles,
        particles: i.particles,
        seed: i.seed,
        cycleStride: i.cycleStride,
        workers: 1,
      },
      paramsFor(i.anchoring),
      progressOf(ctx),
    );
    return {
      cRates: r.cRates,
      capacityFraction: r.capacityFraction,
      oFractionAtCharge: r.oFractionAtCharge,
      model: r.model,
      cycles: r.cycles,
      particles: r.particles,
      params: r.params,
    };
  },
});

const MapInput = z.object({
  alpha: z.string().default('0.05:0.3:3').describe('α axis, min:max:count.'),
  beta: z.string().default('0.2:0.8:3').describe('β axis, min:max:count.'),
  phi2: z.number().min(0).max(1).default(0.5),
  cycles: z.number().int().min(1).default(200),
  particles: z.number().int().default(3),
  layers: z.number().int().min(2).default(100),
  seed: z.number().int().default(1),
  cycleStride: z.number().int().min(1).default(20),
  anchoring: Anchoring.optional(),
});

const MapPointOut = z.object({
  alpha: z.number(),
  beta: z.number(),
  retention: z.number().nullable(),
});

const map = defineOperation({
  id: 'glide.map',
  title: 'Gliding: α–β design map',
  description:
    'Capacity retention after N cycles over a grid of interphase density α and spacing CV β at fixed φ₂, with the Pareto front (retention ↑, α ↓, β ↑).',
  long: true,
  input: MapInput,
  output: z.object({
    phi2: z.number(),
    alpha: z.array(z.number()),
    beta: z.array(z.number()),
    cycles: z.number().int(),
    retention: z
      .array(z.array(z.number().nullable()))
      .describe('retention[iβ][iα]; null where not generable.'),
    pareto: z.array(MapPointOut),
    paretoObjectives: z.string(),
    particles: z.number().int(),
    layers: z.number().int(),
    params: ParamsOut,
  }),
  async run(ctx, i) {
    cap(i.particles, GLIDE_LIMITS.particles, 'particles');
    cap(i.cycles, GLIDE_LIMITS.cycles, 'cycles');
    cap(i.layers, GLIDE_LIMITS.layers, 'layers');
    const points = parseAxis(i.alpha, 'alpha').count * parseAxis(i.beta, 'beta').count;
    if (points > GLIDE_LIMITS.mapPoints)
      throw new InputError('the design map has too many points for the workbench', {
        field: 'alpha/beta',
        expected: `at most ${GLIDE_LIMITS.mapPoints} grid points (e.g. 5×5)`,
        found: `${points} points`,
      });
    const r = await glideMap(
      {
        alpha: i.alpha,
        beta: i.beta,
        phi2: i.phi2,
        cycles: i.cycles,
        particles: i.particles,
        layers: i.layers,
        seed: i.seed,
        cycleStride: i.cycleStride,
        workers: 1,
      },
      paramsFor(i.anchoring),
      progressOf(ctx),
    );
    return {
      phi2: r.phi2,
      alpha: r.alpha,
      beta: r.beta,
      cycles: r.cycles,
      retention: r.retention,
      pareto: r.pareto.map((p) => ({ alpha: p.alpha, beta: p.beta, retention: p.retention })),
      paretoObjectives: r.paretoObjectives,
      particles: r.particles,
      layers: r.layers,
      params: r.params,
    };
  },
});

const params = defineOperation({
  id: 'glide.params',
  title: 'Gliding: parameter set',
  description: 'The default parameters of the gliding simulator with unit, source and assumption flag.',
  input: z.object({}),
  output: z.object({ source: z.string(), params: ParamsOut }),
  run: () => ({ source: PARAMETER_SET_SOURCE, params: { ...DEFAULT_PARAMETER_ENTRIES } }),
});

export const operations = [simulate, rate, map, params];
