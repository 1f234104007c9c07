/**
 * Bad environments and crashes: unreachable or malformed database URLs, read-only and full
 * databases, files that are not databases, and a process killed with SIGKILL mid-import.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeColumns } from './columns.ts';
import { DatabaseError } from './errors.ts';
import { Store } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'natrium-store-fail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Distinct numeric two-column files of about `rows` rows each. */
function writeXyFiles(folder: string, count: number, rows: number): void {
  mkdirSync(folder, { recursive: true });
  for (let f = 0; f < count; f++) {
    const lines: string[] = [];
    for (let i = 0; i < rows; i++)
      lines.push(`${(10 + i * 0.01).toFixed(2)} ${Math.sin(i * 0.1 + f).toFixed(6)}`);
    writeFileSync(join(folder, `scan${String(f).padStart(4, '0')}.xy`), `${lines.join('\n')}\n`);
  }
}

describe('database problems become one clear sentence', () => {
  it('an unreachable PostgreSQL server', async () => {
    const err = await Store.open('postgres://natrium@127.0.0.1:1/nowhere').catch((e) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect(err.message).toMatch(
      /cannot reach the PostgreSQL server postgres:\/\/natrium@127\.0\.0\.1:1\/nowhere/,
    );
  });

  it('a malformed database URL, without echoing the password', async () => {
    const err = await Store.open('postgres://u:secret@[bad').catch((e) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect(err.message).toMatch(/not a valid URL/);
    expect(err.message).not.toMatch(/secret/);
  });

  it('a file that is not a SQLite database', async () => {
    const file = join(dir, 'not-a-db.db');
    writeFileSync(file, 'this is a text file, not SQLite '.repeat(200));
    const err = await Store.open(file).catch((e) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect(err.message).toMatch(/is not a natrium SQLite database/);
  });

  it('a read-only database: reads work, a write says read-only, nothing changes', async () => {
    const file = join(dir, 'ro.db');
    const rw = await Store.open(file);
    await rw.createProject('kept');
    await rw.close();
    const ro = await Store.open(file, { readonly: true });
    expect((await ro.listProjects()).map((p) => p.name)).toEqual(['kept']);
    const err = await ro.createProject('new').catch((e) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect(err.message).toMatch(/is read-only/);
    await ro.close();
    const check = await Store.open(file);
    expect((await check.listProjects()).map((p) => p.name)).toEqual(['kept']);
    await check.close();
  });

  it('a full database (SQLITE_FULL via max_page_count): clear error, earlier data intact', async () => {
    const file = join(dir, 'full.db');
    const store = await Store.open(file);
    await store.createProject('p');
    const small = await store.importFile('p', { name: 'a.xy', bytes: Buffer.from('1 2\n3 4\n') });
    const { page_count } = (await sql<{ page_count: number }>`PRAGMA page_count`.execute(store.db)).rows[0];
    await sql.raw(`PRAGMA max_page_count = ${page_count + 2}`).execute(store.db);
    const big = Buffer.from(Array.from({ length: 20000 }, (_, i) => `${i} ${i * 2}`).join('\n'));
    const err = await store.importFile('p', { name: 'big.xy', bytes: big }).catch((e) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect(err.message).toMatch(/is full; nothing was stored/);
    const left = await store.listDatasets((await store.getProject('p')).id);
    expect(left.map((d) => d.id)).toEqual([small.dataset.id]);
    await store.close();
  });
});

describe('durability', () => {
  it('SIGKILL during a batch import: every reported file is stored whole, nothing half-written', async () => {
    const folder = join(dir, 'batch');
    writeXyFiles(folder, 400, 3000);
    const file = join(dir, 'crash.db');
    const setup = await Store.open(file);
    await setup.createProject('batch');
    await setup.close();

    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('./crashImport.child.ts', import.meta.url)),
        file,
        'batch',
        folder,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const reported: string[] = [];
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const l of lines) if (l.startsWith('stored ')) reported.push(l.slice(7));
        if (reported.length >= 25 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) =>
        signal === 'SIGKILL'
          ? resolve()
          : reject(new Error(`child ended before the kill (signal ${signal})`)),
      );
    });

    const native = new SQLite(file);
    expect(native.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = native
      .prepare('SELECT sha256, size_bytes, raw, columns, columns_meta FROM datasets')
      .all() as {
      sha256: string;
      size_bytes: number;
      raw: Buffer;
      columns: Buffer;
      columns_meta: string;
    }[];
    native.close();
    const stored = new Set(rows.map((r) => r.sha256));
    for (const sha of reported) expect(stored.has(sha)).toBe(true);
    // At most the one import in flight may have committed without being reported.
    expect(rows.length - reported.length).toBeLessThanOrEqual(1);
    for (const r of rows) {
      expect(createHash('sha256').update(r.raw).digest('hex')).toBe(r.sha256);
      expect(r.raw.byteLength).toBe(r.size_bytes);
      const cols = decodeColumns(r.columns, JSON.parse(r.columns_meta).columns);
      expect(cols.x.length).toBe(3000);
      expect(cols.y.length).toBe(3000);
    }
    // And the store opens and keeps working after the crash.
    const after = await Store.open(file);
    const again = await after.importFile('batch', {
      name: 'scan0000.xy',
      bytes: readFileSync(join(folder, 'scan0000.xy')),
    });
    expect(again.deduplicated).toBe(true);
    await after.close();
  });
});
