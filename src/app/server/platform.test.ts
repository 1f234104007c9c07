import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalPool } from '../jobs/pool.ts';
import { JobRunner } from '../jobs/runner.ts';
import { Store } from '../store/store.ts';
import { sqliteTestDb, type TestDb } from '../store/testing.ts';
import { createApp } from './app.ts';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../test/fixtures/platform/${name}`, import.meta.url)));
const cifText = fixture('Silicon.cif').toString('utf8');

function upload(files: { name: string; bytes: Uint8Array | string }[]): FormData {
  const form = new FormData();
  for (const f of files)
    form.append('file', new File([typeof f.bytes === 'string' ? f.bytes : new Uint8Array(f.bytes)], f.name));
  return form;
}

describe('platform HTTP routes', () => {
  let tdb: TestDb;
  let store: Store;
  let pool: LocalPool;
  let runner: JobRunner;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    tdb = await sqliteTestDb();
    store = await Store.open(tdb.url);
    pool = new LocalPool({ threads: 2 });
    runner = new JobRunner(store, pool);
    app = createApp({ platform: { store, runner }, bodyLimitMb: 1 });
  });
  afterAll(async () => {
    await pool?.close();
    await store?.close();
    await tdb?.cleanup();
  });

  it('generates one route and one OpenAPI path per registered operation', async () => {
    const ops = (await (await app.request('/api/operations')).json()).operations as {
      id: string;
      input: { required: string[] };
    }[];
    expect(ops.map((o) => o.id)).toEqual(
      expect.arrayContaining(['cif.summary', 'xrd.pattern', 'xrd.strainSweep']),
    );
    expect(ops.find((o) => o.id === 'xrd.pattern')?.input.required).toContain('cif');
    const doc = await (await app.request('/api/openapi.json')).json();
    for (const o of ops) expect(doc.paths[`/api/ops/${o.id}`].post.requestBody).toBeDefined();
    expect(doc.paths['/api/projects'].post).toBeDefined();
    expect(doc.paths['/api/jobs/{id}/events'].get).toBeDefined();
  });

  it('POST /api/ops/xrd.pattern gives exactly what POST /api/xrd gives (no drift)', async () => {
    const body = JSON.stringify({ cif: cifText, fileName: 'Silicon.cif' });
    const viaOps = await (await app.request('/api/ops/xrd.pattern', { method: 'POST', body })).json();
    const viaXrd = await (await app.request('/api/xrd', { method: 'POST', body })).json();
    expect(viaOps).toEqual(viaXrd);
    const bad = await app.request('/api/ops/xrd.pattern', {
      method: 'POST',
      body: JSON.stringify({ cif: 3 }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/cif/);
  });

  it('projects: create, upload many files (one rejected with a reason), dedup, show', async () => {
    const created = await app.request('/api/projects', {
      method: 'POST',
      body: JSON.stringify({ name: 'web' }),
    });
    expect(created.status).toBe(201);
    const p = await created.json();
    const res = await app.request(`/api/projects/${p.id}/datasets`, {
      method: 'POST',
      body: upload([
        { name: 'Silicon.cif', bytes: fixture('Silicon.cif') },
        { name: 'exampleDataBioLogic.mpt', bytes: fixture('exampleDataBioLogic.mpt') },
        { name: 'readme.txt', bytes: 'just words\n' },
      ]),
    });
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(out.imported.map((d: { format: string }) => d.format)).toEqual(['cif', 'eis:biologic']);
    expect(out.failed).toEqual([{ file: 'readme.txt', error: expect.stringMatching(/no reader accepts/) }]);
    const again = await (
      await app.request(`/api/projects/${p.id}/datasets`, {
        method: 'POST',
        body: upload([{ name: 'Si.cif', bytes: fixture('Silicon.cif') }]),
      })
    ).json();
    expect(again.imported[0].deduplicated).toBe(true);
    const shown = await (await app.request(`/api/projects/${p.id}`)).json();
    expect(shown.datasets).toHaveLength(2);
    expect(shown.structures[0].formula).toBe('Si');
    const ds = await (await app.request(`/api/datasets/${out.imported[1].id}`)).json();
    expect(ds.data.frequency_Hz).toHaveLength(ds.columns[0].length);
  });

  it('an upload over the size limit is a 413 with a message, and the server keeps serving', async () => {
    const p = await (
      await app.request('/api/projects', { method: 'POST', body: JSON.stringify({ name: 'big' }) })
    ).json();
    const res = await app.request(`/api/projects/${p.id}/datasets`, {
      method: 'POST',
      body: upload([{ name: 'huge.xy', bytes: '1 2\n'.repeat(400_000) }]),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).message).toMatch(/1 MB limit/);
    expect((await app.request('/api/health')).status).toBe(200);
    expect((await (await app.request(`/api/projects/${p.id}`)).json()).datasets).toEqual([]);
  });

  it('jobs: submit, progress over server-sent events, stored result; cancel a long one', async () => {
    const p = await (
      await app.request('/api/projects', { method: 'POST', body: JSON.stringify({ name: 'jobs' }) })
    ).json();
    const sub = await app.request('/api/jobs', {
      method: 'POST',
      body: JSON.stringify({
        operation: 'xrd.strainSweep',
        projectId: p.id,
        input: { cif: cifText, strainMin: 0, strainMax: 0.01, points: 8 },
      }),
    });
    expect(sub.status).toBe(202);
    const job = await sub.json();
    const sse = await (await app.request(`/api/jobs/${job.id}/events`)).text();
    const events = sse
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)));
    expect(events.at(-1)).toMatchObject({ status: 'done', progress: { done: 8, total: 8 } });
    const stored = await (await app.request(`/api/jobs/${job.id}`)).json();
    expect(stored.result.points).toHaveLength(8);

    const long = await (
      await app.request('/api/jobs', {
        method: 'POST',
        body: JSON.stringify({
          operation: 'xrd.strainSweep',
          projectId: p.id,
          input: { cif: cifText, strainMin: 0, strainMax: 0.01, points: 50000 },
        }),
      })
    ).json();
    await new Promise<void>((resolve) =>
      runner.on(`job:${long.id}`, (e) => e.progress.done > 0 && resolve()),
    );
    const cancelled = await (await app.request(`/api/jobs/${long.id}/cancel`, { method: 'POST' })).json();
    expect(cancelled.status).toBe('cancelled');
    expect((await runner.wait(long.id)).status).toBe('cancelled');
  });

  it('report: self-contained HTML with figures, hashes, parameters and BibTeX', async () => {
    const p = await store.getProject('jobs');
    await store.importFile(p.id, {
      name: 'exampleDataBioLogic.mpt',
      bytes: fixture('exampleDataBioLogic.mpt'),
    });
    const html = await (await app.request(`/api/projects/${p.id}/report`)).text();
    expect(html).toMatch(/<svg/);
    expect(html).toMatch(/Nyquist plot/);
    expect(html).toMatch(/@article\{Holzer1997/);
    expect(html).toMatch(/natrium version/);
    expect(html).not.toMatch(/<script|src="http/);
  });

  it('a read-only database answers 503 with the reason; the server keeps serving', async () => {
    const ro = await Store.open(tdb.url, { readonly: true });
    const roApp = createApp({ platform: { store: ro, runner } });
    const res = await roApp.request('/api/projects', {
      method: 'POST',
      body: JSON.stringify({ name: 'nope' }),
    });
    expect(res.status).toBe(503);
    expect((await res.json()).message).toMatch(/read-only/);
    expect((await roApp.request('/api/projects')).status).toBe(200);
    await ro.close();
  });
});
