/**
 * Symmetry expansion: asymmetric unit + space-group operations → every site in the cell.
 *
 * Distances are Cartesian (Å) through the lattice metric with the minimum-image convention in
 * fractional space, so oblique cells (hexagonal, monoclinic) are handled correctly. Positions are
 * hashed into a periodic grid whose cells are at least `tolerance` wide, so the work is linear in the
 * number of generated positions (the 8000-atom P1 supercell needs no pairwise comparison).
 */
import { InputError } from '../core/errors.ts';
import type { Lattice, Vec3 } from './lattice.ts';
import { type Site, siteOccupancy } from './structure.ts';
import { applySymOp, mod1, type SymOp } from './symop.ts';

/**
 * Default tolerance (Å) under which two generated positions are the same point. 0.02 Å is above the
 * rounding of coordinates written to 4 decimals (≤ 0.005 Å for cells up to 50 Å, doubled when an
 * operation combines two coordinates) and far below any physical interatomic or split-site distance
 * (≳ 0.3 Å); coordinates written to only 3 decimals in large cells may need a larger value.
 */
export const DEFAULT_SITE_TOLERANCE = 0.02;

/** Occupancy sum above 1 accepted without complaint (rounding of refined occupancies). */
export const OCCUPANCY_TOLERANCE = 0.02;

export interface ExpandOptions {
  /** Distance (Å) below which two positions coincide. Default DEFAULT_SITE_TOLERANCE. */
  tolerance?: number;
}

export interface ExpandWarning {
  code: 'merged-sites' | 'duplicate-atoms' | 'occupancy-above-one';
  message: string;
  label?: string;
}

export interface ExpandResult {
  /** Every site in the cell, fractional coordinates in [0, 1), `orbit` = generating label. */
  sites: Site[];
  warnings: ExpandWarning[];
}

/**
 * Applies every operation to every asymmetric-unit site, reduces positions to [0, 1), drops images
 * of one site that coincide (special positions), and merges positions of different asymmetric-unit
 * sites that coincide into one disordered site (occupants concatenated; the first site's label,
 * displacement and orbit are kept). An exact repeat (same element and occupancy at the same place)
 * is dropped instead of merged. Each merge/drop is reported once per pair of labels.
 */
export function expandAsymmetricUnit(
  lattice: Lattice,
  ops: readonly SymOp[],
  asymSites: readonly Site[],
  options: ExpandOptions = {},
): ExpandResult {
  const tol = options.tolerance ?? DEFAULT_SITE_TOLERANCE;
  if (!(tol > 0 && Number.isFinite(tol)))
    throw new InputError('site tolerance must be a positive distance', {
      field: 'tolerance',
      found: String(tol),
      expected: 'a distance in Å such as 0.02',
    });
  const grid = new PeriodicGrid(lattice, tol);
  const sites: Site[] = [];
  const warnings: ExpandWarning[] = [];
  const reported = new Set<string>();
  const absorbed = new Set<Site>(); // sites that received occupants from another orbit
  const tol2 = tol * tol;

  for (const asym of asymSites) {
    const label = asym.label;
    // Sites created for this asymmetric-unit entry (to recognise images of the same orbit).
    const mine = new Set<number>();
    for (const op of ops) {
      const p = applySymOp(op, asym.frac);
      const frac: Vec3 = [mod1(p[0]), mod1(p[1]), mod1(p[2])];
      const hit = grid.nearest(frac, tol2, sites);
      if (hit === undefined) {
        const index = sites.length;
        const site: Site = { label, frac, occupants: asym.occupants.map((o) => ({ ...o })) };
        if (asym.displacement) site.displacement = { ...asym.displacement };
        if (asym.uAniso) site.uAniso = rotateUAniso(lattice, op.rotation, asym.uAniso);
        site.orbit = asym.orbit ?? label;
        sites.push(site);
        grid.insert(frac, index);
        mine.add(index);
        continue;
      }
      if (mine.has(hit.index)) continue; // another image of this orbit on a special position
      const target = sites[hit.index];
      // Each image of this orbit lands on an image of the other orbit; merge every image once.
      mine.add(hit.index);
      const key = `${target.label}\u0000${label}`;
      const same =
        target.occupants.length === asym.occupants.length &&
        target.occupants.every(
          (o, i) =>
            o.element === asym.occupants[i].element &&
            Math.abs(o.occupancy - asym.occupants[i].occupancy) < 1e-6,
        );
      if (same && !absorbed.has(target)) {
        if (!reported.has(key)) {
          reported.add(key);
          warnings.push({
            code: 'duplicate-atoms',
            label,
            message: `${label} repeats ${target.label} at the same position (${Math.sqrt(hit.d2).toFixed(4)} Å apart); the repeat was dropped`,
          });
        }
        continue;
      }
      for (const o of asym.occupants) target.occupants.push({ ...o });
      absorbed.add(target);
      if (!reported.has(key)) {
        reported.add(key);
        warnings.push({
          code: 'merged-sites',
          label,
          message: `${label} shares its position with ${target.label} (${Math.sqrt(hit.d2).toFixed(4)} Å apart); merged into one disordered site`,
        });
        const occ = siteOccupancy(target);
        if (occ > 1 + OCCUPANCY_TOLERANCE)
          warnings.push({
            code: 'occupancy-above-one',
            label: target.label,
            message: `merged site ${target.label} + ${label} has total occupancy ${roundTo(occ, 4)} > 1`,
          });
      }
    }
  }
  return { sites, warnings };
}

type UAniso = NonNullable<Site['uAniso']>;

