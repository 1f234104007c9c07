/** Cycling analysis: step table, per-cycle summary, dQ/dV and dV/dQ. */
export {
  DIFFERENTIAL_DEFAULTS,
  type DifferentialOptions,
  STEP_DEFAULTS,
  type StepDetectionOptions,
} from './defaults.ts';
export {
  type DqdvFlag,
  type DqdvPeak,
  type DqdvResult,
  type DqdvSegment,
  differentialCapacity,
  monotonePieces,
} from './dqdv.ts';
export { savitzkyGolay } from './savitzkyGolay.ts';
export { detectSteps, type Step, type StepTable, type StepType } from './steps.ts';
export {
  type CeConvention,
  type CycleSummary,
  type CyclingSummary,
  type SummaryOptions,
  summarizeCycles,
} from './summary.ts';
export { type SyntheticCellOptions, syntheticCycling, toCsv } from './synthetic.ts';
