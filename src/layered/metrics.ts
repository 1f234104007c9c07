import { InputError } from '../core/errors.ts';

/**
 * Interphase density α and uniformity β (brief §1.3). These are natrium's PROPOSED definitions [P]:
 * the seed paper's exact formulas are not available. They sit behind this interface so a different
 * definition can be swapped in without touching the analyser.
 */
export interface InterphaseMetricDefinitions {
  /** Short name written into results so a reader knows which definitions were used. */
  name: string;
  /** Interphases per interlayer (dimensionless). */
  alphaPerInterlayer(interphaseCount: number, interlayers: number): number;
  /** Interphases per nm along c. */
  alphaPerNm(interphaseCount: number, slabs: number, meanSpacingNm: number): number;
  /** Non-uniformity of the interphase spacings, or null when not computable. */
  beta(interphases: readonly number[], interlayers: number, includeEnds: boolean): number | null;
}

/** Fewest interphases for which β is reported (two spacings need three interphases). */
export const BETA_MIN_INTERPHASES = 3;

/**
 * §1.3 proposal: α_layer = |I|/(N−1); α_nm = |I|/(N·d̄); β = population CV of the gaps between
 * consecutive interphases, end segments (surface → first, last → surface) excluded unless asked.
 */
export const PROPOSED_DEFINITIONS: InterphaseMetricDefinitions = {
  name: 'natrium-proposal-2025 (brief §1.3)',
  alphaPerInterlayer: (count, interlayers) => (interlayers > 0 ? count / interlayers : 0),
  alphaPerNm: (count, slabs, meanSpacingNm) => count / (slabs * meanSpacingNm),
  beta(interphases, interlayers, includeEnds) {
    if (interphases.length < BETA_MIN_INTERPHASES) return null;
    const gaps = interphaseGaps(interphases, interlayers, includeEnds);
    return coefficientOfVariation(gaps);
  },
};

/** Spacings (in interlayers) between consecutive interphases, optionally with the two end segments. */
export function interphaseGaps(
  interphases: readonly number[],
  interlayers: number,
  includeEnds: boolean,
): number[] {
  const gaps: number[] = [];
  if (includeEnds && interphases.length > 0) gaps.push(interphases[0]);
  for (let k = 1; k < interphases.length; k++) gaps.push(interphases[k] - interphases[k - 1]);
  if (includeEnds && interphases.length > 0) gaps.push(interlayers - interphases[interphases.length - 1]);
  return gaps;
}

/** Population standard deviation over mean. */
export function coefficientOfVariation(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let v2 = 0;
  for (const v of values) v2 += (v - mean) ** 2;
  return Math.sqrt(v2 / n) / mean;
}

export interface FanoCrossCheck {
  /** Window length in interlayers. */
  windowInterlayers: number;
  windows: number;
  /** Var(n_w)/E(n_w) of interphase counts per window. */
  fano: number;
  /** √fano, which tends to β for windows much longer than the mean spacing (renewal identity). */
  betaEstimate: number;
}

/** Fewest windows for a meaningful variance. */
const FANO_MIN_WINDOWS = 4;
/** Default window = this many mean interphase spacings. */
const FANO_WINDOW_SPACINGS = 5;

/**
 * Window form of β (§1.3): non-overlapping windows of w interlayers, interphase counts n_w,
 * Fano factor Var(n_w)/E(n_w) → β² for w ≫ mean spacing. A cross-check, not the definition.
 */
export function fanoCrossCheck(
  interphases: readonly number[],
  interlayers: number,
  windowInterlayers?: number,
): FanoCrossCheck | null {
  if (interphases.length < BETA_MIN_INTERPHASES) return null;
  const meanGap = (interphases[interphases.length - 1] - interphases[0]) / (interphases.length - 1);
  const w = windowInterlayers ?? Math.ceil(FANO_WINDOW_SPACINGS * meanGap);
  if (!(Number.isInteger(w) && w >= 1))
    throw new InputError('window must be a positive whole number of interlayers', {
      field: 'fanoWindow',
      found: String(windowInterlayers),
    });
  const windows = Math.floor(interlayers / w);
  if (windows < FANO_MIN_WINDOWS) return null;
  const counts = new Float64Array(windows);
  // Interphase at slab i sits between interlayers i−1 and i; it belongs to the window of interlayer i.
  for (const i of interphases) {
    const k = Math.floor(i / w);
    if (k < windows) counts[k]++;
  }
  let mean = 0;
  for (const c of counts) mean += c;
  mean /= windows;
  let v = 0;
  for (const c of counts) v += (c - mean) ** 2;
  v /= windows;
  const fano = mean > 0 ? v / mean : Number.NaN;
  return { windowInterlayers: w, windows, fano, betaEstimate: Math.sqrt(fano) };
}
