import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { hull, type PhaseSet, phase, reactionWithMetal, stabilityWindow } from './grandPotential.ts';
import { solveLp } from './simplex.ts';
import { analyseStability, parsePhaseSetJson, shippedPhaseSet } from './stability.ts';

describe('simplex LP', () => {
  it('solves small problems with known optima', () => {
    // min −x − y s.t. x + 2y + s1 = 4, 3x + y + s2 = 6 → optimum x = 1.6, y = 1.2, value −2.8.
    const r = solveLp(
      [-1, -1, 0, 0],
      [
        [1, 2, 1, 0],
        [3, 1, 0, 1],
      ],
      [4, 6],
    );
    expect(r.status).toBe('optimal');
    expect(r.value).toBeCloseTo(-2.8, 10);
    expect(r.x[0]).toBeCloseTo(1.6, 10);
    expect(solveLp([1, 1], [[1, 1]], [-1]).status).toBe('infeasible');
    expect(solveLp([-1, 0], [[1, -1]], [0]).status).toBe('unbounded');
  });

  it('random feasible problems: solution satisfies constraints and beats random feasible points (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), { minLength: 12, maxLength: 12 }),
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (a, c) => {
          // 2 constraints × 6 variables, positive A ⇒ bounded; b from a random feasible x0.
          const A = [a.slice(0, 6), a.slice(6, 12)];
          const x0 = [1, 0.5, 0, 2, 0.1, 0.3];
          const b = A.map((row) => row.reduce((s, v, j) => s + v * x0[j], 0));
          const r = solveLp(c, A, b);
          if (r.status !== 'optimal') return false;
          const res = A.map((row, i) => row.reduce((s, v, j) => s + v * r.x[j], 0) - b[i]);
          const v0 = c.reduce((s, v, j) => s + v * x0[j], 0);
          return res.every((e) => Math.abs(e) < 1e-7) && r.x.every((v) => v >= 0) && r.value <= v0 + 1e-9;
        },
      ),
      { numRuns: 100 },
    );
  });
});

/** Toy Li–Ti–O system (fictitious energies; 'Ti' is just a label) with complete data, solved by hand in the comments. */
const toy: PhaseSet = {
  scheme: 'toy',
  phases: [phase('Li2O', -6), phase('TiO2', -10), phase('Li2TiO3', -17.5), phase('O2', 0)],
};

describe('grand-potential hull and window (complete toy data)', () => {
  const se = toy.phases[2];

  it('window [0.125, 3.75] V: Li2TiO3 + 4 Li → 3 Li2O + Ti below 0.125 V; → TiO2 + ½O2 + 2 Li above 3.75 V', () => {
    // Reduction: Φ(SE) = −17.5 − 2Δμ vs 3 Li2O + Ti: −18 − 6Δμ → stable iff Δμ ≤ −0.125 (V ≥ 0.125).
    // Oxidation: vs TiO2 + ½O2: −10 → stable iff −17.5 − 2Δμ ≤ −10 → V ≤ 3.75.
    const w = stabilityWindow(toy, se, 'Li');
    expect(w.window![0]).toBeCloseTo(0.125, 5);
    expect(w.window![1]).toBeCloseTo(3.75, 5);
    expect(w.reductionAlkaliUptake).toBeCloseTo(4, 6);
    expect(w.oxidationAlkaliUptake).toBeCloseTo(-2, 6);
    const names = w.reductionProducts!.map((p) => p.name).sort();
    expect(names).toEqual(['Li2O', 'Ti']);
  });

  it('hull at fixed composition: Li2O + TiO2 is above the ternary compound', () => {
    const h = hull(toy.phases.concat([phase('Li', 0), phase('Ti', 0)]), { Li: 2, Ti: 1, O: 3 });
    expect(h.energy).toBeCloseTo(-17.5, 10);
    expect(h.products).toEqual([{ name: 'Li2TiO3', amount: expect.closeTo(1, 10) }]);
  });

  it('reaction with Li metal is mass balanced and matches the hand result', () => {
    const r = reactionWithMetal(toy, se, 'Li')!;
    // Li2TiO3 + 4 Li → 3 Li2O + Ti: ΔE = −0.5 eV over 10 atoms = −50 meV/atom at x = 6/10.
    expect(r.metalPerFormulaUnit).toBeCloseTo(4, 6);
    expect(r.reactionEnergyMevPerAtom).toBeCloseTo(-50, 4);
    expect(r.massBalanceError).toBeLessThan(1e-8);
    expect(r.equation).toMatch(/Li2TiO3 \+ 4 Li → /);
  });

  it('a phase that is stable against the metal gives no reaction and a window starting at 0 V', () => {
    const set: PhaseSet = { scheme: 'toy', phases: [phase('Li2O', -6)] };
    expect(reactionWithMetal(set, set.phases[0], 'Li')).toBeNull();
    expect(stabilityWindow(set, set.phases[0], 'Li').window![0]).toBe(0);
  });
});

describe('NASICON stability analysis with the shipped experimental table', () => {
  it('NZSP (x = 2): its own energy is not sourced → missing, no window, no guess', () => {
    const r = analyseStability('Na3Zr2Si2PO12', 'Na');
    expect(r.window).toBeNull();
    expect(r.missing).toContain('Na3Zr2Si2PO12');
    expect(r.complete).toBe(false);
    expect(r.literature.length).toBeGreaterThan(0);
  });

  it('NaZr2(PO4)3: computed from the table, flagged incomplete because Na3P etc. are missing', () => {
    const r = analyseStability('NaZr2(PO4)3', 'Na');
    expect(r.complete).toBe(false);
    expect(r.missing).toContain('Na3P');
    expect(r.scheme).toBe('experimental-298K');
    if (r.reaction) expect(r.reaction.massBalanceError).toBeLessThan(1e-6);
    expect(r.notes.join()).toMatch(/upper bound|missing/);
  });

  it('user sets: one scheme only; bad JSON rejected with a location', () => {
    const good = parsePhaseSetJson(
      JSON.stringify({ scheme: 'MP2020', phases: [{ formula: 'Li2O', formationEnergyEvPerAtom: -2 }] }),
      'set.json',
    );
    expect(good.phases[0].energyEv).toBeCloseTo(-6, 12);
    expect(() =>
      parsePhaseSetJson(
        JSON.stringify({
          scheme: 'MP2020',
          phases: [
            { formula: 'Li2O', formationEnergyEvPerAtom: -2 },
            { formula: 'Li3P', formationEnergyEvPerAtom: -0.5, scheme: 'GGA' },
          ],
        }),
        'set.json',
      ),
    ).toThrow(/mix/);
    expect(() => parsePhaseSetJson('{', 'set.json')).toThrow(InputError);
    expect(() =>
      parsePhaseSetJson(JSON.stringify({ scheme: 'x', phases: [{ formula: 'Li2O' }] }), 'set.json'),
    ).toThrow(/energy/);
    expect(shippedPhaseSet().scheme).toBe('experimental-298K');
  });
});
