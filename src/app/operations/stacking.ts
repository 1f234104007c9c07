import { z } from 'zod';
import { InputError } from '../../core/errors.ts';
import { Rng } from '../../core/rng.ts';
import {
  analyzeStack,
  formatColumns,
  type LocalLabel,
  markovFromTargets,
  markovStack,
  parseStack,
  phaseTypeStack,
  type Stack,
  type StackAnalysis,
} from '../../layered/index.ts';

/** Turns the first zod issue into one InputError naming the field. */
export function parseRequest<T>(schema: z.ZodType<T>, value: unknown, prefix = ''): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new InputError(issue.message, { field: prefix + issue.path.join('.') });
}

const spacingTable = z
  .object({ P2: z.number(), P3: z.number(), O1: z.number(), O2: z.number(), O3: z.number() })
  .partial();

export const analyzeRequestSchema = z.object({
  /** Sequence in any notation (letters, (s; d) or blocks). */
  sequence: z.string(),
  /** Where the sequence came from (file name), for error messages. */
  source: z.string().optional(),
  notation: z.enum(['letters', 'compact', 'blocks']).optional(),
  periodic: z.boolean().optional(),
  minDomain: z.number().int().min(1).optional(),
  includeEnds: z.boolean().optional(),
  spacingAngstrom: spacingTable.optional(),
  spacingsAngstrom: z.array(z.number()).optional(),
  fanoWindow: z.number().int().min(1).optional(),
});
export type AnalyzeRequest = z.infer<typeof analyzeRequestSchema>;

/**
 * `natrium stacking analyze`: the issue's JSON keys first (slabs, labels, environments, character,
 * interphases, alpha, alphaPerNm, beta, fractions, polytype), then the extras of StackAnalysis.
 */
export function stackingAnalyze(request: AnalyzeRequest): StackAnalysis {
  const r = parseRequest(analyzeRequestSchema, request);
  const stack = parseStack(r.sequence, {
    notation: r.notation,
    periodic: r.periodic,
    field: r.source ?? 'sequence',
  });
  return analyzeStack(stack, {
    minDomain: r.minDomain,
    includeEnds: r.includeEnds,
    spacingAngstrom: r.spacingAngstrom as Partial<Record<LocalLabel, number>> | undefined,
    spacingsAngstrom: r.spacingsAngstrom,
    fanoWindow: r.fanoWindow,
  });
}

export const generateRequestSchema = z.object({
  model: z.enum(['markov', 'phase-type', 'block']),
  /** Target fraction of 2-type interlayers. */
  phi2: z.number().optional(),
  /** Target interphases per interlayer. */
  alpha: z.number().optional(),
  /** Target CV of interphase spacings (phase-type only). */
  beta: z.number().optional(),
  /** Markov switching probabilities (instead of phi2/alpha). */
  q2: z.number().optional(),
  q3: z.number().optional(),
  /** Block shorthand for model 'block'. */
  blocks: z.string().optional(),
  /** Number of slabs. */
  layers: z.number().int().min(2).max(10_000_000).optional(),
  seed: z.number().int().optional(),
  glideState: z.enum(['P', 'O']).optional(),
});
export type GenerateRequest = z.infer<typeof generateRequestSchema>;

export interface GenerateResult {
  model: string;
  seed: number | null;
  /** Oxygen letters, one slab per space-separated pair. */
  sequence: string;
  slabs: number;
  targets: { phi2?: number; alpha?: number; beta?: number };
  /** Parameters actually used (switching probabilities or phase-type laws). */
  parameters: Record<string, unknown>;
  /** What the analyser reads back from the sequence. */
  measured: { phi2: number; alpha: number; beta: number | null; interphases: number };
}

function need(v: number | undefined, field: string): number {
  if (v === undefined) throw new InputError('missing value', { field });
  return v;
}

/** `natrium stacking generate`. */
export function stackingGenerate(request: GenerateRequest): GenerateResult {
  const r = parseRequest(generateRequestSchema, request);
  const seed = r.seed ?? 1;
  const rng = new Rng(seed);
  let stack: Stack;
  let parameters: Record<string, unknown>;
  const slabs = r.layers ?? 200;
  if (r.model === 'block') {
    stack = parseStack(r.blocks ?? '', { notation: 'blocks', field: 'blocks' });
    parameters = { blocks: r.blocks };
  } else if (r.model === 'markov') {
    const q =
      r.q2 !== undefined || r.q3 !== undefined
        ? { q2: need(r.q2, 'q2'), q3: need(r.q3, 'q3') }
        : markovFromTargets(need(r.phi2, 'phi2'), need(r.alpha, 'alpha'));
    if (r.beta !== undefined)
      throw new InputError(
        'a first-order Markov stack cannot set β (it follows from q); use --model phase-type',
        {
          field: 'beta',
        },
      );
    stack = markovStack({ ...q, slabs, glideState: r.glideState }, rng);
    parameters = { ...q, glideState: r.glideState ?? 'P' };
  } else {
    const out = phaseTypeStack(
      {
        phi2: need(r.phi2, 'phi2'),
        alpha: need(r.alpha, 'alpha'),
        beta: need(r.beta, 'beta'),
        slabs,
        glideState: r.glideState,
      },
      rng,
    );
    stack = out.stack;
    parameters = { ...out.design, glideState: r.glideState ?? 'P' };
  }
  const a = analyzeStack(stack);
  return {
    model: r.model,
    seed: r.model === 'block' ? null : seed,
    sequence: formatColumns(stack),
    slabs: a.slabs,
    targets: { phi2: r.phi2, alpha: r.alpha, beta: r.beta },
    parameters,
    measured: { phi2: a.phi2, alpha: a.alpha, beta: a.beta, interphases: a.interphases.length },
  };
}
