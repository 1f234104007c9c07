import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import type { Structure } from '../crystal/structure.ts';
import { supercell } from '../crystal/supercell.ts';
import { lorentzPolarization } from './lorentzPolarization.ts';
import { type PowderPeak, powderPattern } from './powder.ts';
import { structureFactor } from './structureFactor.ts';
import { diamondSilicon, p1Structure, triclinicTest, zincBlende } from './testStructures.ts';
import { resolveRadiation } from './wavelengths.ts';

const DEG = Math.PI / 180;

function expectSamePeaks(a: PowderPeak[], b: PowderPeak[], tolDeg = 1e-6, tolI = 1e-6): void {
  expect(a.length).toBe(b.length);
  a.forEach((p, i) => {
    expect(Math.abs(p.twoTheta - b[i].twoTheta)).toBeLessThan(tolDeg);
    expect(Math.abs(p.intensity - b[i].intensity)).toBeLessThan(tolI);
  });
}

describe('reflection conditions', () => {
  it('diamond Si: 200 and 222 are absent, 111 and 220 present', () => {
    const si = diamondSilicon();
    const f = (h: number, k: number, l: number) =>
      Math.hypot(...Object.values(structureFactor(si, [h, k, l])));
    expect(f(2, 0, 0)).toBeLessThan(1e-9);
    expect(f(2, 2, 2)).toBeLessThan(1e-9);
    expect(f(1, 0, 0)).toBeLessThan(1e-9);
    expect(f(1, 1, 1)).toBeGreaterThan(10);
    expect(f(2, 2, 0)).toBeGreaterThan(10);
    const pattern = powderPattern(si);
    const labels = pattern.peaks.map((p) => p.label.split(' ')[0]);
    expect(labels).not.toContain('(2 0 0)');
    expect(labels).not.toContain('(2 2 2)');
  });

  it('R-centred (obverse) cell: only −h + k + l = 3n reflections appear', () => {
    // α-NaFeO2-type O3 stacking in hexagonal axes: Na 3a, Co 3b, O 6c written out in P1.
    const R: [number, number, number][] = [
      [0, 0, 0],
      [2 / 3, 1 / 3, 1 / 3],
      [1 / 3, 2 / 3, 2 / 3],
    ];
    const atoms: [string, [number, number, number]][] = [];
    for (const t of R) {
      atoms.push(['Na', [t[0], t[1], t[2]]]);
      atoms.push(['Co', [t[0], t[1], t[2] + 0.5]]);
      atoms.push(['O', [t[0], t[1], t[2] + 0.24]]);
      atoms.push(['O', [t[0], t[1], t[2] - 0.24]]);
    }
    const s = p1Structure({ a: 2.89, b: 2.89, c: 15.6, alpha: 90, beta: 90, gamma: 120 }, atoms);
    for (const p of powderPattern(s).peaks)
      for (const [h, k, l] of p.hkl) expect((((-h + k + l) % 3) + 3) % 3 === 0).toBe(true);
    const f = structureFactor(s, [0, 0, 1]);
    expect(Math.hypot(f.re, f.im)).toBeLessThan(1e-9);
  });
});

