/**
 * Physical constants, CODATA 2018 (E. Tiesinga et al., Rev. Mod. Phys. 93, 025010 (2021),
 * doi:10.1103/RevModPhys.93.025010; https://physics.nist.gov/cuu/Constants/). Since the 2019 SI
 * redefinition h, c, e, k_B and N_A are exact; the others carry the CODATA 2018 recommended value.
 * Derived constants are computed from the exact ones so that they stay consistent to the last bit.
 */

/** Planck constant h, J·s (exact, SI 2019). */
export const PLANCK_J_S = 6.62607015e-34;

/** Speed of light in vacuum c, m/s (exact). */
export const SPEED_OF_LIGHT_M_PER_S = 299_792_458;

/** Elementary charge e, C (exact). Numerically also the J per eV. */
export const ELEMENTARY_CHARGE_C = 1.602176634e-19;

/** Boltzmann constant k_B, J/K (exact). */
export const BOLTZMANN_J_PER_K = 1.380649e-23;

/** Boltzmann constant k_B in eV/K (exact ratio k_B / e = 8.617333262… × 10⁻⁵). */
export const BOLTZMANN_EV_PER_K = BOLTZMANN_J_PER_K / ELEMENTARY_CHARGE_C;

/** Avogadro constant N_A, 1/mol (exact). */
export const AVOGADRO_PER_MOL = 6.02214076e23;

/** Faraday constant F = N_A·e, C/mol (exact product, 96 485.332 12…). */
export const FARADAY_C_PER_MOL = AVOGADRO_PER_MOL * ELEMENTARY_CHARGE_C;

/** Molar gas constant R = N_A·k_B, J/(mol·K) (exact product, 8.314 462 618…). */
export const GAS_CONSTANT_J_PER_MOL_K = AVOGADRO_PER_MOL * BOLTZMANN_J_PER_K;

/** Electron mass m_e, kg (CODATA 2018 recommended, relative uncertainty 3.0 × 10⁻¹⁰). */
export const ELECTRON_MASS_KG = 9.1093837015e-31;

/** Vacuum electric permittivity ε₀, F/m (CODATA 2018 recommended, rel. uncertainty 1.5 × 10⁻¹⁰). */
export const VACUUM_PERMITTIVITY_F_PER_M = 8.8541878128e-12;

/** Bohr radius a₀, Å (CODATA 2018: 0.529 177 210 903(80) × 10⁻¹⁰ m). */
export const BOHR_RADIUS_A = 0.529177210903;

/** Metres per ångström. */
export const METRES_PER_ANGSTROM = 1e-10;

/**
 * h·c in keV·Å (12.398 419 843 320 03…), from exact constants: λ(Å) = HC_KEV_A / E(keV).
 */
export const HC_KEV_A =
  (PLANCK_J_S * SPEED_OF_LIGHT_M_PER_S) / ELEMENTARY_CHARGE_C / 1e3 / METRES_PER_ANGSTROM;

/** kJ/mol per eV per particle: e·N_A / 1000 (96.485 332 12…). */
export const KJ_PER_MOL_PER_EV = (ELEMENTARY_CHARGE_C * AVOGADRO_PER_MOL) / 1e3;

/** 0 °C in kelvin (exact by definition of the Celsius scale). */
export const ZERO_CELSIUS_K = 273.15;

/** cm³ per Å³ (1 Å = 10⁻⁸ cm). */
export const CM3_PER_A3 = 1e-24;
