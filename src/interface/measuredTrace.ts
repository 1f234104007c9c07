/**
 * A measured symmetric-cell trace for the CCD read-off, from either
 * - natrium's plain CSV (`time_s, voltage_V, current_mA_cm2`, current density already), or
 * - any cycler export the cycling readers know (src/io/cycling: Arbin, Maccor, BioLogic, Novonix,
 *   generic CSV with time_s/voltage_V/current_A), format detected from the content. Those give the
 *   current in A (normalised column current_A), so the electrode area is required to get mA/cm².
 * Before reading a CCD the trace is checked to be a symmetric cell (rests near 0 V), so a full-cell
 * file gives a clear message instead of a meaningless number.
 */
import { InputError } from '../core/errors.ts';
import { type CyclerFormat, decodeText, parseCyclingFile } from '../io/cycling/index.ts';
import { parseTraceCsv, type TraceInput } from './readoff.ts';

/**
 * A symmetric Na | SE | Na cell has zero open-circuit voltage (same metal on both sides); what remains
 * at rest is relaxing polarization of mV to tens of mV. Above this median |V| at rest the file is taken
 * to be something else, e.g. a full cell (volts) or a fresh uncharged cell (0.14 V in the Novonix
 * fixture) [P: a heuristic to stop obviously wrong files, not a proof that a file is a symmetric cell].
 */
export const SYMMETRIC_REST_VOLTAGE_LIMIT_V = 0.1;

export interface MeasuredTraceSource {
  /** 'plain-csv' or the cycler format the readers detected (or were told). */
  reader: 'plain-csv' | CyclerFormat;
  /** Vendor column behind each of time, voltage and current (cycler files). */
  columns: { time: string; voltage: string; current: string } | null;
  /** Electrode area used to turn A into mA/cm² (cm²); null for the plain CSV. */
  area_cm2: number | null;
  /** Rows dropped because time, voltage or current was not a finite number. */
  droppedRows: number;
  warnings: string[];
}

export interface MeasuredTrace {
  trace: TraceInput;
  source: MeasuredTraceSource;
}

export interface MeasuredTraceOptions {
  fileName?: string;
  /** Electrode area (cm²); required for cycler files. */
  area_cm2?: number;
  /** Field name to blame when the area is missing (the CLI flag or the API field). */
  areaField?: string;
  /** Override the cycler-format detection. */
  format?: CyclerFormat;
}

/** True when the first header line names natrium's plain-CSV current-density column. */
export function isPlainTraceCsv(text: string): boolean {
  for (const raw of text.split(/\r?\n/, 200)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    return line
      .split(/[,;\t]/)
      .some((h) => h.trim().replace(/^"|"$/g, '').toLowerCase() === 'current_ma_cm2');
  }
  return false;
}

