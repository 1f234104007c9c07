import type { LayeredParams } from './parameters.ts';
import type { LocalLabel } from './stacking.ts';

/** In-plane position of column code c (0 = A, 1 = B, 2 = C): c·(⅓, ⅔) mod 1. */
export function columnXY(c: number): [number, number] {
  const m = ((c % 3) + 3) % 3;
  return [m / 3, ((2 * m) % 3) / 3];
}

const mod3 = (x: number) => ((x % 3) + 3) % 3;

export interface SlabAtom {
  element: string;
  /** Column code of the in-plane position. */
  column: number;
  /** Height above the slab's lower oxygen layer, Å. */
  z: number;
  occupancy: number;
  /** Site name: O_low, M, O_up, Na_f, Na_e, Na_p (P3 prism), Na_o (octahedral). */
  site: string;
  b: number;
}

/**
 * Atoms of one slab (lower O at column p0, orientation s) and of the Na layer above it (brief §3.1,
 * §2.7): O at 0, M at h (third column), O at 2h, Na half-way up the interlayer. `above` describes the
 * interlayer above (label and shift d); null for the top slab of a finite stack (no Na).
 */
export function slabAtoms(
  p0: number,
  s: number,
  above: { label: LocalLabel; shift: number } | null,
  params: LayeredParams,
): SlabAtom[] {
  const { h, b } = params;
  const p1 = mod3(p0 + s);
  const m = mod3(p0 + 2 * s);
  const atoms: SlabAtom[] = [{ element: 'O', column: p0, z: 0, occupancy: 1, site: 'O_low', b: b.O }];
  for (const metal of params.metals)
    atoms.push({ element: metal.element, column: m, z: h, occupancy: metal.fraction, site: 'M', b: b.M });
  atoms.push({ element: 'O', column: p1, z: 2 * h, occupancy: 1, site: 'O_up', b: b.O });
  if (!above || params.sodium === 0) return atoms;
  const d = params.spacing[above.label];
  const zNa = 2 * h + (d - 2 * h) / 2;
  const x = params.sodium;
  const na = (column: number, occupancy: number, site: string) => {
    if (occupancy > 0) atoms.push({ element: 'Na', column, z: zNa, occupancy, site, b: b.Na });
  };
  if (above.label === 'P2') {
    na(m, x * (1 - params.naEdgeFractionP2), 'Na_f');
    na(p0, x * params.naEdgeFractionP2, 'Na_e');
  } else if (above.label === 'P3') {
    if (params.naP3Sites === 'single') na(m, x, 'Na_p');
    else {
      na(m, x / 2, 'Na_p');
      na(p0, x / 2, 'Na_pu');
    }
  } else {
    // Octahedral: the column that is neither the upper O below nor the lower O above.
    const next = mod3(p1 + above.shift);
    na(3 - p1 - next, x, 'Na_o');
  }
  return atoms;
}
