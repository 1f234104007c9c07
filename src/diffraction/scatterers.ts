import { InputError } from '../core/errors.ts';
import { bIso, type Structure } from '../crystal/structure.ts';

/**
 * A structure flattened for structure-factor sums: one scatterer per (site, occupant), sorted by
 * scattering type so each type's geometric sum runs over a contiguous range.
 * A type is (form-factor key, B in Å²): everything that has the same scattering factor at every s.
 */
export interface ScattererSet {
  count: number;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  /** Occupancy of each scatterer (fraction of the site). */
  weight: Float64Array;
  types: ScatteringType[];
  /** Scatterers typeStart[t] … typeStart[t+1]−1 are of type t. */
  typeStart: Int32Array;
}

export interface ScatteringType {
  element: string;
  /** Key for the form-factor table: element, or ion such as 'O2-' when ion form factors are used. */
  formFactorKey: string;
  /** Debye–Waller B in Å² (0 when thermal motion is ignored). */
  b: number;
}

export interface ScattererOptions {
  /** Apply each site's isotropic displacement (Debye–Waller factor). Default false. */
  debyeWaller?: boolean;
  /** Use ionic form factors (key 'Na1+'-style) when the site has an oxidation state. Default false. */
  ionicFormFactors?: boolean;
}

export function buildScatterers(structure: Structure, opts: ScattererOptions = {}): ScattererSet {
  const typeIndex = new Map<string, number>();
  const types: ScatteringType[] = [];
  const rows: { t: number; x: number; y: number; z: number; w: number }[] = [];
  for (const site of structure.sites) {
    const b = opts.debyeWaller && site.displacement ? bIso(site.displacement) : 0;
    if (!Number.isFinite(b) || b < 0)
      throw new InputError('displacement parameter must be a non-negative number of Å²', {
        field: `site ${site.label}`,
        found: String(b),
      });
    for (const occ of site.occupants) {
      if (!(occ.occupancy >= 0))
        throw new InputError('occupancy must be ≥ 0', {
          field: `site ${site.label}`,
          found: String(occ.occupancy),
        });
      if (occ.occupancy === 0) continue;
      const key =
        opts.ionicFormFactors && occ.oxidationState ? ionKey(occ.element, occ.oxidationState) : occ.element;
      const id = `${key}|${b}`;
      let t = typeIndex.get(id);
      if (t === undefined) {
        t = types.length;
        typeIndex.set(id, t);
        types.push({ element: occ.element, formFactorKey: key, b });
      }
      rows.push({ t, x: site.frac[0], y: site.frac[1], z: site.frac[2], w: occ.occupancy });
    }
  }
  rows.sort((p, q) => p.t - q.t);
  const n = rows.length;
  const set: ScattererSet = {
    count: n,
    x: new Float64Array(n),
    y: new Float64Array(n),
    z: new Float64Array(n),
    weight: new Float64Array(n),
    types,
    typeStart: new Int32Array(types.length + 1),
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    set.x[i] = r.x;
    set.y[i] = r.y;
    set.z[i] = r.z;
    set.weight[i] = r.w;
    set.typeStart[r.t + 1]++;
  }
  for (let t = 0; t < types.length; t++) set.typeStart[t + 1] += set.typeStart[t];
  return set;
}

function ionKey(element: string, charge: number): string {
  return `${element}${Math.abs(charge)}${charge > 0 ? '+' : '-'}`;
}

/** The subset `indices` (in type order) of a scatterer set with every weight multiplied by `factor`. */
export function subsetScatterers(set: ScattererSet, indices: Int32Array, factor: number): ScattererSet {
  const n = indices.length;
  const out: ScattererSet = {
    count: n,
    x: new Float64Array(n),
    y: new Float64Array(n),
    z: new Float64Array(n),
    weight: new Float64Array(n),
    types: set.types,
    typeStart: new Int32Array(set.types.length + 1),
  };
  let t = 0;
  for (let q = 0; q < n; q++) {
    const i = indices[q];
    if (q > 0 && i <= indices[q - 1]) throw new Error('subsetScatterers: indices must be increasing');
    while (i >= set.typeStart[t + 1]) t++;
    out.x[q] = set.x[i];
    out.y[q] = set.y[i];
    out.z[q] = set.z[i];
    out.weight[q] = set.weight[i] * factor;
    out.typeStart[t + 1]++;
  }
  for (let u = 0; u < set.types.length; u++) out.typeStart[u + 1] += out.typeStart[u];
  return out;
}
