import { describe, expect, it } from 'vitest';
import { Rng } from '../../../core/rng.ts';
import { bvseIsosurface, meshArea } from '../../../nasicon/bvse/isosurface.ts';
import { buildNasicon, estimateConductivity, nzspFormula } from '../../../nasicon/index.ts';
import { nasiconBuild, nasiconBvse } from '../../operations/nasicon.ts';
import { createApp } from '../../server/app.ts';
import { nasiconBvseOp } from './nasicon.ts';

const app = createApp();

async function post(id: string, body: unknown) {
  const res = await app.request(`/api/ops/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads fields of several response shapes.
  const json: any = await res.json();
  return { status: res.status, body: json };
}

describe('nasicon operations over HTTP', () => {
  it('lists the Zr-site dopants of the composition module (host Zr excluded)', async () => {
    const r = await post('nasicon.options', {});
    expect(r.status).toBe(200);
    const els = r.body.dopants.map((d: { element: string }) => d.element);
    expect(els).toContain('Sc');
    expect(els).not.toContain('Zr');
    // Every listed dopant is accepted by the formula builder.
    for (const el of els) expect(() => nzspFormula({ x: 2, dopant: el, dopantAmount: 0.1 })).not.toThrow();
  });

  it('builds x = 2 with the formula, cell and occupancies of the domain builder', async () => {
    const r = await post('nasicon.build', { x: 2 });
    expect(r.status).toBe(200);
    const direct = nasiconBuild({ formula: 'Na3Zr2Si2PO12' });
    expect(r.body.formula).toBe('Na3Zr2Si2PO12');
    expect(r.body.lattice.a).toBeCloseTo(direct.lattice.a, 10);
    expect(r.body.lattice.volumeA3).toBeCloseTo(direct.lattice.volumeA3, 8);
    for (const s of r.body.sites)
      for (const occ of Object.values(s.occupants) as number[]) expect(occ).toBeLessThanOrEqual(1);
    // Alkali per formula unit = Σ occupancy × multiplicity / Z (Z = 6 in the hexagonal R-3c cell).
    const na = direct.structure.sites.reduce(
      (sum, s) => sum + s.occupants.filter((o) => o.element === 'Na').reduce((a, o) => a + o.occupancy, 0),
      0,
    );
    expect(na / 6).toBeCloseTo(3, 6);
    expect(r.body.scene.atoms.some((a: { element: string }) => a.element === 'Na')).toBe(true);
    expect(r.body.pattern.peaks.length).toBeGreaterThan(10);
    expect(r.body.cif).toContain('_cell_length_a');
  });

  it('a dopant is compensated by Na: Sc0.4 at x = 2 gives Na3.4', async () => {
    const r = await post('nasicon.build', { x: 2, dopant: 'Sc', dopantAmount: 0.4 });
    expect(r.status).toBe(200);
    expect(r.body.formula).toBe(
      buildNasicon(nzspFormula({ x: 2, dopant: 'Sc', dopantAmount: 0.4 })).composition.formula,
    );
    expect(r.body.formula).toMatch(/^Na3\.4Sc0\.4Zr1\.6/);
  });

  it('the monoclinic cell has two thirds of the hexagonal volume', async () => {
    const hex = await post('nasicon.build', { x: 2 });
    const mono = await post('nasicon.build', { x: 2, monoclinic: true });
    expect(mono.status).toBe(200);
    expect(mono.body.spaceGroup).toContain('C2/c');
    expect(mono.body.lattice.volumeA3).toBeCloseTo((2 / 3) * hex.body.lattice.volumeA3, 6);
  });

  it('BVSE returns the barriers of the operation function and a landscape whose minimum is 0', async () => {
    const r = await post('nasicon.bvse', { x: 2, grid: 0.3, landscape: true });
    expect(r.status).toBe(200);
    const direct = nasiconBvse(nasiconBuild({ formula: 'Na3Zr2Si2PO12' }).structure, {
      ion: 'Na',
      grid: 0.3,
    });
    expect(r.body.barriersEv['3D']).toBeCloseTo(direct.barriers['3D']!, 9);
    expect(r.body.bottleneckRadiusA).toBeCloseTo(direct.bottleneckRadius!, 9);
    const L = r.body.landscape;
    const bytes = Buffer.from(L.bytesBase64, 'base64');
    expect(bytes.length).toBe(L.dims[0] * L.dims[1] * L.dims[2]);
    expect(Math.min(...bytes)).toBe(0);
    // The 3D barrier lies inside the quantised range, so an isosurface at barrier + 0.1 eV is drawable.
    expect(r.body.barriersEv['3D'] + 0.1).toBeLessThan(255 * L.stepEv);
  });

  it('conductivity: the estimate equals the domain estimate and the curve rises with T', async () => {
    const r = await post('nasicon.conductivity', { x: 2, temperatureC: 25 });
    expect(r.status).toBe(200);
    const direct = estimateConductivity('Na3Zr2Si2PO12', { temperatureK: 298.15 });
    expect(r.body.sigmaTotalScm).toBeCloseTo(direct.sigmaTotal!, 12);
    const sig = r.body.curve.map((p: { sigmaTotalScm: number }) => p.sigmaTotalScm);
    for (let i = 1; i < sig.length; i++) expect(sig[i]).toBeGreaterThan(sig[i - 1]);
    expect(
      r.body.literature.some((p: { doi: string | null; sameFamily: boolean }) => p.doi && p.sameFamily),
    ).toBe(true);
  });

  it('stability returns the analysis with missing phases listed', async () => {
    const r = await post('nasicon.stability', { x: 2 });
    expect(r.status).toBe(200);
    expect(r.body.metal).toBe('Na');
    expect(Array.isArray(r.body.missing)).toBe(true);
    expect(r.body.literature.length).toBeGreaterThan(0);
  });

  it('bad input is one clear 400: x out of range, unknown dopant, both formula and x, grid ≤ 0', async () => {
    for (const body of [
      { x: 3.5 },
      { x: 1, dopant: 'Xx', dopantAmount: 0.2 },
      { x: 1, formula: 'Na3Zr2Si2PO12' },
      {},
      { formula: 'Na3Zr2Si2PO13' },
    ]) {
      const r = await post('nasicon.build', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toBe('InputError');
      expect(typeof r.body.message).toBe('string');
    }
    const g = await post('nasicon.bvse', { x: 2, grid: 0 });
    expect(g.status).toBe(400);
    expect(g.body.message).toMatch(/grid/);
  });
});

describe('nasicon.bvse isosurface (library mesh through the operation)', () => {
  it('returns the mesh of the library at the requested level, computing BVSE once', async () => {
    const structure = nasiconBuild({ formula: 'Na3Zr2Si2PO12' }).structure;
    const direct = nasiconBvse(structure, { ion: 'Na', grid: 0.3, keepGrid: true });
    const level = direct.barriers['3D']! + 0.1;
    let completions = 0;
    const ctx = {
      signal: new AbortController().signal,
      progress: (done: number, total: number) => {
        if (done === total) completions++;
      },
      rng: new Rng(1),
      seed: 1,
    };
    const out = await nasiconBvseOp.run(ctx, { x: 2, grid: 0.3, landscape: true, isosurfaceLevel_eV: level });
    // One landscape computation serves barriers, byte landscape and mesh (it used to run twice).
    expect(completions).toBe(1);
    const mesh = bvseIsosurface(direct.grid!, level);
    const iso = out.isosurface!;
    expect(iso.level_eV).toBe(level);
    expect(iso.vertexCount).toBe(mesh.vertices.length / 3);
    expect(iso.triangleCount).toBe(mesh.triangles.length / 3);
    expect(iso.vertices.length).toBe(3 * iso.vertexCount);
    expect(iso.triangles).toEqual(Array.from(mesh.triangles));
    expect(iso.vertices[10]).toBeCloseTo(mesh.vertices[10], 3);
    expect(iso.areaA2).toBeCloseTo(meshArea(mesh), 6);
    // Every vertex lies inside the (slightly padded) unit cell: fractional coordinates in [0, 1].
    const L = structure.lattice;
    for (let v = 0; v < iso.vertices.length; v += 3) {
      const f = L.toFractional([iso.vertices[v], iso.vertices[v + 1], iso.vertices[v + 2]]);
      for (const x of f) {
        expect(x).toBeGreaterThan(-1e-4);
        expect(x).toBeLessThan(1 + 1e-4);
      }
    }
    // The byte landscape is the same grid: its minimum is 0 and its size matches.
    const bytes = Buffer.from(out.landscape!.bytesBase64, 'base64');
    expect(bytes.length).toBe(direct.grid!.energy.length);
  });

  it('over HTTP: a level below the minimum is one clear 400; a level at the minimum gives an empty mesh', async () => {
    const bad = await post('nasicon.bvse', { x: 2, grid: 0.4, isosurfaceLevel_eV: -0.1 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/isosurfaceLevel_eV/);
    // No voxel lies strictly below the global minimum, so the level set at 0 eV is empty.
    const empty = await post('nasicon.bvse', { x: 2, grid: 0.4, isosurfaceLevel_eV: 0 });
    expect(empty.status).toBe(200);
    expect(empty.body.isosurface.vertexCount).toBe(0);
    expect(empty.body.landscape).toBeUndefined();
  });

  it('decodes the byte landscape of nasicon.bvse back to eV (page helper)', async () => {
    const { decodeLandscape } = await import('../../../../web/src/pages/nasicon/landscape.ts');
    const e = decodeLandscape(Buffer.from([0, 1, 255]).toString('base64'), 0.01);
    expect(Array.from(e).map((v) => Number(v.toFixed(4)))).toEqual([0, 0.01, 2.55]);
  });
});
