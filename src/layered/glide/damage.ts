import type { ParticleState } from './kmc.ts';
import type { GlideParams } from './params.ts';

/**
 * Irreversible damage from transformed runs (brief §4.4–4.5, a Basquin/Paris-type law [P]).
 * A run is a maximal block of consecutive interlayers each of which either went P → O during the
 * cycle or is already inactive (a cracked interlayer does not relieve the misfit of the block around
 * it); runs end at active interlayers that stayed P (pinned, anchored or not driven). Each active,
 * transformed interlayer k of a run of length L gains ΔD_k = A_χ·(|ε_c,χ|·L/L_ref)^m per cycle
 * (times `weight` when cycles are skipped). An interlayer whose damage reaches its tolerance becomes
 * inactive: it no longer delivers capacity and no longer glides. Returns the indices that failed.
 */
export function applyCycleDamage(st: ParticleState, p: GlideParams, weight: number): number[] {
  const n = st.lattice.interlayers;
  const failed: number[] = [];
  const inRun = (k: number) => st.transformed[k] === 1 || st.active[k] === 0;
  let i = 0;
  while (i < n) {
    if (!inRun(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && inRun(j)) j++;
    const len = j - i;
    for (let k = i; k < j; k++) {
      if (!(st.active[k] && st.transformed[k])) continue;
      const two = st.lattice.character[k] === 2;
      const eps = Math.abs(two ? p.strainC2 : p.strainC3);
      const amp = two ? p.damageAmplitude2 : p.damageAmplitude3;
      st.damage[k] += weight * amp * ((eps * len) / p.damageReferenceLayers) ** p.damageExponent;
      if (st.damage[k] >= st.strength[k]) failed.push(k);
    }
    i = j;
  }
  for (const k of failed) st.active[k] = 0;
  return failed;
}
