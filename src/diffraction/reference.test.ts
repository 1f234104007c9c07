import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCif } from '../io/cif/index.ts';
import { powderPattern } from './powder.ts';

/**
 * Acceptance against independent computations: test/fixtures/xrd/xrd_*.csv were made with pymatgen's
 * XRDCalculator (λ = 1.54184 Å, no Kα2, no Debye–Waller, no anomalous dispersion; see the fixture
 * README). Positions must agree to ±0.001°, relative intensities of lines ≥ 5 % to ±1.
 * pymatgen uses different form-factor tables (electron factors through Mott–Bethe), so exact
 * intensity equality is not expected; multiplicities differ for centred cells because pymatgen also
 * counts systematically absent reflections at the same 2θ.
 */
function fixture(name: string): string {
  return readFileSync(new URL(`../../test/fixtures/xrd/${name}`, import.meta.url), 'utf8');
}

function expected(name: string): { twoTheta: number; intensity: number; d: number }[] {
  return fixture(name)
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [t, i, d] = line.split(',');
      return { twoTheta: Number(t), intensity: Number(i), d: Number(d) };
    });
}

describe.each([
  ['Silicon.cif', 'xrd_Silicon.csv'],
  ['LiCoO2.cif', 'xrd_LiCoO2.csv'],
])('%s against pymatgen (%s)', (cif, csv) => {
  const { structure } = parseCif(fixture(cif), { fileName: cif });
  const pattern = powderPattern(structure, { wavelength: 1.54184, twoThetaRange: [10, 90] });
  const ref = expected(csv);

  it('has a peak at every reference position (±0.001°) and no extra line ≥ 0.5 %', () => {
    for (const r of ref) {
      const match = pattern.peaks.find((p) => Math.abs(p.twoTheta - r.twoTheta) <= 0.001);
      expect(match, `peak at ${r.twoTheta}°`).toBeDefined();
      expect(match?.d).toBeCloseTo(r.d, 4);
    }
    for (const p of pattern.peaks.filter((q) => q.intensity >= 0.5))
      expect(
        ref.some((r) => Math.abs(r.twoTheta - p.twoTheta) <= 0.001),
        `extra peak ${p.twoTheta}°`,
      ).toBe(true);
  });

  it('reproduces relative intensities of lines ≥ 5 % within ±1', () => {
    for (const r of ref.filter((x) => x.intensity >= 5)) {
      const match = pattern.peaks.find((p) => Math.abs(p.twoTheta - r.twoTheta) <= 0.001);
      expect(Math.abs((match?.intensity ?? -100) - r.intensity), `I at ${r.twoTheta}°`).toBeLessThanOrEqual(
        1,
      );
    }
  });
});

describe('other reference structures parse and give sane patterns', () => {
  it.each(['Na0.8CoO2_P63mmc.cif', 'NaZr2P3O12_R-3c_model.cif', 'Na3Zr2Si2PO12_R-3c_avg_model.cif'])(
    '%s',
    (cif) => {
      const { structure } = parseCif(fixture(cif), { fileName: cif });
      const pattern = powderPattern(structure);
      expect(pattern.peaks.length).toBeGreaterThan(5);
      expect(Math.max(...pattern.peaks.map((p) => p.intensity))).toBeCloseTo(100, 10);
      for (const p of pattern.peaks) expect(Number.isFinite(p.intensity) && p.intensity > 0).toBe(true);
    },
  );

  it('P2 Na0.8CoO2 (P6₃/mmc): 00l lines only with even l (6₃ screw / c-glide)', () => {
    const { structure } = parseCif(fixture('Na0.8CoO2_P63mmc.cif'));
    const pattern = powderPattern(structure);
    for (const p of pattern.peaks)
      for (const [h, k, l] of p.hkl) if (h === 0 && k === 0) expect(l % 2).toBe(0);
    expect(pattern.peaks[0].label).toBe('(0 0 0 2)');
  });
});

describe('large P1 input', () => {
  it('the 8 000-atom Si 10×10×10 supercell CIF gives exactly the Silicon.cif pattern', () => {
    const small = powderPattern(parseCif(fixture('Silicon.cif')).structure);
    const big = powderPattern(parseCif(fixture('Silicon_10x10x10_supercell.cif')).structure);
    expect(big.translationOrder).toBe(4000);
    expect(big.peaks.length).toBe(small.peaks.length);
    big.peaks.forEach((p, i) => {
      expect(p.twoTheta).toBeCloseTo(small.peaks[i].twoTheta, 8);
      expect(p.intensity).toBeCloseTo(small.peaks[i].intensity, 6);
      expect(p.multiplicity).toBe(small.peaks[i].multiplicity);
    });
  });
});
