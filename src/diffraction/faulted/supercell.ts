import { InputError } from '../../core/errors.ts';
import { Lattice } from '../../crystal/lattice.ts';
import type { Site, Structure } from '../../crystal/structure.ts';
import { type FaultedModel, layerIndex } from './model.ts';

/** Lateral shifts are considered to close a repeat when within this of an integer. */
const CLOSURE_TOLERANCE = 1e-4;

/**
 * The periodic crystal made by repeating one explicit stacking sequence (states j₁ … j_N, closing with
 * the transition j_N → j₁): the layer origins follow the stacking vectors, and the repeat must come
 * back to an in-plane lattice translation. Used to compare the recursion with ordinary crystallography.
 */
export function structureFromSequence(model: FaultedModel, sequence: readonly number[]): Structure {
  const n = sequence.length;
  if (n === 0) throw new InputError('empty sequence', { field: 'sequence' });
  const origins: [number, number, number][] = [];
  let o: [number, number, number] = [0, 0, 0];
  for (let q = 0; q < n; q++) {
    origins.push(o);
    const t = model.transitions[sequence[q]][sequence[(q + 1) % n]];
    o = [o[0] + t.vector[0], o[1] + t.vector[1], o[2] + t.vector[2]];
  }
  const off = (v: number) => Math.abs(v - Math.round(v));
  if (off(o[0]) > CLOSURE_TOLERANCE || off(o[1]) > CLOSURE_TOLERANCE)
    throw new InputError(
      'the sequence does not close into a periodic crystal (in-plane shift is not a lattice vector)',
      {
        field: 'sequence',
        found: `${o[0].toFixed(4)}, ${o[1].toFixed(4)}`,
      },
    );
  const height = o[2];
  if (!(height > 0))
    throw new InputError('stacking vectors must add up to a positive height', { field: 'sequence' });
  const lattice = Lattice.fromParameters({
    a: model.cell.a,
    b: model.cell.b,
    c: model.cell.c * height,
    alpha: 90,
    beta: 90,
    gamma: model.cell.gammaDeg,
  });
  const wrap = (v: number) => {
    const w = v - Math.floor(v);
    return w >= 1 - 1e-12 ? 0 : w;
  };
  const sites: Site[] = [];
  sequence.forEach((state, q) => {
    const layer = model.layers[layerIndex(model, state)];
    const [ox, oy, oz] = origins[q];
    const atoms = layer.centrosymmetric
      ? layer.atoms.flatMap((a) => [a, { ...a, x: -a.x, y: -a.y, z: -a.z }])
      : layer.atoms;
    atoms.forEach((a, ai) => {
      sites.push({
        label: `${a.species}${q + 1}_${ai + 1}`,
        frac: [wrap(a.x + ox), wrap(a.y + oy), wrap((a.z + oz) / height)],
        occupants: [{ element: a.species.replace(/[\d+-]+$/, ''), occupancy: a.occupancy }],
        displacement: { kind: 'B', value: a.b },
      });
    });
  });
  return { title: model.title, lattice, sites };
}
