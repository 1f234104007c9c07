/**
 * The job function shared by the local worker-thread pool and the distributed BullMQ workers: run a
 * whole operation, or points [start, end) of a sweep, reporting progress through a callback.
 */
import { loadSpaceGroupsNode } from '../../crystal/spacegroup.node.ts';
import { getOperation, loadOperations, makeContext, parseInput } from '../registry/registry.ts';

export interface TaskPayload {
  operationId: string;
  input: unknown;
  seed: number;
  /** Points [start, end) of a sweep; absent = the whole operation. */
  range?: [number, number];
}

export type TaskResult = { kind: 'result'; value: unknown } | { kind: 'parts'; parts: unknown[] };

export async function runTask(
  task: TaskPayload,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<TaskResult> {
  // Symmetry analysis needs moyo's WASM in every thread that summarises structures (idempotent).
  loadSpaceGroupsNode();
  await loadOperations();
  const op = getOperation(task.operationId);
  const input = parseInput(op, task.input);
  const ctx = makeContext(task.seed, options);
  if (task.range) {
    if (!op.sweep) throw new Error(`operation ${op.id} is not a sweep and cannot run a range of points`);
    const parts = await op.sweep.runRange(ctx, input, task.range[0], task.range[1]);
    return { kind: 'parts', parts };
  }
  return { kind: 'result', value: await op.run(ctx, input) };
}

/** Splits `count` points into chunks of at most `size`: [[0, size), [size, 2·size), …]. */
export function chunkRanges(count: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  const step = Math.max(1, Math.floor(size));
  for (let s = 0; s < count; s += step) out.push([s, Math.min(count, s + step)]);
  return out;
}
