/**
 * Pure translations of the BVSE framework (centring vectors, supercell repeats): fractional vectors
 * t ≠ 0 that map every framework site onto a site with the same species and occupancies. The site
 * energy is then periodic with t, so it suffices to scatter one site per translation orbit and add
 * |T| shifted copies of that partial grid — exact, and |T| times less work (3× for R-centred cells).
 */
import type { Lattice, Vec3 } from '../../crystal/lattice.ts';
import type { Site } from '../../crystal/structure.ts';

/** Tolerance for "same position" (Å). */
const POSITION_TOL_A = 1e-3;
/** Largest denominator of a translation component that a grid can follow (beyond: not used). */
const MAX_DENOMINATOR = 12;

const signature = (s: Site, ion: string) =>
  s.occupants
    .filter((o) => o.element !== ion)
    .map((o) => `${o.element}:${o.occupancy.toFixed(6)}`)
    .sort()
    .join('|');

/** Index of the site at `f` (mod 1) with signature `sig`, or −1. */
function siteAt(lattice: Lattice, sites: Site[], sigs: string[], f: Vec3, sig: string): number {
  const tol2 = POSITION_TOL_A * POSITION_TOL_A;
  for (let j = 0; j < sites.length; j++) {
    if (sigs[j] !== sig) continue;
    const d = [0, 1, 2].map((q) => {
      const v = f[q] - sites[j].frac[q];
      return v - Math.round(v);
    });
    if (lattice.fracLengthSquared(d[0], d[1], d[2]) < tol2) return j;
  }
  return -1;
}

export interface FrameworkTranslations {
  /** Translations including the zero vector. */
  vectors: Vec3[];
  /** Framework sites (mobile-only sites removed). */
  sites: Site[];
  /** Indices into `sites` of one site per orbit. */
  representatives: number[];
  /** Smallest grid multiple per axis that maps the translations onto grid points. */
  denominators: [number, number, number];
}

export function frameworkTranslations(
  lattice: Lattice,
  allSites: Site[],
  ion: string,
): FrameworkTranslations {
  const sites = allSites.filter((s) => s.occupants.some((o) => o.element !== ion));
  const sigs = sites.map((s) => signature(s, ion));
  const none: FrameworkTranslations = {
    vectors: [[0, 0, 0]],
    sites,
    representatives: sites.map((_, i) => i),
    denominators: [1, 1, 1],
  };
  if (sites.length === 0) return none;
  // Candidates: from site 0 to every site of the same signature.
  const vectors: Vec3[] = [[0, 0, 0]];
  for (let j = 1; j < sites.length; j++) {
    if (sigs[j] !== sigs[0]) continue;
    const t = [0, 1, 2].map((q) => {
      const v = sites[j].frac[q] - sites[0].frac[q];
      return v - Math.floor(v + 1e-9);
    }) as Vec3;
    const ok = sites.every(
      (s, i) =>
        siteAt(lattice, sites, sigs, [s.frac[0] + t[0], s.frac[1] + t[1], s.frac[2] + t[2]], sigs[i]) >= 0,
    );
    if (ok) vectors.push(t);
  }
  const den: [number, number, number] = [1, 1, 1];
  for (const t of vectors)
    for (let q = 0; q < 3; q++) {
      let d = 1;
      while (d <= MAX_DENOMINATOR && Math.abs(t[q] * d - Math.round(t[q] * d)) > 1e-4) d++;
      if (d > MAX_DENOMINATOR) return none;
      den[q] = lcm(den[q], d);
    }
  const covered = new Uint8Array(sites.length);
  const representatives: number[] = [];
  for (let i = 0; i < sites.length; i++) {
    if (covered[i]) continue;
    representatives.push(i);
    for (const t of vectors) {
      const j = siteAt(
        lattice,
        sites,
        sigs,
        [sites[i].frac[0] + t[0], sites[i].frac[1] + t[1], sites[i].frac[2] + t[2]],
        sigs[i],
      );
      if (j >= 0) covered[j] = 1;
    }
  }
  // Each orbit must have exactly |T| members, otherwise something is inconsistent: fall back.
  if (representatives.length * vectors.length !== sites.length) return none;
  return { vectors, sites, representatives, denominators: den };
}

function lcm(a: number, b: number): number {
  const g = (x: number, y: number): number => (y === 0 ? x : g(y, x % y));
  return (a * b) / g(a, b);
}
