/** Layered-oxide stacking: notations, classification, interphases, α/β, generators, atomic models. */
export type { AnalyzeOptions, DomainStats, Polytype, StackAnalysis } from './analyze.ts';
export { analyzeStack, recognisePolytype } from './analyze.ts';
export { buildStructure, MAX_BUILD_SLABS } from './builder.ts';
export { boundaries, mergeShortRuns, runsOf } from './domains.ts';
export type {
  Block,
  DomainLengthLaw,
  GlideState,
  MarkovParams,
  PhaseTypeDesign,
  PhaseTypeParams,
} from './generators.ts';
export {
  blockStack,
  designPhaseType,
  domainLengthMoments,
  labelFor,
  lawFromMoments,
  markovCharacters,
  markovFromTargets,
  markovStack,
  markovTheory,
  phaseTypeCharacters,
  phaseTypeStack,
  sampleDomainLength,
} from './generators.ts';
export type { FanoCrossCheck, InterphaseMetricDefinitions } from './metrics.ts';
export { coefficientOfVariation, fanoCrossCheck, interphaseGaps, PROPOSED_DEFINITIONS } from './metrics.ts';
export type { Notation, ParseStackOptions } from './notation.ts';
export { detectNotation, parseBlocks, parseCompact, parseLetters, parseStack } from './notation.ts';
export type { LayeredParams, LayeredParamsInput } from './parameters.ts';
export { DEFAULT_COMPOSITION, parseLayeredComposition, resolveLayeredParams } from './parameters.ts';
export type { SlabAtom } from './slab.ts';
export { columnXY, slabAtoms } from './slab.ts';
export type { SpacingTable } from './spacings.ts';
export { DEFAULT_SPACINGS_A, interlayerSpacings } from './spacings.ts';
export type { Character, ColumnLetter, Environment, LocalLabel, Stack, StackGeometry } from './stacking.ts';
export {
  COLUMN_LETTERS,
  canonicalForm,
  formatColumns,
  glide,
  LOCAL_LABELS,
  labelTriplet,
  localLabel,
  makeStack,
  stackFromCompact,
  stackFromLabels,
  stackGeometry,
} from './stacking.ts';
export type { IntergrowthSpec } from './xrdModel.ts';
export {
  explicitModel,
  intergrowthFromTargets,
  intergrowthModel,
  markovIntergrowthFromTargets,
} from './xrdModel.ts';
