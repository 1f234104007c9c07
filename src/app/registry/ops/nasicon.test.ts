import { describe, expect, it } from 'vitest';
import { buildNasicon, estimateConductivity, nzspFormula } from '../../../nasicon/index.ts';
import { nasiconBuild, nasiconBvse } from '../../operations/nasicon.ts';
import { createApp } from '../../server/app.ts';

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

describe('isosurface of the page (marching tetrahedra on a periodic grid)', () => {
  // A spherical well in a cubic 10 Å cell: f = distance to the cell centre; level r gives a sphere.
  const n = 40;
  const a = 10;
  const values = new Float32Array(n * n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++)
        values[(i * n + j) * n + k] = Math.hypot((i / n - 0.5) * a, (j / n - 0.5) * a, (k / n - 0.5) * a);
  const cell: [number[], number[], number[]] = [
    [a, 0, 0],
    [0, a, 0],
    [0, 0, a],
  ];

  it('puts every vertex on the sphere and closes it (area 4πr²)', async () => {
    const { isosurface } = await import('../../../../web/src/pages/nasicon/isosurface.ts');
    const r = 3;
    const tri = isosurface({ dims: [n, n, n], values, cellVectors: cell }, r);
    expect(tri.length % 9).toBe(0);
    expect(tri.length).toBeGreaterThan(0);
    const spacing = a / n;
    let area = 0;
    for (let t = 0; t < tri.length; t += 9) {
      for (let v = 0; v < 9; v += 3) {
        const d = Math.hypot(tri[t + v] - a / 2, tri[t + v + 1] - a / 2, tri[t + v + 2] - a / 2);
        // Linear interpolation of a distance field along an edge is off by at most ~spacing²/(2r).
        expect(Math.abs(d - r)).toBeLessThan(spacing ** 2 / r);
      }
      const u = [tri[t + 3] - tri[t], tri[t + 4] - tri[t + 1], tri[t + 5] - tri[t + 2]];
      const w = [tri[t + 6] - tri[t], tri[t + 7] - tri[t + 1], tri[t + 8] - tri[t + 2]];
      area +=
        0.5 * Math.hypot(u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]);
    }
    expect(area / (4 * Math.PI * r * r)).toBeGreaterThan(0.97);
    expect(area / (4 * Math.PI * r * r)).toBeLessThan(1.03);
  });

  it('decodes the byte landscape of nasicon.bvse back to eV', async () => {
    const { decodeLandscape } = await import('../../../../web/src/pages/nasicon/isosurface.ts');
    const e = decodeLandscape(Buffer.from([0, 1, 255]).toString('base64'), 0.01);
    expect(Array.from(e).map((v) => Number(v.toFixed(4)))).toEqual([0, 0.01, 2.55]);
  });
});
