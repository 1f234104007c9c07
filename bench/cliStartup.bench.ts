/**
 * CLI benchmarks: start-up of `natrium` child processes (the lazy main.ts imports only the command
 * being run; `natrium op <id>` imports only that operation's registry module), flag generation from
 * every operation's schema, and PNG rendering of a report figure with resvg.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildOpCommand } from '../src/app/cli/opsCommands.ts';
import { listOperations, loadOperations } from '../src/app/registry/registry.ts';
import { svgToPng } from '../src/app/report/png.ts';
import { chartSvg } from '../src/app/report/svg.ts';
import type { BenchCase } from './run.ts';

const BIN = fileURLToPath(new URL('../bin/natrium', import.meta.url));
const natrium = (...args: string[]) => execFileSync(BIN, args, { stdio: ['ignore', 'pipe', 'ignore'] });

/** A 2 000-point profile, like an XRD pattern with a 0.04° step over 10–90°. */
const N = 2000;
const x = Float64Array.from({ length: N }, (_, i) => 10 + (80 * i) / (N - 1));
const y = x.map(
  (t) => 100 * Math.exp(-(((t - 28.4) / 0.1) ** 2)) + 67 * Math.exp(-(((t - 47.3) / 0.1) ** 2)),
);
const svg = chartSvg([{ x, y, kind: 'line' }], {
  title: 'Powder pattern (CuKa)',
  xLabel: '2θ (deg)',
  yLabel: 'intensity',
});

export const cases: BenchCase[] = [
  { name: 'natrium --version (start-up, no command imported)', run: () => natrium('--version') },
  { name: 'natrium cif --help (one command module)', run: () => natrium('cif', '--help') },
  {
    name: 'natrium op stacking.analyze --sequence … --json (one registry module + run)',
    run: () => natrium('op', 'stacking.analyze', '--sequence', 'AB BC CA', '--json'),
  },
  { name: 'natrium op --list --json (every operation loaded)', run: () => natrium('op', '--list', '--json') },
  {
    name: 'generate the commands of every registered operation (in-process)',
    setup: () => loadOperations(),
    run: () => {
      for (const op of listOperations()) buildOpCommand(op, () => {}).helpInformation();
    },
    iterations: 10,
  },
  { name: 'PNG of a 640×360 figure, 2 000-point line, scale 1', run: () => svgToPng(svg), iterations: 10 },
  {
    name: 'PNG of the same figure at 300 DPI (2000×1125 px)',
    run: () => svgToPng(svg, { dpi: 300 }),
    iterations: 5,
  },
];
