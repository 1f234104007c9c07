/**
 * Plating and penetration (brief §4.3–4.4): current focusing at contact edges, the Griffith/Porz
 * flaw-filling criterion, Lowack's J_crit ∝ c_max^1.5 scaling, Weibull flaw populations and the
 * electronic-leakage (internal nucleation) path.
 */
import { BOLTZMANN_EV_PER_K, FARADAY_C_PER_MOL } from '../core/constants.ts';
import { InputError } from '../core/errors.ts';
import type { Rng } from '../core/rng.ts';
import { chargeTransferAsrFull } from './contact.ts';
import type { InterfaceParameters, MetalProperties } from './parameters.ts';

function requireFlaw(c_m: number): void {
  if (!(Number.isFinite(c_m) && c_m > 0))
    throw new InputError('flaw size must be positive', {
      field: 'flawSize',
      found: String(c_m),
      expected: 'a length > 0 (e.g. 10um)',
    });
}

/** Hydrostatic pressure (MPa) in a metal-filled edge flaw of depth c (m) at which K_I = K_IC: K_IC/(Y√(πc)). */
export function flawCriticalPressure(c_m: number, kic_MPa_sqrt_m: number, Y: number): number {
  requireFlaw(c_m);
  return kic_MPa_sqrt_m / (Y * Math.sqrt(Math.PI * c_m));
}

/**
 * Porz flaw-filling criterion: η_crit = V_m·K_IC/(F·Y·√(πc)) in V, with p = F|η|/V_m.
 * Inputs: c in m, K_IC in MPa·√m, V_m in cm³/mol.
 */
export function flawCriticalOverpotential(
  c_m: number,
  kic_MPa_sqrt_m: number,
  molarVolume_cm3_per_mol: number,
  Y: number,
): number {
  return (
    (molarVolume_cm3_per_mol * 1e-6 * flawCriticalPressure(c_m, kic_MPa_sqrt_m, Y) * 1e6) / FARADAY_C_PER_MOL
  );
}

/**
 * Current focusing at the edge of a contact spot: primary current distribution on a disc,
 * j(r)/j_avg = 1/(2√(1 − (r/a)²)), evaluated at r/a = 1 − cutoff (the singular edge is cut off at
 * a flaw/grain scale).
 */
export function edgeFocusingFactor(cutoffFraction: number): number {
  const r = 1 - cutoffFraction;
  return 1 / (2 * Math.sqrt(1 - r * r));
}

/** Local plating overpotential (V) at a contact-spot edge for geometric current j (mA/cm²) and contact fraction f. */
export function localPlatingOverpotential(
  p: InterfaceParameters,
  current_mA_cm2: number,
  contactFraction: number,
  T_K: number,
): number {
  const f = Math.max(contactFraction, p.minContactFraction);
  return (
    (edgeFocusingFactor(p.edgeCutoffFraction) *
      (Math.abs(current_mA_cm2) * 1e-3) *
      chargeTransferAsrFull(p, T_K)) /
    f
  );
}

/** Critical plating current (mA/cm²) at which the edge overpotential reaches η_crit of a flaw of size c (m). */
export function criticalPlatingCurrent(
  m: MetalProperties,
  p: InterfaceParameters,
  kic_MPa_sqrt_m: number,
  flaw_m: number,
  contactFraction: number,
  T_K: number,
): number {
  const eta = flawCriticalOverpotential(
    flaw_m,
    kic_MPa_sqrt_m,
    m.molarVolume_cm3_per_mol,
    p.flawGeometryFactor,
  );
  const f = Math.max(contactFraction, p.minContactFraction);
  return ((eta * f) / (edgeFocusingFactor(p.edgeCutoffFraction) * chargeTransferAsrFull(p, T_K))) * 1e3;
}

/**
 * Lowack (arXiv:2603.20113) scaling J_crit = J_ref·(c/c_ref)^1.5·exp(−Ea/k(1/T − 1/T_ref)).
 * NOTE: as printed in the abstract the exponent is +3/2 (J_crit rises with the longest defect),
 * the opposite trend to Griffith/Porz; it is reported, not used for the short in the simulator.
 */
