import { InputError } from '../core/errors.ts';

/** A maximal run of equal values over consecutive interlayers [start, start + length). */
export interface Run<T> {
  value: T;
  /** First interlayer (0-based). */
  start: number;
  /** Number of interlayers. */
  length: number;
}

/** Maximal runs of equal values. */
export function runsOf<T>(values: readonly T[]): Run<T>[] {
  const runs: Run<T>[] = [];
  for (let i = 0; i < values.length; i++) {
    const last = runs[runs.length - 1];
    if (last && last.value === values[i]) last.length++;
    else runs.push({ value: values[i], start: i, length: 1 });
  }
  return runs;
}

/**
 * Merges runs shorter than `minDomain` interlayers into their neighbours (brief §1.3, option
 * `minDomain`): repeatedly the shortest too-short run (leftmost on ties) takes the value of its
 * longer neighbour (left on ties) and the runs are re-joined. With minDomain = 1 nothing changes.
 * Returns the per-interlayer values after merging.
 */
export function mergeShortRuns<T>(values: readonly T[], minDomain: number): T[] {
  if (!(Number.isInteger(minDomain) && minDomain >= 1))
    throw new InputError('minDomain must be a positive integer', {
      field: 'minDomain',
      found: String(minDomain),
    });
  let runs = runsOf(values);
  for (;;) {
    if (runs.length <= 1) break;
    let pick = -1;
    for (let r = 0; r < runs.length; r++)
      if (runs[r].length < minDomain && (pick < 0 || runs[r].length < runs[pick].length)) pick = r;
    if (pick < 0) break;
    const left = runs[pick - 1];
    const right = runs[pick + 1];
    const into = !right || (left && left.length >= right.length) ? left : right;
    runs[pick].value = into.value;
    const joined: Run<T>[] = [];
    for (const r of runs) {
      const last = joined[joined.length - 1];
      if (last && last.value === r.value) last.length += r.length;
      else joined.push({ ...r });
    }
    runs = joined;
  }
  const out: T[] = new Array(values.length);
  for (const r of runs) for (let i = r.start; i < r.start + r.length; i++) out[i] = r.value;
  return out;
}

/**
 * Interphase positions (slab indices, 0-based): slab i is an interphase when the interlayers i−1 and
 * i have different values (the slab belongs to both domains).
 */
export function boundaries<T>(values: readonly T[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1]) out.push(i);
  return out;
}
