/**
 * Import readers: raw bytes → detected format, parsed numeric columns and (for CIF) a structure.
 * Formats are tried from the most specific to the most generic; a file none accepts is one InputError
 * listing what was tried. Each reader has a version, stored with the dataset, so a later reader
 * change can be told apart from the data.
 */
import { InputError } from '../../core/errors.ts';
import type { Structure } from '../../crystal/structure.ts';
import { parseCif, writeCif } from '../../io/cif/index.ts';
import { parseCyclingFile } from '../../io/cycling/index.ts';
import { parseImpedance } from '../../io/eis/index.ts';

/** Bumped whenever a reader's output for the same bytes may change. */
export const READER_VERSIONS = { cif: 'cif/1', eis: 'eis/1', cycling: 'cycling/1', xy: 'xy/1' } as const;

export interface ParsedDataset {
  format: string;
  readerVersion: string;
  columns: Record<string, Float64Array>;
  /** Reader metadata and warnings, kept as JSON. */
  metadata: Record<string, unknown>;
  structure?: { structure: Structure; cif: string; blockName: string };
}

const decoder = new TextDecoder('utf-8', { fatal: false });

export function readDataset(bytes: Uint8Array, fileName: string): ParsedDataset {
  if (bytes.byteLength === 0) throw new InputError('the file is empty', { file: fileName });
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const text = decoder.decode(bytes);
  if (ext === 'cif' || /^\s*(#.*\n\s*)*data_/m.test(text.slice(0, 4096))) return readCif(text, fileName);
  const attempts: string[] = [];
  for (const reader of [readImpedance, readCycling, readXy]) {
    try {
      return reader(bytes, text, fileName);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      attempts.push(err.problem);
    }
  }
  throw new InputError('no reader accepts this file', {
    file: fileName,
    expected:
      'a CIF, an impedance export (BioLogic .mpt, Gamry .DTA, ZView .z, CSV), a cycler export, or two or more numeric columns (.xy)',
    found: attempts.join(' / '),
  });
}

function readCif(text: string, fileName: string): ParsedDataset {
  const parsed = parseCif(text, { fileName });
  return {
    format: 'cif',
    readerVersion: READER_VERSIONS.cif,
    columns: {},
    metadata: { blockName: parsed.blockName, warnings: parsed.warnings.map((w) => w.message) },
    structure: {
      structure: parsed.structure,
      cif: writeCif(parsed.structure, { mode: 'P1' }),
      blockName: parsed.blockName,
    },
  };
}

function readImpedance(bytes: Uint8Array, _text: string, fileName: string): ParsedDataset {
  const s = parseImpedance(bytes, { fileName });
  return {
    format: `eis:${s.format}`,
    readerVersion: READER_VERSIONS.eis,
    columns: { frequency_Hz: s.frequencyHz, zReal_ohm: s.zReal, zImag_ohm: s.zImag },
    metadata: { ...s.metadata, warnings: s.warnings },
  };
}

function readCycling(bytes: Uint8Array, _text: string, fileName: string): ParsedDataset {
  const d = parseCyclingFile(bytes, { fileName });
  const columns: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(d.columns)) if (v) columns[k] = v;
  return {
    format: `cycling:${d.format}`,
    readerVersion: READER_VERSIONS.cycling,
    columns,
    metadata: { ...d.metadata, signConvention: d.signConvention, warnings: d.warnings, rows: d.length },
  };
}

/** Whitespace- or comma-separated numeric columns (.xy, .xye, .dat, .csv); '#' comments allowed. */
function readXy(_bytes: Uint8Array, text: string, fileName: string): ParsedDataset {
  const lines = text.split(/\r?\n/);
  const rows: number[][] = [];
  let width = 0;
  let firstLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const cells = line.split(/[\s,;]+/);
    const nums = cells.map(Number);
    if (nums.some((v) => !Number.isFinite(v))) {
      if (rows.length === 0 && i < 5) continue; // one short header block is allowed
      throw new InputError('a row is not all numbers', { file: fileName, line: i + 1, found: line });
    }
    if (width === 0) {
      width = nums.length;
      firstLine = i + 1;
    }
    if (nums.length !== width)
      throw new InputError(
        `a row has ${nums.length} columns, the first data row (line ${firstLine}) has ${width}`,
        {
          file: fileName,
          line: i + 1,
        },
      );
    rows.push(nums);
  }
  if (width < 2 || rows.length < 2)
    throw new InputError('not a numeric column file', {
      file: fileName,
      expected: 'at least two rows of two or more numbers',
    });
  const columns: Record<string, Float64Array> = {};
  for (let c = 0; c < width; c++) {
    const a = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) a[r] = rows[r][c];
    columns[c === 0 ? 'x' : c === 1 ? 'y' : `col${c + 1}`] = a;
  }
  return { format: 'xy', readerVersion: READER_VERSIONS.xy, columns, metadata: { rows: rows.length } };
}
