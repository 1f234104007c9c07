/**
 * Arrhenius analysis of conductivities:  σT = A·exp(−Ea/k_B T)  ('sigmaT', most NASICON papers) or
 * σ = σ0·exp(−Ea/k_B T)  ('sigma'). The form is recorded with the result: the same data give Ea
 * values that differ by about k_B·T_mean (nasicon.md §2.2).
 *
 * Ordinary least squares of ln y on 1/T; σ(Ea) = k_B·se(slope) with se from the residual variance
 * (n − 2 degrees of freedom; null for two points).
 */
import { BOLTZMANN_EV_PER_K } from '../../core/constants.ts';
import { InputError } from '../../core/errors.ts';

export type ArrheniusForm = 'sigmaT' | 'sigma';

export interface ArrheniusResult {
  form: ArrheniusForm;
  /** Activation energy, eV. */
  Ea: number;
  EaStderr: number | null;
  /** A in S·K/cm (sigmaT) or σ0 in S/cm (sigma). */
  prefactor: number;
  prefactorUnit: string;
  /** Standard error of ln(prefactor). */
  lnPrefactorStderr: number | null;
  temperatureRangeK: [number, number];
  points: number;
  /** Coefficient of determination of the linear fit. */
  r2: number | null;
}

export function arrheniusFit(
  temperaturesK: ArrayLike<number>,
  sigmaSPerCm: ArrayLike<number>,
  form: ArrheniusForm = 'sigmaT',
): ArrheniusResult {
  const n = temperaturesK.length;
  if (n !== sigmaSPerCm.length)
    throw new InputError('temperatures and conductivities differ in number', { field: 'temperatures' });
  if (n < 2)
    throw new InputError('an Arrhenius fit needs at least two temperatures', {
      field: 'temperatures',
      found: String(n),
    });
  if (form !== 'sigmaT' && form !== 'sigma')
    throw new InputError('unknown Arrhenius form', {
      field: 'form',
      expected: 'sigmaT or sigma',
      found: String(form),
    });
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const T = temperaturesK[i];
    const s = sigmaSPerCm[i];
    if (!(T > 0))
      throw new InputError('temperature must be positive (K)', { field: 'temperature', found: String(T) });
    if (!(s > 0)) throw new InputError('conductivity must be positive', { field: 'sigma', found: String(s) });
    x.push(1 / T);
    y.push(Math.log(form === 'sigmaT' ? s * T : s));
  }
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
    syy += (y[i] - my) ** 2;
  }
  if (!(sxx > 0)) throw new InputError('all temperatures are equal', { field: 'temperatures' });
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssr = 0;
  for (let i = 0; i < n; i++) ssr += (y[i] - intercept - slope * x[i]) ** 2;
  const dof = n - 2;
  const s2 = dof > 0 ? ssr / dof : Number.NaN;
  const seSlope = dof > 0 ? Math.sqrt(s2 / sxx) : null;
  const seIntercept = dof > 0 ? Math.sqrt(s2 * (1 / n + (mx * mx) / sxx)) : null;
  return {
    form,
    Ea: -slope * BOLTZMANN_EV_PER_K,
    EaStderr: seSlope === null ? null : seSlope * BOLTZMANN_EV_PER_K,
    prefactor: Math.exp(intercept),
    prefactorUnit: form === 'sigmaT' ? 'S K/cm' : 'S/cm',
    lnPrefactorStderr: seIntercept,
    temperatureRangeK: [Math.min(...Array.from(temperaturesK)), Math.max(...Array.from(temperaturesK))],
    points: n,
    r2: syy > 0 ? 1 - ssr / syy : null,
  };
}
