import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { parseImpedance } from '../../io/eis/index.ts';
import { decodeColumns, encodeColumns } from './columns.ts';
import { Store } from './store.ts';
import { postgresTestDb, requireServer, sqliteTestDb, TEST_PG_URL, type TestDb } from './testing.ts';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/platform/', import.meta.url));
const cifBytes = readFileSync(join(FIXTURES, 'Silicon.cif'));
const mptBytes = readFileSync(join(FIXTURES, 'exampleDataBioLogic.mpt'));

const HAVE_PG = requireServer('NATRIUM_TEST_DATABASE_URL', Boolean(TEST_PG_URL), 'PostgreSQL store');

describe('columnar encoding', () => {
  it('round-trips every float64 bit pattern, column order and lengths', () => {
    fc.assert(
      fc.property(fc.array(fc.float64Array({ maxLength: 50 }), { maxLength: 5 }), (arrays) => {
        const cols: Record<string, Float64Array> = Object.fromEntries(arrays.map((a, i) => [`c${i}`, a]));
        const { blob, info } = encodeColumns(cols);
        expect(blob.byteLength).toBe(8 * arrays.reduce((s, a) => s + a.length, 0));
        const back = decodeColumns(blob, info);
        for (const [k, a] of Object.entries(cols)) expect(Array.from(back[k])).toEqual(Array.from(a));
      }),
    );
  });

  it('refuses a blob whose size does not match its index', () => {
    const { blob, info } = encodeColumns({ x: new Float64Array([1, 2, 3]) });
    expect(() => decodeColumns(blob.subarray(0, 16), info)).toThrow(/16 bytes/);
  });
});

const backends: { name: string; make: () => Promise<TestDb> }[] = [{ name: 'sqlite', make: sqliteTestDb }];
const pgUrl = TEST_PG_URL;
if (HAVE_PG && pgUrl) backends.push({ name: 'postgres', make: () => postgresTestDb(pgUrl) });

