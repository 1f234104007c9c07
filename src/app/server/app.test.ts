import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';

const app = createApp();
const SILICON = readFileSync(new URL('../../../test/fixtures/xrd/Silicon.cif', import.meta.url), 'utf8');

function post(path: string, body: unknown) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('API basics', () => {
  it('answers the health check', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', name: 'natrium' });
  });

  it('publishes an OpenAPI 3.1 document generated from the schemas', async () => {
    const doc = await (await app.request('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/xrd', '/api/cif', '/api/health']));
    const xrd = doc.paths['/api/xrd'].post;
    expect(xrd.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/XrdRequest');
    expect(doc.components.schemas.XrdRequest.required).toContain('cif');
    expect(doc.components.schemas.XrdRequest.properties.profile.$ref).toBe(
      '#/components/schemas/ProfileParams',
    );
    expect(doc.components.schemas.XrdRequest.$schema).toBeUndefined();
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect((await res.json()).message).toContain('/api/nope');
  });
});

describe('input errors', () => {
  it('rejects a body that is not JSON with 400', async () => {
    const res = await post('/api/cif', '{"cif": ');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe('InputError');
    expect(body.message).toMatch(/not valid JSON/);
  });

  it('names the missing cif field', async () => {
    const res = await post('/api/xrd', { fileName: 'x.cif' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ error: 'InputError', field: 'cif' });
    expect(body.message).toMatch(/"cif" is missing/);
  });

  it('names a bad nested option', async () => {
    const res = await post('/api/xrd', {
      cif: SILICON,
      profile: { U: 0, V: 0, W: 0.01, eta: 2, step: 0.02 },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.field).toBe('profile.eta');
    expect(body.message).toMatch(/"profile\.eta"/);
  });

  it('rejects an empty 2θ range as an InputError', async () => {
    const res = await post('/api/xrd', { cif: SILICON, twoThetaMin: 50, twoThetaMax: 40 });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/twoThetaMax/);
  });

  it('rejects Kα2 with a non-copper source', async () => {
    const res = await post('/api/xrd', { cif: SILICON, wavelength: 'MoKa', kalpha2: true });
    expect(res.status).toBe(400);
    expect((await res.json()).field).toBe('kalpha2');
  });

  it('reports a CIF parse problem as a 400 with the reader message', async () => {
    const res = await post('/api/cif', { cif: 'this is not a CIF', fileName: 'junk.cif' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe('InputError');
    expect(body.message).toContain('junk.cif');
  });

  it('refuses bodies over the size limit with 413', async () => {
    const small = createApp({ bodyLimitMb: 0.001 });
    const res = await small.request('/api/cif', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cif: 'x'.repeat(5000) }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).message).toMatch(/larger than/);
  });
});

describe('examples', () => {
  it('lists the bundled structures', async () => {
    const { examples } = await (await app.request('/api/examples')).json();
    expect(examples.map((e: { name: string }) => e.name)).toContain('Silicon.cif');
  });

  it('serves one example and refuses names outside the catalogue', async () => {
    const ok = await app.request('/api/examples/Silicon.cif');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('_cell_length_a 5.43070');
    expect((await app.request('/api/examples/..%2Fpackage.json')).status).toBe(404);
  });
});

describe('static front end', () => {
  it('says to run the build when web/dist is missing', async () => {
    const bare = createApp({ distDir: mkdtempSync(join(tmpdir(), 'natrium-nodist-')) });
    const res = await bare.request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });
});

describe('structures and patterns', () => {
  it('summarises Silicon', async () => {
    const res = await post('/api/cif', { cif: SILICON, fileName: 'Silicon.cif' });
    expect(res.status).toBe(200);
    const { summary, scene } = await res.json();
    expect(summary.formula).toMatch(/Si/);
    expect(summary.spaceGroup.number).toBe(227);
    expect(summary.cell.a).toBeCloseTo(5.4307, 4);
    expect(summary.density).toBeCloseTo(2.329, 2);
    expect(scene.atoms.length).toBeGreaterThanOrEqual(8);
    expect(scene.cellEdges.length).toBe(12);
  });

  it('puts the Si 111 line near 28.44° 2θ with Cu Kα', async () => {
    const res = await post('/api/xrd', { cif: SILICON, fileName: 'Silicon.cif', wavelength: 'CuKa' });
    expect(res.status).toBe(200);
    const { pattern } = await res.json();
    const p111 = pattern.peaks.find((p: { twoTheta: number }) => Math.abs(p.twoTheta - 28.44) < 0.05);
    expect(p111).toBeDefined();
    expect(p111.multiplicity).toBe(8);
    expect(p111.intensity).toBeCloseTo(100, 6);
    expect(pattern.radiation).toBe('CuKa');
  });

  it('returns a profile curve when profile parameters are given', async () => {
    const res = await post('/api/xrd', {
      cif: SILICON,
      kalpha2: true,
      twoThetaMin: 20,
      twoThetaMax: 60,
      profile: { U: 0.01, V: -0.005, W: 0.008, eta: 0.5, step: 0.02 },
    });
    expect(res.status).toBe(200);
    const { pattern } = await res.json();
    expect(pattern.profile.x.length).toBe(pattern.profile.y.length);
    expect(pattern.profile.x[0]).toBeGreaterThanOrEqual(20 - 1e-9);
    expect(pattern.radiation).toBe('CuKa12');
    expect(new Set(pattern.peaks.map((p: { line: string }) => p.line))).toEqual(new Set(['Kα1', 'Kα2']));
  });
});
