/**
 * The gliding operations through the HTTP route (`POST /api/ops/glide.*`): validation and caps, and
 * the same numbers as the `natrium glide` functions for the same request (small sizes).
 */
import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../../layered/glide/index.ts';
import { glideMap, glideRate, glideSimulate } from '../../operations/glide.ts';
import { createApp } from '../../server/app.ts';
import { GLIDE_LIMITS } from './glide.ts';

const app = createApp();

async function post(id: string, body: unknown) {
  const res = await app.request(`/api/ops/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of several operations, read field by field
  const json = (await res.json()) as Record<string, any>;
  return { status: res.status, body: json };
}

const STACK = { phi2: 0.5, alpha: 0.1, beta: 0.5, layers: 40 };

describe('glide operations over HTTP', () => {
  it('rejects bad input with one sentence (400)', async () => {
    const tooMany = await post('glide.simulate', { ...STACK, particles: GLIDE_LIMITS.particles + 1 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toMatch(/particles/);
    const zero = await post('glide.simulate', { ...STACK, particles: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.message).toMatch(/particles/);
    const noStack = await post('glide.simulate', { cycles: 10 });
    expect(noStack.status).toBe(400);
    expect(noStack.body.message).toMatch(/no stack given/);
    const badSeq = await post('glide.simulate', { sequence: 'P2*3 Q7', cycles: 5, particles: 1 });
    expect(badSeq.status).toBe(400);
    const bigMap = await post('glide.map', { alpha: '0.05:0.3:6', beta: '0.2:0.8:6' });
    expect(bigMap.status).toBe(400);
    expect(bigMap.body.message).toMatch(/too many points/);
    const badAxis = await post('glide.map', { alpha: '0.05-0.3', beta: '0.2:0.8:2' });
    expect(badAxis.status).toBe(400);
    const badRate = await post('glide.rate', { ...STACK, cRates: [1, -2], particles: 1 });
    expect(badRate.status).toBe(400);
    expect(badRate.body.message).toMatch(/C-rates must be positive/);
  });

  it('glide.simulate gives the CLI numbers, a non-increasing retention from 1, and replayable states', async () => {
    const req = { ...STACK, cycles: 120, particles: 3, seed: 4, cycleStride: 10, observeCycles: [1, 100] };
    const r = await post('glide.simulate', { ...req, snapshots: 8, anchoring: 'both' });
    expect(r.status).toBe(200);
    const params = resolveParams({ anchoring: 'both' });
    const cli = await glideSimulate(
      {
        ...req,
        snapshotNa: Array.from({ length: 8 }, (_, k) => params.xMax - ((params.xMax - params.xMin) * k) / 7),
      },
      params,
    );
    expect(r.body.retention).toEqual(cli.retention);
    expect(r.body.retentionAt).toEqual(cli.retentionAt);
    expect(r.body.retention[0]).toBe(1);
    for (let k = 1; k < r.body.retention.length; k++)
      expect(r.body.retention[k]).toBeLessThanOrEqual(r.body.retention[k - 1]);
    expect(r.body.curves.map((c: { cycle: number }) => c.cycle)).toEqual(
      cli.oFraction.curves.map((c) => c.cycle),
    );
    // First-charge states in falling x, then the end of the last discharge; one label per interlayer.
    const snaps = r.body.snapshots as { x: number; phase: string; labels: string[]; oFraction: number }[];
    expect(snaps.at(-1)?.phase).toBe('discharge');
    const charge = snaps.filter((s) => s.phase === 'charge');
    expect(charge.length).toBeGreaterThan(2);
    for (let k = 1; k < charge.length; k++) expect(charge[k].x).toBeLessThan(charge[k - 1].x);
    for (const s of snaps) {
      expect(s.labels).toHaveLength(r.body.interlayers);
      const o = s.labels.filter((l) => l.startsWith('O')).length / s.labels.length;
      expect(o).toBeCloseTo(s.oFraction, 10);
    }
    // Every parameter carries its source and assumption flag.
    for (const e of Object.values(r.body.params) as { source: string; assumption: boolean }[]) {
      expect(e.source.length).toBeGreaterThan(0);
      expect(typeof e.assumption).toBe('boolean');
    }
  });

  it('a changed anchoring mode is reported as a user value', async () => {
    const r = await post('glide.simulate', { ...STACK, cycles: 5, particles: 1, anchoring: 'none' });
    expect(r.status).toBe(200);
    expect(r.body.params.anchoring).toMatchObject({ value: 'none', source: 'user value', assumption: true });
  });

  it('glide.rate matches the CLI and capacity falls with C-rate', async () => {
    const req = { ...STACK, particles: 2, seed: 2, cRates: [0.1, 1, 10] };
    const r = await post('glide.rate', req);
    expect(r.status).toBe(200);
    const cli = await glideRate(req, resolveParams({}));
    expect(r.body.capacityFraction).toEqual(cli.capacityFraction);
    const q = r.body.capacityFraction as number[];
    expect(q[0]).toBeGreaterThan(q[1]);
    expect(q[1]).toBeGreaterThan(q[2]);
    expect(q[0]).toBeLessThanOrEqual(1);
  });

  it('glide.map matches the CLI grid and its Pareto points are grid points', async () => {
    const req = {
      alpha: '0.05:0.3:2',
      beta: '0.2:0.8:2',
      cycles: 60,
      particles: 1,
      layers: 40,
      cycleStride: 20,
    };
    const r = await post('glide.map', req);
    expect(r.status).toBe(200);
    const cli = await glideMap(req, resolveParams({}));
    expect(r.body.retention).toEqual(cli.retention);
    expect(r.body.pareto.length).toBeGreaterThan(0);
    for (const p of r.body.pareto as { alpha: number; beta: number; retention: number }[]) {
      const ia = r.body.alpha.indexOf(p.alpha);
      const ib = r.body.beta.indexOf(p.beta);
      expect(r.body.retention[ib][ia]).toBe(p.retention);
    }
  });

  it('glide.params lists every parameter with unit, source and flag', async () => {
    const r = await post('glide.params', {});
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.params)).toEqual(Object.keys(resolveParams({})));
    expect(r.body.source).toMatch(/doi/i);
  });
});
