import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { loadSpaceGroupsNode } from '../../crystal/spacegroup.node.ts';
import type { Site, Structure } from '../../crystal/structure.ts';
import { parseCif } from './semantic.ts';
import { formatCifValue, writeCif } from './writer.ts';

const dir = (d: string) => new URL(`../../../test/fixtures/${d}/`, import.meta.url);
const FIXTURES = ['xrd', 'cif'].flatMap((d) =>
  readdirSync(dir(d))
    .filter((f) => f.endsWith('.cif'))
    .map((f) => ({ name: f, text: readFileSync(new URL(f, dir(d)), 'utf8') })),
);

function expectSameLattice(a: Structure, b: Structure) {
  const pa = a.lattice.parameters;
  const pb = b.lattice.parameters;
  for (const k of ['a', 'b', 'c', 'alpha', 'beta', 'gamma'] as const)
    expect(Math.abs(pa[k] - pb[k])).toBeLessThan(1e-6);
}

function expectSameSites(a: Site[], b: Site[]) {
  expect(b).toHaveLength(a.length);
  a.forEach((s, i) => {
    const t = b[i];
    for (let k = 0; k < 3; k++) {
      const d = Math.abs(s.frac[k] - t.frac[k]);
      expect(Math.min(d, 1 - d)).toBeLessThan(1e-6);
    }
    expect(t.occupants.map((o) => [o.element, o.occupancy, o.oxidationState])).toEqual(
      s.occupants.map((o) => [o.element, o.occupancy, o.oxidationState]),
    );
    expect(t.displacement?.kind).toBe(s.displacement?.kind);
    if (s.displacement) expect(Math.abs(t.displacement!.value - s.displacement.value)).toBeLessThan(1e-8);
    if (s.uAniso) for (let k = 0; k < 6; k++) expect(Math.abs(t.uAniso![k] - s.uAniso[k])).toBeLessThan(1e-8);
  });
}

beforeAll(() => loadSpaceGroupsNode());

describe('writeCif round trip', () => {
  for (const { name, text } of FIXTURES) {
    it(`${name}: P1 and symmetry modes read back the same structure`, () => {
      const first = parseCif(text, { fileName: name }).structure;
      for (const mode of ['P1', 'symmetry'] as const) {
        const out = writeCif(first, { mode });
        const again = parseCif(out, { fileName: `${name}.${mode}.cif` }).structure;
        expectSameLattice(first, again);
        expectSameSites(first.sites, again.sites);
        if (mode === 'symmetry') {
          expect(again.symmetry).toHaveLength(first.symmetry!.length);
          expectSameSites(first.asymmetricUnit!, again.asymmetricUnit!);
        }
      }
    });
  }

  it('P1 mode writes one row per occupant with a shared number for a disordered site', () => {
    const nzsp = FIXTURES.find((f) => f.name.startsWith('Na3Zr2Si2PO12'))!;
    const out = writeCif(parseCif(nzsp.text).structure, { mode: 'P1' });
    const mixed = out.split('\n').filter((l) => /^\s+(Si|P)\d+ /.test(l));
    expect(mixed).toHaveLength(36);
    const first = mixed[0].trim().split(/\s+/);
    const partner = mixed.find((l) => l.trim().split(/\s+/)[0] === `P${first[0].slice(2)}`);
    expect(partner?.trim().split(/\s+/).slice(2, 5)).toEqual(first.slice(2, 5));
  });

  it('symmetry mode needs recorded symmetry', () => {
    const { structure } = parseCif(FIXTURES[0].text);
    expect(() =>
      writeCif({ lattice: structure.lattice, sites: structure.sites }, { mode: 'symmetry' }),
    ).toThrow(InputError);
  });

  it('writes charges as type symbols', () => {
    const { structure } = parseCif(FIXTURES[0].text);
    const s: Structure = {
      lattice: structure.lattice,
      sites: [
        { label: 'x', frac: [0, 0, 0], occupants: [{ element: 'O', occupancy: 1, oxidationState: -2 }] },
      ],
    };
    expect(writeCif(s)).toMatch(/ O1 O2- 0 0 0 1/);
  });
});

describe('formatCifValue', () => {
  it('quotes only when needed', () => {
    expect(formatCifValue('Na1')).toBe('Na1');
    expect(formatCifValue('P 1')).toBe("'P 1'");
    expect(formatCifValue("O'Brien")).toBe("O'Brien"); // a quote inside a bare value is fine
    expect(formatCifValue("'O'Brien")).toBe("''O'Brien'");
    expect(formatCifValue("it's here")).toBe("'it's here'");
    expect(formatCifValue("rock' n roll")).toBe('"rock\' n roll"');
    expect(formatCifValue('both\' and" here')).toBe('\n;\nboth\' and" here\n;\n');
    expect(formatCifValue('?')).toBe("'?'");
    expect(formatCifValue('_tag')).toBe("'_tag'");
    expect(formatCifValue('data_x')).toBe("'data_x'");
    expect(formatCifValue('')).toBe("''");
    expect(formatCifValue('a\nb')).toBe('\n;\na\nb\n;\n');
    expect(() => formatCifValue('a\n;b')).toThrow(InputError);
  });
});
