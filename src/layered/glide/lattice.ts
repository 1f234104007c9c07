import { InputError } from '../../core/errors.ts';
import { type Stack, stackFromCompact, stackGeometry } from '../index.ts';

/**
 * The fixed part of a particle: slab orientations sᵢ and the 2/3 character χᵢ of every interlayer,
 * plus the distance of each interlayer to the nearest X2/Y3 interphase. Gliding never changes any
 * of these (brief §2.6): only the interlayer shifts dᵢ move. Periodic stacks are treated as open
 * (the wrap-around interlayer is dropped): a particle has two surfaces.
 */
export interface GlideLattice {
  /** Number of interlayers n = slabs − 1. */
  interlayers: number;
  /** Slab orientations ±1, length n + 1. */
  orientation: Int8Array;
  /** 2 or 3 per interlayer. */
  character: Uint8Array;
  /** Shifts of the input stack, dᵢ ∈ {−1, 0, +1}. */
  initialShift: Int8Array;
  /** Interphase positions as slab indices k (between interlayers k−1 and k). */
  interphases: number[];
  /** Distance in interlayers to the nearest interphase (interlayers k−1 and k are at 0); +∞ if none. */
  interphaseDistance: Float64Array;
}

export function latticeFromStack(stack: Stack): GlideLattice {
  const g = stackGeometry(stack);
  const n = g.slabs - 1;
  if (n < 1)
    throw new InputError('a gliding particle needs at least two slabs (one interlayer)', {
      field: 'sequence',
      found: `${g.slabs} slab`,
    });
  const character = new Uint8Array(n);
  const initialShift = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    character[i] = g.character[i];
    initialShift[i] = g.shift[i];
  }
  const interphases: number[] = [];
  for (let k = 1; k < n; k++) if (character[k] !== character[k - 1]) interphases.push(k);
  const interphaseDistance = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (const k of interphases)
    for (let i = 0; i < n; i++) {
      const r = i >= k ? i - k : k - 1 - i;
      if (r < interphaseDistance[i]) interphaseDistance[i] = r;
    }
  return {
    interlayers: n,
    orientation: Int8Array.from(g.orientation),
    character,
    initialShift,
    interphases,
    interphaseDistance,
  };
}

/** The explicit stack (oxygen columns) of a lattice with the given shifts. */
export function stackWithShifts(lattice: GlideLattice, shift: ArrayLike<number>): Stack {
  return stackFromCompact(lattice.orientation, shift, false);
}
