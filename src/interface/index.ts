/**
 * Metal | NASICON interface: contact and interfacial resistance, stripping voids, plating and
 * penetration, the symmetric-cell simulator with CCD read-off, mitigation strategies and
 * manufacturing relations. See docs/interface.md.
 */
export { buildCell, type Cell, type CellInput, type CellOverrides, cellAsr } from './cell.ts';
export {
  arrheniusConductivity,
  type ConductivityBasisRow,
  type ElectrolyteConductivity,
  electrolyteConductivity,
  type MembraneResistance,
  membraneResistance,
  requireKelvin,
} from './conductivity.ts';
export {
  chargeTransferAsrFull,
  constrictionAsr,
  contactFraction,
  holmSpotResistance,
  interfacialAsr,
  metalHardness,
  spotRadius,
  wettedFractionForAsr,
} from './contact.ts';
export {
  type Budget,
  type BudgetInput,
  MANUFACTURING,
  membraneAsr,
  membraneAsrTable,
  type ProcessingEffect,
  type ProcessingInput,
  processingEffect,
  resistanceBudget,
} from './manufacturing.ts';
export {
  checkSymmetricCell,
  isPlainTraceCsv,
  type MeasuredTrace,
  type MeasuredTraceOptions,
  type MeasuredTraceSource,
  readMeasuredTrace,
  SYMMETRIC_REST_VOLTAGE_LIMIT_V,
  type SymmetryCheck,
} from './measuredTrace.ts';
export {
  creepStrainRate,
  flowStress,
  type MonroeNewmanResult,
  monroeNewman,
  shearModulus,
} from './mechanics.ts';
export {
  applyMitigations,
  type Comparison,
  type ComparisonRow,
  compareMitigations,
  getMitigation,
  MITIGATIONS,
  type Mitigation,
} from './mitigations.ts';
export {
  type ArrheniusConductivity,
  ELECTROLYTE_IDS,
  type ElectrolyteConductivitySpec,
  type ElectrolyteProperties,
  electrolyteProperties,
  type InterfaceParameters,
  interfaceParameters,
  type MetalProperties,
  type MetalSymbol,
  metalProperties,
  provenance,
} from './parameters.ts';
export {
  criticalPlatingCurrent,
  dendriteTipVelocity,
  edgeFocusingFactor,
  electronicTransference,
  flawCriticalOverpotential,
  flawCriticalPressure,
  hebbWagnerCurrent,
  LOWACK_DEFECT_EXPONENT,
  leakageFlawGrowthRate,
  localPlatingOverpotential,
  lowackCriticalCurrent,
  sampleWeibull,
  subcriticalGrowthRate,
  weibullCdf,
} from './penetration.ts';
export { describeProtocol, type Protocol, parseProtocol, protocolSegments } from './protocol.ts';
export { acceptedUnits, BASE_UNIT, parseQuantity, type QuantityKind } from './quantities.ts';
export { type CcdReadout, parseTraceCsv, type ReadoffOptions, readCcd, type TraceInput } from './readoff.ts';
export {
  type EnsembleResult,
  type Failure,
  type SimulateOptions,
  type SimulationResult,
  simulate,
  simulateCell,
  simulateEnsemble,
  type Trace,
} from './simulate.ts';
export {
  criticalStrippingCurrent,
  minimumStackPressure,
  powerLawCreepPressure,
  strippingVelocity,
  vacancyDiffusivity,
  vacancySandTime,
} from './voids.ts';
