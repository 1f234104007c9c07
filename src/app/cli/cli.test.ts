import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = new URL('../../../bin/natrium', import.meta.url).pathname;
const FIX = new URL('../../../test/fixtures/xrd/', import.meta.url).pathname;

async function natrium(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'natrium-cli-'));
function tempCif(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}
const SI = readFileSync(join(FIX, 'Silicon.cif'), 'utf8');

describe('natrium cif / xrd (JSON contract)', () => {
  it('xrd --json prints one JSON document with the documented keys', async () => {
    const r = await natrium('xrd', join(FIX, 'Silicon.cif'), '--wavelength', '1.54184', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.wavelength).toBe(1.54184);
    const first = doc.peaks[0];
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining(['twoTheta', 'd', 'intensity', 'hkl', 'multiplicity']),
    );
    expect(first.twoTheta).toBeCloseTo(28.467, 3);
    expect(first.hkl).toEqual([[1, 1, 1]]);
    expect(first.multiplicity).toBe(8);
  });

  it('xrd with a profile and CSV output', async () => {
    const out = join(tmp, 'si.csv');
    const r = await natrium(
      'xrd',
      join(FIX, 'Silicon.cif'),
      '--profile',
      '0.01,-0.005,0.01,0.5',
      '--step',
      '0.02',
      '--csv',
      out,
      '--json',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.profile.x.length).toBe(doc.profile.y.length);
    expect(Math.max(...doc.profile.y)).toBeCloseTo(100, 6);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe(
      'two_theta_deg,d_A,intensity_rel,hkl,multiplicity,line',
    );
    expect(readFileSync(out.replace(/\.csv$/, '.profile.csv'), 'utf8')).toMatch(
      /^two_theta_deg,intensity_rel/,
    );
  });

  it('cif --json reports formula, cell, space group and sites', async () => {
    const r = await natrium('cif', join(FIX, 'LiCoO2.cif'), '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.formula).toBe('LiCoO2');
    expect(doc.spaceGroup.number).toBe(166);
    expect(doc.cell.c).toBeCloseTo(13.888, 6);
    expect(doc.sites.map((s: { wyckoff: string }) => s.wyckoff).sort()).toEqual(['3a', '3b', '6c']);
  });
});

describe('bad input: one clear sentence on stderr, exit code 2, nothing on stdout', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['missing file', () => ['xrd', join(tmp, 'nope.cif')], /not found/],
    [
      'not a CIF',
      () => ['cif', tempCif('notes.cif', 'hello world\nthis is not crystallography\n')],
      /data block|CIF/i,
    ],
    [
      'CIF without a cell',
      () => ['cif', tempCif('nocell.cif', SI.replace(/_cell_length_a.*\n/, ''))],
      /cell/,
    ],
    [
      'unknown element',
      () => [
        'cif',
        tempCif('xx.cif', SI.replace(/^Si(\s+0\.0+){3}\s*$/m, 'Xx   0.00000   0.00000   0.00000')),
      ],
      /element|Xx/,
    ],
    [
      'negative occupancy',
      () => [
        'cif',
        tempCif(
          'negocc.cif',
          SI.replace('_atom_site_fract_z\n', '_atom_site_fract_z\n_atom_site_occupancy\n').replace(
            /^Si(\s+0\.0+){3}\s*$/m,
            'Si   0.00000   0.00000   0.00000  -0.5',
          ),
        ),
      ],
      /occupancy/,
    ],
    ['zero wavelength', () => ['xrd', join(FIX, 'Silicon.cif'), '--wavelength', '0'], /wavelength/],
    ['negative wavelength', () => ['xrd', join(FIX, 'Silicon.cif'), '--wavelength', '-1.5'], /wavelength/],
    [
      'non-numeric wavelength',
      () => ['xrd', join(FIX, 'Silicon.cif'), '--wavelength', 'CuKbeta'],
      /wavelength/,
    ],
    ['empty 2θ range', () => ['xrd', join(FIX, 'Silicon.cif'), '--range', '40:40'], /2θ range/],
    ['reversed 2θ range', () => ['xrd', join(FIX, 'Silicon.cif'), '--range', '90:10'], /2θ range/],
    ['garbled range', () => ['xrd', join(FIX, 'Silicon.cif'), '--range', 'ten:ninety'], /range/],
  ];
  it.each(cases)('%s', async (_name, args, msg) => {
    const r = await natrium(...args(), '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
