import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpaceGroupsNode } from '../../../crystal/spacegroup.node.ts';
import { matchScale, parseXy } from '../../../io/xy/index.ts';
import { stackingAnalyze } from '../../operations/stacking.ts';
import { stackingXrd } from '../../operations/stackingXrd.ts';
import { createApp } from '../../server/app.ts';
import { MAX_XRD_POINTS } from './stacking.ts';

const app = createApp();
const FIXTURE = readFileSync(
  new URL('../../../../test/fixtures/xy/P2_diffax_broadened.xy', import.meta.url),
  'utf8',
);

async function post(id: string, body: unknown) {
  const res = await app.request(`/api/ops/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the JSON bodies of four operations, checked field by field
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

beforeAll(() => loadSpaceGroupsNode());

describe('stacking ops over HTTP', () => {
  it('stacking.analyze: the worked example of the brief (interphases 4 and 8, α = 2/11, β null)', async () => {
    const r = await post('stacking.analyze', { sequence: 'ABBAABBAABBCCAABBCCBBCCB' });
    expect(r.status).toBe(200);
    expect(r.body.interphases).toEqual([4, 8]);
    expect(r.body.alpha).toBeCloseTo(2 / 11, 12);
    expect(r.body.beta).toBeNull();
    expect(r.body.labels.slice(0, 4)).toEqual(['P2', 'P2', 'P2', 'P2']);
    const blocks = await post('stacking.analyze', { sequence: 'P2*10 P3*6 P2*4' });
    const direct = stackingAnalyze({ sequence: 'P2*10 P3*6 P2*4' });
    expect(blocks.body.alpha).toBe(direct.alpha);
    expect(blocks.body.fractions).toEqual(direct.fractions);
    expect(blocks.body.polytype).toBe(direct.polytype);
  });

  it('stacking.analyze / generate: α per nm uses the spacings of the layer-model params', async () => {
    const seq = 'ABBAABBAABBCCAABBCCBBCCB';
    const byDefault = await post('stacking.analyze', { sequence: seq });
    const custom = await post('stacking.analyze', { sequence: seq, params: { dP: 6.1 } });
    expect(custom.status).toBe(200);
    // 2 interphases over 12 slabs of 6.1 Å: |I|/(N·d̄) per nm (brief §1.3)
    expect(custom.body.alphaPerNm).toBeCloseTo(2 / (12 * 0.61), 12);
    expect(custom.body.meanSpacingAngstrom).toBeCloseTo(6.1, 12);
    expect(custom.body.alpha).toBe(byDefault.body.alpha);
    expect(byDefault.body.alphaPerNm).toBe(stackingAnalyze({ sequence: seq }).alphaPerNm);
    const g = await post('stacking.generate', {
      model: 'markov',
      phi2: 0.5,
      alpha: 0.1,
      layers: 200,
      seed: 1,
      params: { dP: 6.1, dO: 4.9 },
    });
    const direct = stackingAnalyze({
      sequence: g.body.sequence,
      spacingAngstrom: { P2: 6.1, P3: 6.1, O1: 4.9, O2: 4.9, O3: 4.9 },
    });
    expect(g.body.analysis.alphaPerNm).toBe(direct.alphaPerNm);
    const bad = await post('stacking.analyze', { sequence: seq, params: { dP: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/spacing/);
  });

  it('stacking.analyze: bad letters and absurd lengths give one clear 400', async () => {
    const bad = await post('stacking.analyze', { sequence: 'AB BD' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/\S/);
    const long = await post('stacking.analyze', { sequence: 'P2*10000000' });
    expect(long.status).toBe(400);
    expect(long.body.message).toMatch(/at most 5000 slabs/);
    const empty = await post('stacking.analyze', { sequence: '' });
    expect(empty.status).toBe(400);
  });

  it('stacking.generate: seeded, and the analysis reads the generated sequence back', async () => {
    const body = { model: 'markov', phi2: 0.6, alpha: 0.1, layers: 400, seed: 3 };
    const a = await post('stacking.generate', body);
    const b = await post('stacking.generate', body);
    expect(a.status).toBe(200);
    expect(a.body.sequence).toBe(b.body.sequence);
    expect(a.body.analysis.slabs).toBe(400);
    expect(a.body.analysis.alpha).toBe(stackingAnalyze({ sequence: a.body.sequence }).alpha);
    const pt = await post('stacking.generate', { ...body, model: 'phase-type', beta: 0.4 });
    expect(pt.status).toBe(200);
    const tooMany = await post('stacking.generate', { ...body, layers: 100000 });
    expect(tooMany.status).toBe(400);
    const noBeta = await post('stacking.generate', { ...body, model: 'phase-type' });
    expect(noBeta.status).toBe(400);
  });

  it('stacking.build: caps the slabs and reports it', async () => {
    const r = await post('stacking.build', { sequence: 'P2*20', maxSlabs: 4 });
    expect(r.status).toBe(200);
    expect(r.body.slabsTotal).toBe(21); // 20 interlayers
    expect(r.body.slabsBuilt).toBe(4);
    expect(r.body.capped).toBe(true);
    expect(r.body.polytype).toBe('P2');
    expect(r.body.scene.atoms.length).toBeGreaterThan(0);
    const els = new Set(r.body.scene.atoms.map((x: { element: string }) => x.element));
    expect(els.has('O')).toBe(true);
    expect(els.has('Na')).toBe(true);
    // The drawn 3×3 in-plane repeat holds 9 times the atoms of one cell (plus boundary copies).
    const one = await post('stacking.build', { sequence: 'P2*20', maxSlabs: 4, inPlaneRepeat: 1 });
    expect(one.body.atoms).toBe(r.body.atoms);
    expect(r.body.scene.atoms.length).toBeGreaterThanOrEqual(9 * r.body.atoms);
    expect(one.body.scene.atoms.length).toBeLessThan(r.body.scene.atoms.length);
  });

  it('stacking.xrd: explicit sequence matches the domain pattern; Rwp matches an independent match', async () => {
    const seq = 'P2*6 P3*6';
    const body = { sequence: seq, twoThetaMin: 10, twoThetaMax: 50, step: 0.05, fwhmDeg: 0.2 };
    const r = await post('stacking.xrd', { ...body, measured: { text: FIXTURE, fileName: 'P2.xy' } });
    expect(r.status).toBe(200);
    const direct = stackingXrd({
      sequence: seq,
      twoThetaRange: [10, 50],
      step: 0.05,
      broadening: { kind: 'gaussian', fwhmDeg: 0.2 },
    });
    const max = Math.max(...direct.intensity);
    expect(r.body.twoTheta).toEqual(direct.twoTheta);
    for (const [i, y] of (r.body.intensity as number[]).entries())
      expect(y).toBeCloseTo(direct.intensity[i] / max, 12);
    const meas = parseXy(FIXTURE);
    const m = matchScale(meas, {
      twoTheta: direct.twoTheta,
      intensity: direct.intensity.map((y) => y / max),
    });
    expect(r.body.match.rwp).toBeCloseTo(m.rwp, 12);
    expect(r.body.match.pointsUsed).toBe(m.points);
    expect(r.body.match.pointsExcluded).toBe(meas.twoTheta.length - m.points);
    expect(r.body.match.rwp).toBeGreaterThan(0);
    expect(r.body.match.rwp).toBeLessThan(1);
  });

  it('stacking.xrd: Markov statistics at φ₂ = ½ equal the phase-type model with β = √(1−q)', async () => {
    // q₂ = q₃ = α: one geometric stage per domain type either way.
    const common = { twoThetaMin: 14, twoThetaMax: 40, step: 0.1 };
    const mk = await post('stacking.xrd', { ...common, model: { kind: 'markov', phi2: 0.5, alpha: 0.2 } });
    const pt = await post('stacking.xrd', {
      ...common,
      model: { kind: 'phase-type', phi2: 0.5, alpha: 0.2, beta: Math.sqrt(0.8) },
    });
    expect(mk.status).toBe(200);
    expect(pt.status).toBe(200);
    // The op uses the operations layer's Markov model (the same numbers as the CLI's --model markov).
    const domain = stackingXrd({
      model: { kind: 'markov', phi2: 0.5, alpha: 0.2 },
      twoThetaRange: [14, 40],
      step: 0.1,
      broadening: { kind: 'gaussian', fwhmDeg: 0.1 },
    });
    expect(mk.body.mode).toBe(domain.mode);
    const dMax = Math.max(...domain.intensity);
    for (const [i, y] of (mk.body.intensity as number[]).entries())
      expect(y).toBeCloseTo(domain.intensity[i] / dMax, 12);
    for (const [i, y] of (mk.body.intensity as number[]).entries())
      expect(y).toBeCloseTo(pt.body.intensity[i], 6);
  });

  it('stacking.xrd: bad requests give a 400 with one sentence', async () => {
    const base = { twoThetaMin: 10, twoThetaMax: 50, step: 0.05 };
    const tooFine = await post('stacking.xrd', { ...base, sequence: 'P2*4', step: 0.001 });
    expect(tooFine.status).toBe(400);
    expect(tooFine.body.message).toContain(String(MAX_XRD_POINTS));
    const both = await post('stacking.xrd', {
      ...base,
      sequence: 'P2*4',
      model: { kind: 'markov', phi2: 0.5, alpha: 0.1 },
    });
    expect(both.status).toBe(400);
    const badFile = await post('stacking.xrd', {
      ...base,
      sequence: 'P2*4',
      measured: { text: '10 1\n11 oops\n12 3', fileName: 'm.xy' },
    });
    expect(badFile.status).toBe(400);
    expect(badFile.body.message).toMatch(/m\.xy/);
    expect(badFile.body.message).toMatch(/line 2/);
    const long = await post('stacking.xrd', { ...base, sequence: 'P2*400' });
    expect(long.status).toBe(400);
    expect(long.body.message).toMatch(/at most 300 slabs/);
  });
});
