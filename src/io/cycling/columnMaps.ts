/** The per-instrument column maps of data/cycling/column-maps.json, typed. */
import table from '../../../data/cycling/column-maps.json' with { type: 'json' };
import type { ColumnMapEntry, CyclerFormat } from './types.ts';

interface FormatMap {
  sign: string;
  columns: Record<string, ColumnMapEntry & { tag: string; note?: string }>;
  dischargeStepTypes?: number[];
}

const formats = table.formats as unknown as Record<CyclerFormat, FormatMap>;

/** Vendor column → canonical column for one instrument. */
export function columnMap(format: CyclerFormat): Record<string, ColumnMapEntry> {
  return formats[format].columns;
}

/** How the instrument reports the sign of the current, as recorded in the data file. */
export function vendorSignNote(format: CyclerFormat): string {
  return formats[format].sign;
}

/** Novonix step-type codes treated as discharge. */
export function novonixDischargeStepTypes(): number[] {
  return formats.novonix.dischargeStepTypes ?? [];
}
