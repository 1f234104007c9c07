/** `natrium nasicon stability`: window and metal reaction from the shipped or a user phase set. */
import { analyseStability, parsePhaseSetJson, type StabilityAnalysis } from '../../nasicon/index.ts';

export interface NasiconStabilityRequest {
  formula: string;
  metal: string;
  /** User phase set as JSON text (see parsePhaseSetJson); default: shipped experimental table. */
  phaseSet?: { text: string; fileName?: string };
}

export function nasiconStability(req: NasiconStabilityRequest): StabilityAnalysis {
  const set = req.phaseSet ? parsePhaseSetJson(req.phaseSet.text, req.phaseSet.fileName) : undefined;
  return analyseStability(req.formula, req.metal, set);
}
