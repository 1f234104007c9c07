/**
 * Phase stability of a solid electrolyte with an open alkali element (grand-potential convex hull)
 * and its chemical reaction with the alkali metal (Richards-type mixing), by linear programming.
 *
 * Energies are formation energies per formula unit (eV) relative to the elements (energy 0), all from
 * ONE scheme (experimental enthalpies, or one DFT database with one correction scheme).
 *   Grand potential of phase i at alkali chemical potential Δμ (eV, relative to the metal):
 *     Φ_i = E_i − Δμ·n_{i,A};  Δμ = −e·V with V vs A/A⁺.
 *   The hull at Δμ for a composition c (non-A elements) is min Σλ_iΦ_i s.t. Σλ_i n_i = c, λ ≥ 0.
 *   The electrolyte is stable at V when Φ_SE ≤ hull of all *other* phases (decomposition energy ≤ 0).
 *   Reaction with the metal: ΔE(x) = E_hull(x·c_SE + (1−x)·A) − x·e_SE − (1−x)·e_A per atom; the
 *   most negative value over x ∈ [0, 1] and its products (convex in x → ternary search).
 */
import { InputError } from '../../core/errors.ts';
import { type Formula, parseFormula, reducedFormula } from '../../crystal/composition.ts';
import { solveLp } from './simplex.ts';

export interface Phase {
  name: string;
  composition: Formula;
  /** Formation energy per formula unit as written (eV). */
  energyEv: number;
  source?: string;
  tag?: string;
}

export interface PhaseSet {
  /** One energy scheme for the whole set ('experimental-298K', 'MP2020', …). */
  scheme: string;
  phases: Phase[];
}

const atomsOf = (f: Formula) => Object.values(f).reduce((a, b) => a + b, 0);
const sameFormula = (a: Formula, b: Formula) => reducedFormula(a) === reducedFormula(b);

/** Phases of the set that live in the chemical space `elements`, plus zero-energy elements. */
export function phasesInSpace(set: PhaseSet, elements: string[]): Phase[] {
  const space = new Set(elements);
  const out = set.phases.filter((p) => Object.keys(p.composition).every((e) => space.has(e)));
  for (const el of elements)
    if (!out.some((p) => Object.keys(p.composition).length === 1 && p.composition[el] !== undefined))
      out.push({ name: el, composition: { [el]: 1 }, energyEv: 0, source: 'element (reference state)' });
  return out;
}

export interface HullResult {
  /** Minimum (grand) energy of the composition (eV per the given amounts). */
  energy: number;
  products: { name: string; amount: number }[];
}

/**
 * Lowest-energy combination of `phases` with the element amounts `target` (for every element except
 * `open`, whose amount is free and which costs −Δμ per atom).
 */
export function hull(
  phases: Phase[],
  target: Formula,
  open?: { element: string; deltaMuEv: number },
): HullResult {
  const elements = [
    ...new Set([...Object.keys(target), ...phases.flatMap((p) => Object.keys(p.composition))]),
  ].filter((e) => e !== open?.element);
  const cols = phases.filter((p) => !(open && Object.keys(p.composition).every((e) => e === open.element)));
  const c = cols.map((p) => p.energyEv - (open ? open.deltaMuEv * (p.composition[open.element] ?? 0) : 0));
  const A = elements.map((e) => cols.map((p) => p.composition[e] ?? 0));
  const b = elements.map((e) => target[e] ?? 0);
  const r = solveLp(c, A, b);
  if (r.status !== 'optimal')
    throw new InputError('the phase set cannot make this composition (an element has no phase)', {
      field: 'phases',
      found: reducedFormula(target),
    });
  return {
    energy: r.value,
    products: cols.map((p, i) => ({ name: p.name, amount: r.x[i] })).filter((p) => p.amount > 1e-9),
  };
}

export interface WindowResult {
  /**
   * [V_red, V_ox] vs A/A⁺ (V), or null if the phase is never stable in the scanned range; V_ox is null
   * when the phase is still stable at the top of the scan (maxVoltage).
   */
  window: [number, number | null] | null;
  /** Grand-potential decomposition energy per atom of the SE at V (eV/atom, ≤ 0 means stable), sampled. */
  scan: { voltage: number; decompositionEvPerAtom: number }[];
  /** Products just below V_red (reduction) and just above V_ox (oxidation), per formula unit of SE. */
  reductionProducts: { name: string; amount: number }[] | null;
  oxidationProducts: { name: string; amount: number }[] | null;
  /** Alkali atoms taken up (+) or released (−) per formula unit at the reduction / oxidation limit. */
  reductionAlkaliUptake: number | null;
  oxidationAlkaliUptake: number | null;
}

const STABLE_TOL_EV = 1e-6;

