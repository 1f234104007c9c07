/** `natrium report --figures DIR --format svg|png|both --scale/--dpi`, run in-process on a real store. */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSpaceGroupsNode } from '../../../crystal/spacegroup.node.ts';
import { getOperation, loadOperations, makeContext, runOperation } from '../../registry/registry.ts';
import { Store } from '../../store/store.ts';
import { sqliteTestDb, type TestDb } from '../../store/testing.ts';
import { type CommandRun, runCommandInProcess } from '../testing.ts';
import { register } from './report.ts';

const FIX = fileURLToPath(new URL('../../../../test/fixtures/platform/', import.meta.url));
let db: TestDb;
let dir: string;

beforeAll(async () => {
  loadSpaceGroupsNode();
  await loadOperations();
  db = await sqliteTestDb();
  dir = join(db.url, '..');
  const store = await Store.open(db.url);
  try {
    await store.createProject('P');
    const cif = readFileSync(join(FIX, 'Silicon.cif'));
    await store.importFile('P', { name: 'Silicon.cif', bytes: cif });
    await store.importFile('P', {
      name: 'exampleDataBioLogic.mpt',
      bytes: readFileSync(join(FIX, 'exampleDataBioLogic.mpt')),
    });
    const input = { cif: cif.toString('utf8') };
    const result = await runOperation(getOperation('xrd.pattern'), input, makeContext(1));
    const a = await store.createAnalysis({
      projectId: (await store.getProject('P')).id,
      operationId: 'xrd.pattern',
      params: input,
      seed: 1,
    });
    await store.markRunning(a.id);
    await store.finishAnalysis(a.id, { status: 'done', result });
  } finally {
    await store.close();
  }
});
afterAll(() => db.cleanup());
afterEach(() => vi.restoreAllMocks());

/** Runs `natrium report …` in this process; returns stdout, stderr and the exit code. */
function report(args: string[]): Promise<CommandRun> {
  return runCommandInProcess(register, ['report', ...args, '--db', db.url]);
}

describe('natrium report --figures', () => {
  it('writes every figure of the report as PNG at the asked DPI', async () => {
    const figs = join(dir, 'figs-png');
    const r = await report([
      '--project',
      'P',
      '--out',
      join(dir, 'r.html'),
      '--figures',
      figs,
      '--format',
      'png',
      '--dpi',
      '192',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { figures: string[] };
    expect(doc.figures).toHaveLength(2); // Nyquist of the impedance dataset + the XRD analysis
    expect(readdirSync(figs).every((f) => f.endsWith('.png'))).toBe(true);
    for (const f of doc.figures) {
      const png = readFileSync(f);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 720]); // 640×360 × 192/96
    }
    // The HTML embeds the same SVG that the figure files are rendered from.
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('Powder pattern');
  });

  it('--format both writes an SVG and a PNG per figure; svg only SVGs', async () => {
    const both = join(dir, 'figs-both');
    const r = await report(['--project', 'P', '--out', join(dir, 'r2.html'), '--figures', both, '--json']);
    expect(r.code).toBe(0);
    const names = readdirSync(both).sort();
    expect(names).toHaveLength(4);
    expect(names.filter((n) => n.endsWith('.svg')).map((n) => n.slice(0, -4))).toEqual(
      names.filter((n) => n.endsWith('.png')).map((n) => n.slice(0, -4)),
    );
    const svgDir = join(dir, 'figs-svg');
    expect(
      (
        await report([
          '--project',
          'P',
          '--out',
          join(dir, 'r3.html'),
          '--figures',
          svgDir,
          '--format',
          'svg',
        ])
      ).code,
    ).toBe(0);
    expect(readdirSync(svgDir).every((n) => n.endsWith('.svg'))).toBe(true);
    rmSync(both, { recursive: true });
  });

  it('a bad --format or --scale is one sentence naming the flag, exit code 2, nothing written', async () => {
    const fmt = await report([
      '--project',
      'P',
      '--out',
      join(dir, 'bad.html'),
      '--figures',
      join(dir, 'x'),
      '--format',
      'gif',
    ]);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toMatch(
      /^natrium: --format: unknown figure format \(found "gif"\); expected svg, png, both\.\n$/,
    );
    const scale = await report([
      '--project',
      'P',
      '--out',
      join(dir, 'bad.html'),
      '--figures',
      join(dir, 'x'),
      '--scale',
      '0',
    ]);
    expect(scale.code).toBe(2);
    expect(scale.stderr).toMatch(/^natrium: --scale: the PNG size is out of range/);
    expect(readdirSync(dir)).not.toContain('bad.html');
  });
});
