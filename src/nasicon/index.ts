/** NASICON solid electrolytes: compositions, template structures, BVSE landscape, conductivity. */

export type { BottleneckOptions, Hop } from './bvse/bottleneck.ts';
export { bottleneckHops } from './bvse/bottleneck.ts';
export { bvseCube } from './bvse/cube.ts';
export type { BvseGrid, BvseOptions, FrameworkSpecies, MorseConvention } from './bvse/energy.ts';
export { bvseGrid, principalQuantumNumber, resolveOxidationStates, voxelFrac } from './bvse/energy.ts';
export type { GrdVolume } from './bvse/grd.ts';
export { bvseGrd, readGrd, writeGrd } from './bvse/grd.ts';
export type { BvseIsosurface, IsosurfaceMesh, PeriodicScalarGrid } from './bvse/isosurface.ts';
export { bvseIsosurface, isosurface, meshArea, meshEnclosedVolume, triangleSoup } from './bvse/isosurface.ts';
export { meshToObj } from './bvse/obj.ts';
export type { MergeEvent, PercolationOptions, PercolationResult } from './bvse/percolation.ts';
export { percolationBarriers } from './bvse/percolation.ts';
export type { NasiconComposition, NasiconFamily, NzspSpec } from './composition.ts';
export {
  liNasiconFormula,
  nasiconCharge,
  nzspFormula,
  parseNasiconFormula,
  SITE_CAPACITY,
} from './composition.ts';
export type { ArrheniusFit, ArrheniusForm, ConductivityEstimate, ConductivityRow } from './conductivity.ts';
export {
  arrheniusSigma,
  conductivityRows,
  estimateConductivity,
  fitArrhenius,
  membraneAsr,
} from './conductivity.ts';
export type { MonoclinicResult } from './monoclinic.ts';
export { C2C_OPERATIONS, c2cWyckoff, HEX_TO_C2C, monoclinicCell, toMonoclinic } from './monoclinic.ts';
export type { HullResult, MetalReaction, Phase, PhaseSet, WindowResult } from './stability/grandPotential.ts';
export {
  hull,
  phase,
  phasesInSpace,
  reactionWithMetal,
  stabilityWindow,
} from './stability/grandPotential.ts';
export { solveLp } from './stability/simplex.ts';
export type { LiteratureWindow, StabilityAnalysis } from './stability/stability.ts';
export { analyseStability, parsePhaseSetJson, shippedPhaseSet } from './stability/stability.ts';
export type { BuildOptions, LatticeChoice, NasiconStructure, TemplateSiteKey } from './template.ts';
export { buildNasicon, nasiconLattice, r3cOperations } from './template.ts';
