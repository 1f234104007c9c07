/**
 * What an operation is: one capability of natrium, declared once with its input and output schemas
 * (zod) and a `run` function. The CLI, the HTTP routes, the OpenAPI document, the workbench forms
 * and the job payloads are all derived from this declaration.
 */
import type { z } from 'zod';
import type { Rng } from '../../core/rng.ts';

/** What a running operation may use; the same in the CLI, the HTTP server and every worker. */
export interface OpContext {
  /** Aborted when the user cancels; long loops call `throwIfCancelled()` between steps. */
  signal: AbortSignal;
  /** Report progress as (done, total) in the operation's own units (points, reflections…). */
  progress(done: number, total: number): void;
  /** Seeded generator of this run; sweeps use `rng.split(pointIndex)` so chunking never changes numbers. */
  rng: Rng;
  seed: number;
}

/** A literature source a model relies on; collected into reports and BibTeX. */
export interface Citation {
  /** BibTeX key, e.g. 'Brese1991'. */
  key: string;
  type: 'article' | 'book' | 'misc';
  author: string;
  title: string;
  year: number;
  journal?: string;
  volume?: string;
  pages?: string;
  doi?: string;
  url?: string;
  publisher?: string;
  note?: string;
}

/**
 * A sweep: `count(input)` independent points; `runRange` computes points [start, end) and returns one
 * part per point; `reduce` turns all parts, in point order, into the operation's output. Points must
 * depend only on (input, index, rng.split(index)), so any chunking gives identical numbers.
 */
export interface SweepSpec<I, P, O> {
  count(input: I): number;
  runRange(ctx: OpContext, input: I, start: number, end: number): P[] | Promise<P[]>;
  reduce(input: I, parts: P[]): O;
}

export interface Operation<I = unknown, O = unknown> {
  /** Stable id, dotted: 'xrd.pattern', 'eis.fit'… (also the URL path: POST /api/ops/<id>). */
  id: string;
  title: string;
  description: string;
  input: z.ZodType<I>;
  output: z.ZodType<O>;
  run(ctx: OpContext, input: I): O | Promise<O>;
  /** Present for operations that can be split into chunks (local pool or distributed workers). */
  sweep?: SweepSpec<I, unknown, O>;
  /** Sources of the models used, for reports. */
  citations?: Citation[];
  /** True when a run may take long enough that clients should submit it as a job. */
  long?: boolean;
}

/** Helper that keeps the input/output types tied to the schemas. */
export function defineOperation<I, O, P = unknown>(
  op: Omit<Operation<I, O>, 'sweep'> & { sweep?: SweepSpec<I, P, O> },
): Operation<I, O> {
  return op as Operation<I, O>;
}

export class CancelledError extends Error {
  constructor() {
    super('the job was cancelled');
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(ctx: OpContext): void {
  if (ctx.signal.aborted) throw new CancelledError();
}

/** The `run` of a sweep operation in one thread: every point, then reduce. */
export function runAllPoints<I, P, O>(sweep: SweepSpec<I, P, O>): (ctx: OpContext, input: I) => Promise<O> {
  return async (ctx, input) => sweep.reduce(input, await sweep.runRange(ctx, input, 0, sweep.count(input)));
}