export function lowackCriticalCurrent(
  jRef_mA_cm2: number,
  cRef_m: number,
  c_m: number,
  T_K: number,
  refT_K: number,
  ea_eV: number,
  exponent = 1.5,
): number {
  requireFlaw(c_m);
  return (
    jRef_mA_cm2 *
    (c_m / cRef_m) ** exponent *
    Math.exp((-ea_eV / BOLTZMANN_EV_PER_K) * (1 / T_K - 1 / refT_K))
  );
}

/** Weibull sample c = λ·(−ln(1 − U))^(1/m). */
export function sampleWeibull(rng: Rng, scale: number, modulus: number): number {
  return scale * (-Math.log(1 - rng.next())) ** (1 / modulus);
}

/** Weibull CDF F(c) = 1 − exp(−(c/λ)^m). */
export function weibullCdf(c: number, scale: number, modulus: number): number {
  return c <= 0 ? 0 : 1 - Math.exp(-((c / scale) ** modulus));
}

/** Electronic transference number t_e = σ_e/(σ_e + σ_ion). */
export function electronicTransference(
  sigmaElectronic_S_per_cm: number,
  sigmaIonic_S_per_cm: number,
): number {
  return sigmaElectronic_S_per_cm / (sigmaElectronic_S_per_cm + sigmaIonic_S_per_cm);
}

/** Hebb–Wagner steady-state electronic current density with blocking electrodes, (σ_e/L)·U, in mA/cm². */
export function hebbWagnerCurrent(
  sigmaElectronic_S_per_cm: number,
  voltage_V: number,
  thickness_cm: number,
): number {
  return ((sigmaElectronic_S_per_cm * voltage_V) / thickness_cm) * 1e3;
}

/**
 * Growth rate (cm/s) of the effective flaw by metal precipitated internally from the electronic
 * leakage (internal nucleation, Han et al. 2019): a fraction t_e of the current deposits metal in
 * the grain-boundary network of porosity φ_gb ahead of the flaw [I].
 */
export function leakageFlawGrowthRate(
  m: MetalProperties,
  p: InterfaceParameters,
  current_mA_cm2: number,
  electronicTransferenceNumber: number,
): number {
  return (
    (electronicTransferenceNumber * Math.abs(current_mA_cm2) * 1e-3 * m.molarVolume_cm3_per_mol) /
    (m.z * FARADAY_C_PER_MOL * p.gbNetworkPorosity)
  );
}

/** Tip velocity (cm/s) of a metal-filled crack once initiated: focused plating into the crack. */
export function dendriteTipVelocity(
  m: MetalProperties,
  p: InterfaceParameters,
  current_mA_cm2: number,
  contactFraction: number,
): number {
  const f = Math.max(contactFraction, p.minContactFraction);
  return (
    (p.dendriteFocusing * Math.abs(current_mA_cm2) * 1e-3 * m.molarVolume_cm3_per_mol) /
    (m.z * FARADAY_C_PER_MOL * f)
  );
}

/**
 * Subcritical (stress-corrosion) growth of a metal-filled flaw below the Porz threshold, Lowack's
 * branch driven by residual electronic conduction: dc/dt = v0·(σ_e/σ_e,ref)·(K_I/K_IC)^N, with
 * K_I/K_IC = η/η_crit(c) because K_I = Y·(Fη/V_m)·√(πc) [I]. Returns cm/s.
 */
export function subcriticalGrowthRate(
  p: InterfaceParameters,
  sigmaElectronic_S_per_cm: number,
  stressIntensityRatio: number,
): number {
  if (!(stressIntensityRatio > 0)) return 0;
  return (
    p.subcriticalVelocity_cm_per_s *
    (sigmaElectronic_S_per_cm / p.electronicConductivityRef_S_per_cm) *
    Math.min(1, stressIntensityRatio) ** p.subcriticalExponent
  );
}
