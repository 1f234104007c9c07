/** Shared numerics: dense linear algebra, Levenberg–Marquardt with bounds, NNLS. */
export * from './boundsTransform.ts';
export * from './levenbergMarquardt.ts';
export * from './linalg.ts';
export * from './nnls.ts';
export * from './statistics.ts';