/** Electrochemical stability window of `se` (must be in the set) against alkali `element`. */
export function stabilityWindow(
  set: PhaseSet,
  se: Phase,
  element: string,
  options: { maxVoltage?: number; step?: number } = {},
): WindowResult {
  const vMax = options.maxVoltage ?? 6;
  const step = options.step ?? 0.02;
  const space = [...new Set([...Object.keys(se.composition), element])];
  const others = phasesInSpace(set, space).filter((p) => !sameFormula(p.composition, se.composition));
  const nonA = atomsOf(se.composition) - (se.composition[element] ?? 0);
  const decomposition = (V: number) => {
    const h = hull(others, se.composition, { element, deltaMuEv: -V });
    const phiSe = se.energyEv + V * (se.composition[element] ?? 0);
    return { value: (phiSe - h.energy) / nonA, hull: h };
  };
  const scan: WindowResult['scan'] = [];
  let lo: number | null = null;
  let hi: number | null = null;
  const nScan = Math.round(vMax / step);
  for (let s = 0; s <= nScan; s++) {
    const V = (s * vMax) / nScan;
    const d = decomposition(V).value;
    scan.push({ voltage: V, decompositionEvPerAtom: d });
    if (d <= STABLE_TOL_EV) {
      lo ??= V;
      hi = V;
    }
  }
  if (lo === null || hi === null)
    return {
      window: null,
      scan,
      reductionProducts: null,
      oxidationProducts: null,
      reductionAlkaliUptake: null,
      oxidationAlkaliUptake: null,
    };
  const stable = (V: number) => decomposition(V).value <= STABLE_TOL_EV;
  const bisect = (a: number, b: number) => {
    // a unstable, b stable (or the reverse); returns the boundary.
    const sa = stable(a);
    for (let i = 0; i < 50; i++) {
      const m = (a + b) / 2;
      if (stable(m) === sa) a = m;
      else b = m;
    }
    return (a + b) / 2;
  };
  const vRed = lo > 0 ? bisect(lo - step, lo) : 0;
  const vOx = hi < vMax - 1e-9 ? bisect(hi, Math.min(vMax, hi + step)) : null;
  const uptake = (V: number) => {
    const h = decomposition(V).hull;
    const nA = h.products.reduce((s, p) => {
      const ph = others.find((o) => o.name === p.name)!;
      return s + p.amount * (ph.composition[element] ?? 0);
    }, 0);
    return { products: h.products, uptake: nA - (se.composition[element] ?? 0) };
  };
  const red = vRed > 0 ? uptake(Math.max(0, vRed - 1e-3)) : null;
  const ox = vOx !== null ? uptake(vOx + 1e-3) : null;
  return {
    window: [vRed, vOx],
    scan,
    reductionProducts: red?.products ?? null,
    oxidationProducts: ox?.products ?? null,
    reductionAlkaliUptake: red?.uptake ?? null,
    oxidationAlkaliUptake: ox?.uptake ?? null,
  };
}

export interface MetalReaction {
  /** Most negative reaction energy per atom of the SE + metal mixture (meV/atom); 0 = no reaction. */
  reactionEnergyMevPerAtom: number;
  /** Atom fraction of SE in the mixture at the minimum. */
  seAtomFraction: number;
  /** Alkali atoms consumed per formula unit of SE. */
  metalPerFormulaUnit: number;
  /** Products per formula unit of SE. */
  products: { name: string; amount: number }[];
  /** Largest |Σ ν_i n_i,e − (SE + k·A)_e| over elements (mass-balance check, atoms). */
  massBalanceError: number;
  equation: string;
}

/** Chemical reaction of the SE with the alkali metal (Richards-type pseudo-binary mixing). */
export function reactionWithMetal(set: PhaseSet, se: Phase, element: string): MetalReaction | null {
  const space = [...new Set([...Object.keys(se.composition), element])];
  const phases = phasesInSpace(set, space);
  const nSe = atomsOf(se.composition);
  const eSe = se.energyEv / nSe;
  const mixture = (x: number): Formula => {
    const m: Formula = {};
    for (const [e, n] of Object.entries(se.composition)) m[e] = (x * n) / nSe;
    m[element] = (m[element] ?? 0) + (1 - x);
    return m;
  };
  const dE = (x: number) => hull(phases, mixture(x)).energy - x * eSe;
  // ΔE(x) is convex (hull minus a line): ternary search on (0, 1).
  let a = 0;
  let b = 1;
  for (let i = 0; i < 200 && b - a > 1e-12; i++) {
    const m1 = a + (b - a) / 3;
    const m2 = b - (b - a) / 3;
    if (dE(m1) <= dE(m2)) b = m2;
    else a = m1;
  }
  const x = (a + b) / 2;
  const e = dE(x);
  if (!(e < -1e-9)) return null;
  const h = hull(phases, mixture(x));
  const perFu = nSe / x; // atoms of mixture per formula unit of SE
  const k = (1 - x) * perFu;
  const products = h.products.map((p) => ({ name: p.name, amount: p.amount * perFu }));
  const lhs: Formula = { ...se.composition };
  lhs[element] = (lhs[element] ?? 0) + k;
  let err = 0;
  for (const el of Object.keys(lhs)) {
    let s = 0;
    for (const p of products) s += p.amount * (phases.find((q) => q.name === p.name)!.composition[el] ?? 0);
    err = Math.max(err, Math.abs(s - lhs[el]));
  }
  const num = (v: number) => (Math.abs(v - Math.round(v)) < 1e-6 ? String(Math.round(v)) : v.toFixed(4));
  return {
    reactionEnergyMevPerAtom: e * 1000,
    seAtomFraction: x,
    metalPerFormulaUnit: k,
    products,
    massBalanceError: err,
    equation: `${se.name} + ${num(k)} ${element} → ${products.map((p) => `${num(p.amount)} ${p.name}`).join(' + ')}`,
  };
}

/** Phase from a formula string and an energy per formula unit (eV). */
export function phase(formula: string, energyEv: number, extra: Partial<Phase> = {}): Phase {
  return { name: formula, composition: parseFormula(formula), energyEv, ...extra };
}
