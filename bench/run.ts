/**
 * `npm run bench`: runs every bench/*.bench.ts (each exports `cases`) and prints one table.
 * Timings are wall-clock on this machine; tests never assert on them.
 */
import { readdirSync } from 'node:fs';
import { Bench } from 'tinybench';

export interface BenchCase {
  name: string;
  /** What the peer comparison is, for the table's last column. */
  note?: string;
  setup?: () => void | Promise<void>;
  run: () => unknown;
  /** Minimum number of timed runs (default 3). */
  iterations?: number;
  /**
   * Optional Python baseline for the same result, run after the case (undefined when Python is not
   * available): its median (and optionally minimum) time in ms and a text on what it is and how well
   * the results agree. The table then shows "vs Python" = Python median / our median, and the ratio
   * of the minima when given (the machine is shared: the minima are the least disturbed runs).
   */
  baseline?: () => { ms: number; msMin?: number; text: string } | undefined;
}

const only = process.argv[2];
const dir = new URL('./', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort();
const rows: {
  case: string;
  'mean (ms)': string;
  'min (ms)': string;
  runs: number;
  'vs Python': string;
  note: string;
}[] = [];
for (const f of files) {
  const mod = (await import(new URL(f, dir).href)) as { cases: BenchCase[] };
  for (const c of mod.cases) {
    await c.setup?.();
    const bench = new Bench({ iterations: c.iterations ?? 3, time: 0, warmupIterations: 1, warmupTime: 0 });
    bench.add(c.name, c.run);
    await bench.run();
    const t = bench.tasks[0];
    const r = t.result as { latency?: { mean: number; min: number; p50?: number; samples: number[] } } & {
      mean?: number;
      min?: number;
      samples?: number[];
    };
    const mean = r.latency?.mean ?? r.mean ?? Number.NaN;
    const min = r.latency?.min ?? r.min ?? Number.NaN;
    const runs = r.latency?.samples.length ?? r.samples?.length ?? 0;
    const py = c.baseline?.();
    rows.push({
      case: c.name,
      'mean (ms)': mean.toFixed(1),
      'min (ms)': min.toFixed(1),
      runs,
      'vs Python': py
        ? `${(py.ms / (r.latency?.p50 ?? mean)).toFixed(1)}× (Python ${py.ms.toFixed(1)} ms)` +
          (py.msMin !== undefined ? `; min ${(py.msMin / min).toFixed(1)}× (${py.msMin.toFixed(1)} ms)` : '')
        : '',
      note: py ? `${py.text}${c.note ? `; ${c.note}` : ''}` : (c.note ?? ''),
    });
    process.stderr.write(`done: ${c.name}\n`);
  }
}
console.table(rows);
