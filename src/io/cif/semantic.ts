/**
 * CIF data block → Structure. Reads the cell, the symmetry operations (or generates them from the
 * space-group symbol), the atom sites with occupancies, displacements and oxidation states, expands
 * the asymmetric unit and checks the result against `_chemical_formula_sum`.
 *
 * Problems that make the structure wrong are InputErrors naming file, line and tag; things a
 * crystallographer should know but that leave a usable structure are typed warnings.
 */
import { elementFromLabel, isElement, parseSpeciesSymbol, type Species } from '../../core/elements.ts';
import { InputError } from '../../core/errors.ts';
import {
  DEFAULT_SITE_TOLERANCE,
  type ExpandWarning,
  expandAsymmetricUnit,
  OCCUPANCY_TOLERANCE,
} from '../../crystal/expand.ts';
import { Lattice, type LatticeParameters } from '../../crystal/lattice.ts';
import { operationsForHallNumber, resolveSpaceGroup } from '../../crystal/spacegroup.ts';
import type { Displacement, Occupant, Site, SpaceGroupInfo, Structure } from '../../crystal/structure.ts';
import { composeSymOps, IDENTITY, mod1, parseSymOp, type SymOp } from '../../crystal/symop.ts';
import { type CifBlock, type CifEntry, isNull, parseCifBlocks, tryParseNumberWithSu } from './tokenizer.ts';

export type CifWarningCode =
  | ExpandWarning['code']
  | 'formula-mismatch'
  | 'formula-unreadable'
  | 'ops-from-symbol'
  | 'ops-assumed-p1'
  | 'ops-not-closed'
  | 'cell-angle-default'
  | 'occupancy-default'
  | 'zero-occupancy'
  | 'duplicate-label'
  | 'adp-type-mismatch'
  | 'dummy-atom';

export interface CifWarning {
  code: CifWarningCode;
  message: string;
  /** Atom-site label concerned, if any. */
  label?: string;
  line?: number;
}

/** Standard uncertainties read from the file (same units as the values). */
export interface CifUncertainties {
  /** Cell lengths (Å) and angles (°). */
  cell: Partial<LatticeParameters>;
  /** Per asymmetric-unit label: su of fractional x, y, z and occupancy, where given. */
  sites: Record<string, { x?: number; y?: number; z?: number; occupancy?: number }>;
}

export interface CifStructure {
  structure: Structure;
  warnings: CifWarning[];
  blockName: string;
  su: CifUncertainties;
}

export interface CifToStructureOptions {
  fileName?: string;
  /** Distance (Å) under which symmetry images coincide; default DEFAULT_SITE_TOLERANCE (0.02 Å). */
  tolerance?: number;
}

export interface ParseCifOptions extends CifToStructureOptions {
  /** Block to read: its name (without 'data_', case-insensitive) or 0-based index among all blocks. */
  block?: string | number;
}

/**
 * Parses CIF text into one structure: the requested block, or by default the first block that has
 * `_cell_length_a` and atom sites.
 */
export function parseCif(text: string, options: ParseCifOptions = {}): CifStructure {
  const file = options.fileName;
  const blocks = parseCifBlocks(text, { fileName: file });
  if (blocks.length === 0)
    throw new InputError('no data block found', {
      file,
      line: 1,
      expected: "a CIF file with a 'data_name' line followed by _cell_length_a, atom sites, …",
    });
  let block: CifBlock | undefined;
  if (options.block !== undefined) {
    const want = options.block;
    block =
      typeof want === 'number'
        ? blocks[want]
        : blocks.find((b) => b.name.toLowerCase() === want.replace(/^data_/i, '').toLowerCase());
    if (!block)
      throw new InputError('requested data block not found', {
        file,
        field: 'block',
        found: String(want),
        expected: `one of ${blocks.map((b, i) => `${i}: data_${b.name}`).join(', ')}`,
      });
  } else {
    block = blocks.find((b) => hasStructure(b)) ?? blocks.find((b) => tagOf(b, '_cell_length_a'));
    if (!block)
      throw new InputError('no data block has a unit cell', {
        file,
        line: blocks[0].line,
        field: '_cell_length_a',
        expected: 'a data block with _cell_length_a/b/c, _cell_angle_alpha/beta/gamma and atom sites',
      });
  }
  return cifToStructure(block, options);
}

