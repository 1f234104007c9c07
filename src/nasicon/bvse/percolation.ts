/**
 * Percolation barriers of a periodic scalar landscape (energy on an n_a × n_b × n_c grid).
 *
 * Method (exact on the grid, one pass): voxels are added in order of increasing energy (a
 * counting sort on bins of `binWidthEv`); each new voxel is joined by union–find to its already
 * added 26 neighbours. Every union–find node stores its integer cell offset relative to its root,
 * so when two voxels of one component meet through a path whose offsets disagree, the difference
 * is a lattice translation that the component winds around ("periodic-image bookkeeping"). The
 * rank of the winding vectors of a component is its percolation dimension. The d-dimensional
 * barrier is the energy (above the global minimum) of the voxel whose addition first gives some
 * component rank ≥ d. This is the same definition as the 2×2×2-tiling test of BVlain/CAVD but
 * needs no tiling and no bisection; the result is exact up to the bin width.
 */
import { InputError } from '../../core/errors.ts';

export interface PercolationOptions {
  /** Energies above min + this are never added (eV). Default 10 (BVlain's encut). */
  energyCutoff?: number;
  /** Width of the energy bins of the counting sort (eV); the barrier error is below this. Default 1e-4. */
  binWidth?: number;
  /** Record merges of components (saddle points of the landscape). Default false. */
  recordMerges?: boolean;
}

export interface MergeEvent {
  /** Voxel index where two basins meet. */
  voxel: number;
  /** Energy above the global minimum (eV). */
  energy: number;
  /** Energies above the minimum of the deepest voxel of each merged basin (eV). */
  basinMinima: [number, number];
  /** Voxel indices of those basin minima. */
  basinMinimumVoxels: [number, number];
}

export interface PercolationResult {
  /** Barrier (eV above the global minimum) for 1-, 2-, 3-D percolation; null if not below the cutoff. */
  barriers: { '1D': number | null; '2D': number | null; '3D': number | null };
  /** Index of the voxel that completed each percolation. */
  criticalVoxels: { '1D': number | null; '2D': number | null; '3D': number | null };
  /** Global minimum of the landscape (same unit as the input). */
  minimum: number;
  minimumVoxel: number;
  merges: MergeEvent[];
}

/** 26 neighbour offsets; only 13 are needed when adding in order, but we check all 26 for simplicity. */
const NEIGHBOURS: [number, number, number][] = [];
for (let a = -1; a <= 1; a++)
  for (let b = -1; b <= 1; b++) for (let c = -1; c <= 1; c++) if (a || b || c) NEIGHBOURS.push([a, b, c]);

/**
 * Percolation analysis of `energy` laid out as index = (i·n_b + j)·n_c + k (k fastest), periodic in
 * all three directions.
 */
