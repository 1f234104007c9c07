/**
 * Stability of a NASICON against Na or Li metal from a phase set: the shipped experimental table
 * (data/nasicon/formation-enthalpies.json) or a user set (JSON, one energy scheme). Reports what is
 * missing instead of guessing, and places the literature windows beside the computed ones.
 */

import enthalpies from '../../../data/nasicon/formation-enthalpies.json' with { type: 'json' };
import literatureWindows from '../../../data/nasicon/literature-windows.json' with { type: 'json' };
import { KJ_PER_MOL_PER_EV } from '../../core/constants.ts';
import { InputError } from '../../core/errors.ts';
import { type Formula, parseFormula, reducedFormula } from '../../crystal/composition.ts';
import { parseNasiconFormula } from '../composition.ts';
import {
  type MetalReaction,
  type Phase,
  type PhaseSet,
  reactionWithMetal,
  stabilityWindow,
} from './grandPotential.ts';

interface ShippedRow {
  formula: string;
  formationEnthalpyKjPerMol: number;
  tag: string;
  source: string;
}
const SHIPPED = enthalpies as unknown as {
  scheme: string;
  phases: ShippedRow[];
  decisiveWithoutData: { formulas: string[] };
};

/** The shipped experimental set (ΔfH° 298 K, kJ/mol converted to eV per formula unit). */
export function shippedPhaseSet(): PhaseSet {
  return {
    scheme: SHIPPED.scheme,
    phases: SHIPPED.phases.map((p) => ({
      name: p.formula,
      composition: parseFormula(p.formula),
      energyEv: p.formationEnthalpyKjPerMol / KJ_PER_MOL_PER_EV,
      source: p.source,
      tag: p.tag,
    })),
  };
}

/**
 * Reads a user phase set: {"scheme": "...", "phases": [{"formula": "Na3P", one of
 * "formationEnergyEvPerAtom" | "formationEnergyEvPerFormulaUnit" | "formationEnthalpyKjPerMol",
 * optional "scheme", "source"}]}. Rows naming a different scheme are rejected (never mix schemes).
 */
