import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadSpaceGroupsNode } from '../../crystal/spacegroup.node.ts';
import { parseCif } from '../../io/cif/index.ts';
import { readGrd } from '../../nasicon/bvse/grd.ts';
import { nasiconBuild, nasiconBvse, nasiconCif } from './nasicon.ts';
import { nasiconConductivity } from './nasiconConductivity.ts';
import { nasiconStability } from './nasiconStability.ts';

const run = promisify(execFile);
const BIN = new URL('../../../bin/natrium', import.meta.url).pathname;
const FIX = new URL('../../../test/fixtures/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'natrium-nasicon-'));

async function natrium(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('nasicon operations', () => {
  it('build → CIF → parse gives back the composition; monoclinic keeps V_m = 2/3 V_h', () => {
    loadSpaceGroupsNode();
    const r = nasiconBuild({ formula: 'Na3Zr2Si2PO12' });
    const back = parseCif(nasiconCif(r)).structure;
    expect(back.sites.length).toBe(r.sitesInCell);
    const m = nasiconBuild({ formula: 'Na3Zr2Si2PO12', monoclinic: true });
    expect(m.lattice.volumeA3 / r.lattice.volumeA3).toBeCloseTo(2 / 3, 10);
    expect(m.warnings.join()).toMatch(/pseudo-monoclinic/);
  });

  it('BVSE on the disordered Na3Zr2Si2PO12 model: mixed Si/P handled, 3D percolation found', () => {
    const s = parseCif(readFileSync(join(FIX, 'xrd/Na3Zr2Si2PO12_R-3c_avg_model.cif'), 'utf8')).structure;
    const r = nasiconBvse(s, { ion: 'Na', grid: 0.3 });
    expect(r.barriers['3D']).not.toBeNull();
    expect(r.barriers['1D']!).toBeLessThanOrEqual(r.barriers['3D']!);
    expect(r.framework.map((f) => f.element).sort()).toEqual(['O', 'P', 'Si', 'Zr']);
    expect(r.bottleneckRadius).toBeGreaterThan(0.5);
  });

  it('Na4Zr2Si3O12 migration network: 6b global minimum, 18e basin above it, saddles between them', () => {
    const s = parseCif(readFileSync(join(FIX, 'cif/Na4Zr2Si3O12_R-3c_Tran-Qui1981.cif'), 'utf8')).structure;
    const r = nasiconBvse(s, { ion: 'Na', grid: 0.25 });
    const { minima, saddles } = r.network;
    expect(minima[0].energy).toBe(0);
    // Global minimum on a 6b position (0,0,0) or (0,0,½) (± one voxel).
    expect(Math.min(minima[0].frac[0], 1 - minima[0].frac[0])).toBeLessThan(0.03);
    const na2 = minima.find((m) => m.energy > 0.1);
    expect(na2).toBeDefined();
    // Brief §2.4 [I]: E(Na2) − E(Na1) = +0.17 … +0.36 eV with CAVD-style terms; here within 0.1–0.5 eV.
    expect(na2!.energy).toBeGreaterThan(0.1);
    expect(na2!.energy).toBeLessThan(0.5);
    const hop = saddles.find((x) => x.between.includes(0) && x.between.includes(minima.indexOf(na2!)));
    expect(hop).toBeDefined();
    expect(hop!.energy).toBeGreaterThan(na2!.energy);
    expect(hop!.energy).toBeLessThanOrEqual(r.barriers['3D']! + 0.011);
  });

  it('conductivity with ASR and stability keys', () => {
    const c = nasiconConductivity({ formula: 'Na3Zr2Si2PO12', temperatureC: 25, thicknessUm: 100 });
    expect(c.asrOhmCm2!.central).toBeCloseTo(100e-4 / c.sigmaTotal!, 10);
    const s = nasiconStability({ formula: 'Na3Zr2Si2PO12', metal: 'Na' });
    expect(s).toHaveProperty('window');
    expect(s).toHaveProperty('reaction');
    expect(s.missing.length).toBeGreaterThan(0);
  });
});

describe('natrium nasicon CLI contract', () => {
  it('bvse --json prints the issue keys and writes .grd and OBJ; bad input exits 2 with one sentence', async () => {
    const grd = join(tmp, 'lfp.grd');
    const obj = join(tmp, 'lfp.obj');
    const ok = await natrium(
      'nasicon',
      'bvse',
      join(FIX, 'cif/LiFePO4.cif'),
      '--ion',
      'Li',
      '--grid',
      '0.3',
      '--grd',
      grd,
      '--isosurface',
      '0.5',
      '--obj',
      obj,
      '--json',
    );
    expect(ok.code).toBe(0);
    const j = JSON.parse(ok.stdout);
    expect(Object.keys(j.barriers)).toEqual(['1D', '2D', '3D']);
    expect(j).toHaveProperty('bottleneckRadius');
    expect(j.ion).toBe('Li');
    expect(j.grdWritten).toBe(grd);
    expect(j.objWritten).toBe(obj);
    expect(j).not.toHaveProperty('grid');
    // The .grd has the grid of the JSON and the cell of the CIF.
    const g = readGrd(readFileSync(grd, 'utf8'));
    expect(g.dims).toEqual(j.gridPoints);
    const lfp = parseCif(readFileSync(join(FIX, 'cif/LiFePO4.cif'), 'utf8')).structure.lattice.parameters;
    expect(g.cell.a).toBeCloseTo(lfp.a, 8);
    expect(g.cell.c).toBeCloseTo(lfp.c, 8);
    expect(Math.min(...g.values)).toBe(0);
    // The OBJ mesh is the one the JSON summarises: the level lies above the 1D barrier, so it is not empty.
    expect(j.isosurface.level_eV).toBe(0.5);
    expect(j.barriers['1D']).toBeLessThan(0.5);
    expect(j.isosurface.triangleCount).toBeGreaterThan(0);
    const objLines = readFileSync(obj, 'utf8').split('\n');
    expect(objLines.filter((l) => l.startsWith('v ')).length).toBe(j.isosurface.vertexCount);
    expect(objLines.filter((l) => l.startsWith('f ')).length).toBe(j.isosurface.triangleCount);
    for (const args of [
      ['nasicon', 'bvse', join(FIX, 'cif/LiFePO4.cif'), '--ion', 'Li', '--obj', join(tmp, 'x.obj')],
      ['nasicon', 'bvse', join(FIX, 'cif/LiFePO4.cif'), '--ion', 'Li', '--isosurface', '-1'],
      ['nasicon', 'bvse', join(FIX, 'cif/LiFePO4.cif'), '--ion', 'Li', '--grid', '0'],
      ['nasicon', 'bvse', join(FIX, 'cif/LiFePO4.cif'), '--ion', 'Na'],
      ['nasicon', 'build', '--formula', 'Na4Zr2Si2PO12'],
      ['nasicon', 'build', '--formula', 'Na3Zr2Si2PO12Xx'],
      ['nasicon', 'conductivity', '--formula', 'Na3Zr2Si2PO12', '--T', 'hot'],
      ['nasicon', 'stability', '--formula', 'Na3Zr2Si2PO12', '--metal', 'K'],
    ]) {
      const bad = await natrium(...args);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr.trim().split('\n').length).toBe(1);
    }
  });

  it('build --cif writes a readable CIF; conductivity and stability --json have the issue keys', async () => {
    const out = join(tmp, 'nzsp.cif');
    const b = await natrium('nasicon', 'build', '--formula', 'Na3Zr2Si2PO12', '--cif', out, '--json');
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout).cifWritten).toBe(out);
    expect(readFileSync(out, 'utf8')).toMatch(/_cell_length_a/);
    const c = JSON.parse(
      (await natrium('nasicon', 'conductivity', '--formula', 'Na3Zr2Si2PO12', '--T', '25', '--json')).stdout,
    );
    for (const k of ['sigmaTotal', 'sigmaBulk', 'Ea', 'range', 'basis']) expect(c).toHaveProperty(k);
    const s = JSON.parse(
      (await natrium('nasicon', 'stability', '--formula', 'NaZr2(PO4)3', '--metal', 'Na', '--json')).stdout,
    );
    for (const k of ['window', 'reaction', 'missing']) expect(s).toHaveProperty(k);
    // A user phase set mixing schemes is refused.
    const mixed = join(tmp, 'mixed.json');
    writeFileSync(
      mixed,
      JSON.stringify({
        scheme: 'MP2020',
        phases: [{ formula: 'Na3P', formationEnergyEvPerAtom: -0.4, scheme: 'legacy' }],
      }),
    );
    const m = await natrium('nasicon', 'stability', '--formula', 'NaZr2(PO4)3', '--phases', mixed);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/mix/);
  });
});
