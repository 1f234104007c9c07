/**
 * Lorentz–polarisation factors for powder diffraction in Bragg–Brentano / Debye–Scherrer geometry
 * (International Tables Vol. C §6.2.5). θ is the Bragg angle (half of 2θ), in radians.
 *
 * - 'lab': unpolarised tube beam, optionally with a crystal monochromator at Bragg angle 2θm
 *   (diffracted- or incident-beam; the form is the same): (1 + cos²2θm·cos²2θ) / ((1 + cos²2θm)·sin²θ·cosθ).
 *   With no monochromator (2θm = 0) this is (1 + cos²2θ)/(2·sin²θ·cosθ); the constant factor 2 drops
 *   out of relative intensities.
 * - 'synchrotron': beam fully polarised in the horizontal plane with the diffraction plane vertical,
 *   so the polarisation factor is 1: 1/(sin²θ·cosθ).
 * - 'none': 1 (bare |F|²·multiplicity).
 */
export type LorentzPolarizationMode = 'lab' | 'synchrotron' | 'none';

export function lorentzPolarization(
  theta: number,
  mode: LorentzPolarizationMode,
  monochromatorTwoThetaRad = 0,
): number {
  if (mode === 'none') return 1;
  const s = Math.sin(theta);
  const lorentz = 1 / (s * s * Math.cos(theta));
  if (mode === 'synchrotron') return lorentz;
  const c2 = Math.cos(2 * theta);
  const cm = Math.cos(monochromatorTwoThetaRad);
  return (lorentz * (1 + cm * cm * c2 * c2)) / (1 + cm * cm);
}
