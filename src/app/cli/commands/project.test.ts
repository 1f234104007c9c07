/** The platform CLI commands end to end (child processes): project, import, jobs, report. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../../bin/natrium', import.meta.url));
const FIX = fileURLToPath(new URL('../../../../test/fixtures/platform/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'natrium-cli-platform-'));
const db = join(dir, 'cli.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function natrium(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, NATRIUM_DATABASE_URL: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('natrium project / import / jobs / report', () => {
  it('create, import (dedup and a rejected file), show --json, report', { timeout: 120_000 }, async () => {
    const created = await natrium(['project', 'create', 'NVP', '--db', db, '--json']);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout).name).toBe('NVP');

    const cif = join(FIX, 'Silicon.cif');
    const imp = await natrium([
      'import',
      cif,
      join(FIX, 'exampleDataBioLogic.mpt'),
      cif,
      join(FIX, 'README.md'),
      '--project',
      'NVP',
      '--db',
      db,
      '--json',
    ]);
    expect(imp.code).toBe(2);
    const out = JSON.parse(imp.stdout);
    expect(out.imported.map((r: { deduplicated: boolean }) => r.deduplicated)).toEqual([false, false, true]);
    expect(out.failed).toHaveLength(1);
    expect(imp.stderr).toMatch(/README\.md: no reader accepts this file/);

    const shown = JSON.parse((await natrium(['project', 'show', 'NVP', '--db', db, '--json'])).stdout);
    expect(shown.name).toBe('NVP');
    expect(
      shown.datasets.map((d: { name: string; format: string; sha256: string }) => [
        d.name,
        d.format,
        d.sha256.length,
      ]),
    ).toEqual([
      ['Silicon.cif', 'cif', 64],
      ['exampleDataBioLogic.mpt', 'eis:biologic', 64],
    ]);

    const job = await natrium([
      'jobs',
      'run',
      'xrd.pattern',
      '--input-json',
      JSON.stringify({ cif: readFileSync(cif, 'utf8') }),
      '--project',
      'NVP',
      '--threads',
      '1',
      '--db',
      db,
      '--json',
    ]);
    expect(job.code).toBe(0);
    expect(JSON.parse(job.stdout).status).toBe('done');
    const list = JSON.parse((await natrium(['jobs', 'list', '--db', db, '--json'])).stdout);
    expect(list.jobs).toHaveLength(1);

    const report = await natrium([
      'report',
      '--project',
      'NVP',
      '--out',
      join(dir, 'r.html'),
      '--db',
      db,
      '--json',
    ]);
    expect(report.code).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toMatch(/Powder pattern/);
    expect(html).toMatch(/@book\{ITC_C_1992/);
  });

  it('an unreachable database is one sentence on stderr and exit code 2', { timeout: 60_000 }, async () => {
    const r = await natrium(['project', 'list', '--db', 'postgres://x@127.0.0.1:1/none', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot reach the PostgreSQL server/);
  });
});
