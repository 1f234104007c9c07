/**
 * Structure → CIF 1.1 text.
 * - 'P1': every site of the cell, one row per occupant (disordered sites: rows with the same position
 *   and the same label number, e.g. Si7 and P7), operations = identity only.
 * - 'symmetry': the recorded operations (`structure.symmetry`) and asymmetric unit
 *   (`structure.asymmetricUnit`), as kept by parseCif.
 * Cell and coordinates are written with up to 8 decimals (1e-8 ≈ 1e-7 Å in a 10 Å cell); occupancies and
 * displacements exactly (shortest round-trip form), so 2/3 stays 2/3.
 */
import { InputError } from '../../core/errors.ts';
import type { Site, Structure } from '../../crystal/structure.ts';
import { formatSymOp, type SymOp } from '../../crystal/symop.ts';

export interface WriteCifOptions {
  /** Default 'P1'. */
  mode?: 'P1' | 'symmetry';
  /** Data block name (without 'data_'); default the structure title or 'natrium'. */
  blockName?: string;
}

export function writeCif(structure: Structure, options: WriteCifOptions = {}): string {
  const mode = options.mode ?? 'P1';
  const name = (options.blockName ?? structure.title ?? 'natrium').replace(/\s+/g, '_') || 'natrium';
  const out: string[] = ['# written by natrium', `data_${name}`];
  const p = structure.lattice.parameters;
  const cell: [string, number][] = [
    ['_cell_length_a', p.a],
    ['_cell_length_b', p.b],
    ['_cell_length_c', p.c],
    ['_cell_angle_alpha', p.alpha],
    ['_cell_angle_beta', p.beta],
    ['_cell_angle_gamma', p.gamma],
    ['_cell_volume', structure.lattice.volume],
  ];

  let ops: readonly SymOp[];
  let rows: { label: string; site: Site; occupant: number }[];
  if (mode === 'symmetry') {
    if (!structure.symmetry || !structure.asymmetricUnit)
      throw new InputError('the structure has no recorded symmetry to write', {
        field: 'mode',
        found: 'symmetry',
        expected: "a structure read from a CIF with symmetry operations, or mode 'P1'",
      });
    const sg = structure.spaceGroup;
    if (sg?.symbol) out.push(`_space_group_name_H-M_alt ${formatCifValue(sg.symbol)}`);
    if (sg?.number !== undefined) out.push(`_space_group_IT_number ${sg.number}`);
    ops = structure.symmetry;
    rows = siteRows(structure.asymmetricUnit, (site) => site.label);
  } else {
    out.push("_space_group_name_H-M_alt 'P 1'", '_space_group_IT_number 1');
    ops = [{ rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], translation: [0, 0, 0] }];
    rows = siteRows(structure.sites, (_site, i) => String(i + 1));
  }
  for (const [tag, v] of cell) out.push(`${tag} ${formatNumber(v)}`);
  out.push('loop_', '_space_group_symop_id', '_space_group_symop_operation_xyz');
  ops.forEach((op, i) => {
    out.push(`${i + 1} ${formatCifValue(formatSymOp(op))}`);
  });

  const hasU = rows.some((r) => r.site.displacement?.kind === 'U');
  const hasB = rows.some((r) => r.site.displacement?.kind === 'B');
  out.push(
    'loop_',
    '_atom_site_label',
    '_atom_site_type_symbol',
    '_atom_site_fract_x',
    '_atom_site_fract_y',
    '_atom_site_fract_z',
    '_atom_site_occupancy',
  );
  if (hasU || hasB) out.push('_atom_site_adp_type');
  if (hasU) out.push('_atom_site_U_iso_or_equiv');
  if (hasB) out.push('_atom_site_B_iso_or_equiv');
  for (const { label, site, occupant } of rows) {
    const o = site.occupants[occupant];
    const d = site.displacement;
    const cols = [
      formatCifValue(label),
      formatCifValue(typeSymbol(o.element, o.oxidationState)),
      formatNumber(site.frac[0]),
      formatNumber(site.frac[1]),
      formatNumber(site.frac[2]),
      exactNumber(o.occupancy),
    ];
    if (hasU || hasB) cols.push(d ? `${d.kind}${site.uAniso ? 'ani' : 'iso'}` : '.');
    if (hasU) cols.push(d?.kind === 'U' ? exactNumber(d.value) : '.');
    if (hasB) cols.push(d?.kind === 'B' ? exactNumber(d.value) : '.');
    out.push(`  ${cols.join(' ')}`);
  }
  const aniso = rows.filter((r) => r.site.uAniso);
  if (aniso.length > 0) {
    out.push('loop_', '_atom_site_aniso_label');
    for (const ij of ['11', '22', '33', '12', '13', '23']) out.push(`_atom_site_aniso_U_${ij}`);
    for (const { label, site } of aniso)
      out.push(`  ${formatCifValue(label)} ${site.uAniso!.map((v) => exactNumber(v)).join(' ')}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * One row per occupant. A single-occupant site keeps `labelOf` (symmetry mode: its own label; P1:
 * element + site number); occupants of a disordered site share the number: 'Si7', 'P7'.
 */
function siteRows(
  sites: readonly Site[],
  labelOf: (site: Site, index: number) => string,
): { label: string; site: Site; occupant: number }[] {
  const rows: { label: string; site: Site; occupant: number }[] = [];
  sites.forEach((site, i) => {
    const base = labelOf(site, i);
    const numbered = /^\d+$/.test(base);
    site.occupants.forEach((o, k) => {
      let label = numbered ? `${o.element}${base}` : base;
      if (!numbered && site.occupants.length > 1) label = `${o.element}_${base}`;
      rows.push({ label, site, occupant: k });
    });
  });
  return rows;
}

function typeSymbol(element: string, ox: number | undefined): string {
  if (ox === undefined || !Number.isInteger(ox)) return element;
  return `${element}${Math.abs(ox)}${ox < 0 ? '-' : '+'}`;
}

/** Up to 8 decimals, no trailing zeros, never '-0'. */
export function formatNumber(v: number): string {
  const s = Number(v.toFixed(8)).toString();
  return s === '-0' ? '0' : s;
}

/** Shortest text that reads back as exactly `v` (occupancies like 2/3 must survive a round trip). */
function exactNumber(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

const RESERVED = /^(data_|save_|loop_|global_|stop_)/i;

/**
 * A CIF 1.1 token for an arbitrary string: bare when possible, else single- or double-quoted, else a
 * semicolon text field (which starts on a new line). Throws InputError for text that CIF 1.1 cannot
 * hold (a line of a multi-line value starting with ';').
 */
export function formatCifValue(text: string): string {
  const multiLine = /[\r\n]/.test(text);
  if (!multiLine) {
    const bare =
      text !== '' &&
      text !== '?' &&
      text !== '.' &&
      !/[\s]/.test(text) &&
      !/^[_#$'"[\];]/.test(text) &&
      !RESERVED.test(text);
    if (bare) return text;
    // A quote closes only when followed by whitespace, so it may appear inside otherwise.
    if (!/'\s/.test(text)) return `'${text}'`;
    if (!/"\s/.test(text)) return `"${text}"`;
  }
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.some((l) => l.startsWith(';')))
    throw new InputError('text cannot be written as a CIF 1.1 value', {
      field: 'value',
      found: text,
      expected: "no line of a multi-line value starting with ';'",
    });
  return `\n;\n${lines.join('\n')}\n;\n`;
}
