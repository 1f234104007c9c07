import type { Rng } from '../../core/rng.ts';
import type { ParticleState } from './kmc.ts';
import type { GlideLattice } from './lattice.ts';
import type { GlideParams } from './params.ts';

/**
 * A fresh particle: shifts from the input stack, pinning drawn from the anchoring model, damage
 * tolerances drawn from a unit-scale Weibull law.
 *  - range mode (brief §1.4): interlayer at distance r from the nearest interphase is pinned with
 *    probability exp(−r/λ) (drawn once; a pinned interlayer never glides);
 *  - energy mode: E_pin·exp(−r/λ) is added to its O-state energy.
 */
export function newParticle(lattice: GlideLattice, p: GlideParams, rng: Rng): ParticleState {
  const n = lattice.interlayers;
  const pinned = new Uint8Array(n);
  const pinEnergy = new Float64Array(n);
  const strength = new Float64Array(n);
  const useRange = p.anchoring === 'range' || p.anchoring === 'both';
  const useEnergy = p.anchoring === 'energy' || p.anchoring === 'both';
  for (let i = 0; i < n; i++) {
    const w = Math.exp(-lattice.interphaseDistance[i] / p.pinningRangeLayers);
    // Draw unconditionally so the random stream does not depend on the anchoring mode.
    const u = rng.next();
    if (useRange && u < w) pinned[i] = 1;
    if (useEnergy) pinEnergy[i] = p.pinningEnergyEv * w;
  }
  for (let i = 0; i < n; i++) strength[i] = (-Math.log(1 - rng.next())) ** (1 / p.strengthWeibullModulus);
  return {
    lattice,
    shift: Int8Array.from(lattice.initialShift),
    pinned,
    active: new Uint8Array(n).fill(1),
    pinEnergy,
    damage: new Float64Array(n),
    strength,
    transformed: new Uint8Array(n),
  };
}

/** Fraction of interlayers in an O-type (octahedral) state. */
export function oFraction(st: ParticleState): number {
  let o = 0;
  const d = st.shift;
  for (let i = 0; i < d.length; i++) if (d[i] !== 0) o++;
  return o / d.length;
}

/** Fraction of interlayers still active (undamaged). */
export function activeFraction(st: ParticleState): number {
  let a = 0;
  for (let i = 0; i < st.active.length; i++) a += st.active[i];
  return a / st.active.length;
}