export function parsePhaseSetJson(text: string, fileName?: string): PhaseSet {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON (${(e as Error).message})`, {
      file: fileName,
      expected: 'a JSON phase set',
    });
  }
  const d = doc as { scheme?: unknown; phases?: unknown };
  if (typeof d?.scheme !== 'string' || !Array.isArray(d.phases))
    throw new InputError('a phase set needs "scheme" (string) and "phases" (array)', {
      file: fileName,
      field: 'scheme/phases',
      expected: '{"scheme": "MP2020", "phases": [{"formula": "Na3P", "formationEnergyEvPerAtom": -0.4}]}',
    });
  const phases: Phase[] = d.phases.map((raw: unknown, i: number) => {
    const p = raw as Record<string, unknown>;
    const field = `phases[${i}]`;
    if (typeof p?.formula !== 'string')
      throw new InputError('phase without a formula', {
        file: fileName,
        field,
        expected: 'a "formula" string',
      });
    if (p.scheme !== undefined && p.scheme !== d.scheme)
      throw new InputError(
        `phase ${p.formula} uses scheme "${String(p.scheme)}" in a "${d.scheme}" set: never mix energy/correction schemes in one hull`,
        {
          file: fileName,
          field,
        },
      );
    let composition: Formula;
    try {
      composition = parseFormula(p.formula);
    } catch (e) {
      throw e instanceof InputError ? e.withLocation({ file: fileName, field }) : e;
    }
    const atoms = Object.values(composition).reduce((a, b) => a + b, 0);
    let energyEv: number;
    if (typeof p.formationEnergyEvPerAtom === 'number') energyEv = p.formationEnergyEvPerAtom * atoms;
    else if (typeof p.formationEnergyEvPerFormulaUnit === 'number')
      energyEv = p.formationEnergyEvPerFormulaUnit;
    else if (typeof p.formationEnthalpyKjPerMol === 'number')
      energyEv = p.formationEnthalpyKjPerMol / KJ_PER_MOL_PER_EV;
    else
      throw new InputError(`phase ${p.formula} has no energy`, {
        file: fileName,
        field,
        expected:
          'formationEnergyEvPerAtom, formationEnergyEvPerFormulaUnit or formationEnthalpyKjPerMol (number)',
      });
    if (!Number.isFinite(energyEv))
      throw new InputError('energy is not a finite number', {
        file: fileName,
        field,
        found: String(energyEv),
      });
    return {
      name: p.formula,
      composition,
      energyEv,
      source: typeof p.source === 'string' ? p.source : undefined,
    };
  });
  return { scheme: d.scheme, phases };
}

export interface LiteratureWindow {
  family: string;
  metal: string;
  windowV: [number | null, number | null] | null;
  method: string;
  tag: string;
  source: string;
}

export interface StabilityAnalysis {
  formula: string;
  metal: string;
  scheme: string;
  /** [V_red, V_ox] vs metal/metal⁺ (V); null when not computable or never stable; V_ox null = above 6 V. */
  window: [number, number | null] | null;
  reduction: { products: { name: string; amount: number }[]; alkaliUptake: number } | null;
  oxidation: { products: { name: string; amount: number }[]; alkaliUptake: number } | null;
  /** Chemical reaction with the metal (Richards mixing); null if none or not computable. */
  reaction: MetalReaction | null;
  /** Phases without energy in the set that decide the answer (the SE itself, reduction products). */
  missing: string[];
  complete: boolean;
  /** Provenance of the phases used. */
  phasesUsed: { name: string; energyEvPerFormulaUnit: number; tag?: string; source?: string }[];
  literature: LiteratureWindow[];
  notes: string[];
}

/** Stability window and metal reaction of a NASICON composition. */
export function analyseStability(
  formula: string,
  metal: string,
  set: PhaseSet = shippedPhaseSet(),
): StabilityAnalysis {
  if (metal !== 'Na' && metal !== 'Li')
    throw new InputError('metal must be Na or Li', { field: '--metal', found: metal, expected: 'Na or Li' });
  const comp = parseNasiconFormula(formula);
  const composition = parseFormula(formula);
  const space = [...new Set([...Object.keys(composition), metal])];
  const inSpace = (f: Formula) => Object.keys(f).every((e) => space.includes(e));
  const key = reducedFormula(composition);
  const seRow = set.phases.find((p) => reducedFormula(p.composition) === key);
  const have = new Set(set.phases.map((p) => reducedFormula(p.composition)));
  const missing: string[] = [];
  if (!seRow) missing.push(comp.formula);
  for (const f of SHIPPED.decisiveWithoutData.formulas) {
    const fc = parseFormula(f);
    if (inSpace(fc) && !have.has(reducedFormula(fc))) missing.push(f);
  }
  const notes: string[] = [];
  if (metal !== comp.alkali)
    notes.push(`${comp.alkali}-NASICON against ${metal} metal: ion exchange is not modelled`);
  const literature = (literatureWindows as unknown as { windows: LiteratureWindow[] }).windows.filter(
    (w) =>
      w.metal === metal &&
      (w.family === comp.family || (comp.family === 'doped-NZSP' && w.family === 'NZSP')),
  );
  const used = set.phases
    .filter((p) => inSpace(p.composition))
    .map((p) => ({ name: p.name, energyEvPerFormulaUnit: p.energyEv, tag: p.tag, source: p.source }));
  const base = {
    formula: comp.formula,
    metal,
    scheme: set.scheme,
    missing,
    complete: missing.length === 0,
    phasesUsed: used,
    literature,
  };
  if (!seRow) {
    notes.push(
      `no ${set.scheme} energy for ${comp.formula} itself: window and reaction not computed (supply a phase set with it)`,
    );
    return { ...base, window: null, reduction: null, oxidation: null, reaction: null, notes };
  }
  const se: Phase = { ...seRow, name: comp.formula };
  const w = stabilityWindow(set, se, metal);
  const reaction = reactionWithMetal(set, se, metal);
  if (missing.length > 0)
    notes.push(
      `phases missing from the set (${missing.join(', ')}) can only lower the competing hull: the computed window is an upper bound on the true window (true V_red ≥ computed, true V_ox ≤ computed) and the reaction energy an upper bound (the true one is as or more negative)`,
    );
  if (set.phases.some((p) => p.tag === 'R'))
    notes.push('the set includes recalled [R] energies: verify before quoting');
  return {
    ...base,
    window: w.window,
    reduction:
      w.reductionProducts && w.reductionAlkaliUptake !== null
        ? { products: w.reductionProducts, alkaliUptake: w.reductionAlkaliUptake }
        : null,
    oxidation:
      w.oxidationProducts && w.oxidationAlkaliUptake !== null
        ? { products: w.oxidationProducts, alkaliUptake: w.oxidationAlkaliUptake }
        : null,
    reaction,
    notes,
  };
}
