/**
 * Default tolerances and smoothing parameters of the cycling analysis, each with its origin.
 * Tags: [P] proposed by natrium (a judgement, not a literature value), [R] recalled practice.
 * Every result echoes the values it used so a paper can quote them.
 */

export interface StepDetectionOptions {
  /**
   * |I| at or below this is rest, in A. Default: `restCurrentFraction` × max |I| of the file.
   */
  restCurrent_A?: number;
  /** [P] 1e-4 of the largest current: far below a C/100 trickle of a cell cycled at 1C, above ADC noise. */
  restCurrentFraction: number;
  /** [P] 5 mV: a CV hold keeps the voltage within this of its final value (cyclers regulate to ~1 mV). */
  cvVoltageTolerance_V: number;
  /** [P] 10 %: the current must fall at least this fraction during a hold for it to count as CV. */
  cvCurrentDropFraction: number;
  /** [P] 3 rows: fewer points cannot show a decaying current. */
  minCvPoints: number;
  /** Start a new step where the instrument's step or cycle index changes (true), or only on current (false). */
  useInstrumentSteps: boolean;
}

export const STEP_DEFAULTS: StepDetectionOptions = {
  restCurrentFraction: 1e-4,
  cvVoltageTolerance_V: 0.005,
  cvCurrentDropFraction: 0.1,
  minCvPoints: 3,
  useInstrumentSteps: true,
};

export interface DifferentialOptions {
  /** [P] 2 mV voltage grid: finer than the 5 mV logging threshold of most protocols would only interpolate. */
  gridStep_V: number;
  /** [R] Savitzky–Golay window of ~30 mV, order 3 (typical ICA practice: 20–50 mV windows). */
  smoothingWindow_V: number;
  polynomialOrder: number;
  /** [P] 10 mV: a voltage reversal larger than this is a turning point, smaller ones are noise. */
  turningTolerance_V: number;
  /** [P] 50 mV: monotone pieces spanning less than this carry no dQ/dV information. */
  minSegmentSpan_V: number;
  /** [P] peaks must rise 5 % of the largest |dQ/dV| above their surroundings. */
  minPeakProminenceFraction: number;
  /** [P] dV/dQ capacity grid: this many points across each segment. */
  dvdqPoints: number;
  /** [P] dV/dQ Savitzky–Golay window as a fraction of the segment's capacity. */
  dvdqWindowFraction: number;
}

export const DIFFERENTIAL_DEFAULTS: DifferentialOptions = {
  gridStep_V: 0.002,
  smoothingWindow_V: 0.03,
  polynomialOrder: 3,
  turningTolerance_V: 0.01,
  minSegmentSpan_V: 0.05,
  minPeakProminenceFraction: 0.05,
  dvdqPoints: 500,
  dvdqWindowFraction: 0.03,
};

/** Defaults overridden by the options that are set (undefined never replaces a default). */
export function withDefaults<T extends object>(defaults: T, options: Partial<T> = {}): T {
  const out = { ...defaults };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
