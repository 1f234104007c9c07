import type { Lattice } from '../crystal/lattice.ts';
import type { ScattererSet } from './scatterers.ts';

/**
 * Pure lattice translations of a (super)cell: fractional vectors t ≠ 0 that map every scatterer onto
 * one of the same type and occupancy. They form a group T; for a reflection h the lattice sum
 * Σ_{t∈T} exp(2πi h·t) is |T| when h·t is an integer for every generator and 0 otherwise, so the
 * structure factor of a supercell (or centred cell) equals |T| × the sum over one representative per
 * translation orbit. This is exact for exactly periodic cells and turns a 10×10×10 supercell back
 * into the cost of its primitive cell.
 */
export interface TranslationGroup {
  /** Generators of T (fractional). Empty when the cell has no pure translations. */
  generators: [number, number, number][];
  /** |T| including the identity. */
  order: number;
  /** Indices of one scatterer per orbit of T, in type order (so typeStart stays valid after scaling). */
  representatives: Int32Array;
}

/** Default position tolerance in Å: far below any real displacement, far above rounding in CIFs. */
export const TRANSLATION_TOLERANCE_A = 1e-3;

export function findPureTranslations(
  lattice: Lattice,
  atoms: ScattererSet,
  toleranceA = TRANSLATION_TOLERANCE_A,
): TranslationGroup {
  const n = atoms.count;
  const p = lattice.parameters;
  const tol: [number, number, number] = [toleranceA / p.a, toleranceA / p.b, toleranceA / p.c];
  const index = new PositionIndex(atoms, tol);
  const typeOf = new Int32Array(n);
  for (let t = 0; t < atoms.types.length; t++)
    for (let j = atoms.typeStart[t]; j < atoms.typeStart[t + 1]; j++) typeOf[j] = t;

  // Candidates: vectors from one atom of the rarest type to every atom of that type.
  let rare = 0;
  for (let t = 1; t < atoms.types.length; t++)
    if (atoms.typeStart[t + 1] - atoms.typeStart[t] < atoms.typeStart[rare + 1] - atoms.typeStart[rare])
      rare = t;
  const r0 = atoms.typeStart[rare];
  const group = new TranslationSet(tol);
  group.add([0, 0, 0]);
  const generators: [number, number, number][] = [];
  for (let j = r0 + 1; j < atoms.typeStart[rare + 1]; j++) {
    if (atoms.weight[j] !== atoms.weight[r0]) continue;
    const t = wrap3([atoms.x[j] - atoms.x[r0], atoms.y[j] - atoms.y[r0], atoms.z[j] - atoms.z[r0]]);
    if (group.has(t)) continue;
    if (!mapsOntoItself(atoms, typeOf, index, t)) continue;
    if (!group.closeWith(t, n)) return noReduction(n);
    generators.push(t);
  }
  // One representative per orbit: walk atoms in order, mark every translate of each new one.
  const taken = new Uint8Array(n);
  const reps: number[] = [];
  const members = group.members();
  for (let i = 0; i < n; i++) {
    if (taken[i]) continue;
    reps.push(i);
    for (const t of members) {
      const j = index.translateOf(i, t, typeOf);
      if (j >= 0) taken[j] = 1;
    }
  }
  // Tolerance let two atoms share one translate (overlapping atoms): fall back to no reduction.
  if (reps.length * members.length !== n) return noReduction(n);
  return { generators, order: members.length, representatives: Int32Array.from(reps) };
}

function noReduction(n: number): TranslationGroup {
  return { generators: [], order: 1, representatives: Int32Array.from({ length: n }, (_, i) => i) };
}

function mapsOntoItself(atoms: ScattererSet, typeOf: Int32Array, index: PositionIndex, t: number[]): boolean {
  // Visit atoms with a stride coprime to n: consecutive atoms of a supercell are translates of one
  // parent site, so a wrong candidate fails within the first few visits instead of after a block.
  const n = atoms.count;
  const stride = coprimeStride(n);
  for (let q = 0, i = 0; q < n; q++, i = (i + stride) % n)
    if (index.translateOf(i, t, typeOf) < 0) return false;
  return true;
}

function coprimeStride(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let s = Math.max(1, Math.floor(n * 0.618));
  while (gcd(s, n) !== 1) s++;
  return s;
}

