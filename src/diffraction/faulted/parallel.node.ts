/**
 * Node-only: the faulted powder pattern with its (h,k) rod orbits spread over worker threads
 * (piscina). Each orbit's contribution is computed by the same function as in the single-threaded
 * path and the contributions are summed strictly in orbit order, so 1 and k workers give
 * bit-identical intensities. Worth it when rods are many or expensive (explicit averages, finite N,
 * wide 2θ ranges); each worker pays a start-up of a few hundred ms (TypeScript loader + modules),
 * so keep a `FaultedPowderPool` alive across patterns when computing many.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { InputError } from '../../core/errors.ts';
import type { FaultedModel } from './model.ts';
import {
  type FaultedPowderOptions,
  type FaultedPowderPattern,
  faultedPowderPattern,
  type OrbitContribution,
  PowderAccumulator,
  planFaultedPowder,
} from './powder.ts';
import type { OrbitReply, OrbitTask } from './powderWorker.ts';

export interface ParallelPowderOptions extends FaultedPowderOptions {
  /**
   * Worker threads across rod orbits (default 1 = this thread, no pool). With a custom `f0`
   * (a function, which cannot cross threads) the computation stays in this thread.
   */
  workers?: number;
}

/** Largest accepted worker count (more threads than rods or cores only adds start-up cost). */
export const MAX_WORKERS = 64;

export function checkWorkers(workers: number | undefined, field = 'workers'): number {
  const w = workers ?? 1;
  if (!(Number.isInteger(w) && w >= 1 && w <= MAX_WORKERS))
    throw new InputError('number of worker threads must be a whole number from 1 to 64', {
      field,
      found: String(workers),
      expected: `1 … ${MAX_WORKERS} (this machine has ${availableParallelism()} cores)`,
    });
  return w;
}

/** A reusable pool of faulted-powder worker threads. */
export class FaultedPowderPool {
  private readonly pool: Piscina<OrbitTask, OrbitReply>;
  readonly threads: number;

  constructor(threads: number) {
    this.threads = checkWorkers(threads);
    this.pool = new Piscina({
      filename: new URL('./powderWorker.node.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: this.threads,
      idleTimeout: 10_000,
    });
  }

  /** The pattern computed on this pool's threads (same numbers as `faultedPowderPattern`). */
  async pattern(model: FaultedModel, opts: FaultedPowderOptions): Promise<FaultedPowderPattern> {
    if (opts.f0) return faultedPowderPattern(model, opts);
    const plan = planFaultedPowder(model, opts);
    const total = plan.orbits.length;
    const acc = new PowderAccumulator(plan);
    // Results may arrive in any order; they are added in orbit order as soon as their predecessors are.
    const ready = new Map<number, OrbitContribution>();
    let next = 0;
    let done = 0;
    const flush = () => {
      while (ready.has(next)) {
        acc.add(ready.get(next) as OrbitContribution);
        ready.delete(next);
        next++;
      }
    };
    await Promise.all(
      plan.orbits.map(async (_, index) => {
        const reply = await this.pool.run({ model, plan, index });
        if (!reply.ok) throw reply.input ? InputError.fromTransfer(reply.input) : new Error(reply.message);
        ready.set(index, reply.contribution);
        flush();
        opts.onProgress?.(++done, total);
      }),
    );
    flush();
    return acc.result();
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

/**
 * `faultedPowderPattern` with an optional `workers` count: 1 runs in this thread; k > 1 starts a
 * pool of min(k, orbits) threads for this one pattern and closes it afterwards.
 */
export async function faultedPowderPatternParallel(
  model: FaultedModel,
  opts: ParallelPowderOptions,
): Promise<FaultedPowderPattern> {
  const workers = checkWorkers(opts.workers);
  if (workers <= 1 || opts.f0) return faultedPowderPattern(model, opts);
  const pool = new FaultedPowderPool(workers);
  try {
    return await pool.pattern(model, opts);
  } finally {
    await pool.close();
  }
}
