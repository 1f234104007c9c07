import { InputError } from '../core/errors.ts';
import type { Structure } from './structure.ts';

/**
 * Periodic neighbour list: every ordered pair (i, j, image) with 0 < |r_j + image − r_i| ≤ cutoff.
 * Both directions of each pair are listed. Flat typed arrays: pair p has centre `center[p]`,
 * neighbour `neighbor[p]`, lattice translation `image[3p..3p+2]` and distance `distance[p]` (Å).
 */
export interface NeighborList {
  count: number;
  center: Int32Array;
  neighbor: Int32Array;
  image: Int32Array;
  distance: Float64Array;
}

/**
 * Cell-list search (linear in the number of atoms for a fixed density). Bins are laid along the
 * fractional axes with a width of at least the cutoff measured perpendicular to each pair of axes,
 * so any pair within the cutoff lies in neighbouring bins; cells thinner than the cutoff are handled
 * by visiting as many periodic images as needed.
 */
export function neighborList(structure: Structure, cutoff: number): NeighborList {
  if (!(Number.isFinite(cutoff) && cutoff > 0))
    throw new InputError('neighbour cutoff must be a positive number of Å', {
      field: 'cutoff',
      found: String(cutoff),
    });
  const lat = structure.lattice;
  const n = structure.sites.length;
  const fx = new Float64Array(n);
  const fy = new Float64Array(n);
  const fz = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = structure.sites[i].frac;
    fx[i] = f[0] - Math.floor(f[0]);
    fy[i] = f[1] - Math.floor(f[1]);
    fz[i] = f[2] - Math.floor(f[2]);
  }
  // Perpendicular widths (Å) are 1/|a*_i|.
  const R = lat.reciprocal;
  const recipLen = [Math.hypot(R[0], R[1], R[2]), Math.hypot(R[3], R[4], R[5]), Math.hypot(R[6], R[7], R[8])];
  const nb = recipLen.map((rl) => Math.max(1, Math.min(64, Math.floor(1 / (rl * cutoff)))));
  // Bins to visit on each side: cutoff in fractional units times bins per unit.
  const reach = recipLen.map((rl, a) => Math.ceil(cutoff * rl * nb[a]));
  const nBins = nb[0] * nb[1] * nb[2];
  const binOf = new Int32Array(n);
  const binCount = new Int32Array(nBins + 1);
  for (let i = 0; i < n; i++) {
    const b =
      (Math.min(nb[0] - 1, Math.floor(fx[i] * nb[0])) * nb[1] +
        Math.min(nb[1] - 1, Math.floor(fy[i] * nb[1]))) *
        nb[2] +
      Math.min(nb[2] - 1, Math.floor(fz[i] * nb[2]));
    binOf[i] = b;
    binCount[b + 1]++;
  }
  for (let b = 0; b < nBins; b++) binCount[b + 1] += binCount[b];
  const order = new Int32Array(n);
  const fill = binCount.slice(0, nBins);
  for (let i = 0; i < n; i++) order[fill[binOf[i]]++] = i;

  const G = lat.metric;
  const cut2 = cutoff * cutoff;
  let cap = Math.max(16, n * 16);
  let center = new Int32Array(cap);
  let neighbor = new Int32Array(cap);
  let image = new Int32Array(cap * 3);
  let distance = new Float64Array(cap);
  let count = 0;

  for (let i = 0; i < n; i++) {
    const bi = binOf[i];
    const b0 = Math.floor(bi / (nb[1] * nb[2]));
    const b1 = Math.floor(bi / nb[2]) % nb[1];
    const b2 = bi % nb[2];
    for (let d0 = -reach[0]; d0 <= reach[0]; d0++) {
      const t0 = b0 + d0;
      const c0 = mod(t0, nb[0]);
      const i0 = Math.floor(t0 / nb[0]);
      for (let d1 = -reach[1]; d1 <= reach[1]; d1++) {
        const t1 = b1 + d1;
        const c1 = mod(t1, nb[1]);
        const i1 = Math.floor(t1 / nb[1]);
        for (let d2 = -reach[2]; d2 <= reach[2]; d2++) {
          const t2 = b2 + d2;
          const c2 = mod(t2, nb[2]);
          const i2 = Math.floor(t2 / nb[2]);
          const bin = (c0 * nb[1] + c1) * nb[2] + c2;
          for (let q = binCount[bin]; q < binCount[bin + 1]; q++) {
            const j = order[q];
            if (j === i && i0 === 0 && i1 === 0 && i2 === 0) continue;
            const dx = fx[j] + i0 - fx[i];
            const dy = fy[j] + i1 - fy[i];
            const dz = fz[j] + i2 - fz[i];
            const r2 =
              dx * dx * G[0] +
              dy * dy * G[4] +
              dz * dz * G[8] +
              2 * (dx * dy * G[1] + dx * dz * G[2] + dy * dz * G[5]);
            if (r2 > cut2) continue;
            if (count === cap) {
              cap *= 2;
              center = growI(center, cap);
              neighbor = growI(neighbor, cap);
              image = growI(image, cap * 3);
              distance = growF(distance, cap);
            }
            center[count] = i;
            neighbor[count] = j;
            // Image relative to the site's stored (unwrapped) fractional coordinates.
            const sj = structure.sites[j].frac;
            const si = structure.sites[i].frac;
            image[3 * count] = i0 + Math.floor(sj[0]) * -1 + Math.floor(si[0]);
            image[3 * count + 1] = i1 + Math.floor(sj[1]) * -1 + Math.floor(si[1]);
            image[3 * count + 2] = i2 + Math.floor(sj[2]) * -1 + Math.floor(si[2]);
            distance[count] = Math.sqrt(r2);
            count++;
          }
        }
      }
    }
  }
  return {
    count,
    center: center.slice(0, count),
    neighbor: neighbor.slice(0, count),
    image: image.slice(0, 3 * count),
    distance: distance.slice(0, count),
  };
}

function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}
function growI(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
function growF(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
