import { anomalousAt, formFactor, formFactorCoefficients } from '../core/scattering.ts';

/** Where structure-factor code gets its atomic scattering factors from (swap for tests or other tables). */
export interface FormFactorProvider {
  /** Normal atomic scattering factor f0 (electrons) at s = sinθ/λ (Å⁻¹). */
  f0(key: string, s: number): number;
  /** Anomalous dispersion f′, f″ (electrons) of an element at wavelength λ (Å). */
  anomalous(element: string, wavelength: number): { f1: number; f2: number };
}

type Coeffs = ReturnType<typeof formFactorCoefficients>;
const cache = new Map<string, Coeffs>();

/** International Tables 4-Gaussian form factors and the anomalous-dispersion table of core/scattering. */
export const defaultFormFactors: FormFactorProvider = {
  f0(key, s) {
    let c = cache.get(key);
    if (!c) {
      c = formFactorCoefficients(key);
      cache.set(key, c);
    }
    return formFactor(c, s);
  },
  anomalous(element, wavelength) {
    return anomalousAt(element, wavelength);
  },
};
