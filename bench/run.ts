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
}

const only = process.argv[2];
const dir = new URL('./', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort();
const rows: { case: string; 'mean (ms)': string; 'min (ms)': string; runs: number; note: string }[] = [];
for (const f of files) {
  const mod = (await import(new URL(f, dir).href)) as { cases: BenchCase[] };
  for (const c of mod.cases) {
    await c.setup?.();
    const bench = new Bench({ iterations: c.iterations ?? 3, time: 0, warmupIterations: 1, warmupTime: 0 });
    bench.add(c.name, c.run);
    await bench.run();
    const t = bench.tasks[0];
    const r = t.result as { latency?: { mean: number; min: number; samples: number[] } } & {
      mean?: number;
      min?: number;
      samples?: number[];
    };
    const mean = r.latency?.mean ?? r.mean ?? Number.NaN;
    const min = r.latency?.min ?? r.min ?? Number.NaN;
    const runs = r.latency?.samples.length ?? r.samples?.length ?? 0;
    rows.push({
      case: c.name,
      'mean (ms)': mean.toFixed(1),
      'min (ms)': min.toFixed(1),
      runs,
      note: c.note ?? '',
    });
    process.stderr.write(`done: ${c.name}\n`);
  }
}
console.table(rows);
