import { InputError } from '../core/errors.ts';

/** Row-major 3×3 matrix; rows are the vectors a, b, c in Cartesian Å. */
export type Mat3 = [number, number, number, number, number, number, number, number, number];
export type Vec3 = [number, number, number];

export interface LatticeParameters {
  /** Edge lengths in Å. */
  a: number;
  b: number;
  c: number;
  /** Inter-axial angles in degrees. */
  alpha: number;
  beta: number;
  gamma: number;
}

const DEG = Math.PI / 180;

/**
 * A crystal lattice. Cartesian convention: a along x, b in the xy plane, c completing a
 * right-handed set (the orientation only matters for Cartesian output; metrics are invariant).
 * Reciprocal quantities are crystallographic (no 2π): |g| = 1/d.
 */
export class Lattice {
  readonly matrix: Mat3;
  /** Rows are a*, b*, c* in Å⁻¹ (no 2π). */
  readonly reciprocal: Mat3;
  /** Real-space metric tensor G_ij = a_i·a_j (Å²). */
  readonly metric: Mat3;
  /** Reciprocal metric tensor G*_ij (Å⁻²). */
  readonly reciprocalMetric: Mat3;
  readonly volume: number;

  constructor(matrix: Mat3) {
    if (matrix.length !== 9 || matrix.some((v) => !Number.isFinite(v)))
      throw new InputError('lattice matrix must have 9 finite numbers', { field: 'lattice' });
    const vol = det3(matrix);
    if (!(Math.abs(vol) > 1e-8))
      throw new InputError('lattice vectors are degenerate (zero volume)', {
        field: 'lattice',
        expected: 'three linearly independent vectors',
      });
    if (vol < 0) throw new InputError('lattice vectors must form a right-handed set', { field: 'lattice' });
    this.matrix = [...matrix] as Mat3;
    this.volume = vol;
    this.reciprocal = transpose3(inv3(matrix));
    this.metric = mulABt(matrix, matrix);
    this.reciprocalMetric = mulABt(this.reciprocal, this.reciprocal);
  }

  static fromParameters(p: LatticeParameters): Lattice {
    for (const k of ['a', 'b', 'c'] as const)
      if (!(Number.isFinite(p[k]) && p[k] > 0))
        throw new InputError('cell length must be a positive number of Å', {
          field: k,
          found: String(p[k]),
          expected: 'a length > 0 Å',
        });
    for (const k of ['alpha', 'beta', 'gamma'] as const)
      if (!(Number.isFinite(p[k]) && p[k] > 0 && p[k] < 180))
        throw new InputError('cell angle must lie strictly between 0 and 180 degrees', {
          field: k,
          found: String(p[k]),
          expected: 'an angle in degrees',
        });
    const ca = Math.cos(p.alpha * DEG);
    const cb = Math.cos(p.beta * DEG);
    const cg = Math.cos(p.gamma * DEG);
    const sg = Math.sin(p.gamma * DEG);
    const cy = (ca - cb * cg) / sg;
    const cz2 = 1 - cb * cb - cy * cy;
    if (!(cz2 > 1e-12))
      throw new InputError('cell angles are geometrically impossible (no cell has them)', {
        field: 'alpha/beta/gamma',
        found: `${p.alpha}, ${p.beta}, ${p.gamma}`,
      });
    return new Lattice([p.a, 0, 0, p.b * cg, p.b * sg, 0, p.c * cb, p.c * cy, p.c * Math.sqrt(cz2)]);
  }

  get parameters(): LatticeParameters {
    const m = this.matrix;
    const len = (i: number) => Math.hypot(m[3 * i], m[3 * i + 1], m[3 * i + 2]);
    const a = len(0);
    const b = len(1);
    const c = len(2);
    const G = this.metric;
    const ang = (gij: number, li: number, lj: number) => Math.acos(clamp(gij / (li * lj), -1, 1)) / DEG;
    return { a, b, c, alpha: ang(G[5], b, c), beta: ang(G[2], a, c), gamma: ang(G[1], a, b) };
  }

