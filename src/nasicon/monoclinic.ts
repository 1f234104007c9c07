/**
 * The C2/c (pseudo-)monoclinic NASICON cell from the R-3c hexagonal cell (brief §1.4, [I]).
 * The brief's rows a_m = 2a_h + b_h, b_m = b_h, c_m = (−2a_h − b_h + c_h)/3 hold for the *reverse*
 * R setting; the template (and every CIF in natrium) is obverse (centring +(2/3,1/3,1/3)), where
 * (−2a − b + c)/3 is not a lattice vector. We therefore use the same cell rotated by 180° about c:
 *   a_m = −2a_h − b_h,  b_m = −b_h,  c_m = (2a_h + b_h + c_h)/3,  det P = 2/3 ⇒ V_m = (2/3)·V_h,
 * which has exactly the brief's metrics (|a_m| = √3 a_h, |b_m| = a_h, cos β = −|a_m|/(3|c_m|)).
 * After the transformation the origin is moved by (¼, ¼, ½) so that the operations are those of
 * the standard C2/c setting (2-fold axis at x = 0, z = ¼) and 6b lands on 4d as in the literature.
 * Fractional coordinates (row vectors) map as x_m = x_h · P⁻¹. Without refined monoclinic data the
 * result is the undistorted pseudo-monoclinic cell (metrically still rhombohedral, no XRD splitting);
 * a distorted cell (e.g. the recalled Boilot 1987 parameters) can be imposed on the same coordinates.
 */

import latticeTable from '../../data/nasicon/lattice.json' with { type: 'json' };
import { InputError } from '../core/errors.ts';
import { inv3, Lattice, type LatticeParameters, type Mat3, mul3, type Vec3 } from '../crystal/lattice.ts';
import type { Site, Structure } from '../crystal/structure.ts';
import { mod1, type SymOp } from '../crystal/symop.ts';

/** Rows: new basis vectors in hexagonal coordinates. */
export const HEX_TO_C2C: Mat3 = [-2, -1, 0, 0, -1, 0, 2 / 3, 1 / 3, 1 / 3];

/** Operations of C2/c (No. 15, unique axis b, cell choice 1, origin at −1), incl. C-centring. */
export const C2C_OPERATIONS: SymOp[] = (() => {
  const base: SymOp[] = [
    { rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], translation: [0, 0, 0] },
    { rotation: [-1, 0, 0, 0, 1, 0, 0, 0, -1], translation: [0, 0, 0.5] },
    { rotation: [-1, 0, 0, 0, -1, 0, 0, 0, -1], translation: [0, 0, 0] },
    { rotation: [1, 0, 0, 0, -1, 0, 0, 0, 1], translation: [0, 0, 0.5] },
  ];
  return [
    ...base,
    ...base.map((o) => ({ rotation: o.rotation, translation: [0.5, 0.5, o.translation[2]] as Vec3 })),
  ];
})();

const MONO = (
  latticeTable as unknown as {
    monoclinic: Record<string, LatticeParameters & { tag: string; source: string }>;
  }
).monoclinic;

/** Named monoclinic cells available from data (e.g. 'boilot1987', [R]). */
export function monoclinicCell(name: string): LatticeParameters & { tag: string; source: string } {
  const c = MONO[name];
  if (!c || !('beta' in c))
    throw new InputError('unknown monoclinic cell', {
      field: 'monoclinicCell',
      found: name,
      expected: `ideal or one of ${Object.keys(MONO)
        .filter((k) => 'beta' in MONO[k])
        .join(', ')}`,
    });
  return { ...c, alpha: 90, gamma: 90 };
}

export interface MonoclinicResult {
  structure: Structure;
  /** 'pseudo-monoclinic' unless a refined cell and coordinates were supplied. */
  label: 'pseudo-monoclinic';
  /** Hexagonal Wyckoff key → monoclinic Wyckoff positions with counts, e.g. 6b → {4d: 4}. */
  siteMapping: Record<string, Record<string, number>>;
  volumeRatio: number;
  cell: 'ideal' | string;
}

const FRAC_TOL = 1e-6;

/**
 * Wyckoff letter of a position in C2/c (standard setting) from its stabiliser: 8f general; 4e on
 * the 2-fold axis; 4a–4d on inversion centres (told apart by coordinates).
 */
