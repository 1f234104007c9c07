/**
 * Durability of the real server process: upload files one request at a time, kill the server with
 * SIGKILL while uploads are in flight, and check that every upload the server answered 200 for is
 * in the database, whole, and that nothing half-written is there.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeColumns } from '../store/columns.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'natrium-server-crash-'));
let server: ChildProcess | undefined;
afterAll(() => {
  if (server?.exitCode === null) server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function xyFile(k: number, rows: number): string {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++)
    lines.push(`${(5 + i * 0.02).toFixed(2)} ${Math.cos(k + i * 0.05).toFixed(6)}`);
  return `${lines.join('\n')}\n`;
}

describe('server killed with SIGKILL during a batch upload', () => {
  it('loses nothing reported as stored and leaves no half-written dataset', {
    timeout: 120_000,
  }, async () => {
    const db = join(dir, 'server.db');
    server = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...process.env, PORT: '0', NATRIUM_DATABASE_URL: db },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      server?.stdout?.on('data', (b: Buffer) => {
        out += b.toString();
        const m = out.match(/http:\/\/localhost:(\d+)/);
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      });
      server?.on('exit', (c) => reject(new Error(`server exited (${c})`)));
    });
    const p = await (
      await fetch(`${base}/api/projects`, { method: 'POST', body: JSON.stringify({ name: 'crash' }) })
    ).json();

    const confirmed: string[] = [];
    let killed = false;
    const uploads = Array.from({ length: 6 }, async (_, worker) => {
      for (let k = worker; k < 600 && !killed; k += 6) {
        const text = xyFile(k, 4000);
        const form = new FormData();
        form.append('file', new File([text], `scan${k}.xy`));
        try {
          const res = await fetch(`${base}/api/projects/${p.id}/datasets`, { method: 'POST', body: form });
          if (res.status === 200) {
            await res.json();
            confirmed.push(createHash('sha256').update(text).digest('hex'));
          }
        } catch {
          return; // connection reset by the kill
        }
        if (confirmed.length >= 30 && !killed) {
          killed = true;
          server?.kill('SIGKILL');
        }
      }
    });
    await Promise.all(uploads);
    expect(killed).toBe(true);
    await new Promise((r) => setTimeout(r, 200));

    const native = new SQLite(db);
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
    for (const sha of confirmed) expect(stored.has(sha)).toBe(true);
    for (const r of rows) {
      expect(createHash('sha256').update(r.raw).digest('hex')).toBe(r.sha256);
      expect(r.raw.byteLength).toBe(r.size_bytes);
      expect(decodeColumns(r.columns, JSON.parse(r.columns_meta).columns).y.length).toBe(4000);
    }
  });
});