describe.each(backends)('store on $name', ({ make }) => {
  let tdb: TestDb;
  let store: Store;

  beforeAll(async () => {
    tdb = await make();
    store = await Store.open(tdb.url);
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.cleanup();
  });

  it('runs migrations idempotently: a second open of the same database works and sees the data', async () => {
    await store.createProject('migrate-twice');
    const again = await Store.open(tdb.url);
    expect((await again.listProjects()).map((p) => p.name)).toContain('migrate-twice');
    await again.close();
  });

  it('creates, lists, renames and deletes projects; names are unique', async () => {
    const p = await store.createProject('  NVP cathodes ', 'Na3V2(PO4)3 batch 4');
    expect(p.name).toBe('NVP cathodes');
    await expect(store.createProject('NVP cathodes')).rejects.toThrow(/already exists/);
    await expect(store.createProject('   ')).rejects.toBeInstanceOf(InputError);
    const renamed = await store.renameProject(p.id, 'NVP cathodes 2');
    expect(renamed.name).toBe('NVP cathodes 2');
    expect((await store.getProject('NVP cathodes 2')).id).toBe(p.id);
    await expect(store.getProject('NVP cathodes')).rejects.toThrow(/no such project/);
    await store.deleteProject(p.id);
    expect((await store.listProjects()).find((x) => x.id === p.id)).toBeUndefined();
  });

  it('imports a CIF: raw bytes, SHA-256, format, a structure; the same bytes again deduplicate', async () => {
    const p = await store.createProject('si');
    const first = await store.importFile('si', { name: 'Silicon.cif', bytes: cifBytes });
    expect(first.deduplicated).toBe(false);
    expect(first.dataset.sha256).toBe(createHash('sha256').update(cifBytes).digest('hex'));
    expect(first.dataset.sizeBytes).toBe(cifBytes.byteLength);
    expect(first.dataset.format).toBe('cif');
    expect(first.structureId).toBeDefined();
    const again = await store.importFile(p.id, { name: 'copy-of-Silicon.cif', bytes: cifBytes });
    expect(again).toMatchObject({ deduplicated: true, dataset: { id: first.dataset.id } });
    const shown = await store.showProject('si');
    expect(shown.datasets).toHaveLength(1);
    expect(shown.structures).toHaveLength(1);
    expect(shown.structures[0].formula).toBe('Si');
    const { raw } = await store.loadDataset(first.dataset.id);
    expect(Buffer.compare(raw, cifBytes)).toBe(0);
    const cif = await store.getStructureCif(shown.structures[0].id);
    expect(cif.cif).toMatch(/_cell_length_a\s+5\.43/);
  });

  it('stores an impedance file columnar and gives back exactly the numbers the reader produced', async () => {
    await store.createProject('eis');
    const r = await store.importFile('eis', { name: 'exampleDataBioLogic.mpt', bytes: mptBytes });
    expect(r.dataset.format).toBe('eis:biologic');
    const direct = parseImpedance(mptBytes, { fileName: 'exampleDataBioLogic.mpt' });
    const { columns, info } = await store.loadDataset(r.dataset.id);
    expect(info.columns.map((c) => c.name)).toEqual(['frequency_Hz', 'zReal_ohm', 'zImag_ohm']);
    expect(Array.from(columns.frequency_Hz)).toEqual(Array.from(direct.frequencyHz));
    expect(Array.from(columns.zImag_ohm)).toEqual(Array.from(direct.zImag));
  });

  it('rejects a file no reader accepts with one message and stores nothing', async () => {
    const p = await store.createProject('junk');
    const bytes = Buffer.from('hello\nthis is not data\n');
    const err = await store.importFile('junk', { name: 'notes.txt', bytes }).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/notes\.txt: no reader accepts this file/);
    expect(await store.listDatasets(p.id)).toEqual([]);
  });

  it('deduplicates concurrent imports of the same bytes to one row', async () => {
    await store.createProject('race');
    const xy = Buffer.from('10 1\n20 2\n30 3\n');
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => store.importFile('race', { name: `a${i}.xy`, bytes: xy })),
    );
    expect(new Set(results.map((r) => r.dataset.id)).size).toBe(1);
    expect(results.filter((r) => !r.deduplicated)).toHaveLength(1);
  });

  it('keeps analyses with parameters, seed, version, timings; a cancelled one stays cancelled', async () => {
    const p = await store.createProject('an');
    const a = await store.createAnalysis({ projectId: p.id, operationId: 'xrd', params: { x: 1 }, seed: 42 });
    expect(a.status).toBe('queued');
    await store.markRunning(a.id);
    await store.setProgress(a.id, 3, 10);
    await store.finishAnalysis(a.id, { status: 'done', result: { peaks: [1.5, 2] } });
    const got = await store.getAnalysis(a.id);
    expect(got).toMatchObject({ status: 'done', params: { x: 1 }, result: { peaks: [1.5, 2] }, seed: 42 });
    expect(got.progress).toEqual({ done: 3, total: 10 });
    expect(got.durationMs).toBeGreaterThanOrEqual(0);
    expect(got.natriumVersion).toMatch(/^\d+\.\d+\.\d+/);

    const b = await store.createAnalysis({ projectId: p.id, operationId: 'xrd', params: {}, seed: 1 });
    await store.finishAnalysis(b.id, { status: 'cancelled', error: 'cancelled by user' });
    await store.finishAnalysis(b.id, { status: 'done', result: { late: true } });
    expect((await store.getAnalysis(b.id)).status).toBe('cancelled');
    expect((await store.listAnalyses({ projectId: p.id, status: ['done'] })).map((x) => x.id)).toEqual([
      a.id,
    ]);
  });

  it('stores notes and tags (a tag once per target)', async () => {
    const p = await store.createProject('nt');
    await store.addNote('nt', { kind: 'project', id: p.id }, 'pellet cracked after sintering');
    await store.addTag('nt', { kind: 'project', id: p.id }, 'NZSP');
    await store.addTag('nt', { kind: 'project', id: p.id }, 'NZSP');
    expect((await store.listNotes(p.id)).map((n) => n.body)).toEqual(['pellet cracked after sintering']);
    expect(await store.listTags(p.id)).toHaveLength(1);
  });
});
