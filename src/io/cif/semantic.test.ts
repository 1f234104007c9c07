import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { loadSpaceGroupsNode } from '../../crystal/spacegroup.node.ts';
import { type Site, siteOccupancy } from '../../crystal/structure.ts';
import { parseCif, parseCifAll, parseFormulaSum, uEquivalent } from './semantic.ts';

const fixture = (path: string) =>
  readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url), 'utf8');

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

function count(sites: Site[], label: string): number {
  return sites.filter((s) => s.orbit === label).length;
}

function composition(sites: Site[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const s of sites) for (const o of s.occupants) c[o.element] = (c[o.element] ?? 0) + o.occupancy;
  for (const k of Object.keys(c)) c[k] = Number(c[k].toFixed(6));
  return c;
}

beforeAll(() => loadSpaceGroupsNode());

describe('parseCif on the fixtures', () => {
  it('Silicon: 192 listed operations → 8 atoms', () => {
    const r = parseCif(fixture('xrd/Silicon.cif'), { fileName: 'Silicon.cif' });
    expect(r.blockName).toBe('global');
    expect(r.structure.symmetry).toHaveLength(192);
    expect(r.structure.sites).toHaveLength(8);
    expect(r.structure.lattice.parameters.a).toBeCloseTo(5.4307, 10);
    expect(r.structure.spaceGroup?.symbol).toBe('F d 3 m');
    expect(r.warnings).toEqual([]);
  });

  it('LiCoO2: 3 + 3 + 6 = 12 atoms, Biso kept as B, cell su read', () => {
    const r = parseCif(fixture('xrd/LiCoO2.cif'), { fileName: 'LiCoO2.cif' });
    const s = r.structure.sites;
    expect(s).toHaveLength(12);
    expect([count(s, 'Li1'), count(s, 'Co1'), count(s, 'O1')]).toEqual([3, 3, 6]);
    expect(r.structure.asymmetricUnit?.[2].displacement).toEqual({ kind: 'B', value: 1.13 });
    expect(r.su.cell).toEqual({ a: 0.001, b: 0.001, c: 0.001 });
    expect(r.structure.spaceGroup).toEqual({ symbol: 'R -3 m', number: 166 });
  });

  it('Na0.8CoO2: partial Na on 2b and 2d, aniso U, Uiso kept as U', () => {
    const r = parseCif(fixture('xrd/Na0.8CoO2_P63mmc.cif'), { fileName: 'Na0.8CoO2.cif' });
    const s = r.structure.sites;
    expect(s).toHaveLength(10);
    expect([count(s, 'Co1'), count(s, 'O1'), count(s, 'Na1'), count(s, 'Na2')]).toEqual([2, 4, 2, 2]);
    expect(s.filter((x) => x.orbit === 'Na1').every((x) => x.occupants[0].occupancy === 0.2)).toBe(true);
    expect(s.filter((x) => x.orbit === 'Na2').every((x) => x.occupants[0].occupancy === 0.6)).toBe(true);
    expect(composition(s)).toEqual({ Co: 2, O: 4, Na: 1.6 });
    const co = r.structure.asymmetricUnit![0];
    expect(co.displacement).toEqual({ kind: 'U', value: 0.0045 });
    expect(co.uAniso).toEqual([0.006, 0.006, 0.0015, 0.003, 0, 0]);
    expect(r.su.sites.O1).toEqual({ z: 0.0005 });
    // Hexagonal Ueq = ⅓[4/3 (U11 + U22 − U12) + U33]: equals the file's Uiso 0.0045.
    expect(uEquivalent(r.structure.lattice, co.uAniso!)).toBeCloseTo(0.0045, 12);
  });

  it('Na4Zr2Si3O12 (Tran Qui 1981): 126 atoms per hexagonal cell, formula consistent', () => {
    const r = parseCif(fixture('cif/Na4Zr2Si3O12_R-3c_Tran-Qui1981.cif'), { fileName: 'NZS.cif' });
    expect(r.structure.sites).toHaveLength(126);
    expect(composition(r.structure.sites)).toEqual({ Na: 24, Zr: 12, Si: 18, O: 72 });
    expect(r.warnings).toEqual([]);
  });

  it('NASICON models: ordered (108) and disordered Si/P (merged, 126 sites)', () => {
    const nzp = parseCif(fixture('xrd/NaZr2P3O12_R-3c_model.cif'));
    expect(nzp.structure.sites).toHaveLength(6 + 12 + 18 + 36 + 36);
    expect(composition(nzp.structure.sites)).toEqual({ Na: 6, Zr: 12, P: 18, O: 72 });
    const nzsp = parseCif(fixture('xrd/Na3Zr2Si2PO12_R-3c_avg_model.cif'));
    expect(nzsp.structure.sites).toHaveLength(126);
    const mixed = nzsp.structure.sites.filter((s) => s.occupants.length === 2);
    expect(mixed).toHaveLength(18);
    expect(mixed.every((s) => Math.abs(siteOccupancy(s) - 1) < 1e-12)).toBe(true);
    expect(nzsp.warnings.map((w) => w.code)).toEqual(['merged-sites']);
    expect(composition(nzsp.structure.sites)).toEqual({ Na: 18, Zr: 12, Si: 12, P: 6, O: 72 });
  });

  it('LiFePO4 (P1 VESTA export): 28 atoms, nothing merged', () => {
    const r = parseCif(fixture('cif/LiFePO4.cif'), { fileName: 'LiFePO4.cif' });
    expect(r.structure.sites).toHaveLength(28);
    expect(composition(r.structure.sites)).toEqual({ Fe: 4, Li: 4, O: 16, P: 4 });
    expect(r.structure.sites.every((s) => s.frac.every((v) => v >= 0 && v < 1))).toBe(true);
  });
});