/** Parses every data block that holds a structure (cell and atom sites). */
export function parseCifAll(text: string, options: CifToStructureOptions = {}): CifStructure[] {
  const blocks = parseCifBlocks(text, { fileName: options.fileName });
  const withStructure = blocks.filter(hasStructure);
  if (withStructure.length === 0)
    throw new InputError('no data block has a unit cell and atom sites', {
      file: options.fileName,
      line: blocks[0]?.line ?? 1,
      field: '_cell_length_a',
      expected: 'at least one data block with _cell_length_a and _atom_site_fract_x',
    });
  return withStructure.map((b) => cifToStructure(b, options));
}

function hasStructure(b: CifBlock): boolean {
  return tagOf(b, '_cell_length_a') !== undefined && tagOf(b, '_atom_site_fract_x') !== undefined;
}

/** DDL2/CIF2 spell tags with a dot ('_atom_site.fract_x'); compare them in the CIF 1 form. */
function normTag(tag: string): string {
  return tag.replace('.', '_');
}

/** Where a tag lives in a block: single item or loop column. */
function tagOf(b: CifBlock, tag: string): 'item' | 'loop' | undefined {
  for (const t of b.items.keys()) if (normTag(t) === tag) return 'item';
  for (const l of b.loops) if (l.tags.some((t) => normTag(t) === tag)) return 'loop';
  return undefined;
}

/** A loop (or a single row of items) found by one of its tags. */
interface Table {
  tags: string[];
  rows: CifEntry[][];
  line: number;
}

function findTable(
  b: CifBlock,
  keyTags: string[],
  categoryPrefix: string,
  excludePrefix?: string,
): Table | undefined {
  for (const l of b.loops) {
    const tags = l.tags.map(normTag);
    if (keyTags.some((k) => tags.includes(k))) return { tags, rows: l.rows, line: l.line };
  }
  const tags: string[] = [];
  const row: CifEntry[] = [];
  for (const [t, e] of b.items) {
    const n = normTag(t);
    if (n.startsWith(categoryPrefix) && !(excludePrefix && n.startsWith(excludePrefix))) {
      tags.push(n);
      row.push(e);
    }
  }
  if (!keyTags.some((k) => tags.includes(k))) return undefined;
  return { tags, rows: [row], line: row[0].line };
}

