/** Figures of analysis results: drawn from the registry's own results on fixture files. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  getOperation,
  listOperations,
  loadOperations,
  makeContext,
  runOperation,
} from '../registry/registry.ts';
import { analysisFigure, FIGURE_OPERATIONS } from './figures.ts';

const FIX = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));
const text = (p: string) => ({ fileName: p.split('/').pop(), text: readFileSync(join(FIX, p), 'utf8') });

async function figureOf(
  id: string,
  input: unknown,
): Promise<{ svg: string; result: Record<string, unknown> }> {
  const result = (await runOperation(getOperation(id), input, makeContext(1))) as Record<string, unknown>;
  const svg = analysisFigure({ operationId: id, result });
  expect(svg, id).toBeDefined();
  return { svg: svg as string, result };
}

/** Vertices of the first <path d="M… L…"> with a stroke width (a line series). */
function lineVertices(svg: string): [number, number][] {
  const d = /<path clip-path="url\(#plot\)" d="([^"]+)"[^>]*stroke-width/.exec(svg)?.[1] ?? '';
  return [...d.matchAll(/[ML]([\d.-]+) ([\d.-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

beforeAll(() => loadOperations());

describe('analysis figures', () => {
  it('every operation with a figure is registered (ids cannot silently go stale)', () => {
    const ids = new Set(listOperations().map((o) => o.id));
    for (const id of FIGURE_OPERATIONS) expect(ids.has(id), id).toBe(true);
  });

  it('eis.fit: the model curve, one vertex per curve point, with equal axes', async () => {
    const { svg, result } = await figureOf('eis.fit', {
      file: text('eis/exampleData.csv'),
      circuit: 'R0-p(R1,C1)-p(R2-Wo1,C2)',
      guess: [0.01, 0.01, 100, 0.01, 0.05, 100, 1],
    });
    const curve = result.curve as { zReal: number[]; zImag: number[] };
    const v = lineVertices(svg);
    expect(v).toHaveLength(curve.zReal.length);
    // Equal axes: pixel distances between two curve points are proportional to ohms on both axes.
    const [i, j] = [0, curve.zReal.length - 1];
    const pxPerOhmX = (v[j][0] - v[i][0]) / (curve.zReal[j] - curve.zReal[i]);
    const pxPerOhmY = (v[i][1] - v[j][1]) / (-curve.zImag[j] - -curve.zImag[i]);
    expect(pxPerOhmX / pxPerOhmY).toBeCloseTo(1, 1);
    expect(svg).toContain('Nyquist');
  }, 60_000);

  it('eis.drt: γ against log₁₀ τ', async () => {
    const { svg, result } = await figureOf('eis.drt', { file: text('eis/exampleData.csv') });
    const tau = result.tau as number[];
    const v = lineVertices(svg);
    expect(v).toHaveLength(tau.length);
    // x increases with log τ (τ ascending) and is linear in log τ.
    const x = (k: number) => v[k][0];
    const n = tau.length - 1;
    const mid = Math.floor(n / 2);
    const frac = (Math.log10(tau[mid]) - Math.log10(tau[0])) / (Math.log10(tau[n]) - Math.log10(tau[0]));
    expect((x(mid) - x(0)) / (x(n) - x(0))).toBeCloseTo(frac, 2);
  }, 60_000);

  it('cycling.summary: charge and discharge capacity per cycle', async () => {
    const { svg, result } = await figureOf('cycling.summary', {
      file: text('cycling/test_Nova_Form-CH01-01_short.csv'),
    });
    const cycles = result.cycles as unknown[];
    expect(svg.match(/<circle /g)).toHaveLength(2 * cycles.length);
    expect(svg).toContain('>discharge<');
  }, 60_000);

  it('an operation without a figure, or no result, gives none', () => {
    expect(analysisFigure({ operationId: 'stacking.analyze', result: { slabs: 3 } })).toBeUndefined();
    expect(analysisFigure({ operationId: 'eis.fit', result: null })).toBeUndefined();
  });
});
