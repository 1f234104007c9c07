import { describe, expect, it } from 'vitest';
import {
  allElements,
  atomicWeight,
  elementFromLabel,
  getElement,
  isElement,
  parseSpeciesSymbol,
  shannonEntries,
  shannonRadius,
} from './elements.ts';
import { InputError } from './errors.ts';

describe('element table', () => {
  it('covers H…Cf in order of Z', () => {
    const els = allElements();
    expect(els.length).toBe(98);
    els.forEach((e, i) => {
      expect(e.Z).toBe(i + 1);
    });
    expect(els[97].symbol).toBe('Cf');
  });

  it('has IUPAC 2021 abridged atomic weights', () => {
    expect(atomicWeight('Na')).toBe(22.99);
    expect(atomicWeight('O')).toBe(15.999);
    expect(atomicWeight('Zr')).toBe(91.224);
    expect(atomicWeight('Co')).toBe(58.933);
    expect(getElement('Pb').atomicWeight).toBe(207.2);
  });

  it('flags elements without a stable isotope and uses a mass number', () => {
    const tc = getElement('Tc');
    expect(tc.noStableIsotope).toBe(true);
    expect(tc.atomicWeight).toBe(97);
    expect(getElement('Fe').noStableIsotope).toBeUndefined();
  });

  it('rejects unknown symbols with the symbol in the error', () => {
    expect(isElement('Na')).toBe(true);
    expect(isElement('NA')).toBe(false);
    expect(() => getElement('Xx')).toThrow(InputError);
    expect(() => getElement('Xx')).toThrow(/unknown element.*Xx/);
  });
});

describe('parseSpeciesSymbol', () => {
  it.each([
    ['Co3+', { element: 'Co', oxidationState: 3 }],
    ['O2-', { element: 'O', oxidationState: -2 }],
    ['Na+', { element: 'Na', oxidationState: 1 }],
    ['Na1+', { element: 'Na', oxidationState: 1 }],
    ['Fe+3', { element: 'Fe', oxidationState: 3 }],
    ['Mn4+', { element: 'Mn', oxidationState: 4 }],
    ['F-', { element: 'F', oxidationState: -1 }],
    ['NA1+', { element: 'Na', oxidationState: 1 }],
    ['Fe', { element: 'Fe' }],
  ])('%s', (text, expected) => {
    expect(parseSpeciesSymbol(text)).toEqual(expected);
  });

  it('rejects molecular ions and garbage', () => {
    for (const bad of ['OH-', 'H2O', 'Xx2+', '', '3+', 'Na1+2'])
      expect(() => parseSpeciesSymbol(bad)).toThrow(InputError);
  });
});

describe('elementFromLabel', () => {
  it.each([
    ['Co1', 'Co'],
    ['O1', 'O'],
    ['O1a', 'O'],
    ['Na2', 'Na'],
    ['Zr', 'Zr'],
    ['OW1', 'O'],
    ['Ow', 'O'],
    ['Os1', 'Os'],
    ['na1', 'Na'],
    ['Hw2', 'H'],
  ])('%s → %s', (label, element) => {
    expect(elementFromLabel(label)).toBe(element);
  });

  it('throws when no element starts the label', () => {
    expect(() => elementFromLabel('Qx1')).toThrow(InputError);
    expect(() => elementFromLabel('1Na')).toThrow(InputError);
  });
});

describe('Shannon (1976) radii', () => {
  it('returns effective ionic radii from the table', () => {
    expect(shannonRadius('Na', 1, 6)).toBe(1.02);
    expect(shannonRadius('O', -2, 'VI')).toBe(1.4);
    expect(shannonRadius('Zr', 4, 6)).toBe(0.72);
    expect(shannonRadius('Li', 1, 4)).toBe(0.59);
    expect(shannonRadius('Co', 3, 6, 'LS')).toBe(0.545);
    expect(shannonRadius('Mn', 3, 6, 'HS')).toBe(0.645);
    expect(shannonRadius('Ni', 2, 'IVSQ')).toBe(0.49);
  });

  it('keeps crystal radius = ionic + 0.14 Å for every cation', () => {
    for (const el of ['Na', 'Co', 'Fe', 'Mn', 'Ti'])
      for (const q of [1, 2, 3, 4])
        for (const e of shannonEntries(el, q)) expect(e.crystalRadius - e.ionicRadius).toBeCloseTo(0.14, 6);
  });

  it('asks for the spin when both are tabulated', () => {
    expect(() => shannonRadius('Fe', 2, 6)).toThrow(/spin/);
    expect(() => shannonRadius('Fe', 2, 6)).toThrow(/VI LS or VI HS/);
  });

  it('names what is tabulated when the coordination is missing', () => {
    expect(() => shannonRadius('Na', 1, 3)).toThrow(/IV, V, VI, VII, VIII, IX, XII/);
    expect(() => shannonRadius('Na', 2, 6)).toThrow(InputError);
    expect(() => shannonRadius('Na', 1, 13)).toThrow(InputError);
  });
});