export function readMeasuredTrace(
  input: string | Uint8Array,
  opts: MeasuredTraceOptions = {},
): MeasuredTrace {
  const fileName = opts.fileName ?? 'trace.csv';
  const text = typeof input === 'string' ? input : decodeText(input, fileName);
  if (opts.format === undefined && isPlainTraceCsv(text)) {
    return {
      trace: parseTraceCsv(text, fileName),
      source: { reader: 'plain-csv', columns: null, area_cm2: null, droppedRows: 0, warnings: [] },
    };
  }
  const data = parseCyclingFile(text, { fileName, format: opts.format });
  const area = opts.area_cm2;
  if (area === undefined)
    throw new InputError(
      `the ${data.format} file gives current in A, not current density: the electrode area is needed`,
      {
        file: fileName,
        field: opts.areaField ?? 'area',
        expected: 'the electrode area of the symmetric cell, e.g. --area 0.785cm2 or --diameter 10mm',
      },
    );
  if (!(Number.isFinite(area) && area > 0))
    throw new InputError('electrode area must be positive', {
      field: opts.areaField ?? 'area',
      found: String(area),
      expected: 'an area > 0, e.g. 0.785cm2',
    });
  const { time_s, voltage_V, current_A } = data.columns;
  const n = data.length;
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  const j = new Float64Array(n);
  let kept = 0;
  const toDensity = 1e3 / area; // A → mA, per cm²
  for (let i = 0; i < n; i++) {
    const ti = time_s[i];
    const vi = voltage_V[i];
    const ii = current_A[i];
    if (!(Number.isFinite(ti) && Number.isFinite(vi) && Number.isFinite(ii))) continue;
    t[kept] = ti;
    v[kept] = vi;
    j[kept] = ii * toDensity;
    kept++;
  }
  if (kept < 3)
    throw new InputError('fewer than 3 rows with time, voltage and current', {
      file: fileName,
      expected: 'a voltage–time trace',
    });
  for (let i = 1; i < kept; i++)
    if (t[i] < t[i - 1])
      throw new InputError('time goes backwards', {
        file: fileName,
        field: data.sources.time_s?.column ?? 'time_s',
        found: `${t[i]} s after ${t[i - 1]} s (data row ${i + 1})`,
        expected: 'non-decreasing test time',
      });
  const col = (k: 'time_s' | 'voltage_V' | 'current_A') => data.sources[k]?.column ?? k;
  return {
    trace: {
      time_s: t.subarray(0, kept),
      voltage_V: v.subarray(0, kept),
      current_mA_cm2: j.subarray(0, kept),
    },
    source: {
      reader: data.format,
      columns: { time: col('time_s'), voltage: col('voltage_V'), current: col('current_A') },
      area_cm2: area,
      droppedRows: n - kept,
      warnings: data.warnings,
    },
  };
}

export interface SymmetryCheck {
  verdict: 'ok' | 'no-current' | 'not-symmetric-cell';
  /** Median |V| over the points without current (V), null if the trace never rests. */
  restVoltage_V: number | null;
  message: string | null;
}

/**
 * Is this a symmetric-cell trace at all? No current anywhere → nothing to read. A symmetric cell rests
 * near 0 V and its voltage follows the current through zero; a trace that rests above
 * SYMMETRIC_REST_VOLTAGE_LIMIT_V, or (never resting) keeps one voltage sign above it, is not one.
 */
export function checkSymmetricCell(trace: TraceInput): SymmetryCheck {
  const n = trace.time_s.length;
  let jMax = 0;
  for (let i = 0; i < n; i++) jMax = Math.max(jMax, Math.abs(trace.current_mA_cm2[i]));
  if (jMax === 0)
    return {
      verdict: 'no-current',
      restVoltage_V: null,
      message:
        'no current flows anywhere in the trace (rest only): there is no ramp or cycling to read a CCD from',
    };
  const rest: number[] = [];
  let vMin = Number.POSITIVE_INFINITY;
  let vMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const vi = trace.voltage_V[i];
    if (Math.abs(trace.current_mA_cm2[i]) <= 1e-9 * jMax) rest.push(Math.abs(vi));
    vMin = Math.min(vMin, vi);
    vMax = Math.max(vMax, vi);
  }
  rest.sort((a, b) => a - b);
  const restV = rest.length ? rest[Math.floor(rest.length / 2)] : null;
  const limit = SYMMETRIC_REST_VOLTAGE_LIMIT_V;
  if (restV !== null && restV > limit)
    return {
      verdict: 'not-symmetric-cell',
      restVoltage_V: restV,
      message: `not a symmetric-cell trace: the cell rests at ${restV.toPrecision(4)} V (median |V| without current), a symmetric Na | electrolyte | Na cell rests near 0 V (limit ${limit} V); no CCD read`,
    };
  const oneSign = vMin > 0 || vMax < 0;
  if (restV === null && oneSign && Math.min(Math.abs(vMin), Math.abs(vMax)) > limit)
    return {
      verdict: 'not-symmetric-cell',
      restVoltage_V: null,
      message: `not a symmetric-cell trace: the voltage stays between ${vMin.toPrecision(4)} and ${vMax.toPrecision(4)} V without passing through 0 V, while a symmetric cell's voltage follows the current; no CCD read`,
    };
  return { verdict: 'ok', restVoltage_V: restV, message: null };
}
