/**
 * Space groups: symbol → operations, and structure → symmetry (space group, Wyckoff letters).
 *
 * This is the one module that talks to `@spglib/moyo-wasm` (moyo, the Rust successor of spglib,
 * compiled to WebAssembly). The wasm must be instantiated once before use:
 * - Node: `loadSpaceGroupsNode()` from `spacegroup.node.ts` (reads the .wasm next to the package), or
 *   `initSpaceGroupsSync(bytes)`.
 * - Browser / worker: `await initSpaceGroups(wasmUrl)` with `import wasmUrl from
 *   '@spglib/moyo-wasm/moyo_wasm_bg.wasm?url'` (Vite), or pass the bytes / a compiled module.
 * No file-system access happens here, so the module runs unchanged in Node, workers and browsers.
 *
 * Settings: moyo knows all 530 Hall settings of the 230 groups (ITA settings incl. origin choices,
 * hexagonal/rhombohedral axes, monoclinic unique axes and cell choices, orthorhombic axis
 * permutations). H-M symbols are matched against those tables after removing spaces and
 * underscores and ignoring case; Hall symbols must match the table's spelling (up to case and
 * spacing) — equivalent but differently written Hall symbols are not recognised.
 */
import initMoyo, {
  analyze_cell,
  hall_symbol_entries_from_number,
  hall_symbol_entry,
  initSync,
  type MoyoDataset,
  type MoyoHallSymbolEntry,
  operations_from_number,
  wyckoff_positions,
} from '@spglib/moyo-wasm';
import { InputError } from '../core/errors.ts';
import type { Structure } from './structure.ts';
import { mod1, type SymOp } from './symop.ts';

/** Anything the wasm-bindgen loader accepts: bytes, a compiled module, a URL or a fetch Response. */
export type MoyoWasmSource = BufferSource | WebAssembly.Module | URL | string | Response | Promise<Response>;

let ready = false;

/**
 * Instantiates moyo asynchronously (browser, workers). Without an argument the loader fetches
 * 'moyo_wasm_bg.wasm' next to its own JS file, which works with bundlers that keep that layout but
 * not in Node (use spacegroup.node.ts there). Calling it again is a no-op.
 */
export async function initSpaceGroups(source?: MoyoWasmSource): Promise<void> {
  if (ready) return;
  await (source === undefined ? initMoyo() : initMoyo({ module_or_path: source }));
  ready = true;
}

/** Instantiates moyo synchronously from the .wasm bytes or a compiled module. Idempotent. */
export function initSpaceGroupsSync(bytes: BufferSource | WebAssembly.Module): void {
  if (ready) return;
  initSync({ module: bytes });
  ready = true;
}

export function spaceGroupsReady(): boolean {
  return ready;
}

function requireReady(): void {
  if (!ready)
    throw new Error(
      'space-group tables are not loaded: call loadSpaceGroupsNode() (Node) or await initSpaceGroups(wasm) first',
    );
}

/** One ITA setting of a space group (one of moyo's 530 Hall entries). */
export interface SpaceGroupSetting {
  /** Hall number 1–530 (spglib numbering). */
  hallNumber: number;
  /** ITA space-group number 1–230. */
  number: number;
  hallSymbol: string;
  /** Short H-M symbol as moyo writes it ('P 6_3/m m c'). */
  hmShort: string;
  hmFull: string;
  /** Setting code: '' (only one), 'H'/'R' (axes), '1'/'2' (origin choice), 'b1', 'cab', … */
  setting: string;
}

export interface ResolvedSpaceGroup {
  setting: SpaceGroupSetting;
  /** When the input did not fix the setting: which one was taken, in words (for warnings). */
  assumption?: string;
}

function toSetting(e: MoyoHallSymbolEntry): SpaceGroupSetting {
  return {
    hallNumber: e.hall_number,
    number: e.number,
    hallSymbol: e.hall_symbol,
    hmShort: e.hm_short,
    hmFull: e.hm_full,
    setting: e.setting,
  };
}