const MINIMAL = (body: string, head = '') => `data_t
${head}
_cell_length_a 4.0
_cell_length_b 4.0
_cell_length_c 4.0
_cell_angle_alpha 90
_cell_angle_beta 90
_cell_angle_gamma 90
${body}
`;

describe('operations from the space-group symbol', () => {
  it('R -3 m without operations: hexagonal axes assumed and reported', () => {
    const text = fixture('xrd/LiCoO2.cif').replace(/loop_\s+_symmetry_equiv_pos_as_xyz[\s\S]*?\n\n/, '\n');
    const r = parseCif(text, { fileName: 'LiCoO2-noops.cif' });
    expect(r.structure.sites).toHaveLength(12);
    const w = r.warnings.find((x) => x.code === 'ops-from-symbol');
    expect(w?.message).toMatch(/36 operations/);
    expect(w?.message).toMatch(/hexagonal axes/);
  });

  it('Fd-3m by number only: origin choice 2 assumed (Si at 1/8,1/8,1/8 gives 8 atoms)', () => {
    const r = parseCif(
      MINIMAL(
        'loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nSi1 0.125 0.125 0.125',
        '_space_group_IT_number 227',
      ).replace(/4\.0/g, '5.4307'),
    );
    expect(r.structure.sites).toHaveLength(8);
    expect(r.warnings.find((x) => x.code === 'ops-from-symbol')?.message).toMatch(/origin choice 2/);
  });

  it('rhombohedral cell with an R symbol uses rhombohedral axes', () => {
    const text = `data_r
_cell_length_a 5.0
_cell_length_b 5.0
_cell_length_c 5.0
_cell_angle_alpha 60
_cell_angle_beta 60
_cell_angle_gamma 60
_symmetry_space_group_name_H-M 'R -3 m'
loop_
_atom_site_label
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
O1 0.25 0.25 0.25
`;
    const r = parseCif(text);
    expect(r.structure.symmetry).toHaveLength(12);
    expect(r.structure.sites).toHaveLength(2);
    expect(r.warnings.find((x) => x.code === 'ops-from-symbol')?.message).toMatch(/rhombohedral axes/);
  });

  it('symbol and number of different groups is an error', () => {
    const e = errorOf(() =>
      parseCif(
        MINIMAL(
          'loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0 0 0',
          "_symmetry_space_group_name_H-M 'P m -3 m'\n_space_group_IT_number 227",
        ),
        { fileName: 'x.cif' },
      ),
    );
    expect(e.message).toMatch(/x\.cif/);
    expect(e.message).toMatch(/221/);
  });
});

const SITE_LOOP = (rows: string, extra = '') => `loop_
_atom_site_label
_atom_site_type_symbol
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
_atom_site_occupancy${extra}
${rows}`;

