/**
 * Synthetic galvanostatic cycling with known answers, for tests and benchmarks. The electrode's
 * capacity–voltage relation is analytic,
 *   Q(V) = Q_slope·(V − V0)/(V1 − V0) + Q_plateau·[σ((V − Vp)/w) − σ((V0 − Vp)/w)],  σ = logistic,
 * so dQ/dV has one peak at Vp whose area above the sloping background is Q_plateau (to within the
 * logistic tails outside [V0, V1]). Charge follows V_ch(Q), discharge V_ch(Q) − η at the same |I|:
 * CE = 1 and the mean voltages differ by η exactly.
 */
import type { Rng } from '../../core/rng.ts';
import { CURRENT_SIGN_CONVENTION, type CyclingData } from '../../io/cycling/index.ts';

export interface SyntheticCellOptions {
  cycles: number;
  current_A: number;
  /** Sloping (background) capacity, Ah. */
  slopeCapacity_Ah: number;
  /** Plateau capacity, Ah. */
  plateauCapacity_Ah: number;
  v0_V: number;
  v1_V: number;
  plateau_V: number;
  /** Logistic width of the plateau, V. */
  plateauWidth_V: number;
  /** Charge − discharge voltage offset, V. */
  hysteresis_V: number;
  /** Sampling interval, s. */
  dt_s: number;
  /** Rest between half-cycles, s (0 for none). */
  rest_s: number;
  /** Gaussian voltage noise σ, V (needs `rng`). */
  voltageNoise_V?: number;
  rng?: Rng;
}

const logistic = (z: number) => 1 / (1 + Math.exp(-z));

/** Capacity Q(V) in Ah of the analytic electrode. */
export function syntheticCapacity(o: SyntheticCellOptions, v: number): number {
  return (
    (o.slopeCapacity_Ah * (v - o.v0_V)) / (o.v1_V - o.v0_V) +
    o.plateauCapacity_Ah *
      (logistic((v - o.plateau_V) / o.plateauWidth_V) - logistic((o.v0_V - o.plateau_V) / o.plateauWidth_V))
  );
}

/** Inverse of syntheticCapacity by bisection on [v0 − 1, v1 + 1]. */
export function syntheticVoltage(o: SyntheticCellOptions, q: number): number {
  let lo = o.v0_V - 1;
  let hi = o.v1_V + 1;
  for (let k = 0; k < 60; k++) {
    const mid = 0.5 * (lo + hi);
    if (syntheticCapacity(o, mid) < q) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Time series of `cycles` charge/discharge cycles between Q = 0 and Q(V1), with a step-time
 * column so step boundaries integrate exactly.
 */
export function syntheticCycling(o: SyntheticCellOptions): CyclingData {
  const qTot = syntheticCapacity(o, o.v1_V);
  const halfTime = (qTot * 3600) / o.current_A;
  const nHalf = Math.max(2, Math.ceil(halfTime / o.dt_s));
  const nRest = o.rest_s > 0 ? Math.max(2, Math.ceil(o.rest_s / o.dt_s)) : 0;
  const perCycle = 2 * (nHalf + 1) + 2 * nRest;
  const n = o.cycles * perCycle;
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  const I = new Float64Array(n);
  const cyc = new Float64Array(n);
  const stepTime = new Float64Array(n);
  const step = new Float64Array(n);
  let r = 0;
  let clock = 0;
  const noise = () => (o.voltageNoise_V && o.rng ? o.voltageNoise_V * o.rng.normal() : 0);
  const emit = (
    count: number,
    duration: number,
    stepNo: number,
    c: number,
    fn: (tau: number) => [number, number],
  ) => {
    for (let k = 0; k < count; k++) {
      const tau = (duration * k) / (count - 1);
      const [cur, volt] = fn(tau);
      t[r] = clock + tau;
      I[r] = cur;
      v[r] = volt + noise();
      cyc[r] = c;
      stepTime[r] = tau;
      step[r] = stepNo;
      r++;
    }
    clock += duration;
  };
  for (let c = 1; c <= o.cycles; c++) {
    emit(nHalf + 1, halfTime, 1, c, (tau) => [o.current_A, syntheticVoltage(o, (o.current_A * tau) / 3600)]);
    if (nRest) emit(nRest, o.rest_s, 2, c, () => [0, syntheticVoltage(o, qTot)]);
    emit(nHalf + 1, halfTime, 3, c, (tau) => [
      -o.current_A,
      syntheticVoltage(o, qTot - (o.current_A * tau) / 3600) - o.hysteresis_V,
    ]);
    if (nRest) emit(nRest, o.rest_s, 4, c, () => [0, syntheticVoltage(o, 0) - o.hysteresis_V]);
  }
  return {
    format: 'generic',
    fileName: 'synthetic',
    length: n,
    columns: { time_s: t, voltage_V: v, current_A: I, cycle: cyc, stepTime_s: stepTime, step },
    text: {},
    extra: {},
    sources: {},
    metadata: {},
    warnings: [],
    signConvention: CURRENT_SIGN_CONVENTION,
  };
}

/** Writes canonical columns as a comma-separated file with canonical names as headers. */
export function toCsv(data: CyclingData): string {
  const names = Object.keys(data.columns) as (keyof CyclingData['columns'])[];
  const cols = names.map((k) => data.columns[k]!);
  const lines = [names.join(',')];
  for (let i = 0; i < data.length; i++) lines.push(cols.map((c) => c[i]).join(','));
  return `${lines.join('\n')}\n`;
}