/** All settings of group `number` with the default one first (origin choice 2, hexagonal axes). */
export function spaceGroupSettings(number: number): SpaceGroupSetting[] {
  requireReady();
  if (!(Number.isInteger(number) && number >= 1 && number <= 230))
    throw new InputError('space-group number out of range', {
      field: 'space group',
      found: String(number),
      expected: 'an International Tables number 1–230',
    });
  const entries = hall_symbol_entries_from_number(number).map(toSetting);
  // ITA lists origin choice 1 first, but origin choice 2 (centre of symmetry at the origin) is what
  // most modern CIFs use when the setting is not stated; hexagonal axes already come first for R.
  const rank = (s: SpaceGroupSetting) => (s.setting.startsWith('1') ? 1 : 0);
  return entries
    .map((s, i) => ({ s, i }))
    .sort((x, y) => rank(x.s) - rank(y.s) || x.i - y.i)
    .map((x) => x.s);
}

/** Strips one pair of matching surrounding quotes (a trailing '"' alone is a Hall double prime). */
function unquote(s: string): string {
  const t = s.trim();
  const m = /^(['"])(.*)\1$/.exec(t);
  return m ? m[2].trim() : t;
}

/** Lower-case, no spaces/underscores/quotes: 'P 6_3/m m c' → 'p63/mmc'. */
export function normalizeHmSymbol(symbol: string): string {
  return unquote(symbol)
    .toLowerCase()
    .replace(/[\s_]+/g, '');
}

/** Hall symbols: case and spacing ignored; spglib's '"' (double prime) written as moyo's '='. */
function normalizeHall(symbol: string): string {
  return unquote(symbol).replace(/"/g, '=').toLowerCase().replace(/\s+/g, ' ');
}

interface SymbolTables {
  /** Normalised H-M key → Hall number of the default setting carrying that symbol. */
  hm: Map<string, number>;
  hall: Map<string, number>;
  byHall: Map<number, SpaceGroupSetting>;
}

let tables: SymbolTables | undefined;

/** Old (pre-2002) symbols with 'a' glides that ITA now writes with 'e'. */
const OLD_SYMBOLS: Record<string, string> = { cmca: 'cmce', ccca: 'ccce', cmma: 'cmme', abma: 'aema' };

function symbolTables(): SymbolTables {
  requireReady();
  if (tables) return tables;
  const hm = new Map<string, number>();
  const hall = new Map<string, number>();
  const byHall = new Map<number, SpaceGroupSetting>();
  const aliases: [string, number][] = [];
  for (let n = 1; n <= 230; n++) {
    for (const s of spaceGroupSettings(n)) {
      byHall.set(s.hallNumber, s);
      hall.set(normalizeHall(s.hallSymbol), s.hallNumber);
      for (const key of [normalizeHmSymbol(s.hmFull), normalizeHmSymbol(s.hmShort)])
        if (!hm.has(key)) hm.set(key, s.hallNumber);
      // Monoclinic/triclinic full symbols carry '1' placeholders: 'P 1 2_1/n 1' is also 'P 2_1/n'.
      if (n <= 15) aliases.push([normalizeHmSymbol(s.hmFull.replace(/ 1(?= |$)/g, '')), s.hallNumber]);
      // Cubic symbols were once written without the bar on 3: 'F d 3 m' = 'F d -3 m'.
      if (n >= 195) aliases.push([normalizeHmSymbol(s.hmShort).replace('-3', '3'), s.hallNumber]);
    }
  }
  for (const [key, h] of aliases) if (!hm.has(key)) hm.set(key, h);
  tables = { hm, hall, byHall };
  return tables;
}

/** The setting for a Hall number 1–530. */
export function settingForHallNumber(hallNumber: number): SpaceGroupSetting {
  const t = symbolTables();
  const s = t.byHall.get(hallNumber);
  if (!s)
    throw new InputError('unknown Hall number', {
      field: 'space group',
      found: String(hallNumber),
      expected: 'a Hall number 1–530',
    });
  return s;
}

export interface ResolveOptions {
  /**
   * Setting code when the symbol does not carry one: 'H' or 'R' (axes of R groups), '1' or '2'
   * (origin choice), or any moyo code ('b1', 'cab', …). Case-insensitive.
   */
  setting?: string;
}

/**
 * Finds the setting meant by an H-M symbol ('Fd-3m', 'F d 3 m', 'R -3 m', 'R -3 c H', 'R-3c:R',
 * 'P 63/m m c', 'P 21/n', 'Fd-3m:1'), a Hall symbol ('-R 3 2"'), or an ITA number (166 or '166').
 * Throws InputError for unknown symbols or settings.
 */
export function resolveSpaceGroup(
  symbolOrNumber: string | number,
  options: ResolveOptions = {},
): ResolvedSpaceGroup {
  const t = symbolTables();
  let base: SpaceGroupSetting | undefined;
  let suffix = options.setting?.trim();
  const byNumber = typeof symbolOrNumber === 'number' || /^\s*\d+\s*$/.test(symbolOrNumber);
  if (byNumber) {
    base = spaceGroupSettings(Number(symbolOrNumber))[0];
  } else {
    const raw = unquote(symbolOrNumber);
    const hallHit = t.hall.get(normalizeHall(raw));
    if (hallHit !== undefined) return { setting: t.byHall.get(hallHit)! };
    let key = normalizeHmSymbol(raw);
    const colon = key.indexOf(':');
    if (colon >= 0) {
      suffix = key.slice(colon + 1);
      key = key.slice(0, colon);
    }
    key = OLD_SYMBOLS[key] ?? key;
    let h = t.hm.get(key);
    if (h === undefined && /[hrsz]$/.test(key)) {
      // Trailing setting letter written without a colon: 'R -3 c H', 'F d -3 m S'.
      const k = OLD_SYMBOLS[key.slice(0, -1)] ?? key.slice(0, -1);
      h = t.hm.get(k);
      if (h !== undefined) suffix = key.slice(-1);
    }
    if (h === undefined)
      throw new InputError('unknown space-group symbol', {
        field: 'space group',
        found: symbolOrNumber,
        expected:
          "a Hermann–Mauguin symbol such as 'Fd-3m' or 'P 63/m m c', a Hall symbol, or a number 1–230",
      });
    base = t.byHall.get(h)!;
  }
  const all = spaceGroupSettings(base.number);
  if (suffix !== undefined && suffix !== '') {
    const code = { s: '1', z: '2' }[suffix.toLowerCase()] ?? suffix.toLowerCase();
    const sameSymbol = all.filter((s) => s.hmFull === base.hmFull);
    const found =
      sameSymbol.find((s) => s.setting.toLowerCase() === code) ??
      sameSymbol.find((s) => s.setting.toLowerCase().startsWith(code)) ??
      all.find((s) => s.setting.toLowerCase() === code);
    if (!found)
      throw new InputError('unknown setting for this space group', {
        field: 'space group setting',
        found: `${base.hmShort} : ${suffix}`,
        expected: `one of ${all.map((s) => `'${s.setting || '(default)'}'`).join(', ')}`,
      });
    return { setting: found };
  }
  // The symbol itself decides unless several settings share it.
  const sharing = byNumber ? all : all.filter((s) => s.hmFull === base.hmFull);
  if (sharing.length <= 1) return { setting: base };
  let assumption: string;
  if (base.setting === 'H') assumption = 'hexagonal axes (setting H) assumed for the R-centred group';
  else if (base.setting.startsWith('2'))
    assumption = 'origin choice 2 (inversion centre at the origin) assumed';
  else assumption = `standard setting ${base.hmFull} (Hall symbol ${base.hallSymbol}) assumed`;
  return { setting: base, assumption };
}

/** Operations (fractional, conventional cell incl. centring translations) of one Hall setting. */
export function operationsForHallNumber(hallNumber: number): SymOp[] {
  const s = settingForHallNumber(hallNumber);
  // moyo-wasm 0.15 serialises these rotations column by column (nalgebra storage order): transpose
  // to our row-major convention. Row-major reading fails the group-closure test for e.g. Fd-3m:2.
  return operations_from_number(s.number, { type: 'HallNumber', value: hallNumber }, false).map((op) => ({
    rotation: [0, 3, 6, 1, 4, 7, 2, 5, 8].map((k) => op.rotation[k]) as SymOp['rotation'],
    translation: [mod1(op.translation[0]), mod1(op.translation[1]), mod1(op.translation[2])],
  }));
}

/**
 * Operations of a space group given by H-M symbol, Hall symbol or number (see resolveSpaceGroup):
 * 'R -3 m' → 36 operations on hexagonal axes, 'R -3 m:R' → 12 on rhombohedral axes.
 */
export function operationsForSymbol(symbolOrNumber: string | number, options: ResolveOptions = {}): SymOp[] {
  return operationsForHallNumber(resolveSpaceGroup(symbolOrNumber, options).setting.hallNumber);
}

export interface SymmetryOptions {
  /**
   * Distance tolerance in Å. Default 0.01 Å (as pymatgen): tolerant of coordinates rounded to
   * 4 decimals in cells up to ~50 Å, tight enough not to invent symmetry from real distortions of
   * more than a few hundredths of an Å. Use smaller values for DFT-relaxed structures.
   */
  symprec?: number;
}

export const DEFAULT_SYMPREC = 0.01;

export interface SymmetryAnalysis {
  /** ITA number 1–230. */
  number: number;
  /** H-M symbol of the standard setting ('F d -3 m'). */
  symbol: string;
  /** Hall number of the standardised setting moyo reports (ITA standard: origin 2, hexagonal axes). */
  hallNumber: number;
  hallSymbol: string;
  /** Wyckoff letter per input site, in the standard setting. */
  wyckoffLetters: string[];
  /** Multiplicity + letter per site in the conventional cell, e.g. '8a'. */
  wyckoffSymbols: string[];
  /** Site-symmetry symbol per site ('-43m'). */
  siteSymmetry: string[];
  /** For each site, the index of the first site of its orbit (symmetry-equivalent set). */
  equivalentAtoms: number[];
  /** Number of operations found for the input cell (includes pure translations of supercells). */
  operationCount: number;
  /** Pearson symbol ('cF8'). */
  pearson: string;
  symprec: number;
}

/**
 * Space group of a structure. Sites are typed by their full occupant set (element, oxidation state,
 * occupancy rounded to 1e-4), so a partially substituted or partially occupied site only keeps
 * symmetry with sites that carry exactly the same disorder.
 */
export function analyzeSymmetry(structure: Structure, options: SymmetryOptions = {}): SymmetryAnalysis {
  requireReady();
  const symprec = options.symprec ?? DEFAULT_SYMPREC;
  if (!(symprec > 0 && Number.isFinite(symprec)))
    throw new InputError('symmetry tolerance must be a positive distance', {
      field: 'symprec',
      found: String(symprec),
      expected: 'a tolerance in Å such as 0.01',
    });
  if (structure.sites.length === 0)
    throw new InputError('structure has no sites', { field: 'sites', expected: 'at least one site' });
  const typeOf = new Map<string, number>();
  const numbers = structure.sites.map((site) => {
    const key = site.occupants
      .map((o) => `${o.element}${o.oxidationState ?? ''}:${o.occupancy.toFixed(4)}`)
      .sort()
      .join('|');
    let t = typeOf.get(key);
    if (t === undefined) typeOf.set(key, (t = typeOf.size + 1));
    return t;
  });
  const cell = {
    lattice: { basis: structure.lattice.matrix },
    positions: structure.sites.map((s) => s.frac),
    numbers,
  };
  let d: MoyoDataset;
  try {
    d = analyze_cell(JSON.stringify(cell), symprec, 'Standard');
  } catch (err) {
    throw new InputError(`symmetry analysis failed (${String(err)})`, {
      field: 'symprec',
      found: String(symprec),
      expected: 'a structure without overlapping sites, or a different tolerance',
    });
  }
  const multiplicity = new Map(wyckoff_positions(d.hall_number).map((w) => [w.letter, w.multiplicity]));
  return {
    number: d.number,
    symbol: d.hm_symbol,
    hallNumber: d.hall_number,
    hallSymbol: hall_symbol_entry(d.hall_number).hall_symbol,
    wyckoffLetters: d.wyckoffs,
    wyckoffSymbols: d.wyckoffs.map((l) => `${multiplicity.get(l) ?? ''}${l}`),
    siteSymmetry: d.site_symmetry_symbols,
    equivalentAtoms: d.orbits,
    operationCount: d.operations.length,
    pearson: d.pearson_symbol,
    symprec,
  };
}
