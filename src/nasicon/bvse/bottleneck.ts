/**
 * Geometric bottleneck of a hop between two mobile-ion sites (brief §1.6, [I] method):
 * walk along the straight segment A→B; in each plane perpendicular to it find the point that
 * maximises the distance to the nearest anion centre (grid search in a square of ±halfWidth);
 * the bottleneck is the smallest of those maxima along the path. Free radius = bottleneck
 * distance − r(anion), with Shannon's r(O²⁻, VI) = 1.40 Å by default.
 */
import { shannonRadius } from '../../core/elements.ts';
import { InputError } from '../../core/errors.ts';
import type { Vec3 } from '../../crystal/lattice.ts';
import type { Structure } from '../../crystal/structure.ts';

export interface BottleneckOptions {
  /** Anion element (default O) and its charge (default −2). */
  anion?: string;
  anionCharge?: number;
  /** Longest hop considered between mobile-ion sites (Å). Default 4.0. */
  maxHop?: number;
  /** Step along the path and in the perpendicular plane (Å). Default 0.05. */
  step?: number;
  /** Half-width of the perpendicular search square (Å). Default 1.5. */
  halfWidth?: number;
}

export interface Hop {
  /** Labels (orbits) and Wyckoff letters of the two end sites. */
  from: string;
  to: string;
  /** Hop length (Å). */
  length: number;
  /** Largest distance to the nearest anion centre at the tightest point (Å). */
  bottleneckDistance: number;
  /** bottleneckDistance − r(anion) (Å). */
  freeRadius: number;
  /** Fraction of the way from `from` where the bottleneck sits. */
  position: number;
  /** Number of symmetry-equivalent hops merged into this entry (per cell). */
  count: number;
}

/** Bottleneck radii of every distinct hop between sites holding `ion` (shortest first). */
export function bottleneckHops(structure: Structure, ion: string, options: BottleneckOptions = {}): Hop[] {
  const anion = options.anion ?? 'O';
  const anionCharge = options.anionCharge ?? -2;
  const maxHop = options.maxHop ?? 4;
  const step = options.step ?? 0.05;
  const half = options.halfWidth ?? 1.5;
  if (!(step > 0 && maxHop > 0 && half > 0))
    throw new InputError('bottleneck step, hop length and search width must be positive', {
      field: 'bottleneck',
    });
  const rAnion = shannonRadius(anion, anionCharge, 6);
  const L = structure.lattice;
  const mobile = structure.sites.filter((s) => s.occupants.some((o) => o.element === ion));
  const anions = structure.sites
    .filter((s) => s.occupants.some((o) => o.element === anion))
    .map((s) => s.frac);
  if (anions.length === 0)
    throw new InputError(`no ${anion} in the structure`, { field: 'anion', found: anion });

  const hops = new Map<string, Hop>();
  for (let a = 0; a < mobile.length; a++)
    for (let b = a; b < mobile.length; b++) {
      const fa = mobile[a].frac;
      for (let i = -1; i <= 1; i++)
        for (let j = -1; j <= 1; j++)
          for (let k = -1; k <= 1; k++) {
            const fb: Vec3 = [mobile[b].frac[0] + i, mobile[b].frac[1] + j, mobile[b].frac[2] + k];
            const d = Math.sqrt(L.fracLengthSquared(fb[0] - fa[0], fb[1] - fa[1], fb[2] - fa[2]));
            if (d < 0.5 || d > maxHop) continue;
            const oa = mobile[a].orbit ?? mobile[a].label;
            const ob = mobile[b].orbit ?? mobile[b].label;
            const [p, q] = oa <= ob ? [oa, ob] : [ob, oa];
            const key = `${p}|${q}|${d.toFixed(2)}`;
            const known = hops.get(key);
            if (known) {
              known.count++;
              continue;
            }
            const res = segmentBottleneck(structure, fa, fb, anions, step, half);
            hops.set(key, {
              from: oa,
              to: ob,
              length: d,
              bottleneckDistance: res.distance,
              freeRadius: res.distance - rAnion,
              position: res.position,
              count: 1,
            });
          }
    }
  return [...hops.values()].sort((x, y) => x.length - y.length);
}

function segmentBottleneck(
  structure: Structure,
  fa: Vec3,
  fb: Vec3,
  anionFracs: Vec3[],
  step: number,
  half: number,
): { distance: number; position: number } {
  const L = structure.lattice;
  const A = L.toCartesian(fa);
  const B = L.toCartesian(fb);
  const dir = [B[0] - A[0], B[1] - A[1], B[2] - A[2]];
  const len = Math.hypot(dir[0], dir[1], dir[2]);
  const e = dir.map((v) => v / len);
  // Two unit vectors perpendicular to the hop.
  const t = Math.abs(e[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const u = cross(e, t);
  const un = Math.hypot(u[0], u[1], u[2]);
  const u1 = u.map((v) => v / un);
  const u2 = cross(e, u1);
  // Anion images within reach of the segment.
  const mid = [(A[0] + B[0]) / 2, (A[1] + B[1]) / 2, (A[2] + B[2]) / 2];
  const reach = len / 2 + half * Math.SQRT2 + 4;
  const fm = L.toFractional(mid as Vec3);
  const near: number[] = [];
  for (const f of anionFracs)
    for (let i = -2; i <= 2; i++)
      for (let j = -2; j <= 2; j++)
        for (let k = -2; k <= 2; k++) {
          const g: Vec3 = [
            f[0] + Math.round(fm[0] - f[0]) + i,
            f[1] + Math.round(fm[1] - f[1]) + j,
            f[2] + Math.round(fm[2] - f[2]) + k,
          ];
          const c = L.toCartesian(g);
          if (Math.hypot(c[0] - mid[0], c[1] - mid[1], c[2] - mid[2]) <= reach) near.push(c[0], c[1], c[2]);
        }
  const nSteps = Math.max(2, Math.ceil(len / step));
  const nPlane = Math.ceil(half / step);
  let best = Number.POSITIVE_INFINITY;
  let bestPos = 0;
  for (let s = 1; s < nSteps; s++) {
    const tt = s / nSteps;
    const p0 = [A[0] + dir[0] * tt, A[1] + dir[1] * tt, A[2] + dir[2] * tt];
    let planeMax = 0;
    for (let a = -nPlane; a <= nPlane; a++)
      for (let b = -nPlane; b <= nPlane; b++) {
        const x = p0[0] + (a * u1[0] + b * u2[0]) * step;
        const y = p0[1] + (a * u1[1] + b * u2[1]) * step;
        const z = p0[2] + (a * u1[2] + b * u2[2]) * step;
        let m2 = Number.POSITIVE_INFINITY;
        for (let q = 0; q < near.length; q += 3) {
          const dx = x - near[q];
          const dy = y - near[q + 1];
          const dz = z - near[q + 2];
          const d2 = dx * dx + dy * dy + dz * dz;
          if (d2 < m2) m2 = d2;
        }
        if (m2 > planeMax) planeMax = m2;
      }
    if (planeMax < best) {
      best = planeMax;
      bestPos = tt;
    }
  }
  return { distance: Math.sqrt(best), position: bestPos };
}

function cross(a: number[], b: number[]): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