/**
 * Anisotropic U (CIF order U11 U22 U33 U12 U13 U23, Å²) of the image x' = R·x of a site. In the
 * fractional basis the tensor U*ᵢⱼ = aᵢ* aⱼ* Uᵢⱼ transforms as U*' = R U* Rᵀ.
 */
export function rotateUAniso(lattice: Lattice, R: readonly number[], u: readonly number[]): UAniso {
  if (R.every((v, k) => v === (k % 4 === 0 ? 1 : 0))) return [...u] as UAniso;
  const rm = lattice.reciprocalMetric;
  const n = [Math.sqrt(rm[0]), Math.sqrt(rm[4]), Math.sqrt(rm[8])];
  const full = [u[0], u[3], u[4], u[3], u[1], u[5], u[4], u[5], u[2]];
  const star = full.map((v, k) => v * n[Math.floor(k / 3)] * n[k % 3]);
  const out = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      let acc = 0;
      for (let k = 0; k < 3; k++)
        for (let l = 0; l < 3; l++) acc += R[3 * i + k] * star[3 * k + l] * R[3 * j + l];
      out[3 * i + j] = acc / (n[i] * n[j]);
    }
  return [out[0], out[4], out[8], out[1], out[2], out[5]];
}

function roundTo(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

/** Spatial hash over the unit cell with periodic wrap-around; stores indices into a site list. */
class PeriodicGrid {
  private readonly n: [number, number, number];
  private readonly cells = new Map<number, number[]>();
  private readonly lattice: Lattice;

  constructor(lattice: Lattice, tolerance: number) {
    this.lattice = lattice;
    // |Δf_i| ≤ d·|a*_i| for any displacement of length d, so cells of fractional width
    // ≥ tol·|a*_i| guarantee that a neighbour within tol lies in an adjacent cell.
    const rec = lattice.reciprocalMetric;
    const width = [Math.sqrt(rec[0]), Math.sqrt(rec[4]), Math.sqrt(rec[8])].map((s) => tolerance * s);
    if (width.some((w) => !(w < 0.5)))
      throw new InputError('site tolerance is too large for this cell', {
        field: 'tolerance',
        found: `${tolerance} Å`,
        expected: 'a distance much smaller than the shortest cell edge',
      });
    this.n = width.map((w) => Math.max(1, Math.min(256, Math.floor(1 / w)))) as [number, number, number];
  }

  private cellOf(f: Vec3): [number, number, number] {
    const n = this.n;
    return [
      Math.min(n[0] - 1, Math.floor(f[0] * n[0])),
      Math.min(n[1] - 1, Math.floor(f[1] * n[1])),
      Math.min(n[2] - 1, Math.floor(f[2] * n[2])),
    ];
  }

  private key(i: number, j: number, k: number): number {
    const n = this.n;
    return ((i + n[0]) % n[0]) + n[0] * (((j + n[1]) % n[1]) + n[1] * ((k + n[2]) % n[2]));
  }

  insert(f: Vec3, index: number): void {
    const [i, j, k] = this.cellOf(f);
    const key = this.key(i, j, k);
    const list = this.cells.get(key);
    if (list) list.push(index);
    else this.cells.set(key, [index]);
  }

  /** The stored site closest to f within √maxD2 Å (minimum image), if any. */
  nearest(f: Vec3, maxD2: number, sites: readonly Site[]): { index: number; d2: number } | undefined {
    const [ci, cj, ck] = this.cellOf(f);
    const seen = new Set<number>();
    let best: { index: number; d2: number } | undefined;
    for (let di = -1; di <= 1; di++)
      for (let dj = -1; dj <= 1; dj++)
        for (let dk = -1; dk <= 1; dk++) {
          const key = this.key(ci + di, cj + dj, ck + dk);
          if (seen.has(key)) continue; // small grids wrap onto the same cell
          seen.add(key);
          const list = this.cells.get(key);
          if (!list) continue;
          for (const index of list) {
            const g = sites[index].frac;
            // Rounding each component is exact for distances ≤ tol (each |Δf_i| ≤ tol·|a*_i| < ½).
            const dx = f[0] - g[0] - Math.round(f[0] - g[0]);
            const dy = f[1] - g[1] - Math.round(f[1] - g[1]);
            const dz = f[2] - g[2] - Math.round(f[2] - g[2]);
            const d2 = this.lattice.fracLengthSquared(dx, dy, dz);
            if (d2 <= maxD2 && (!best || d2 < best.d2)) best = { index, d2 };
          }
        }
    return best;
  }
}

/**
 * Squared distance (Å²) between two fractional positions under periodic boundary conditions.
 * Rounding each component to [-½, ½) is not always the shortest vector in very oblique cells, so
 * the neighbouring images (±1 per axis) are also checked.
 */
export function minimumImageDistance2(lattice: Lattice, a: Vec3, b: Vec3): number {
  const dx0 = a[0] - b[0] - Math.round(a[0] - b[0]);
  const dy0 = a[1] - b[1] - Math.round(a[1] - b[1]);
  const dz0 = a[2] - b[2] - Math.round(a[2] - b[2]);
  let best = lattice.fracLengthSquared(dx0, dy0, dz0);
  for (let i = -1; i <= 1; i++)
    for (let j = -1; j <= 1; j++)
      for (let k = -1; k <= 1; k++) {
        if (i === 0 && j === 0 && k === 0) continue;
        const d = lattice.fracLengthSquared(dx0 + i, dy0 + j, dz0 + k);
        if (d < best) best = d;
      }
  return best;
}
