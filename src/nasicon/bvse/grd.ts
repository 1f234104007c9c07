/**
 * ".grd" volumetric text format of the BVSE community (BVlain, CAVD), which VESTA opens beside the
 * structure to draw isosurfaces of the site energy.
 *
 * Layout, as written by BVlain `Lain.write_grd` (bvlain/core.py, v0.24.3, "volumetric file for
 * VESTA 3.0", https://github.com/dembart/BVlain) and CAVD `BVAnalysis.SaveData`
 * (cavd/BVAnalysis.py, https://github.com/shuhebing/cavd):
 *
 *   line 1   title (free text; BVlain starts it with '#')
 *   line 2   a b c α β γ           (Å, degrees)
 *   line 3   n_a n_b n_c           (grid points per axis)
 *   then     n_a·n_b·n_c values, one per line, loop order a outermost, c innermost:
 *            for i < n_a: for j < n_b: for k < n_c: value(i, j, k)
 *
 * Point (i, j, k) sits at fractional (i/n_a, j/n_b, k/n_c): a periodic grid without the redundant
 * points at fraction 1 (BVlain drops its duplicated end points before writing, so its files are
 * periodic grids too). The index order is the same as natrium's own grid (c fastest), so values are
 * written in memory order. Note: CAVD's binary `SaveBinaryData` (VESTA *.pgrid) uses the opposite
 * order (a fastest); that is a different format and is not written here.
 */
import { InputError } from '../../core/errors.ts';
import type { LatticeParameters } from '../../crystal/lattice.ts';
import type { BvseGrid } from './energy.ts';

export interface GrdVolume {
  title: string;
  /** Cell lengths (Å) and angles (degrees). */
  cell: Pick<LatticeParameters, 'a' | 'b' | 'c' | 'alpha' | 'beta' | 'gamma'>;
  /** Grid points along a, b, c. */
  dims: [number, number, number];
  /** Values, index (i·n_b + j)·n_c + k (c fastest). */
  values: ArrayLike<number>;
}

/**
 * Values are written as 9 significant digits in exponent form (d.dddddddde±x: round trip to
 * 5e-9 relative; toExponential is also the fastest number formatter in V8), the cell with 10.
 */
const VALUE_DECIMALS = 8;
const CELL_DIGITS = 10;

export function writeGrd(volume: GrdVolume): string {
  const [na, nb, nc] = volume.dims;
  if (volume.values.length !== na * nb * nc)
    throw new Error(`grd: ${volume.values.length} values for a ${na}×${nb}×${nc} grid`);
  const c = volume.cell;
  const num = (x: number, digits: number) => Number(x.toPrecision(digits)).toString();
  const lines = [
    volume.title.replace(/[\r\n]+/g, ' '),
    [c.a, c.b, c.c, c.alpha, c.beta, c.gamma].map((x) => num(x, CELL_DIGITS)).join(' '),
    `${na} ${nb} ${nc}`,
  ];
  const out = new Array<string>(lines.length + volume.values.length);
  for (let i = 0; i < lines.length; i++) out[i] = lines[i];
  for (let v = 0; v < volume.values.length; v++)
    out[lines.length + v] = volume.values[v].toExponential(VALUE_DECIMALS);
  return `${out.join('\n')}\n`;
}

/**
 * Reads a .grd file written by natrium, BVlain or CAVD. Values may also be spread several to a line.
 * Every malformed header or data item becomes one InputError naming the line.
 */
export function readGrd(
  text: string,
  options: { fileName?: string } = {},
): GrdVolume & { values: Float64Array } {
  const file = options.fileName;
  const lines = text.split(/\r?\n/);
  if (lines.length < 3 || lines[0] === undefined)
    throw new InputError('a .grd file needs a title, a cell line and a grid-size line', {
      file,
      expected: 'title / a b c alpha beta gamma / n_a n_b n_c / values',
    });
  const numbers = (line: number, count: number, what: string, expected: string) => {
    const parts = (lines[line] ?? '').trim().split(/\s+/).filter(Boolean);
    const xs = parts.map(Number);
    if (xs.length !== count || xs.some((x) => !Number.isFinite(x)))
      throw new InputError(`cannot read the ${what} of the .grd header`, {
        file,
        line: line + 1,
        field: what,
        expected,
        found: lines[line] ?? '(end of file)',
      });
    return xs;
  };
  const [a, b, c, alpha, beta, gamma] = numbers(1, 6, 'cell', 'six numbers a b c (Å) alpha beta gamma (°)');
  if (!(a > 0 && b > 0 && c > 0) || [alpha, beta, gamma].some((x) => !(x > 0 && x < 180)))
    throw new InputError('the .grd cell is not a valid unit cell', {
      file,
      line: 2,
      field: 'cell',
      expected: 'positive lengths and angles between 0 and 180°',
      found: lines[1],
    });
  const dims = numbers(2, 3, 'grid size', 'three positive integers n_a n_b n_c');
  if (dims.some((n) => !Number.isInteger(n) || n < 1))
    throw new InputError('the .grd grid size must be three positive integers', {
      file,
      line: 3,
      field: 'grid size',
      expected: 'three positive integers n_a n_b n_c',
      found: lines[2],
    });
  const total = dims[0] * dims[1] * dims[2];
  const values = new Float64Array(total);
  let n = 0;
  for (let l = 3; l < lines.length; l++) {
    const line = lines[l].trim();
    if (line === '') continue;
    for (const token of line.split(/\s+/)) {
      const x = Number(token);
      if (!Number.isFinite(x))
        throw new InputError('a .grd value is not a number', {
          file,
          line: l + 1,
          field: 'value',
          expected: 'a finite number',
          found: token,
        });
      if (n >= total)
        throw new InputError('the .grd file has more values than its grid size', {
          file,
          line: l + 1,
          field: 'values',
          expected: `${total} values (${dims.join('×')})`,
        });
      values[n++] = x;
    }
  }
  if (n !== total)
    throw new InputError('the .grd file has fewer values than its grid size', {
      file,
      field: 'values',
      expected: `${total} values (${dims.join('×')})`,
      found: `${n}`,
    });
  return {
    title: lines[0],
    cell: { a, b, c, alpha, beta, gamma },
    dims: dims as [number, number, number],
    values,
  };
}

/**
 * The BVSE landscape as .grd text: eV above the global minimum, values above min + clip written as
 * min + clip (default 10 eV, as in the cube export), cell = the structure's lattice.
 */
export function bvseGrd(
  grid: Pick<BvseGrid, 'ion' | 'lattice' | 'dims' | 'energy' | 'cutoff' | 'morseConvention'>,
  options: { clip?: number } = {},
): string {
  const clip = options.clip ?? 10;
  let min = Number.POSITIVE_INFINITY;
  for (const e of grid.energy) if (e < min) min = e;
  const values = new Float64Array(grid.energy.length);
  for (let v = 0; v < values.length; v++) values[v] = Math.min(grid.energy[v] - min, clip);
  const p = grid.lattice.parameters;
  return writeGrd({
    title: `# natrium BVSE ${grid.ion}+ site energy, eV above the minimum ${min.toFixed(4)} eV (clipped at ${clip} eV); cutoff ${grid.cutoff} A, Morse convention ${grid.morseConvention}; order a outer, c inner`,
    cell: p,
    dims: grid.dims,
    values,
  });
}