export function percolationBarriers(
  energy: Float64Array | Float32Array,
  dims: [number, number, number],
  options: PercolationOptions = {},
): PercolationResult {
  const [na, nb, nc] = dims;
  const n = na * nb * nc;
  if (!(na >= 1 && nb >= 1 && nc >= 1) || energy.length !== n)
    throw new InputError('grid dimensions do not match the data', {
      field: 'dims',
      found: `${dims.join('×')} for ${energy.length} values`,
    });
  const cutoff = options.energyCutoff ?? 10;
  const bin = options.binWidth ?? 1e-4;
  if (!(bin > 0) || !(cutoff > 0))
    throw new InputError('energy cutoff and bin width must be positive', { field: 'percolation' });

  let min = Number.POSITIVE_INFINITY;
  let minVoxel = 0;
  for (let v = 0; v < n; v++)
    if (energy[v] < min) {
      min = energy[v];
      minVoxel = v;
    }
  // Counting sort of the voxels below the cutoff.
  const nBins = Math.ceil(cutoff / bin) + 1;
  const counts = new Uint32Array(nBins + 1);
  let kept = 0;
  for (let v = 0; v < n; v++) {
    const e = energy[v] - min;
    if (e <= cutoff) {
      counts[Math.floor(e / bin) + 1]++;
      kept++;
    }
  }
  for (let b = 1; b <= nBins; b++) counts[b] += counts[b - 1];
  const order = new Uint32Array(kept);
  for (let v = 0; v < n; v++) {
    const e = energy[v] - min;
    if (e <= cutoff) order[counts[Math.floor(e / bin)]++] = v;
  }

  const parent = new Int32Array(n).fill(-1); // −1 = not yet added
  const size = new Uint32Array(n);
  // Offset (in cells) of each node relative to its parent.
  const off = new Int16Array(3 * n);
  // Winding basis per root: up to three integer vectors, stored flat; rank per root.
  const rank = new Uint8Array(n);
  const basis = new Map<number, number[]>();
  const deepest = new Int32Array(n); // per root: voxel of the basin minimum

  // find with path compression, accumulating offsets into fo[0..2].
  const fo = new Int32Array(3);
  const find = (x: number): number => {
    let r = x;
    let ox = 0;
    let oy = 0;
    let oz = 0;
    while (parent[r] !== r) {
      ox += off[3 * r];
      oy += off[3 * r + 1];
      oz += off[3 * r + 2];
      r = parent[r];
    }
    // Compress: point every node on the path directly at r with its total offset.
    let y = x;
    let ax = ox;
    let ay = oy;
    let az = oz;
    while (parent[y] !== y) {
      const p = parent[y];
      const sx = off[3 * y];
      const sy = off[3 * y + 1];
      const sz = off[3 * y + 2];
      parent[y] = r;
      off[3 * y] = ax;
      off[3 * y + 1] = ay;
      off[3 * y + 2] = az;
      ax -= sx;
      ay -= sy;
      az -= sz;
      y = p;
    }
    fo[0] = ox;
    fo[1] = oy;
    fo[2] = oz;
    return r;
  };

  const addWinding = (root: number, w: number[]): void => {
    if (rank[root] >= 3 || (w[0] === 0 && w[1] === 0 && w[2] === 0)) return;
    const B = basis.get(root) ?? [];
    const candidate = [...B, ...w];
    if (vectorRank(candidate, B.length / 3 + 1) > rank[root]) {
      basis.set(root, candidate);
      rank[root]++;
    }
  };

  const barriers: PercolationResult['barriers'] = { '1D': null, '2D': null, '3D': null };
  const critical: PercolationResult['criticalVoxels'] = { '1D': null, '2D': null, '3D': null };
  const merges: MergeEvent[] = [];
  let best = 0;
  const keys = ['1D', '2D', '3D'] as const;
  const nbc = nb * nc;

  for (let t = 0; t < kept && best < 3; t++) {
    const v = order[t];
    parent[v] = v;
    size[v] = 1;
    deepest[v] = v;
    const i = Math.floor(v / nbc);
    const j = Math.floor((v - i * nbc) / nc);
    const k = v - i * nbc - j * nc;
    for (const [da, db, dc] of NEIGHBOURS) {
      let ii = i + da;
      let jj = j + db;
      let kk = k + dc;
      // Wrap and remember the cell crossed: neighbour's true position = wrapped voxel + w.
      let wx = 0;
      let wy = 0;
      let wz = 0;
      if (ii < 0) {
        ii += na;
        wx = -1;
      } else if (ii >= na) {
        ii -= na;
        wx = 1;
      }
      if (jj < 0) {
        jj += nb;
        wy = -1;
      } else if (jj >= nb) {
        jj -= nb;
        wy = 1;
      }
      if (kk < 0) {
        kk += nc;
        wz = -1;
      } else if (kk >= nc) {
        kk -= nc;
        wz = 1;
      }
      const u = (ii * nb + jj) * nc + kk;
      if (parent[u] < 0) continue;
      const rv = find(v);
      const ovx = fo[0];
      const ovy = fo[1];
      const ovz = fo[2];
      const ru = find(u);
      const oux = fo[0];
      const ouy = fo[1];
      const ouz = fo[2];
      // In the frame of rv, the neighbour sits at ov + w; u's own offset in ru's frame is ou.
      const dx = ovx + wx - oux;
      const dy = ovy + wy - ouy;
      const dz = ovz + wz - ouz;
      if (rv === ru) {
        addWinding(rv, [dx, dy, dz]);
      } else {
        // v already belongs to one basin and now touches another: v is a saddle between them.
        if (options.recordMerges && size[rv] > 1)
          merges.push({
            voxel: v,
            energy: energy[v] - min,
            basinMinima: [energy[deepest[rv]] - min, energy[deepest[ru]] - min],
            basinMinimumVoxels: [deepest[rv], deepest[ru]],
          });
        // Attach the smaller tree under the larger; offset of the attached root follows from dx.
        let big = rv;
        let small = ru;
        let sx = dx;
        let sy = dy;
        let sz = dz;
        if (size[ru] > size[rv]) {
          big = ru;
          small = rv;
          sx = -dx;
          sy = -dy;
          sz = -dz;
        }
        parent[small] = big;
        off[3 * small] = sx;
        off[3 * small + 1] = sy;
        off[3 * small + 2] = sz;
        size[big] += size[small];
        if (energy[deepest[small]] < energy[deepest[big]]) deepest[big] = deepest[small];
        const Bs = basis.get(small);
        if (Bs) {
          for (let q = 0; q < Bs.length; q += 3) addWinding(big, [Bs[q], Bs[q + 1], Bs[q + 2]]);
          basis.delete(small);
        }
      }
      const r = find(v);
      while (best < rank[r]) {
        barriers[keys[best]] = energy[v] - min;
        critical[keys[best]] = v;
        best++;
      }
    }
  }
  return { barriers, criticalVoxels: critical, minimum: min, minimumVoxel: minVoxel, merges };
}

/** Rank of `count` integer 3-vectors stored flat (count ≤ 4). */
export function vectorRank(flat: number[], count: number): number {
  const rows: number[][] = [];
  for (let q = 0; q < count; q++) rows.push([flat[3 * q], flat[3 * q + 1], flat[3 * q + 2]]);
  // Fraction-free Gaussian elimination on small integers (exact in doubles here).
  let r = 0;
  for (let col = 0; col < 3 && r < rows.length; col++) {
    let piv = -1;
    for (let q = r; q < rows.length; q++) if (rows[q][col] !== 0) piv = q;
    if (piv < 0) continue;
    [rows[r], rows[piv]] = [rows[piv], rows[r]];
    for (let q = 0; q < rows.length; q++) {
      if (q === r || rows[q][col] === 0) continue;
      const f = rows[q][col];
      const g = rows[r][col];
      for (let c = 0; c < 3; c++) rows[q][c] = rows[q][c] * g - rows[r][c] * f;
    }
    r++;
  }
  return r;
}
