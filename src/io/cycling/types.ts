/**
 * The normalised cycler time series every reader produces. Column names carry their unit
 * (time_s, voltage_V, current_A, chargeCapacity_Ah …). Sign convention, applied at load time by each
 * reader: current_A > 0 while charging (oxidation at the working electrode), < 0 while discharging.
 */

/** Formats natrium reads; 'generic' is any delimited text with a user column map. */
export type CyclerFormat = 'arbin' | 'maccor' | 'biologic' | 'novonix' | 'generic';

export const CYCLER_FORMATS: readonly CyclerFormat[] = ['arbin', 'maccor', 'biologic', 'novonix', 'generic'];

/** The sign convention of current_A, stated in every result. */
export const CURRENT_SIGN_CONVENTION =
  'current_A > 0 on charge (oxidation at the working electrode), current_A < 0 on discharge';

/** Canonical numeric columns (unit in the name; dimensionless counters have none). */
export type NumericColumn =
  | 'time_s'
  | 'voltage_V'
  | 'current_A'
  | 'cycle'
  | 'step'
  | 'stepType'
  | 'stepTime_s'
  | 'dataPoint'
  | 'epochTime_s'
  | 'chargeCapacity_Ah'
  | 'dischargeCapacity_Ah'
  | 'capacity_Ah'
  | 'chargeEnergy_Wh'
  | 'dischargeEnergy_Wh'
  | 'energy_Wh'
  | 'temperature_C'
  | 'internalResistance_Ohm'
  | 'acImpedance_Ohm'
  | 'dVdt_V_per_s';

/** Canonical text columns. */
export type TextColumn = 'state' | 'dateTime';

export const NUMERIC_COLUMNS: readonly NumericColumn[] = [
  'time_s',
  'voltage_V',
  'current_A',
  'cycle',
  'step',
  'stepType',
  'stepTime_s',
  'dataPoint',
  'epochTime_s',
  'chargeCapacity_Ah',
  'dischargeCapacity_Ah',
  'capacity_Ah',
  'chargeEnergy_Wh',
  'dischargeEnergy_Wh',
  'energy_Wh',
  'temperature_C',
  'internalResistance_Ohm',
  'acImpedance_Ohm',
  'dVdt_V_per_s',
];
export const TEXT_COLUMNS: readonly TextColumn[] = ['state', 'dateTime'];

/** Where a canonical column came from. */
export interface ColumnSource {
  /** Vendor column name in the file. */
  column: string;
  /** Multiplier applied to reach the canonical unit (1 if none). */
  scale: number;
}

export interface CyclingData {
  format: CyclerFormat;
  fileName?: string;
  /** Number of data rows. */
  length: number;
  /** Canonical numeric columns; time_s, voltage_V and current_A are always present. */
  columns: { time_s: Float64Array; voltage_V: Float64Array; current_A: Float64Array } & Partial<
    Record<NumericColumn, Float64Array>
  >;
  /** Canonical text columns (Maccor State, date strings). */
  text: Partial<Record<TextColumn, string[]>>;
  /** Columns natrium does not know, kept as read (numbers when every value is numeric). */
  extra: Record<string, Float64Array | string[]>;
  /** Which vendor column (and scale) fed each canonical column. */
  sources: Partial<Record<NumericColumn | TextColumn, ColumnSource>>;
  /** Header/summary key–value pairs of the file and any metadata file. */
  metadata: Record<string, string>;
  /** Programmed steps, when a log file gave them (BioLogic .mpl): Ns → control type and direction. */
  protocol?: { step: number; controlType: string; direction: string; limit: string }[];
  /** Things the user should know (unknown columns, sign flips, assumptions). */
  warnings: string[];
  signConvention: string;
}

/** One entry of a column map: vendor column → canonical name and scale. */
export interface ColumnMapEntry {
  to: NumericColumn | TextColumn;
  scale?: number;
}

/** A user column map for the generic reader: canonical name → vendor column (or column + scale). */
export type UserColumnMap = Partial<
  Record<NumericColumn | TextColumn, string | { column: string; scale?: number }>
>;