export function c2cWyckoff(f: Vec3): string {
  const same = (a: Vec3, b: Vec3) =>
    [0, 1, 2].every((i) => {
      const d = Math.abs(mod1(a[i] - b[i] + 0.5) - 0.5);
      return d < 1e-5;
    });
  let stab = 0;
  let onTwoFold = false;
  for (const op of C2C_OPERATIONS) {
    const r = op.rotation;
    const g: Vec3 = [
      r[0] * f[0] + r[1] * f[1] + r[2] * f[2] + op.translation[0],
      r[3] * f[0] + r[4] * f[1] + r[5] * f[2] + op.translation[1],
      r[6] * f[0] + r[7] * f[1] + r[8] * f[2] + op.translation[2],
    ];
    if (same(g, f)) {
      stab++;
      if (r[4] === 1 && r[0] === -1) onTwoFold = true;
    }
  }
  const mult = 8 / stab;
  if (mult === 8) return '8f';
  if (onTwoFold) return '4e';
  // Inversion centres modulo C-centring: (0,0,0)a, (0,½,0)b, (¼,¼,0)c, (¼,¼,½)d (+ (0,0,½) etc.).
  const centres: [string, Vec3[]][] = [
    [
      '4a',
      [
        [0, 0, 0],
        [0, 0, 0.5],
        [0.5, 0.5, 0],
        [0.5, 0.5, 0.5],
      ],
    ],
    [
      '4b',
      [
        [0, 0.5, 0],
        [0, 0.5, 0.5],
        [0.5, 0, 0],
        [0.5, 0, 0.5],
      ],
    ],
    [
      '4c',
      [
        [0.25, 0.25, 0],
        [0.75, 0.25, 0.5],
        [0.75, 0.75, 0],
        [0.25, 0.75, 0.5],
      ],
    ],
    [
      '4d',
      [
        [0.25, 0.25, 0.5],
        [0.75, 0.25, 0],
        [0.75, 0.75, 0.5],
        [0.25, 0.75, 0],
      ],
    ],
  ];
  for (const [w, list] of centres) if (list.some((c) => same(c, f))) return w;
  return `${mult}?`;
}

/**
 * Transforms an R-3c structure on hexagonal axes (every site listed) to the C2/c setting. `cell`
 * 'ideal' keeps the exact metric (V_m = 2/3 V_h); a named or explicit cell imposes a distortion on the
 * same fractional coordinates. An `origin` shift (fractional, monoclinic) may be applied so that the
 * cell matches the setting of a reference (default: the shift that puts 6b on 4d, see docs).
 */
export function toMonoclinic(
  hex: Structure,
  options: { cell?: 'ideal' | string | LatticeParameters; originShift?: Vec3 } = {},
): MonoclinicResult {
  const P = HEX_TO_C2C;
  const Pinv = inv3(P);
  const idealLattice = new Lattice(mul3(P, hex.lattice.matrix));
  const shift = options.originShift ?? DEFAULT_ORIGIN_SHIFT;
  const seen = new Map<string, Site>();
  const keyOf = (f: Vec3) => f.map((v) => Math.round(v * 1e5) % 100000).join(',');
  for (const site of hex.sites) {
    for (let i = -3; i <= 3; i++)
      for (let j = -3; j <= 3; j++)
        for (let k = -3; k <= 3; k++) {
          const h: Vec3 = [site.frac[0] + i, site.frac[1] + j, site.frac[2] + k];
          const m: Vec3 = [
            h[0] * Pinv[0] + h[1] * Pinv[3] + h[2] * Pinv[6] + shift[0],
            h[0] * Pinv[1] + h[1] * Pinv[4] + h[2] * Pinv[7] + shift[1],
            h[0] * Pinv[2] + h[1] * Pinv[5] + h[2] * Pinv[8] + shift[2],
          ];
          if (m.some((v) => v < -FRAC_TOL || v >= 1 - FRAC_TOL)) continue;
          const f = m.map((v) => (Math.abs(v) < FRAC_TOL ? 0 : v)) as Vec3;
          const key = keyOf(f);
          if (seen.has(key)) continue;
          seen.set(key, { ...site, frac: f, wyckoff: undefined });
        }
  }
  const mapping: Record<string, Record<string, number>> = {};
  const sites: Site[] = [];
  for (const s of seen.values()) {
    const w = c2cWyckoff(s.frac);
    const from = s.orbit ?? s.label;
    mapping[from] ??= {};
    mapping[from][w] = (mapping[from][w] ?? 0) + 1;
    sites.push({ ...s, wyckoff: w.replace(/^\d+/, ''), label: `${s.label}>${w}` });
  }
  let lattice = idealLattice;
  let cellName = 'ideal';
  if (options.cell && options.cell !== 'ideal') {
    const p = typeof options.cell === 'string' ? monoclinicCell(options.cell) : options.cell;
    lattice = Lattice.fromParameters(p);
    cellName = typeof options.cell === 'string' ? options.cell : 'user';
  }
  return {
    structure: {
      title: `${hex.title ?? 'NASICON'} → C2/c (pseudo-monoclinic, ${cellName} cell)`,
      lattice,
      sites,
      spaceGroup: { symbol: 'C 1 2/c 1', number: 15 },
    },
    label: 'pseudo-monoclinic',
    siteMapping: mapping,
    volumeRatio: idealLattice.volume / hex.lattice.volume,
    cell: cellName,
  };
}

/** Origin shift applied after the transformation (fractional, monoclinic); see toMonoclinic. */
export const DEFAULT_ORIGIN_SHIFT: Vec3 = [0.25, 0.25, 0.5];