describe('atom sites', () => {
  it('charges from type symbols and from the _atom_type loop', () => {
    const text = MINIMAL(
      `${SITE_LOOP('Na1 Na1+ 0 0 0 1\nCl1 Cl 0.5 0.5 0.5 1')}
loop_
_atom_type_symbol
_atom_type_oxidation_number
Na1+ 1
Cl -1`,
      "_symmetry_equiv_pos_as_xyz 'x,y,z'",
    );
    const r = parseCif(text);
    expect(r.structure.sites.map((s) => s.occupants[0])).toEqual([
      { element: 'Na', occupancy: 1, oxidationState: 1 },
      { element: 'Cl', occupancy: 1, oxidationState: -1 },
    ]);
  });

  it('occupancy slightly above 1 is kept with a warning; formula mismatch warns', () => {
    const text = MINIMAL(
      `_chemical_formula_sum 'Na2 Cl'\n${SITE_LOOP('Na1 Na 0 0 0 1.01\nCl1 Cl 0.5 0.5 0.5 1')}`,
      "_symmetry_equiv_pos_as_xyz 'x,y,z'",
    );
    const r = parseCif(text);
    expect(r.structure.sites[0].occupants[0].occupancy).toBe(1.01);
    const codes = r.warnings.map((w) => w.code);
    expect(codes).toContain('occupancy-above-one');
    expect(codes).toContain('formula-mismatch');
  });

  it('two species listed on one position are merged into a disordered site', () => {
    const text = MINIMAL(
      SITE_LOOP('Fe1 Fe2+ 0 0 0 0.5\nMn1 Mn3+ 0 0 0 0.5\nO1 O2- 0.5 0.5 0.5 1'),
      '_space_group_IT_number 1',
    );
    const r = parseCif(text);
    expect(r.structure.sites).toHaveLength(2);
    expect(r.structure.sites[0].occupants.map((o) => o.element)).toEqual(['Fe', 'Mn']);
    expect(r.warnings.map((w) => w.code)).toContain('merged-sites');
    expect(r.structure.asymmetricUnit).toHaveLength(3);
  });

  it('no operations and no symbol: P1 assumed, with a warning', () => {
    const r = parseCif(MINIMAL(SITE_LOOP('Na1 Na 0 0 0 1')));
    expect(r.structure.sites).toHaveLength(1);
    expect(r.warnings.map((w) => w.code)).toContain('ops-assumed-p1');
  });

  it('a typo in the operations is reported', () => {
    const r = parseCif(
      MINIMAL(SITE_LOOP('Na1 Na 0.1 0.2 0.3 1'), "loop_\n_symmetry_equiv_pos_as_xyz\n'x,y,z'\n'-x,-y,z+1/3'"),
    );
    expect(r.warnings.map((w) => w.code)).toContain('ops-not-closed');
  });

  it('parseCifAll reads every structure block; block option selects one', () => {
    const one = MINIMAL(SITE_LOOP('Na1 Na 0 0 0 1'), "_symmetry_equiv_pos_as_xyz 'x,y,z'");
    const text = `data_meta\n_journal_year 2020\n${one}${one.replace('data_t', 'data_u').replace('Na1 Na', 'K1 K')}`;
    expect(parseCifAll(text).map((r) => r.blockName)).toEqual(['t', 'u']);
    expect(parseCif(text).blockName).toBe('t');
    expect(parseCif(text, { block: 'U' }).structure.sites[0].occupants[0].element).toBe('K');
    expect(parseCif(text, { block: 2 }).blockName).toBe('u');
    expect(errorOf(() => parseCif(text, { block: 'zz' })).message).toMatch(/data_t/);
  });
});

