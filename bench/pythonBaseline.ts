import { spawnSync } from 'node:child_process';
import { formFactorCoefficients } from '../src/core/scattering.ts';
import type { Structure } from '../src/crystal/structure.ts';

/**
 * Runs bench/python/powder_numpy.py (the per-reflection NumPy loop pymatgen's XRDCalculator uses)
 * on a structure and returns its wall time for the full pattern in ms. When `maxReflections` is set,
 * only that many reflections are timed and the time is scaled linearly to all of them (stated in the
 * returned text). Returns undefined when python3 with NumPy is not available.
 */
export function pythonBaseline(
  structure: Structure,
  maxReflections?: number,
): { ms: number; text: string } | undefined {
  const frac: number[][] = [];
  const occupancy: number[] = [];
  const coeffs: number[][] = [];
  for (const site of structure.sites)
    for (const o of site.occupants) {
      const c = formFactorCoefficients(o.element);
      frac.push([...site.frac]);
      occupancy.push(o.occupancy);
      coeffs.push([...c.a, ...c.b, c.c]);
    }
  const job = {
    matrix: structure.lattice.matrix,
    frac,
    occupancy,
    coeffs,
    wavelength: 1.54184,
    twoThetaRange: [10, 90],
    maxReflections,
  };
  const script = new URL('./python/powder_numpy.py', import.meta.url).pathname;
  const r = spawnSync('python3', [script], {
    input: JSON.stringify(job),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) return undefined;
  const out = JSON.parse(r.stdout) as { seconds: number; reflections: number; timedReflections: number };
  const scale = out.reflections / out.timedReflections;
  const ms = out.seconds * 1000 * scale;
  const how =
    scale > 1
      ? `timed ${out.timedReflections} of ${out.reflections} reflections, scaled ×${scale.toFixed(0)}`
      : `${out.reflections} reflections`;
  return { ms, text: `Python/NumPy per-reflection loop: ${(ms / 1000).toFixed(2)} s (${how})` };
}
