import { InputError } from '../core/errors.ts';
import { Lattice } from '../crystal/lattice.ts';
import type { Site, Structure } from '../crystal/structure.ts';
import type { LayeredParams } from './parameters.ts';
import { columnXY, slabAtoms } from './slab.ts';
import { formatColumns, type Stack, stackGeometry } from './stacking.ts';

/** Largest number of slabs the builder turns into one cell (≈ 6 atoms each). */
export const MAX_BUILD_SLABS = 20_000;

/**
 * Atomic model of a stack (brief §3.1): the sequence is taken as one periodic repeat along c (the
 * last slab's Na layer closes onto the first slab), in a hexagonal cell a × a × Σdᵢ. Mixed metals
 * share one site; Na sits on the Na_e/Na_f prisms (P2), both prism sets (P3) or the octahedral site
 * (O-type), occupancies adding up to x per interlayer — so Na_e and Na_f, 1.66 Å apart, are never
 * both fully occupied (the exclusion rule holds on average).
 */
export function buildStructure(stack: Stack, params: LayeredParams): Structure {
  const periodic: Stack = { columns: stack.columns, periodic: true };
  const g = stackGeometry(periodic);
  if (g.slabs > MAX_BUILD_SLABS)
    throw new InputError('stack too long for one cell', {
      field: 'sequence',
      found: `${g.slabs} slabs`,
      expected: `≤ ${MAX_BUILD_SLABS}`,
    });
  const heights: number[] = [];
  let c = 0;
  for (let i = 0; i < g.slabs; i++) {
    heights.push(c);
    c += params.spacing[g.labels[i]];
  }
  const lattice = Lattice.fromParameters({ a: params.a, b: params.a, c, alpha: 90, beta: 90, gamma: 120 });
  const sites: Site[] = [];
  for (let i = 0; i < g.slabs; i++) {
    const atoms = slabAtoms(
      periodic.columns[2 * i],
      g.orientation[i],
      { label: g.labels[i], shift: g.shift[i] },
      params,
    );
    let metal: Site | undefined;
    for (const at of atoms) {
      const [x, y] = columnXY(at.column);
      const z = (heights[i] + at.z) / c;
      if (at.site === 'M') {
        if (!metal) {
          metal = {
            label: `M${i + 1}`,
            frac: [x, y, z - Math.floor(z)],
            occupants: [],
            displacement: { kind: 'B', value: at.b },
          };
          sites.push(metal);
        }
        metal.occupants.push({ element: at.element, occupancy: at.occupancy });
        continue;
      }
      sites.push({
        label: `${at.site}${i + 1}`,
        frac: [x, y, z - Math.floor(z)],
        occupants: [{ element: at.element, occupancy: at.occupancy }],
        displacement: { kind: 'B', value: at.b },
      });
    }
  }
  return { title: `layered model ${formatColumns(stack, '')}`, lattice, sites };
}
