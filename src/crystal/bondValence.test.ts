import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { bondValenceParameters, bondValenceSums } from './bondValence.ts';
import { Lattice, type Vec3 } from './lattice.ts';
import type { Occupant, Structure } from './structure.ts';

const cubicLattice = (a: number) => Lattice.fromParameters({ a, b: a, c: a, alpha: 90, beta: 90, gamma: 90 });

/** Rock salt with all 8 atoms listed explicitly. */
function rockSalt(a: number, cation: Occupant, anion: Occupant): Structure {
  const cationSites: Vec3[] = [
    [0, 0, 0],
    [0, 0.5, 0.5],
    [0.5, 0, 0.5],
    [0.5, 0.5, 0],
  ];
  const anionSites: Vec3[] = [
    [0.5, 0.5, 0.5],
    [0.5, 0, 0],
    [0, 0.5, 0],
    [0, 0, 0.5],
  ];
  return {
    lattice: cubicLattice(a),
    sites: [
      ...cationSites.map((frac, i) => ({ label: `${cation.element}${i + 1}`, frac, occupants: [cation] })),
      ...anionSites.map((frac, i) => ({ label: `${anion.element}${i + 1}`, frac, occupants: [anion] })),
    ],
  };
}

describe('bondValenceParameters', () => {
  it('returns Brese & O’Keeffe / Brown & Altermatt values with their source', () => {
    const naO = bondValenceParameters('Na', 1, 'O', -2);
    expect(naO).toMatchObject({ r0: 1.803, b: 0.37 });
    expect(naO.source).toMatch(/Brown & Altermatt/);
    expect(bondValenceParameters('Zr', 4, 'O', -2)).toMatchObject({ r0: 1.937, b: 0.37 });
    expect(bondValenceParameters('Na', 1, 'Cl', -1).source).toMatch(/Brese & O'Keeffe/);
  });

  it('uses a state-specific entry before one for any state', () => {
    expect(bondValenceParameters('Fe', 3, 'S', -2).r0).toBe(2.149);
    expect(bondValenceParameters('Fe', 2, 'S', -2).r0).toBe(2.16);
  });

  it('names the tabulated partners when a pair is missing', () => {
    expect(() => bondValenceParameters('Na', 1, 'Br', -1)).toThrow(InputError);
    expect(() => bondValenceParameters('Na', 1, 'Br', -1)).toThrow(/Na\+–O2-/);
    expect(() => bondValenceParameters('Xx', 1, 'O', -2)).toThrow(/unknown element/);
  });
});

describe('bondValenceSums', () => {
  it('gives exactly 1 v.u. for a single bond of length R0', () => {
    const a = 20;
    const r0 = bondValenceParameters('Na', 1, 'O', -2).r0;
    const s: Structure = {
      lattice: cubicLattice(a),
      sites: [
        { label: 'Na1', frac: [0, 0, 0], occupants: [{ element: 'Na', oxidationState: 1, occupancy: 1 }] },
        {
          label: 'O1',
          frac: [r0 / a, 0, 0],
          occupants: [{ element: 'O', oxidationState: -2, occupancy: 1 }],
        },
      ],
    };
    const [na, o] = bondValenceSums(s);
    expect(na.bvs).toBeCloseTo(1, 12);
    expect(na.bonds).toBe(1);
    expect(o.bvs).toBeCloseTo(-1, 12);
    expect(o.deviation).toBeCloseTo(1, 12);
  });

  it('weights each bond by the neighbour occupancy', () => {
    const a = 20;
    const r0 = bondValenceParameters('Na', 1, 'O', -2).r0;
    const s: Structure = {
      lattice: cubicLattice(a),
      sites: [
        { label: 'Na1', frac: [0, 0, 0], occupants: [{ element: 'Na', oxidationState: 1, occupancy: 0.3 }] },
        {
          label: 'O1',
          frac: [r0 / a, 0, 0],
          occupants: [{ element: 'O', oxidationState: -2, occupancy: 0.5 }],
        },
      ],
    };
    const [na, o] = bondValenceSums(s);
    expect(na.bvs).toBeCloseTo(0.5, 12);
    expect(o.bvs).toBeCloseTo(-0.3, 12);
  });

  it('gives formal charges for rock-salt NaCl (a = 5.6402 Å) and MgO (a = 4.2117 Å)', () => {
    const nacl = bondValenceSums(
      rockSalt(
        5.6402,
        { element: 'Na', oxidationState: 1, occupancy: 1 },
        { element: 'Cl', oxidationState: -1, occupancy: 1 },
      ),
    );
    for (const row of nacl) {
      expect(row.bonds).toBe(6);
      expect(Math.abs(row.deviation)).toBeLessThan(0.1);
    }
    const mgo = bondValenceSums(
      rockSalt(
        4.2117,
        { element: 'Mg', oxidationState: 2, occupancy: 1 },
        { element: 'O', oxidationState: -2, occupancy: 1 },
      ),
    );
    for (const row of mgo) {
      expect(row.bonds).toBe(6);
      expect(Math.abs(row.deviation)).toBeLessThan(0.1);
    }
    // Analytic: 6 exp((R0 − a/2)/b)
    expect(mgo[0].bvs).toBeCloseTo(6 * Math.exp((1.693 - 4.2117 / 2) / 0.37), 12);
  });

  it('finds the same sums in a triclinic setting of the same lattice (images across skewed cells)', () => {
    // Primitive rhombohedral cell of rock-salt MgO: a = a_c/√2, α = 60°, Mg at 0, O at ½½½.
    const ac = 4.2117;
    const s: Structure = {
      lattice: Lattice.fromParameters({
        a: ac / Math.SQRT2,
        b: ac / Math.SQRT2,
        c: ac / Math.SQRT2,
        alpha: 60,
        beta: 60,
        gamma: 60,
      }),
      sites: [
        { label: 'Mg1', frac: [0, 0, 0], occupants: [{ element: 'Mg', oxidationState: 2, occupancy: 1 }] },
        {
          label: 'O1',
          frac: [0.5, 0.5, 0.5],
          occupants: [{ element: 'O', oxidationState: -2, occupancy: 1 }],
        },
      ],
    };
    const [mg, o] = bondValenceSums(s);
    expect(mg.bonds).toBe(6);
    expect(mg.bvs).toBeCloseTo(6 * Math.exp((1.693 - ac / 2) / 0.37), 12);
    expect(o.bvs).toBeCloseTo(-mg.bvs, 12);
  });

  it('requires oxidation states and a positive cutoff', () => {
    const s = rockSalt(
      5.64,
      { element: 'Na', occupancy: 1 },
      { element: 'Cl', oxidationState: -1, occupancy: 1 },
    );
    expect(() => bondValenceSums(s)).toThrow(/oxidation state/);
    const ok = rockSalt(
      5.64,
      { element: 'Na', oxidationState: 1, occupancy: 1 },
      { element: 'Cl', oxidationState: -1, occupancy: 1 },
    );
    expect(() => bondValenceSums(ok, { cutoff: 0 })).toThrow(InputError);
    // A cutoff below the bond length finds no bonds.
    expect(bondValenceSums(ok, { cutoff: 2 })[0].bvs).toBe(0);
  });
});
