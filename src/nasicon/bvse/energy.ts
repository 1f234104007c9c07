/**
 * Bond-valence site energy (BVSE, softBV) of a mobile ion on a periodic grid.
 *
 *   E(r) = Σ_anions  w·morseFactor·D0[(exp(α(Rmin − R)) − 1)² − 1]
 *        + Σ_cations w·14.4·qA·qB/√(nA·nB)·erfc(R/(f(rA + rB)))/R          (eV, R in Å)
 *
 * w = site occupancy of the framework species (mixed sites such as Si/P contribute the
 * occupancy-weighted sum of their species: a mean-field average, documented in docs/nasicon.md).
 * Every atom of the mobile element is removed. Parameters and conventions: data/nasicon/bvse-parameters.json.
 *
 * Memory: one Float64Array of the grid plus small per-species tables; contributions are scattered
 * atom by atom (all periodic images within the cut-off fall out of unwrapped grid indices), so no
 * neighbour list per grid point is ever stored — memory is O(grid), not O(grid × neighbours).
 */

import params from '../../../data/nasicon/bvse-parameters.json' with { type: 'json' };
import { getElement } from '../../core/elements.ts';
import { InputError } from '../../core/errors.ts';
import type { Lattice } from '../../crystal/lattice.ts';
import type { Structure } from '../../crystal/structure.ts';
import { frameworkTranslations } from './translations.ts';

export type MorseConvention = 'bvlain' | 'cavd';

interface MorseRow {
  D0: number;
  Rmin: number;
  alpha: number;
  tag: string;
}
const P = params as unknown as {
  coulombConstantEvA: number;
  screeningFactor: number;
  morseFactor: Record<MorseConvention, number>;
  morse: Record<string, MorseRow>;
  covalentRadiusA: Record<string, number>;
  defaultOxidationStates: Record<string, number>;
};