function column(t: Table, ...names: string[]): number {
  for (const n of names) {
    const i = t.tags.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

function item(b: CifBlock, ...names: string[]): CifEntry | undefined {
  for (const [t, e] of b.items) if (names.includes(normTag(t))) return e;
  return undefined;
}

/** Converts one data block into a structure. */
export function cifToStructure(block: CifBlock, options: CifToStructureOptions = {}): CifStructure {
  const file = options.fileName;
  const warnings: CifWarning[] = [];
  const su: CifUncertainties = { cell: {}, sites: {} };

  const lattice = readCell(block, file, warnings, su);
  const { ops, spaceGroup } = readSymmetry(block, lattice, file, warnings);
  const asym = readAtomSites(block, lattice, file, warnings, su);

  const expanded = expandAsymmetricUnit(lattice, ops, asym, {
    tolerance: options.tolerance ?? DEFAULT_SITE_TOLERANCE,
  });
  for (const w of expanded.warnings) warnings.push({ ...w });
  checkFormula(block, expanded.sites, warnings);

  const structure: Structure = {
    title: block.name,
    lattice,
    sites: expanded.sites,
    symmetry: ops,
    asymmetricUnit: asym,
  };
  if (spaceGroup) structure.spaceGroup = spaceGroup;
  return { structure, warnings, blockName: block.name, su };
}

// ---------------------------------------------------------------- numbers

function numberAt(
  e: CifEntry,
  field: string,
  file: string | undefined,
  expected = 'a number (optionally with su in parentheses)',
): { value: number; su?: number } {
  if (isNull(e.value))
    throw new InputError(`value is '${e.value.text}' (${e.value.kind}) but a number is needed`, {
      file,
      line: e.line,
      field,
      expected,
    });
  const r = tryParseNumberWithSu(e.value.text);
  if (!r) throw new InputError('not a number', { file, line: e.line, field, found: e.value.text, expected });
  return r;
}

// ---------------------------------------------------------------- cell

const LENGTHS = ['a', 'b', 'c'] as const;
const ANGLES = ['alpha', 'beta', 'gamma'] as const;

function readCell(
  block: CifBlock,
  file: string | undefined,
  warnings: CifWarning[],
  su: CifUncertainties,
): Lattice {
  const p = {} as LatticeParameters;
  let firstLine = block.line;
  for (const k of LENGTHS) {
    const tag = `_cell_length_${k}`;
    const e = item(block, tag);
    if (!e)
      throw new InputError(`no unit cell: ${tag} is missing in data_${block.name}`, {
        file,
        line: block.line,
        field: tag,
        expected: 'cell lengths _cell_length_a/b/c in Å and angles _cell_angle_alpha/beta/gamma in degrees',
      });
    const r = numberAt(e, tag, file, 'a cell length in Å');
    if (!(r.value > 0))
      throw new InputError('cell length must be positive', {
        file,
        line: e.line,
        field: tag,
        found: e.value.text,
        expected: 'a length > 0 Å',
      });
    p[k] = r.value;
    if (r.su !== undefined) su.cell[k] = r.su;
    firstLine = e.line;
  }
  for (const k of ANGLES) {
    const tag = `_cell_angle_${k}`;
    const e = item(block, tag);
    if (!e || isNull(e.value)) {
      p[k] = 90;
      warnings.push({
        code: 'cell-angle-default',
        line: e?.line,
        message: `${tag} is not given; 90° assumed`,
      });
      continue;
    }
    const r = numberAt(e, tag, file, 'an angle in degrees');
    p[k] = r.value;
    if (r.su !== undefined) su.cell[k] = r.su;
  }
  try {
    return Lattice.fromParameters(p);
  } catch (err) {
    if (err instanceof InputError) {
      const tag = (ANGLES as readonly string[]).includes(err.field ?? '')
        ? `_cell_angle_${err.field}`
        : (LENGTHS as readonly string[]).includes(err.field ?? '')
          ? `_cell_length_${err.field}`
          : '_cell_angle_alpha/beta/gamma';
      const e = item(block, tag);
      throw new InputError(err.problem, {
        file,
        line: e?.line ?? firstLine,
        field: tag,
        found: err.found,
        expected: err.expected,
      });
    }
    throw err;
  }
}

// ---------------------------------------------------------------- symmetry

const OP_TAGS = ['_space_group_symop_operation_xyz', '_symmetry_equiv_pos_as_xyz'];

function readSymmetry(
  block: CifBlock,
  lattice: Lattice,
  file: string | undefined,
  warnings: CifWarning[],
): { ops: SymOp[]; spaceGroup?: SpaceGroupInfo } {
  const hmEntry = item(block, '_space_group_name_h-m_alt', '_symmetry_space_group_name_h-m');
  const hallEntry = item(block, '_space_group_name_hall', '_symmetry_space_group_name_hall');
  const numEntry = item(block, '_space_group_it_number', '_symmetry_int_tables_number');
  const text = (e: CifEntry | undefined) =>
    e && !isNull(e.value) && e.value.text.trim() ? e.value.text : undefined;
  const hm = text(hmEntry);
  const hall = text(hallEntry);
  let number: number | undefined;
  if (numEntry && !isNull(numEntry.value)) {
    const n = numberAt(
      numEntry,
      '_space_group_IT_number',
      file,
      'an International Tables number 1–230',
    ).value;
    if (!(Number.isInteger(n) && n >= 1 && n <= 230))
      throw new InputError('space-group number out of range', {
        file,
        line: numEntry.line,
        field: '_space_group_IT_number',
        found: numEntry.value.text,
        expected: 'an integer 1–230',
      });
    number = n;
  }
  const info: SpaceGroupInfo = {};
  if (hm) info.symbol = hm;
  if (number !== undefined) info.number = number;
  if (hall) info.hall = hall;
  const spaceGroup = hm || hall || number !== undefined ? info : undefined;

  const table = findTable(block, OP_TAGS, '_space_group_symop_');
  const fromItem = table ? undefined : item(block, '_symmetry_equiv_pos_as_xyz');
  const entries: CifEntry[] = [];
  if (table) {
    const c = column(table, ...OP_TAGS);
    for (const row of table.rows) entries.push(row[c]);
  } else if (fromItem) entries.push(fromItem);

  if (entries.length > 0) {
    const ops = entries.map((e) => {
      if (isNull(e.value))
        throw new InputError(`symmetry operation is '${e.value.text}'`, {
          file,
          line: e.line,
          field: 'symmetry operation',
          expected: "an operation like 'x, y+1/2, -z'",
        });
      return parseSymOp(e.value.text, { file, line: e.line });
    });
    checkGroup(ops, entries[0].line, warnings);
    return { ops, spaceGroup };
  }

  // No operations listed: generate them from the symbol (Hall is unambiguous, then H-M, then number).
  const source = hall
    ? { text: hall, entry: hallEntry!, tag: '_space_group_name_Hall' }
    : hm
      ? { text: hm, entry: hmEntry!, tag: '_space_group_name_H-M_alt' }
      : number !== undefined
        ? { text: String(number), entry: numEntry!, tag: '_space_group_IT_number' }
        : undefined;
  if (!source) {
    warnings.push({
      code: 'ops-assumed-p1',
      message: 'no symmetry operations and no space-group symbol: P1 (identity only) assumed',
    });
    return { ops: [IDENTITY], spaceGroup };
  }
  // An R group described on rhombohedral axes (a = b = c, α = β = γ ≠ 90°) uses setting R.
  const p = lattice.parameters;
  const rhombohedralCell =
    Math.abs(p.a - p.b) < 1e-4 * p.a &&
    Math.abs(p.a - p.c) < 1e-4 * p.a &&
    Math.abs(p.alpha - p.beta) < 1e-3 &&
    Math.abs(p.alpha - p.gamma) < 1e-3 &&
    Math.abs(p.alpha - 90) > 1e-3;
  let resolved: ReturnType<typeof resolveSpaceGroup>;
  try {
    resolved = resolveSpaceGroup(source.text);
    if (resolved.assumption && resolved.setting.setting === 'H' && rhombohedralCell)
      resolved = {
        setting: resolveSpaceGroup(source.text, { setting: 'R' }).setting,
        assumption: 'rhombohedral axes (setting R) assumed because a = b = c and α = β = γ ≠ 90°',
      };
  } catch (err) {
    if (err instanceof InputError)
      throw err.withLocation({ file, line: source.entry.line, field: source.tag });
    throw err;
  }
  const s = resolved.setting;
  if (number !== undefined && s.number !== number)
    throw new InputError(
      `space-group symbol '${source.text}' is group ${s.number}, but the file says ${number}`,
      {
        file,
        line: numEntry!.line,
        field: '_space_group_IT_number',
        expected: 'symbol and number of the same space group',
      },
    );
  const ops = operationsForHallNumber(s.hallNumber);
  warnings.push({
    code: 'ops-from-symbol',
    line: source.entry.line,
    message:
      `no symmetry operations listed: ${ops.length} operations generated from ${source.tag} '${source.text}' ` +
      `(group ${s.number} ${s.hmShort}, Hall symbol ${s.hallSymbol})` +
      (resolved.assumption ? `; ${resolved.assumption}` : ''),
  });
  return { ops, spaceGroup: { ...info, number: s.number, hall: info.hall ?? s.hallSymbol } };
}

/** Warns when the listed operations are not closed under composition (a typo in one of them). */
function checkGroup(ops: SymOp[], line: number, warnings: CifWarning[]): void {
  const key = (r: readonly number[], t: readonly number[]) =>
    `${r.join(',')};${t.map((x) => Math.round(mod1(x) * 1000) % 1000).join(',')}`;
  const set = new Set(ops.map((o) => key(o.rotation, o.translation)));
  const problems: string[] = [];
  if (!set.has(key(IDENTITY.rotation, IDENTITY.translation))) problems.push('the identity x,y,z is missing');
  else if (ops.length <= 1000) {
    outer: for (const a of ops)
      for (const b of ops) {
        const { rotation: r, translation: t } = composeSymOps(a, b);
        if (!set.has(key(r, t))) {
          problems.push('the product of two listed operations is not in the list');
          break outer;
        }
      }
  }
  if (problems.length > 0)
    warnings.push({
      code: 'ops-not-closed',
      line,
      message: `the symmetry operations do not form a group (${problems.join('; ')}); check them for typos`,
    });
}

// ---------------------------------------------------------------- atom sites

function readAtomSites(
  block: CifBlock,
  lattice: Lattice,
  file: string | undefined,
  warnings: CifWarning[],
  su: CifUncertainties,
): Site[] {
  const t = findTable(block, ['_atom_site_fract_x'], '_atom_site_', '_atom_site_aniso_');
  if (!t) {
    const cart = tagOf(block, '_atom_site_cartn_x');
    throw new InputError(
      cart ? 'atom sites are given only in Cartesian coordinates' : `no atom sites in data_${block.name}`,
      {
        file,
        line: block.line,
        field: '_atom_site_fract_x',
        expected: 'a loop with _atom_site_label, _atom_site_type_symbol and _atom_site_fract_x/y/z',
      },
    );
  }
  const col = {
    label: column(t, '_atom_site_label'),
    type: column(t, '_atom_site_type_symbol'),
    x: column(t, '_atom_site_fract_x'),
    y: column(t, '_atom_site_fract_y'),
    z: column(t, '_atom_site_fract_z'),
    occ: column(t, '_atom_site_occupancy'),
    u: column(t, '_atom_site_u_iso_or_equiv'),
    b: column(t, '_atom_site_b_iso_or_equiv'),
    adp: column(t, '_atom_site_adp_type', '_atom_site_thermal_displace_type'),
    calc: column(t, '_atom_site_calc_flag'),
  };
  for (const k of ['y', 'z'] as const)
    if (col[k] < 0)
      throw new InputError(`atom sites have no _atom_site_fract_${k}`, {
        file,
        line: t.line,
        field: `_atom_site_fract_${k}`,
        expected: 'fractional coordinates x, y and z for every site',
      });
  if (col.label < 0 && col.type < 0)
    throw new InputError('atom sites have neither labels nor type symbols', {
      file,
      line: t.line,
      field: '_atom_site_label',
      expected: '_atom_site_label and/or _atom_site_type_symbol',
    });
  const oxidation = readOxidationNumbers(block, file);

  const sites: Site[] = [];
  const seenLabels = new Set<string>();
  t.rows.forEach((row, r) => {
    const line = row[col.x].line;
    const labelEntry = col.label >= 0 ? row[col.label] : undefined;
    const typeEntry = col.type >= 0 && !isNull(row[col.type].value) ? row[col.type] : undefined;
    let label = labelEntry && !isNull(labelEntry.value) ? labelEntry.value.text : '';
    if (col.calc >= 0 && row[col.calc].value.text.toLowerCase() === 'dum') {
      warnings.push({
        code: 'dummy-atom',
        label,
        line,
        message: `dummy site ${label} (calc_flag dum) skipped`,
      });
      return;
    }
    const speciesText = typeEntry ? typeEntry.value.text : label;
    const fromLabel = typeEntry ? undefined : labelElement(label);
    const species: Species | undefined = typeEntry
      ? parseTypeSymbol(speciesText)
      : fromLabel
        ? { element: fromLabel }
        : undefined;
    if (!species)
      throw new InputError('unknown element', {
        file,
        line: (typeEntry ?? labelEntry)?.line ?? line,
        field: typeEntry ? '_atom_site_type_symbol' : '_atom_site_label',
        found: speciesText,
        expected: typeEntry
          ? "an element symbol H–Cf, optionally with a charge such as 'Na1+' or 'O2-'"
          : 'a label starting with an element symbol H–Cf (or an _atom_site_type_symbol column)',
      });
    if (label === '') label = `${species.element}${r + 1}`;
    if (seenLabels.has(label))
      warnings.push({
        code: 'duplicate-label',
        label,
        line,
        message: `label ${label} is used for more than one site`,
      });
    seenLabels.add(label);

    const x = numberAt(row[col.x], '_atom_site_fract_x', file, 'a fractional coordinate');
    const y = numberAt(row[col.y], '_atom_site_fract_y', file, 'a fractional coordinate');
    const z = numberAt(row[col.z], '_atom_site_fract_z', file, 'a fractional coordinate');
    const siteSu: CifUncertainties['sites'][string] = {};
    if (x.su !== undefined) siteSu.x = x.su;
    if (y.su !== undefined) siteSu.y = y.su;
    if (z.su !== undefined) siteSu.z = z.su;

    let occupancy = 1;
    if (col.occ >= 0) {
      const e = row[col.occ];
      if (isNull(e.value)) {
        if (e.value.kind === 'unknown')
          warnings.push({
            code: 'occupancy-default',
            label,
            line: e.line,
            message: `occupancy of ${label} is '?'; 1 assumed`,
          });
      } else {
        const o = numberAt(e, '_atom_site_occupancy', file, 'an occupancy between 0 and 1');
        occupancy = o.value;
        if (o.su !== undefined) siteSu.occupancy = o.su;
        if (occupancy < 0)
          throw new InputError('negative occupancy', {
            file,
            line: e.line,
            field: '_atom_site_occupancy',
            found: e.value.text,
            expected: 'an occupancy between 0 and 1',
          });
        if (occupancy > 1 + OCCUPANCY_TOLERANCE)
          throw new InputError('occupancy above 1', {
            file,
            line: e.line,
            field: '_atom_site_occupancy',
            found: e.value.text,
            expected: `an occupancy between 0 and 1 (up to ${1 + OCCUPANCY_TOLERANCE} tolerated for rounding)`,
          });
        if (occupancy > 1)
          warnings.push({
            code: 'occupancy-above-one',
            label,
            line: e.line,
            message: `occupancy of ${label} is ${occupancy} > 1 (kept as given)`,
          });
      }
    }
    if (occupancy === 0) {
      warnings.push({
        code: 'zero-occupancy',
        label,
        line,
        message: `site ${label} has occupancy 0 and was skipped`,
      });
      return;
    }
    if (Object.keys(siteSu).length > 0) su.sites[label] = siteSu;

    const occupant: Occupant = { element: species.element, occupancy };
    const ox =
      species.oxidationState ??
      oxidation.get(speciesText) ??
      oxidation.get(speciesText.toLowerCase()) ??
      (typeEntry ? undefined : oxidation.get(species.element.toLowerCase()));
    if (ox !== undefined) occupant.oxidationState = ox;

    const site: Site = { label, frac: [x.value, y.value, z.value], occupants: [occupant], orbit: label };
    const disp = readDisplacement(row, col, label, file, warnings);
    if (disp) site.displacement = disp;
    sites.push(site);
  });
  if (sites.length === 0)
    throw new InputError('no usable atom sites (all skipped)', {
      file,
      line: t.line,
      field: '_atom_site_label',
      expected: 'at least one site with non-zero occupancy',
    });
  readAniso(block, sites, lattice, file);
  return sites;
}

function readDisplacement(
  row: CifEntry[],
  col: { u: number; b: number; adp: number },
  label: string,
  file: string | undefined,
  warnings: CifWarning[],
): Displacement | undefined {
  const adpType = col.adp >= 0 && !isNull(row[col.adp].value) ? row[col.adp].value.text.toLowerCase() : '';
  const u = col.u >= 0 && !isNull(row[col.u].value) ? row[col.u] : undefined;
  const b = col.b >= 0 && !isNull(row[col.b].value) ? row[col.b] : undefined;
  // Both columns may be present; the adp_type says which one was refined.
  const useB = b !== undefined && (u === undefined || adpType.startsWith('b'));
  const e = useB ? b : u;
  if (!e) return undefined;
  const field = useB ? '_atom_site_B_iso_or_equiv' : '_atom_site_U_iso_or_equiv';
  const value = numberAt(e, field, file, 'a displacement parameter in Å²').value;
  if (adpType && (adpType.startsWith('b') || adpType.startsWith('u')) && adpType[0] !== (useB ? 'b' : 'u'))
    warnings.push({
      code: 'adp-type-mismatch',
      label,
      line: e.line,
      message: `${label}: _atom_site_adp_type is ${adpType} but only ${field} is given; the value is read as ${useB ? 'B' : 'U'} (the tag defines the unit)`,
    });
  return { kind: useB ? 'B' : 'U', value };
}

const U_TAGS = ['11', '22', '33', '12', '13', '23'];

/** Anisotropic displacements → site.uAniso (U in Å²); Ueq fills a missing isotropic value. */
function readAniso(block: CifBlock, sites: Site[], lattice: Lattice, file: string | undefined): void {
  const t = findTable(block, ['_atom_site_aniso_label'], '_atom_site_aniso_');
  if (!t) return;
  const labelCol = column(t, '_atom_site_aniso_label');
  let cols = U_TAGS.map((ij) => column(t, `_atom_site_aniso_u_${ij}`));
  let scale = 1;
  if (cols.some((c) => c < 0)) {
    cols = U_TAGS.map((ij) => column(t, `_atom_site_aniso_b_${ij}`));
    scale = 1 / (8 * Math.PI * Math.PI); // B_ij = 8π² U_ij
    if (cols.some((c) => c < 0)) return; // only β_ij or an incomplete set: ignored
  }
  const byLabel = new Map<string, Site[]>();
  for (const s of sites) byLabel.set(s.label, [...(byLabel.get(s.label) ?? []), s]);
  for (const row of t.rows) {
    const le = row[labelCol];
    const targets = byLabel.get(le.value.text);
    if (!targets)
      throw new InputError('anisotropic displacement for a label that is not an atom site', {
        file,
        line: le.line,
        field: '_atom_site_aniso_label',
        found: le.value.text,
        expected: 'a label listed in _atom_site_label',
      });
    if (targets.length > 1)
      throw new InputError('anisotropic displacement for a label used by several atom sites', {
        file,
        line: le.line,
        field: '_atom_site_aniso_label',
        found: le.value.text,
        expected: 'unique atom-site labels',
      });
    const u = cols.map(
      (c, k) =>
        numberAt(row[c], `_atom_site_aniso_U_${U_TAGS[k]}`, file, 'a displacement in Å²').value * scale,
    ) as NonNullable<Site['uAniso']>;
    const site = targets[0];
    site.uAniso = u;
    if (!site.displacement) site.displacement = { kind: 'U', value: uEquivalent(lattice, u) };
  }
}

/**
 * Ueq (Å²) = ⅓ Σᵢⱼ Uᵢⱼ aᵢ* aⱼ* (aᵢ·aⱼ) (Fischer & Tillmanns 1988), valid for any cell, not only
 * orthogonal ones. `u` is in CIF order U11, U22, U33, U12, U13, U23.
 */
export function uEquivalent(lattice: Lattice, u: readonly number[]): number {
  const G = lattice.metric;
  const R = lattice.reciprocalMetric;
  const as = [Math.sqrt(R[0]), Math.sqrt(R[4]), Math.sqrt(R[8])];
  const U = [u[0], u[3], u[4], u[3], u[1], u[5], u[4], u[5], u[2]];
  let s = 0;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += U[3 * i + j] * as[i] * as[j] * G[3 * i + j];
  return s / 3;
}

/** `_atom_type_symbol` → `_atom_type_oxidation_number`, keyed by the symbol as written and lower-cased. */
function readOxidationNumbers(block: CifBlock, file: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  const t = findTable(block, ['_atom_type_oxidation_number'], '_atom_type_');
  if (!t) return out;
  const sym = column(t, '_atom_type_symbol');
  const ox = column(t, '_atom_type_oxidation_number');
  if (sym < 0) return out;
  for (const row of t.rows) {
    if (isNull(row[ox].value)) continue;
    const n = numberAt(row[ox], '_atom_type_oxidation_number', file, 'a formal oxidation number').value;
    const s = row[sym].value.text;
    out.set(s, n);
    out.set(s.toLowerCase(), n);
    const sp = parseTypeSymbol(s);
    if (sp && sp.oxidationState === undefined && !out.has(sp.element.toLowerCase()))
      out.set(sp.element.toLowerCase(), n);
  }
  return out;
}

// ---------------------------------------------------------------- formula check

function checkFormula(block: CifBlock, sites: Site[], warnings: CifWarning[]): void {
  const e = item(block, '_chemical_formula_sum');
  if (!e || isNull(e.value)) return;
  const formula = parseFormulaSum(e.value.text);
  if (!formula) {
    warnings.push({
      code: 'formula-unreadable',
      line: e.line,
      message: `_chemical_formula_sum '${e.value.text}' could not be read (expected e.g. 'Na4 Zr2 Si3 O12'); not checked`,
    });
    return;
  }
  const cell = new Map<string, number>();
  for (const s of sites)
    for (const o of s.occupants) cell.set(o.element, (cell.get(o.element) ?? 0) + o.occupancy);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const ratio = sum(cell) / sum(formula);
  const elements = new Set([...cell.keys(), ...formula.keys()]);
  const bad = [...elements].filter((el) => {
    const c = cell.get(el) ?? 0;
    const f = formula.get(el) ?? 0;
    return Math.abs(c - f * ratio) > 0.02 * f * ratio + 1e-3;
  });
  if (bad.length === 0) return;
  const fmt = (m: Map<string, number>, k: number) =>
    [...m].map(([el, n]) => `${el}${Number((n * k).toFixed(3))}`).join(' ');
  const z = item(block, '_cell_formula_units_z');
  warnings.push({
    code: 'formula-mismatch',
    line: e.line,
    message:
      `cell contents ${fmt(cell, 1)} do not match _chemical_formula_sum '${e.value.text}'` +
      ` (scaled: ${fmt(formula, ratio)}${z ? `, Z = ${z.value.text}` : ''}); differing: ${bad.join(', ')}`,
  });
}

/** 'Na4 Zr2 Si3 O12' / 'Na0.8 Co O2' → element → count; undefined when unreadable. */
export function parseFormulaSum(text: string): Map<string, number> | undefined {
  const out = new Map<string, number>();
  const parts = text.trim().split(/\s+/);
  for (const p of parts) {
    const m = /^([A-Z][a-z]?)(\d*\.?\d*)$/.exec(p);
    if (!m || !isElement(m[1])) return undefined;
    const n = m[2] === '' ? 1 : Number(m[2]);
    if (!(n > 0)) return undefined;
    out.set(m[1], (out.get(m[1]) ?? 0) + n);
  }
  return out.size > 0 ? out : undefined;
}

// ---------------------------------------------------------------- species

/**
 * Element and charge from `_atom_site_type_symbol`: 'Na1+', 'O2-', 'Fe+3', 'Co' (core/elements), plus
 * a label-style digit suffix without sign ('Co1'), which carries no charge. Undefined otherwise:
 * type symbols are not guessed at.
 */
export function parseTypeSymbol(text: string): Species | undefined {
  try {
    return parseSpeciesSymbol(text);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
  }
  const m = /^([A-Za-z]{1,2})\d+$/.exec(text.trim());
  if (!m) return undefined;
  const element = m[1].charAt(0).toUpperCase() + m[1].slice(1).toLowerCase();
  return isElement(element) ? { element } : undefined;
}

/** Element named by a site label ('Co1' → Co, 'O1a' → O), or undefined. */
function labelElement(label: string): string | undefined {
  try {
    return elementFromLabel(label);
  } catch (err) {
    if (err instanceof InputError) return undefined;
    throw err;
  }
}
