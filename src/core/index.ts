/** Public face of core: errors, seeded RNG, constants, units, elements, X-ray scattering. */
export * from './constants.ts';
export * from './elements.ts';
export * from './errors.ts';
export * from './rng.ts';
export * from './scattering.ts';
export * from './units.ts';