describe('symmetry and invariance', () => {
  it("Friedel's law F(−h) = F(h)* holds without anomalous dispersion", () => {
    const s = triclinicTest();
    for (const hkl of [
      [1, 2, 3],
      [2, -1, 1],
      [0, 3, -2],
    ] as [number, number, number][]) {
      const f = structureFactor(s, hkl);
      const g = structureFactor(s, [-hkl[0], -hkl[1], -hkl[2]]);
      expect(g.re).toBeCloseTo(f.re, 9);
      expect(g.im).toBeCloseTo(-f.im, 9);
    }
  });

  it('anomalous dispersion breaks Friedel pairs of a non-centrosymmetric crystal (Bijvoet difference)', () => {
    const zb = zincBlende('Fe', 'O', 4.3);
    const lambda = resolveRadiation('CuKa').wavelength;
    const plus = structureFactor(zb, [1, 1, 1], { anomalousWavelength: lambda });
    const minus = structureFactor(zb, [-1, -1, -1], { anomalousWavelength: lambda });
    const ip = plus.re ** 2 + plus.im ** 2;
    const im = minus.re ** 2 + minus.im ** 2;
    expect(Math.abs(ip - im) / ip).toBeGreaterThan(0.01);
    // Without anomalous dispersion the pair is equal again.
    const p0 = structureFactor(zb, [1, 1, 1]);
    const m0 = structureFactor(zb, [-1, -1, -1]);
    expect(p0.re ** 2 + p0.im ** 2).toBeCloseTo(m0.re ** 2 + m0.im ** 2, 9);
  });

  it('intensities do not change when the origin is shifted', () => {
    const s = triclinicTest();
    const shifted: Structure = {
      ...s,
      sites: s.sites.map((site) => ({
        ...site,
        frac: [site.frac[0] + 0.137, site.frac[1] - 0.291, site.frac[2] + 0.5] as [number, number, number],
      })),
    };
    expectSamePeaks(powderPattern(s).peaks, powderPattern(shifted).peaks, 1e-9, 1e-8);
  });

  it('the pattern is the same for an equivalent cell (supercell and sheared cell)', () => {
    const s = triclinicTest();
    const ref = powderPattern(s, { twoThetaRange: [10, 70] }).peaks;
    expectSamePeaks(
      ref,
      powderPattern(supercell(s, [2, 1, 1]), { twoThetaRange: [10, 70] }).peaks,
      1e-8,
      1e-7,
    );
    expectSamePeaks(
      ref,
      powderPattern(supercell(s, [1, 1, 0, 0, 1, 0, 0, 1, 1]), { twoThetaRange: [10, 70] }).peaks,
      1e-8,
      1e-7,
    );
  });

  it('a 3×3×3 silicon supercell gives the silicon pattern', () => {
    const si = diamondSilicon();
    expectSamePeaks(powderPattern(si).peaks, powderPattern(supercell(si, 3)).peaks, 1e-8, 1e-7);
  });
});

describe('geometry', () => {
  it('peak d-spacings match the hand formulas for cubic, hexagonal and triclinic cells', () => {
    const si = powderPattern(diamondSilicon());
    for (const p of si.peaks) {
      const [h, k, l] = p.hkl[0];
      expect(p.d).toBeCloseTo(5.4307 / Math.sqrt(h * h + k * k + l * l), 10);
      expect(2 * p.d * Math.sin((p.twoTheta / 2) * DEG)).toBeCloseTo(1.54184, 10);
    }
    const a = 2.85;
    const c = 10.8;
    const hex = p1Structure({ a, b: a, c, alpha: 90, beta: 90, gamma: 120 }, [
      ['Co', [0, 0, 0]],
      ['O', [1 / 3, 2 / 3, 0.09]],
    ]);
    for (const p of powderPattern(hex).peaks) {
      const [h, k, l] = p.hkl[0];
      expect(p.d).toBeCloseTo(
        1 / Math.sqrt((4 / 3) * ((h * h + h * k + k * k) / (a * a)) + (l * l) / (c * c)),
        10,
      );
    }
    // Triclinic: 1/d² from the general formula with the reciprocal cell written out by hand.
    const tri = triclinicTest();
    const { a: ta, b: tb, c: tc, alpha, beta, gamma } = tri.lattice.parameters;
    const [ca, cb, cg] = [alpha, beta, gamma].map((x) => Math.cos(x * DEG));
    const [sa, sb, sg] = [alpha, beta, gamma].map((x) => Math.sin(x * DEG));
    const V = ta * tb * tc * Math.sqrt(1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg);
    for (const p of powderPattern(tri).peaks.slice(0, 10)) {
      const [h, k, l] = p.hkl[0];
      const inv =
        (h * h * tb * tb * tc * tc * sa * sa +
          k * k * ta * ta * tc * tc * sb * sb +
          l * l * ta * ta * tb * tb * sg * sg +
          2 * h * k * ta * tb * tc * tc * (ca * cb - cg) +
          2 * k * l * ta * ta * tb * tc * (cb * cg - ca) +
          2 * h * l * ta * tb * tb * tc * (ca * cg - cb)) /
        (V * V);
      expect(p.d).toBeCloseTo(1 / Math.sqrt(inv), 9);
    }
  });

  it('Kα1/Kα2 doublet: positions follow λ2/λ1 and intensities 0.5 × the LP ratio', () => {
    const rad = resolveRadiation('CuKa12');
    const [l1, l2] = rad.lines.map((l) => l.wavelength);
    const pattern = powderPattern(diamondSilicon(), { wavelength: 'CuKa12' });
    const a1 = pattern.peaks.filter((p) => p.line === 'Kα1');
    const a2 = pattern.peaks.filter((p) => p.line === 'Kα2');
    expect(a1.length).toBe(a2.length);
    a1.forEach((p, i) => {
      const q = a2[i];
      const t1 = (p.twoTheta / 2) * DEG;
      const t2 = (q.twoTheta / 2) * DEG;
      expect(Math.sin(t2) / Math.sin(t1)).toBeCloseTo(l2 / l1, 10);
      const expected = (0.5 * lorentzPolarization(t2, 'lab')) / lorentzPolarization(t1, 'lab');
      expect(q.intensity / p.intensity).toBeCloseTo(expected, 8);
    });
  });

  it('Lorentz–polarisation: lab form equals (1 + cos²2θ)/(2 sin²θ cosθ)', () => {
    const t = 20 * DEG;
    expect(lorentzPolarization(t, 'lab')).toBeCloseTo(
      (1 + Math.cos(2 * t) ** 2) / (2 * Math.sin(t) ** 2 * Math.cos(t)),
      12,
    );
    expect(lorentzPolarization(t, 'synchrotron')).toBeCloseTo(1 / (Math.sin(t) ** 2 * Math.cos(t)), 12);
    expect(lorentzPolarization(t, 'none')).toBe(1);
  });
});

