/** Faulted-stack diffraction (brief §5): layer form factors, stacking recursion, powder integration. */
export { broaden, instrumentFwhm } from './broadening.ts';
export type { DiffaxInput, InstrumentBroadening } from './diffax.ts';
export { parseDiffax } from './diffax.ts';
export type { Cell, FaultedModel, LayerAtom, LayerType, StackingMode, Transition } from './model.ts';
export { DEFAULT_DETUNE, MAX_STATES, stationaryProbabilities, validateModel } from './model.ts';
export type { FaultedPowderOptions, FaultedPowderPattern, Radiation, RodSummary } from './powder.ts';
export { faultedPowderPattern, randomSequence } from './powder.ts';
export type { ScatteringFactor } from './rod.ts';
export { RodEvaluator, reciprocalMetric } from './rod.ts';
export { structureFromSequence } from './supercell.ts';
