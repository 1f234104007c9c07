/**
 * An impedance spectrum as read from a file. Sign convention (all formats are converted to it):
 * Z = Z' + jZ'' with **Z'' < 0 for capacitive behaviour** (so −Z'' is positive on a Nyquist plot).
 * Files that store −Z'' (BioLogic `-Im(Z)/Ohm`) are negated at load time.
 */
export interface ImpedanceSpectrum {
  /** Frequency, Hz (file order kept). */
  frequencyHz: Float64Array;
  /** Z', Ω. */
  zReal: Float64Array;
  /** Z'', Ω (negative = capacitive). */
  zImag: Float64Array;
  /** Format id that was used (see `EIS_FORMATS`). */
  format: EisFormat;
  fileName?: string;
  /** What the file (or its name) says about the sample; only filled when stated. */
  metadata: {
    temperatureC?: number;
    /** Where the temperature came from: 'file name' or 'header'. */
    temperatureSource?: string;
    diameterMm?: number;
    thicknessMm?: number;
    areaCm2?: number;
    instrument?: string;
  };
  /** Things the reader did that the user should know (dropped rows, assumed columns…). */
  warnings: string[];
}

export const EIS_FORMATS = [
  'biologic',
  'gamry',
  'zplot',
  'autolab',
  'parstat',
  'versastudio',
  'powersuite',
  'chinstruments',
  'novocontrol',
  'csv',
] as const;
export type EisFormat = (typeof EIS_FORMATS)[number];
