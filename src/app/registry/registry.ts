/**
 * The operations registry. Operations live in `./ops/*.ts`, each exporting `operations: Operation[]`;
 * they are discovered at load time, so a module adds its capabilities by adding one file here and
 * touching nothing else (see docs/platform.md).
 */
import { readdirSync } from 'node:fs';
import { InputError } from '../../core/errors.ts';
import { Rng } from '../../core/rng.ts';
import type { OpContext, Operation } from './types.ts';

const registry = new Map<string, Operation>();
let loading: Promise<void> | undefined;

export function registerOperation(op: Operation): void {
  if (!/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/.test(op.id))
    throw new Error(`operation id "${op.id}" must be dotted camelCase, e.g. "xrd.pattern"`);
  const prev = registry.get(op.id);
  if (prev && prev !== op) throw new Error(`operation "${op.id}" is registered twice`);
  registry.set(op.id, op);
}

/** Loads every ops/*.ts once (idempotent). */
export function loadOperations(): Promise<void> {
  loading ??= (async () => {
    const dir = new URL('./ops/', import.meta.url);
    const files = readdirSync(dir)
      .filter((f) => /\.ts$/.test(f) && !f.endsWith('.test.ts'))
      .sort();
    for (const f of files) {
      const mod = (await import(new URL(f, dir).href)) as { operations?: Operation[] };
      for (const op of mod.operations ?? []) registerOperation(op as Operation);
    }
  })();
  return loading;
}

export function listOperations(): Operation[] {
  return [...registry.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export function getOperation(id: string): Operation {
  const op = registry.get(id);
  if (!op)
    throw new InputError('there is no such operation', {
      field: 'operation',
      found: id,
      expected: listOperations()
        .map((o) => o.id)
        .join(', '),
    });
  return op;
}

/** Validates raw input against the operation's schema; a failure names the first bad field. */
export function parseInput<I>(op: Operation<I>, raw: unknown): I {
  const r = op.input.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new InputError(issue?.message ?? 'invalid input', {
    field: issue?.path.map(String).join('.') || 'input',
  });
}

/** Default seed when the caller gives none: fixed, so a run is reproducible unless asked otherwise. */
export const DEFAULT_SEED = 1;

export function makeContext(
  seed: number,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): OpContext {
  return {
    seed,
    rng: new Rng(seed),
    signal: options.signal ?? new AbortController().signal,
    progress: options.onProgress ?? (() => {}),
  };
}

/** Runs an operation in this thread: validate, run, and (for sweeps) all points then reduce. */
export async function runOperation(op: Operation, rawInput: unknown, ctx: OpContext): Promise<unknown> {
  const input = parseInput(op, rawInput);
  return op.run(ctx, input);
}
