/** Gliding simulator of layered oxides (issue #4): kMC of P↔O gliding, damage and fade, rate, design map. */
export type {
  CalibrationSettings,
  FitKey,
  FitResult,
  ReferencePrediction,
  RetentionCurve,
} from './calibrate.ts';
export {
  DEFAULT_CALIBRATION_SETTINGS,
  fitRetention,
  fitSinglePhaseAmplitude,
  INTERGROWTH_OBSERVED,
  modelRetention,
  parseRetentionCsv,
  referenceCalibration,
  SINGLE_PHASE_TARGET,
  singlePhaseSource,
} from './calibrate.ts';
export { applyCycleDamage } from './damage.ts';
export type { Axis, MapPoint } from './designMap.ts';
export { axisValues, checkAxes, mapPoint, paretoFront, parseAxis } from './designMap.ts';
export type { EnsembleResult } from './ensemble.ts';
export { aggregate, retentionAt } from './ensemble.ts';
export type { KmcCounters, ParticleState } from './kmc.ts';
export { GlideKmc, newCounters } from './kmc.ts';
export type { GlideLattice } from './lattice.ts';
export { latticeFromStack, stackWithShifts } from './lattice.ts';
export type { AnchoringMode, GlideParams, ParameterEntry } from './params.ts';
export {
  checkParams,
  DEFAULT_GLIDE_PARAMS,
  DEFAULT_PARAMETER_ENTRIES,
  glideParamsSchema,
  PARAMETER_SET_SOURCE,
  parseParamsFile,
  resolveParams,
} from './params.ts';
export { activeFraction, newParticle, oFraction } from './particle.ts';
export type { ProtocolStep } from './protocol.ts';
export { cycleDurationS, cycleProtocol } from './protocol.ts';
export type { RateOptions, RateResult } from './rate.ts';
export { effectiveDiffusivity, rateCapability, sphereDischargeFraction } from './rate.ts';
export type { Progress } from './run.ts';
export { simulateEnsemble } from './run.ts';
export type {
  CycleCurve,
  ParticleRun,
  SimulateOptions,
  StackSnapshot,
  StackSource,
} from './simulate.ts';
export {
  checkOptions,
  checkSource,
  particleRadius,
  particleStack,
  recordedCycles,
  runParticle,
  simulateParticle,
} from './simulate.ts';
