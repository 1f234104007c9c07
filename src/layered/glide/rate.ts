import { InputError } from '../../core/errors.ts';
import type { GlideParams } from './params.ts';

/**
 * Rate capability from a single-particle model: Na diffusion in a sphere of radius R (Fick's law,
 * ∂x/∂t = D ∇²x in Na per formula unit), galvanostatic discharge (sodiation) from a uniform xMin at
 * C-rate C (1C fills the window xMax − xMin in one hour: surface flux −D ∂x/∂r = R·(xMax − xMin)·C/(3·3600 s)),
 * cut-off when the surface reaches xMax. Delivered fraction = (x̄_end − xMin)/(xMax − xMin).
 *
 * Na moves inside the 2-D Na layers, which conduct in parallel: D = f_P·D_P + f_O·D_O over the
 * active interlayers (arithmetic mean, an assumption stated in docs/gliding.md).
 *
 * Numerics: finite volumes on equal shells, backward Euler (unconditionally stable), tridiagonal solve.
 */
export interface RateOptions {
  /** Radial shells (default 40). */
  shells?: number;
  /** Time steps per nominal discharge time 1/C (default 400). */
  stepsPerDischarge?: number;
}

export interface RateResult {
  cRates: number[];
  /** Delivered capacity as a fraction of the window at each C-rate. */
  capacityFraction: number[];
  diffusivityCm2PerS: number;
  oFraction: number;
  radiusUm: number;
}

/** Effective diffusivity for an O-type fraction (parallel 2-D channels). */
export function effectiveDiffusivity(p: GlideParams, oFraction: number): number {
  return (1 - oFraction) * p.diffusivityPCm2PerS + oFraction * p.diffusivityOCm2PerS;
}

/** Delivered fraction at one C-rate for diffusivity D (cm²/s) and radius R (µm). */
export function sphereDischargeFraction(
  p: GlideParams,
  dCm2PerS: number,
  radiusUm: number,
  cRate: number,
  o: RateOptions = {},
): number {
  if (!(cRate > 0 && Number.isFinite(cRate)))
    throw new InputError('C-rate must be a positive number', { field: 'cRates', found: String(cRate) });
  const nr = o.shells ?? 40;
  const window = p.xMax - p.xMin;
  const R = radiusUm * 1e-4; // cm
  const tEnd = 3600 / cRate; // nominal discharge time, s
  const dt = tEnd / (o.stepsPerDischarge ?? 400);
  const dr = R / nr;
  const flux = (R * window * cRate) / (3 * 3600); // x·cm/s into the surface
  // Shell volumes and face areas (4π dropped).
  const vol = new Float64Array(nr);
  const area = new Float64Array(nr + 1);
  for (let i = 0; i < nr; i++) vol[i] = (((i + 1) ** 3 - i ** 3) * dr ** 3) / 3;
  for (let i = 0; i <= nr; i++) area[i] = (i * dr) ** 2;
  const x = new Float64Array(nr).fill(p.xMin);
  const a = new Float64Array(nr);
  const b = new Float64Array(nr);
  const c = new Float64Array(nr);
  const rhs = new Float64Array(nr);
  const cp = new Float64Array(nr);
  const dp = new Float64Array(nr);
  let t = 0;
  let mean = p.xMin;
  const total = vol.reduce((s, v) => s + v, 0);
  for (;;) {
    // Backward Euler: vol_i (x_i' − x_i)/dt = D[A_{i+1}(x_{i+1}' − x_i')/dr − A_i(x_i' − x_{i−1}')/dr] + boundary flux.
    for (let i = 0; i < nr; i++) {
      const wIn = i > 0 ? (dCm2PerS * area[i]) / dr : 0;
      const wOut = i < nr - 1 ? (dCm2PerS * area[i + 1]) / dr : 0;
      a[i] = -wIn * dt;
      c[i] = -wOut * dt;
      b[i] = vol[i] + (wIn + wOut) * dt;
      rhs[i] = vol[i] * x[i] + (i === nr - 1 ? area[nr] * flux * dt : 0);
    }
    // Thomas algorithm.
    cp[0] = c[0] / b[0];
    dp[0] = rhs[0] / b[0];
    for (let i = 1; i < nr; i++) {
      const den = b[i] - a[i] * cp[i - 1];
      cp[i] = c[i] / den;
      dp[i] = (rhs[i] - a[i] * dp[i - 1]) / den;
    }
    x[nr - 1] = dp[nr - 1];
    for (let i = nr - 2; i >= 0; i--) x[i] = dp[i] - cp[i] * x[i + 1];
    t += dt;
    let s = 0;
    for (let i = 0; i < nr; i++) s += vol[i] * x[i];
    mean = s / total;
    // Surface value extrapolated half a shell outwards from the flux.
    const surface = x[nr - 1] + (flux * dr) / (2 * dCm2PerS);
    if (surface >= p.xMax || mean >= p.xMax || t >= tEnd * 1.5) break;
  }
  return Math.min(1, (mean - p.xMin) / window);
}

/** Capacity vs C-rate for a stack state with O fraction `oFraction`, averaged over radii with weights. */
export function rateCapability(
  p: GlideParams,
  oFraction: number,
  cRates: readonly number[],
  radii: readonly { radiusUm: number; weight: number }[] = [{ radiusUm: p.particleRadiusUm, weight: 1 }],
  o: RateOptions = {},
): RateResult {
  if (cRates.length === 0) throw new InputError('give at least one C-rate', { field: 'cRates' });
  const D = effectiveDiffusivity(p, oFraction);
  const wSum = radii.reduce((s, r) => s + r.weight, 0);
  const capacityFraction = cRates.map((c) => {
    let s = 0;
    for (const r of radii) s += r.weight * sphereDischargeFraction(p, D, r.radiusUm, c, o);
    return s / wSum;
  });
  return {
    cRates: [...cRates],
    capacityFraction,
    diffusivityCm2PerS: D,
    oFraction,
    radiusUm: p.particleRadiusUm,
  };
}
