import { readFileSync } from 'node:fs';
import type { Structure } from '../src/crystal/structure.ts';
import { parseCif } from '../src/io/cif/index.ts';
import type { BvseGrid } from '../src/nasicon/bvse/energy.ts';
import { bvseGrd } from '../src/nasicon/bvse/grd.ts';
import { bvseIsosurface } from '../src/nasicon/bvse/isosurface.ts';
import { buildNasicon, bvseGrid, percolationBarriers } from '../src/nasicon/index.ts';
import type { BenchCase } from './run.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../test/fixtures/cif/${name}`, import.meta.url), 'utf8');
let nasicon: Structure;
let lfp: Structure;
let memNote = '';
let landscape: BvseGrid;
let isoNote = '';

/** Runs one BVSE + percolation and reports the peak resident-set growth it caused (MB). */
function bvseWithMemory(s: Structure, ion: string, h: number): string {
  globalThis.gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  const g = bvseGrid(s, {
    ion,
    gridSpacing: h,
    onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)),
  });
  peak = Math.max(peak, process.memoryUsage().rss);
  const p = percolationBarriers(g.energy, g.dims);
  peak = Math.max(peak, process.memoryUsage().rss);
  const b = p.barriers;
  return `grid ${g.dims.join('×')}; peak RSS +${((peak - before.rss) / 1e6).toFixed(0)} MB (RSS ${(peak / 1e6).toFixed(0)} MB); barriers ${b['1D']?.toFixed(3)}/${b['2D']?.toFixed(3)}/${b['3D']?.toFixed(3)} eV`;
}

export const cases: BenchCase[] = [
  {
    name: 'NASICON build Na3Zr2Si2PO12 (R-3c template, 126 sites)',
    run: () => buildNasicon('Na3Zr2Si2PO12'),
    iterations: 20,
  },
  {
    name: 'BVSE + percolation, Na4Zr2Si3O12 (ICSD 15546) at 0.1 Å, cut-off 10 Å',
    setup: () => {
      nasicon = parseCif(fixture('Na4Zr2Si3O12_R-3c_Tran-Qui1981.cif')).structure;
      memNote = bvseWithMemory(nasicon, 'Na', 0.1);
    },
    run: () => {
      const g = bvseGrid(nasicon, { ion: 'Na', gridSpacing: 0.1 });
      return percolationBarriers(g.energy, g.dims);
    },
    iterations: 3,
    get note() {
      return `goal < 5 s; ${memNote}`;
    },
  },
  {
    name: 'BVSE + percolation, LiFePO4 at 0.2 Å (BVlain README case)',
    setup: () => {
      lfp = parseCif(fixture('LiFePO4.cif')).structure;
    },
    run: () => {
      const g = bvseGrid(lfp, { ion: 'Li', gridSpacing: 0.2 });
      return percolationBarriers(g.energy, g.dims);
    },
    iterations: 5,
  },
  {
    name: 'BVSE isosurface (marching tetrahedra), Na4Zr2Si3O12 at 0.1 Å, level 3D barrier + 0.1 eV',
    setup: () => {
      nasicon ??= parseCif(fixture('Na4Zr2Si3O12_R-3c_Tran-Qui1981.cif')).structure;
      landscape = bvseGrid(nasicon, { ion: 'Na', gridSpacing: 0.1 });
      const b = percolationBarriers(landscape.energy, landscape.dims).barriers['3D'] ?? 0;
      const m = bvseIsosurface(landscape, b + 0.1);
      isoNote = `grid ${landscape.dims.join('×')}; ${m.vertices.length / 3} vertices, ${m.triangles.length / 3} triangles`;
    },
    run: () => bvseIsosurface(landscape, 0.8),
    iterations: 3,
    get note() {
      return `web page draws the same mesh in the browser; ${isoNote}`;
    },
  },
  {
    name: '.grd export of the 0.1 Å Na4Zr2Si3O12 landscape (BVlain/CAVD layout)',
    run: () => bvseGrd(landscape).length,
    iterations: 3,
    note: 'text size ≈ 9 significant digits per voxel',
  },
];