describe('bad input → InputError naming file and expectation', () => {
  const cases: [string, string, RegExp][] = [
    ['empty file', '', /no data block/],
    ['not CIF', 'Hello, this is a README.\nNothing to see.\n', /value without a tag|before any data block/],
    ['no cell', 'data_x\n_chemical_name_common foo\n', /unit cell/],
    ['no atoms', MINIMAL(''), /no atom sites/],
    ['unknown element', MINIMAL(SITE_LOOP('Xx1 Xx 0 0 0 1')), /unknown element/],
    ['negative occupancy', MINIMAL(SITE_LOOP('Na1 Na 0 0 0 -0.1')), /negative occupancy/],
    ['occupancy far above 1', MINIMAL(SITE_LOOP('Na1 Na 0 0 0 1.5')), /occupancy above 1/],
    ['unterminated text field', 'data_x\n_publ_section_title\n;\nA title\n', /never closed/],
    [
      'zero cell length',
      MINIMAL(SITE_LOOP('Na1 Na 0 0 0 1')).replace('_cell_length_b 4.0', '_cell_length_b 0'),
      /positive/,
    ],
    [
      'impossible angles',
      MINIMAL(SITE_LOOP('Na1 Na 0 0 0 1')).replace('_cell_angle_alpha 90', '_cell_angle_alpha 200'),
      /angle/,
    ],
    [
      'missing fract_z',
      MINIMAL('loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\nNa1 0 0'),
      /fract_z/,
    ],
    ['coordinate is ?', MINIMAL(SITE_LOOP('Na1 Na 0 ? 0 1')), /number is needed/],
    [
      'bad operation',
      MINIMAL(SITE_LOOP('Na1 Na 0 0 0 1'), "_symmetry_equiv_pos_as_xyz 'x,y'"),
      /symmetry operation/,
    ],
    [
      'unknown symbol',
      MINIMAL(SITE_LOOP('Na1 Na 0 0 0 1'), "_symmetry_space_group_name_H-M 'Q 9'"),
      /unknown space-group/,
    ],
    [
      'Cartesian only',
      MINIMAL(
        'loop_\n_atom_site_label\n_atom_site_Cartn_x\n_atom_site_Cartn_y\n_atom_site_Cartn_z\nNa1 0 0 0',
      ),
      /Cartesian/,
    ],
  ];
  for (const [name, text, re] of cases)
    it(name, () => {
      const e = errorOf(() => parseCif(text, { fileName: 'in.cif' }));
      expect(e.message).toMatch(re);
      expect(e.file).toBe('in.cif');
      expect(e.message.startsWith('in.cif')).toBe(true);
      expect(e.expected).toBeTruthy();
    });

  it('unknown element points at the line and field', () => {
    const text = MINIMAL(SITE_LOOP('Na1 Na 0 0 0 1\nXx1 Xx 0.5 0 0 1'));
    const e = errorOf(() => parseCif(text, { fileName: 'in.cif' }));
    expect(e.line).toBe(text.split('\n').findIndex((l) => l.startsWith('Xx1')) + 1);
    expect(e.field).toBe('_atom_site_type_symbol');
    expect(e.found).toBe('Xx');
  });
});

describe('parseFormulaSum', () => {
  it('reads CIF formula sums', () => {
    expect(Object.fromEntries(parseFormulaSum('Na0.8 Co O2')!)).toEqual({ Na: 0.8, Co: 1, O: 2 });
    expect(Object.fromEntries(parseFormulaSum('Na18.0 Zr12 Si12.0 P6.0 O72')!)).toEqual({
      Na: 18,
      Zr: 12,
      Si: 12,
      P: 6,
      O: 72,
    });
    expect(parseFormulaSum('NaCl')).toBeUndefined();
  });
});

describe('robustness', () => {
  it('mangled fixture text gives a structure or an InputError, never anything else', () => {
    const texts = ['xrd/LiCoO2.cif', 'xrd/Na0.8CoO2_P63mmc.cif', 'xrd/Na3Zr2Si2PO12_R-3c_avg_model.cif'].map(
      fixture,
    );
    const edit = fc.record({
      which: fc.integer({ min: 0, max: texts.length - 1 }),
      at: fc.nat(),
      cut: fc.integer({ min: 0, max: 40 }),
      insert: fc.string({
        unit: fc.constantFrom(...'0123456789.-()?\'" \n;_#xyzXx'.split('')),
        maxLength: 6,
      }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = texts[edits[0].which];
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
        }
        try {
          const r = parseCif(text, { fileName: 'mangled.cif' });
          for (const s of r.structure.sites) expect(s.frac.every(Number.isFinite)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).file).toBe('mangled.cif');
        }
      }),
      { numRuns: 300 },
    );
  });
});