function wrap(v: number): number {
  return v - Math.floor(v);
}
function wrap3(v: number[]): [number, number, number] {
  return [wrap(v[0]), wrap(v[1]), wrap(v[2])];
}

/** Distance of a fractional coordinate difference to the nearest integer. */
function periodicDiff(a: number, b: number): number {
  const d = a - b;
  return Math.abs(d - Math.round(d));
}

/** Spatial hash over fractional coordinates with bins a few tolerances wide. */
class PositionIndex {
  private readonly bins = new Map<number, number[]>();
  private readonly nb: [number, number, number];
  constructor(
    private readonly atoms: ScattererSet,
    private readonly tol: [number, number, number],
  ) {
    this.nb = [0, 1, 2].map((a) => Math.max(1, Math.floor(1 / (4 * tol[a])))) as [number, number, number];
    for (let i = 0; i < atoms.count; i++) {
      const key = this.key(this.bin(atoms.x[i], 0), this.bin(atoms.y[i], 1), this.bin(atoms.z[i], 2));
      const list = this.bins.get(key);
      if (list) list.push(i);
      else this.bins.set(key, [i]);
    }
  }
  private bin(v: number, axis: number): number {
    const n = this.nb[axis];
    return ((Math.floor(wrap(v) * n) % n) + n) % n;
  }
  private key(i: number, j: number, k: number): number {
    return (i * this.nb[1] + j) * this.nb[2] + k;
  }
  /** Index of the atom that atom i is carried onto by translation t (same type and weight), or −1. */
  translateOf(i: number, t: readonly number[], typeOf: Int32Array): number {
    const a = this.atoms;
    return this.find(a.x[i] + t[0], a.y[i] + t[1], a.z[i] + t[2], typeOf[i], a.weight[i], typeOf);
  }

  /** Index of the atom of type `type` and weight `w` at (x, y, z) within tolerance, or −1. */
  find(x: number, y: number, z: number, type: number, w: number, typeOf: Int32Array): number {
    const [tx, ty, tz] = this.tol;
    const xs = this.span(x, tx, 0);
    const ys = this.span(y, ty, 1);
    const zs = this.span(z, tz, 2);
    for (const i of xs)
      for (const j of ys)
        for (const k of zs) {
          const list = this.bins.get(this.key(i, j, k));
          if (!list) continue;
          for (const a of list)
            if (
              typeOf[a] === type &&
              this.atoms.weight[a] === w &&
              periodicDiff(this.atoms.x[a], x) <= tx &&
              periodicDiff(this.atoms.y[a], y) <= ty &&
              periodicDiff(this.atoms.z[a], z) <= tz
            )
              return a;
        }
    return -1;
  }
  private span(v: number, t: number, axis: number): number[] {
    const lo = this.bin(v - t, axis);
    const hi = this.bin(v + t, axis);
    return lo === hi ? [lo] : [lo, hi];
  }
}

/** A finite group of fractional translations (mod 1), stored in a coarse hash for membership tests. */
class TranslationSet {
  private readonly list: [number, number, number][] = [];
  private readonly keys = new Set<string>();
  constructor(private readonly tol: [number, number, number]) {}
  private keyOf(t: number[]): string {
    // Round to a grid finer than any real translation difference but coarser than the tolerance.
    return t.map((v, a) => Math.round(wrap(v + this.tol[a]) / (4 * this.tol[a]))).join(',');
  }
  has(t: number[]): boolean {
    return this.keys.has(this.keyOf(t));
  }
  add(t: [number, number, number]): void {
    const k = this.keyOf(t);
    if (this.keys.has(k)) return;
    this.keys.add(k);
    this.list.push(t);
  }
  /**
   * Adds t and closes the set under addition (the set is a group before and after). Returns false
   * if t has no finite order within `maxOrder` steps (an incommensurate near-translation).
   */
  closeWith(t: [number, number, number], maxOrder: number): boolean {
    let power = t;
    const base = [...this.list];
    for (let step = 0; !this.has(power); step++) {
      if (step > maxOrder) return false;
      for (const b of base) this.add(wrap3([b[0] + power[0], b[1] + power[1], b[2] + power[2]]));
      power = wrap3([power[0] + t[0], power[1] + t[1], power[2] + t[2]]);
    }
    return true;
  }
  members(): [number, number, number][] {
    return this.list;
  }
}
