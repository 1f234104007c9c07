import type { Structure } from '../crystal/structure.ts';
import { defaultFormFactors, type FormFactorProvider } from './formFactors.ts';
import { buildScatterers } from './scatterers.ts';

export interface StructureFactorOptions {
  debyeWaller?: boolean;
  /** Wavelength in Å for anomalous dispersion; omit for none. */
  anomalousWavelength?: number;
  formFactors?: FormFactorProvider;
}

/**
 * F(hkl) = Σ_j occ_j (f0_j(s) + f′_j + i f″_j) exp(−B_j s²) exp(2πi h·x_j), evaluated directly for
 * one reflection (electrons). A slow, obviously-correct reference for the fast powder kernel.
 */
export function structureFactor(
  structure: Structure,
  hkl: [number, number, number],
  opts: StructureFactorOptions = {},
): { re: number; im: number } {
  const provider = opts.formFactors ?? defaultFormFactors;
  const atoms = buildScatterers(structure, { debyeWaller: opts.debyeWaller });
  const [h, k, l] = hkl;
  const s = Math.sqrt(structure.lattice.inverseDSquared(h, k, l)) / 2;
  let re = 0;
  let im = 0;
  for (let t = 0; t < atoms.types.length; t++) {
    const type = atoms.types[t];
    const an =
      opts.anomalousWavelength !== undefined
        ? provider.anomalous(type.element, opts.anomalousWavelength)
        : { f1: 0, f2: 0 };
    const dw = Math.exp(-type.b * s * s);
    const fr = (provider.f0(type.formFactorKey, s) + an.f1) * dw;
    const fi = an.f2 * dw;
    for (let j = atoms.typeStart[t]; j < atoms.typeStart[t + 1]; j++) {
      const ph = 2 * Math.PI * (h * atoms.x[j] + k * atoms.y[j] + l * atoms.z[j]);
      const c = Math.cos(ph) * atoms.weight[j];
      const sn = Math.sin(ph) * atoms.weight[j];
      re += fr * c - fi * sn;
      im += fr * sn + fi * c;
    }
  }
  return { re, im };
}
