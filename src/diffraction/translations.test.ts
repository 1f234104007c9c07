import { describe, expect, it } from 'vitest';
import type { Structure } from '../crystal/structure.ts';
import { supercell } from '../crystal/supercell.ts';
import { powderPattern } from './powder.ts';
import { buildScatterers } from './scatterers.ts';
import { diamondSilicon, triclinicTest } from './testStructures.ts';
import { findPureTranslations } from './translations.ts';

describe('pure-translation reduction', () => {
  it('finds the fcc centring of diamond Si and the extra translations of a supercell', () => {
    const si = diamondSilicon();
    expect(findPureTranslations(si.lattice, buildScatterers(si)).order).toBe(4);
    const big = supercell(si, [2, 3, 1]);
    const g = findPureTranslations(big.lattice, buildScatterers(big));
    expect(g.order).toBe(4 * 6);
    expect(g.representatives.length).toBe(2);
  });

  it('gives the same pattern as the direct sum over every atom', () => {
    const big = supercell(triclinicTest(), [2, 2, 1]);
    const fast = powderPattern(big, { twoThetaRange: [10, 60] });
    const direct = powderPattern(big, { twoThetaRange: [10, 60], useTranslations: false });
    expect(fast.translationOrder).toBe(4);
    expect(direct.translationOrder).toBe(1);
    expect(fast.peaks.length).toBe(direct.peaks.length);
    fast.peaks.forEach((p, i) => {
      expect(p.twoTheta).toBeCloseTo(direct.peaks[i].twoTheta, 10);
      expect(p.intensity).toBeCloseTo(direct.peaks[i].intensity, 8);
      expect(p.multiplicity).toBe(direct.peaks[i].multiplicity);
    });
  });

  it('does not hide a real superstructure: one vacancy in a 2×1×1 cell brings back half-integer peaks', () => {
    const big = supercell(diamondSilicon(), [2, 1, 1]);
    const withVacancy: Structure = { ...big, sites: big.sites.slice(1) };
    const g = findPureTranslations(withVacancy.lattice, buildScatterers(withVacancy));
    expect(g.order).toBe(1);
    const peaks = powderPattern(withVacancy, { twoThetaRange: [10, 60] }).peaks;
    // h odd in the doubled cell = half-integer h in the parent cell: forbidden without the vacancy.
    expect(peaks.some((p) => p.hkl.some(([h]) => Math.abs(h) % 2 === 1))).toBe(true);
    const perfect = powderPattern(big, { twoThetaRange: [10, 60] }).peaks;
    expect(perfect.every((p) => p.hkl.every(([h]) => h % 2 === 0))).toBe(true);
  });

  it('partial occupancy counts: a site with different occupancy breaks the translation', () => {
    const big = supercell(diamondSilicon(), [2, 1, 1]);
    big.sites[0] = { ...big.sites[0], occupants: [{ element: 'Si', occupancy: 0.5 }] };
    expect(findPureTranslations(big.lattice, buildScatterers(big)).order).toBe(1);
  });
});