describe('Debye–Waller and occupancy', () => {
  it('a uniform B scales each peak by exp(−2B s²) relative to B = 0', () => {
    const si = diamondSilicon();
    const B = 0.8;
    for (const site of si.sites) site.displacement = { kind: 'B', value: B };
    const cold = powderPattern(si, { lorentzPolarization: 'none' }).peaks;
    const warm = powderPattern(si, { lorentzPolarization: 'none', debyeWaller: true }).peaks;
    const ratio = (p: PowderPeak) => Math.exp(-2 * B * (1 / (2 * p.d)) ** 2);
    expect(warm.length).toBe(cold.length);
    warm.forEach((p, i) => {
      // Normalisation to the strongest line cancels in ratios to the first line.
      const expected = ((cold[i].intensity / cold[0].intensity) * ratio(p)) / ratio(warm[0]);
      expect(p.intensity / warm[0].intensity).toBeCloseTo(expected, 8);
    });
  });

  it('half occupancy on every site scales |F|² by 1/4 (relative pattern unchanged)', () => {
    const s = triclinicTest();
    const half: Structure = {
      ...s,
      sites: s.sites.map((x) => ({
        ...x,
        occupants: x.occupants.map((o) => ({ ...o, occupancy: o.occupancy / 2 })),
      })),
    };
    const f = structureFactor(s, [1, 1, 1]);
    const g = structureFactor(half, [1, 1, 1]);
    expect(g.re ** 2 + g.im ** 2).toBeCloseTo((f.re ** 2 + f.im ** 2) / 4, 8);
  });
});

describe('bad input', () => {
  const si = diamondSilicon();
  it.each([
    [{ wavelength: 0 }, /wavelength/],
    [{ wavelength: -1.5 }, /wavelength/],
    [{ wavelength: 'banana' }, /unknown wavelength/],
    [{ twoThetaRange: [50, 20] as [number, number] }, /2θ range/],
    [{ twoThetaRange: [30, 30] as [number, number] }, /2θ range/],
    [{ profile: { U: 0, V: 0, W: -1 } }, /width/],
  ])('%j is refused with a clear InputError', (opts, msg) => {
    expect(() => powderPattern(si, opts as never)).toThrow(InputError);
    expect(() => powderPattern(si, opts as never)).toThrow(msg);
  });
});