export interface BvseOptions {
  /** Mobile ion element (Li, Na, K). Its charge is +1. */
  ion: string;
  /** Grid spacing (Å); the number of points along each axis is ceil(length/spacing). */
  gridSpacing: number;
  /**
   * Explicit number of grid points along a, b, c (overrides gridSpacing for the point count; used to
   * reproduce another program's grid, e.g. BVlain's n = floor(L/h) − 1 distinct points).
   */
  gridPoints?: [number, number, number];
  /** Interaction cut-off (Å). Default 10 (BVlain and CAVD). */
  cutoff?: number;
  /** Morse term ×½ ('bvlain', default) or ×1 ('cavd'). */
  morseConvention?: MorseConvention;
  /** Formal oxidation states by element overriding the structure's and the defaults. */
  oxidationStates?: Record<string, number>;
  /**
   * Use pure framework translations (centring, supercells) to scatter one site per orbit. Exact;
   * default true. Grid point counts are then rounded up to multiples the translations need.
   */
  useTranslations?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface FrameworkSpecies {
  element: string;
  charge: number;
  /** Number of framework atoms (occupancy-weighted) of this species in the cell. */
  count: number;
  term: 'morse' | 'coulomb';
}

export interface BvseGrid {
  ion: string;
  lattice: Lattice;
  /** Points along a, b, c. Voxel (i, j, k) sits at fractional (i/n_a, j/n_b, k/n_c). */
  dims: [number, number, number];
  /** Site energy (eV), index (i·n_b + j)·n_c + k. */
  energy: Float64Array;
  /** Actual spacing along a, b, c (Å). */
  spacing: [number, number, number];
  framework: FrameworkSpecies[];
  morseConvention: MorseConvention;
  cutoff: number;
  /** Oxidation states used, and where each came from. */
  oxidationStates: Record<
    string,
    { charge: number; from: 'structure' | 'user' | 'default' | 'charge balance' }
  >;
}

/** Principal quantum number n (period) of an element from its atomic number. */
export function principalQuantumNumber(element: string): number {
  const z = getElement(element).Z;
  const ends = [2, 10, 18, 36, 54, 86, 118];
  return ends.findIndex((e) => z <= e) + 1;
}

function covalentRadius(el: string): number {
  const r = P.covalentRadiusA[el];
  if (r === undefined)
    throw new InputError('no covalent radius tabulated for this framework cation', {
      field: 'element',
      found: el,
      expected: `one of ${Object.keys(P.covalentRadiusA).join(' ')} (data/nasicon/bvse-parameters.json)`,
    });
  return r;
}

/**
 * Resolves one formal charge per element: user > structure (if all its sites agree) > default
 * table > the single remaining unknown from charge neutrality.
 */
export function resolveOxidationStates(
  structure: Structure,
  user: Record<string, number> = {},
): BvseGrid['oxidationStates'] {
  const out: BvseGrid['oxidationStates'] = {};
  const amount: Record<string, number> = {};
  const fromStructure: Record<string, Set<number>> = {};
  for (const s of structure.sites)
    for (const o of s.occupants) {
      amount[o.element] = (amount[o.element] ?? 0) + o.occupancy;
      if (o.oxidationState !== undefined && o.oxidationState !== 0)
        (fromStructure[o.element] ??= new Set()).add(o.oxidationState);
    }
  const unknown: string[] = [];
  for (const el of Object.keys(amount)) {
    if (user[el] !== undefined) out[el] = { charge: user[el], from: 'user' };
    else if (fromStructure[el]?.size === 1)
      out[el] = { charge: [...fromStructure[el]][0], from: 'structure' };
    else if (P.defaultOxidationStates[el] !== undefined)
      out[el] = { charge: P.defaultOxidationStates[el], from: 'default' };
    else unknown.push(el);
  }
  if (unknown.length === 1) {
    let q = 0;
    for (const [el, v] of Object.entries(out)) q += v.charge * amount[el];
    const charge = -q / amount[unknown[0]];
    if (Math.abs(charge - Math.round(charge)) > 0.05 || Math.round(charge) === 0)
      throw new InputError(`cannot infer an integer oxidation state for ${unknown[0]} from charge balance`, {
        field: 'oxidation states',
        found: charge.toFixed(3),
        expected: `--oxidation ${unknown[0]}=<charge>`,
      });
    out[unknown[0]] = { charge: Math.round(charge), from: 'charge balance' };
  } else if (unknown.length > 1)
    throw new InputError('oxidation states are ambiguous for several elements', {
      field: 'oxidation states',
      found: unknown.join(', '),
      expected: `explicit states, e.g. --oxidation ${unknown.map((e) => `${e}=2`).join(',')}`,
    });
  return out;
}

interface Scatterer {
  frac: [number, number, number];
  weight: number;
  table: Float64Array;
}

/** Samples per radial table (uniform in R², 0 … cutoff²). */
const TABLE_SIZE = 1 << 16;

function radialTable(fn: (r: number) => number, cutoff: number): Float64Array {
  const t = new Float64Array(TABLE_SIZE + 2);
  const h = (cutoff * cutoff) / TABLE_SIZE;
  // r = 0 is singular: start the table at a tiny radius (the value there is irrelevant: no ion goes there).
  for (let q = 0; q <= TABLE_SIZE + 1; q++) t[q] = fn(Math.sqrt(Math.max(q * h, 1e-4)));
  return t;
}

/** Complementary error function (Numerical Recipes erfcc Chebyshev fit, fractional error < 1.2e-7). */
export function erfc(x: number): number {
  // Numerical Recipes erfcc (Chebyshev fit), fractional error < 1.2e-7 everywhere.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Computes the BVSE landscape of `options.ion` in `structure`. */
export function bvseGrid(structure: Structure, options: BvseOptions): BvseGrid {
  const ion = options.ion;
  const h = options.gridSpacing;
  if (!(Number.isFinite(h) && h > 0))
    throw new InputError('grid spacing must be a positive length', {
      field: 'grid',
      found: String(h),
      expected: 'a spacing in Å such as 0.1 or 0.2',
    });
  const cutoff = options.cutoff ?? 10;
  if (!(Number.isFinite(cutoff) && cutoff > 0 && cutoff <= 20))
    throw new InputError('cut-off must be a positive length of at most 20 Å', {
      field: 'cutoff',
      found: String(cutoff),
    });
  const convention = options.morseConvention ?? 'bvlain';
  if (!(convention in P.morseFactor))
    throw new InputError('unknown Morse convention', {
      field: 'morse',
      found: convention,
      expected: 'bvlain or cavd',
    });
  if (!structure.sites.some((s) => s.occupants.some((o) => o.element === ion)))
    throw new InputError(`the structure contains no ${ion}: nothing to move`, {
      field: 'ion',
      found: ion,
      expected: `a mobile ion present in the structure (${[...new Set(structure.sites.flatMap((s) => s.occupants.map((o) => o.element)))].join(', ')})`,
    });
  const ox = resolveOxidationStates(structure, options.oxidationStates);
  const qA = ox[ion].charge;
  if (qA !== 1)
    throw new InputError('BVSE parameters are tabulated for monovalent mobile cations only', {
      field: 'ion',
      found: `${ion}${qA}+`,
    });
  const nA = principalQuantumNumber(ion);
  const rA = covalentRadius(ion);
  const f = P.screeningFactor;
  const k = P.coulombConstantEvA;
  const mf = P.morseFactor[convention];

  const lattice = structure.lattice;
  const par = lattice.parameters;
  const tr =
    options.useTranslations === false ? undefined : frameworkTranslations(lattice, structure.sites, ion);
  const den = tr?.denominators ?? [1, 1, 1];
  const dims: [number, number, number] = options.gridPoints
    ? [...options.gridPoints]
    : [
        roundUp(Math.max(2, Math.ceil(par.a / h)), den[0]),
        roundUp(Math.max(2, Math.ceil(par.b / h)), den[1]),
        roundUp(Math.max(2, Math.ceil(par.c / h)), den[2]),
      ];
  // Translations are usable only if they map grid points onto grid points.
  const shifts =
    tr && tr.vectors.length > 1 && dims.every((n, q) => n % tr.denominators[q] === 0)
      ? tr.vectors.map((t) => t.map((v, q) => Math.round(v * dims[q])) as [number, number, number])
      : undefined;
  const repSites = shifts && tr ? new Set(tr.representatives.map((i) => tr.sites[i])) : undefined;
  if (dims.some((d) => !(Number.isInteger(d) && d >= 2)))
    throw new InputError('grid point counts must be integers ≥ 2', {
      field: 'gridPoints',
      found: dims.join('×'),
    });

  const tables = new Map<string, Float64Array>();
  const framework = new Map<string, FrameworkSpecies>();
  const scatterers: Scatterer[] = [];
  for (const site of structure.sites)
    for (const o of site.occupants) {
      if (o.element === ion) continue;
      const counted = !repSites || repSites.has(site);
      const q = ox[o.element].charge;
      const key = `${o.element}${q}`;
      let table = tables.get(key);
      if (!table) {
        if (q < 0) {
          const pk = `${ion}+|${o.element}${Math.abs(q)}-`;
          const m = P.morse[pk];
          if (!m)
            throw new InputError('no BVSE (softBV) Morse parameters for this ion–anion pair', {
              field: 'parameters',
              found: pk,
              expected: Object.keys(P.morse).join(', '),
            });
          table = radialTable((r) => mf * m.D0 * ((Math.exp(m.alpha * (m.Rmin - r)) - 1) ** 2 - 1), cutoff);
        } else if (q > 0) {
          const rB = covalentRadius(o.element);
          const nB = principalQuantumNumber(o.element);
          const pref = (k * qA * q) / Math.sqrt(nA * nB);
          const screen = f * (rA + rB);
          table = radialTable((r) => (pref / r) * erfc(r / screen), cutoff);
        } else continue;
        tables.set(key, table);
        framework.set(key, { element: o.element, charge: q, count: 0, term: q < 0 ? 'morse' : 'coulomb' });
      }
      framework.get(key)!.count += o.occupancy;
      if (counted) scatterers.push({ frac: site.frac, weight: o.occupancy, table });
    }

  let energy: Float64Array = new Float64Array(dims[0] * dims[1] * dims[2]);
  scatterAll(energy, dims, lattice, scatterers, cutoff, options.onProgress);
  if (shifts) energy = sumShifted(energy, dims, shifts);
  return {
    ion,
    lattice,
    dims,
    energy,
    spacing: [par.a / dims[0], par.b / dims[1], par.c / dims[2]],
    framework: [...framework.values()],
    morseConvention: convention,
    cutoff,
    oxidationStates: ox,
  };
}

function roundUp(n: number, m: number): number {
  return Math.ceil(n / m) * m;
}

/** E(v) = Σ_t E_rep(v − t): adds the partial grid shifted by every translation (grid steps). */
function sumShifted(
  rep: Float64Array,
  dims: [number, number, number],
  shifts: [number, number, number][],
): Float64Array {
  const [na, nb, nc] = dims;
  const out = new Float64Array(rep.length);
  for (const [si, sj, sk] of shifts)
    for (let i = 0; i < na; i++) {
      const io = (i + si) % na;
      for (let j = 0; j < nb; j++) {
        const jo = (j + sj) % nb;
        const src = (i * nb + j) * nc;
        const dst = (io * nb + jo) * nc;
        for (let k = 0; k < nc; k++) {
          const ko = k + sk < nc ? k + sk : k + sk - nc;
          out[dst + ko] += rep[src + k];
        }
      }
    }
  return out;
}

function scatterAll(
  energy: Float64Array,
  dims: [number, number, number],
  lattice: Lattice,
  scatterers: Scatterer[],
  cutoff: number,
  onProgress?: (done: number, total: number) => void,
): void {
  const [na, nb, nc] = dims;
  const G = lattice.metric;
  const rec = lattice.reciprocal;
  // Half-widths of the cut-off sphere in fractional units along a, b, c: R·|a*| etc.
  const ext = [0, 1, 2].map((q) => cutoff * Math.hypot(rec[3 * q], rec[3 * q + 1], rec[3 * q + 2]));
  const R2 = cutoff * cutoff;
  const invH = TABLE_SIZE / R2;
  // Metric in grid-step units: r² = Σ g_ij Δi Δj with Δ in grid steps.
  const g00 = G[0] / (na * na);
  const g11 = G[4] / (nb * nb);
  const g22 = G[8] / (nc * nc);
  const g01 = G[1] / (na * nb);
  const g02 = G[2] / (na * nc);
  const g12 = G[5] / (nb * nc);
  const wrap = (v: number, n: number) => ((v % n) + n) % n;
  let done = 0;
  for (const s of scatterers) {
    const ua = s.frac[0] * na;
    const ub = s.frac[1] * nb;
    const uc = s.frac[2] * nc;
    const t = s.table;
    const w = s.weight;
    const i0 = Math.ceil(ua - ext[0] * na);
    const i1 = Math.floor(ua + ext[0] * na);
    const j0 = Math.ceil(ub - ext[1] * nb);
    const j1 = Math.floor(ub + ext[1] * nb);
    for (let i = i0; i <= i1; i++) {
      const di = i - ua;
      const iw = wrap(i, na) * nb;
      for (let j = j0; j <= j1; j++) {
        const dj = j - ub;
        // r²(dk) = g22 dk² + 2(g02 di + g12 dj) dk + (g00 di² + g11 dj² + 2 g01 di dj)
        const lin = 2 * (g02 * di + g12 * dj);
        const c0 = g00 * di * di + g11 * dj * dj + 2 * g01 * di * dj;
        const disc = lin * lin - 4 * g22 * (c0 - R2);
        if (disc < 0) continue;
        const sq = Math.sqrt(disc);
        const k0 = Math.ceil(uc + (-lin - sq) / (2 * g22));
        const k1 = Math.floor(uc + (-lin + sq) / (2 * g22));
        const base = (wrap(j, nb) + iw) * nc;
        let kw = wrap(k0, nc);
        for (let kk = k0; kk <= k1; kk++) {
          const dk = kk - uc;
          const r2 = c0 + dk * (lin + g22 * dk);
          if (r2 < R2) {
            const x = r2 * invH;
            const q = x | 0;
            const fr = x - q;
            energy[base + kw] += w * (t[q] + fr * (t[q + 1] - t[q]));
          }
          kw++;
          if (kw === nc) kw = 0;
        }
      }
    }
    onProgress?.(++done, scatterers.length);
  }
}

/** Fractional coordinates of voxel `v` of a grid. */
export function voxelFrac(v: number, dims: [number, number, number]): [number, number, number] {
  const [, nb, nc] = dims;
  const i = Math.floor(v / (nb * nc));
  const j = Math.floor((v - i * nb * nc) / nc);
  const k = v - i * nb * nc - j * nc;
  return [i / dims[0], j / dims[1], k / dims[2]];
}