  /** |g_hkl|² = 1/d² in Å⁻² for (possibly non-integer) Miller indices. */
  inverseDSquared(h: number, k: number, l: number): number {
    const g = this.reciprocalMetric;
    return h * h * g[0] + k * k * g[4] + l * l * g[8] + 2 * (h * k * g[1] + h * l * g[2] + k * l * g[5]);
  }

  /** Interplanar spacing d_hkl in Å. */
  dSpacing(h: number, k: number, l: number): number {
    return 1 / Math.sqrt(this.inverseDSquared(h, k, l));
  }

  /** Fractional → Cartesian (Å). */
  toCartesian(f: Vec3): Vec3 {
    const m = this.matrix;
    return [
      f[0] * m[0] + f[1] * m[3] + f[2] * m[6],
      f[0] * m[1] + f[1] * m[4] + f[2] * m[7],
      f[0] * m[2] + f[1] * m[5] + f[2] * m[8],
    ];
  }

  /** Cartesian (Å) → fractional. */
  toFractional(r: Vec3): Vec3 {
    const g = this.reciprocal;
    return [
      r[0] * g[0] + r[1] * g[1] + r[2] * g[2],
      r[0] * g[3] + r[1] * g[4] + r[2] * g[5],
      r[0] * g[6] + r[1] * g[7] + r[2] * g[8],
    ];
  }

  /** Squared Cartesian length (Å²) of a fractional difference vector. */
  fracLengthSquared(dx: number, dy: number, dz: number): number {
    const G = this.metric;
    return (
      dx * dx * G[0] +
      dy * dy * G[4] +
      dz * dz * G[8] +
      2 * (dx * dy * G[1] + dx * dz * G[2] + dy * dz * G[5])
    );
  }

  /** Lattice of a supercell whose vectors are integer combinations (rows of `m`) of these. */
  transformed(m: Mat3): Lattice {
    return new Lattice(mul3(m, this.matrix));
  }

  toJSON(): LatticeParameters & { matrix: Mat3; volume: number } {
    return { ...this.parameters, matrix: this.matrix, volume: this.volume };
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : Math.min(x, hi);
}

export function det3(m: Mat3 | number[]): number {
  return (
    m[0] * (m[4] * m[8] - m[5] * m[7]) -
    m[1] * (m[3] * m[8] - m[5] * m[6]) +
    m[2] * (m[3] * m[7] - m[4] * m[6])
  );
}

export function inv3(m: Mat3 | number[]): Mat3 {
  const d = det3(m);
  return [
    (m[4] * m[8] - m[5] * m[7]) / d,
    (m[2] * m[7] - m[1] * m[8]) / d,
    (m[1] * m[5] - m[2] * m[4]) / d,
    (m[5] * m[6] - m[3] * m[8]) / d,
    (m[0] * m[8] - m[2] * m[6]) / d,
    (m[2] * m[3] - m[0] * m[5]) / d,
    (m[3] * m[7] - m[4] * m[6]) / d,
    (m[1] * m[6] - m[0] * m[7]) / d,
    (m[0] * m[4] - m[1] * m[3]) / d,
  ];
}

export function transpose3(m: Mat3 | number[]): Mat3 {
  return [m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]];
}

export function mul3(a: Mat3 | number[], b: Mat3 | number[]): Mat3 {
  const r = new Array(9).fill(0) as Mat3;
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++)
      r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
  return r;
}

/** A·Bᵀ */
function mulABt(a: Mat3, b: Mat3): Mat3 {
  const r = new Array(9).fill(0) as Mat3;
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++)
      r[3 * i + j] = a[3 * i] * b[3 * j] + a[3 * i + 1] * b[3 * j + 1] + a[3 * i + 2] * b[3 * j + 2];
  return r;
}
