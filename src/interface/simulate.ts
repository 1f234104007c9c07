/**
 * Symmetric-cell simulator: integrates the two interfaces' contact fractions (voids on stripping,
 * refill and creep closure), the flaw state at the plating face (flaw filling, leakage growth,
 * dendrite advance) and the voltage with its ohmic, interfacial and void parts, under a current
 * protocol. Explicit time stepping on plain numbers; the trace is stored in Float64Arrays.
 */
import { Rng } from '../core/rng.ts';
import { buildCell, type Cell, type CellInput } from './cell.ts';
import { interfacialAsr } from './contact.ts';
import {
  dendriteTipVelocity,
  flawCriticalOverpotential,
  leakageFlawGrowthRate,
  localPlatingOverpotential,
  sampleWeibull,
  subcriticalGrowthRate,
} from './penetration.ts';
import { describeProtocol, type Protocol, protocolSegments } from './protocol.ts';
import { criticalStrippingCurrent, platingContactRate, strippingContactRate } from './voids.ts';

export interface SimulateOptions {
  /** Time steps per constant-current segment (default 30). */
  substepsPerSegment?: number;
  /** Time steps of a linear ramp (default 2000). */
  rampSubsteps?: number;
  /** |V| at which the test is stopped, as a cycler would (default 2 V). */
  voltageLimit_V?: number;
  /** Largest flaw on face A and face B (m); default both = cell.flawSize_m. */
  flawSizes_m?: [number, number];
  /** Store the trace (default true; ensembles switch it off). */
  recordTrace?: boolean;
}

export interface Trace {
  time_s: Float64Array;
  current_mA_cm2: Float64Array;
  voltage_V: Float64Array;
  /** Electrolyte (bulk + grain boundary) part. */
  ohmic_V: Float64Array;
  /** Two interfaces at the steady (pressure-set) contact. */
  interfacial_V: Float64Array;
  /** Extra interfacial part from contact lost to voids. */
  void_V: Float64Array;
  contactA: Float64Array;
  contactB: Float64Array;
}

export type FailureMode = 'short' | 'voltage-limit' | 'contact-loss';

export interface Failure {
  mode: FailureMode;
  time_s: number;
  current_mA_cm2: number;
  step: number;
  electrode: 'A' | 'B';
  explanation: string;
}

export interface Initiation {
  time_s: number;
  current_mA_cm2: number;
  electrode: 'A' | 'B';
  localOverpotential_V: number;
  criticalOverpotential_V: number;
  flawSize_m: number;
}

export interface SimulationResult {
  protocol: string;
  /** First failure as the model sees it, or null if the protocol completed. */
  failure: Failure | null;
  /** First dendrite initiation (flaw-filling criterion met), even if it did not short. */
  initiation: Initiation | null;
  shortAt_h: number | null;
  /** |j| at the model's failure (mA/cm²), null if none. */
  modelCcd_mA_cm2: number | null;
  /** Critical stripping current at the cell's pressure and T (mA/cm²). */
  criticalStrippingCurrent_mA_cm2: number;
  endTime_s: number;
  trace: Trace | null;
}

class TraceBuilder {
  n = 0;
  cols: Float64Array[];
  constructor(capacity: number) {
    this.cols = Array.from({ length: 8 }, () => new Float64Array(capacity));
  }
  push(t: number, j: number, v: number, o: number, i: number, vd: number, fa: number, fb: number): void {
    const c = this.cols;
    const k = this.n++;
    c[0][k] = t;
    c[1][k] = j;
    c[2][k] = v;
    c[3][k] = o;
    c[4][k] = i;
    c[5][k] = vd;
    c[6][k] = fa;
    c[7][k] = fb;
  }
  build(): Trace {
    const s = (a: Float64Array) => a.slice(0, this.n);
    const c = this.cols;
    return {
      time_s: s(c[0]),
      current_mA_cm2: s(c[1]),
      voltage_V: s(c[2]),
      ohmic_V: s(c[3]),
      interfacial_V: s(c[4]),
      void_V: s(c[5]),
      contactA: s(c[6]),
      contactB: s(c[7]),
    };
  }
}

/** Simulate one cell (already built) under a protocol. */
export function simulateCell(cell: Cell, protocol: Protocol, opts: SimulateOptions = {}): SimulationResult {
  const segments = protocolSegments(protocol);
  const { metal: m, params: p } = cell;
  const T = cell.input.T_K;
  const L = cell.input.thickness_cm;
  const sigma = cell.sigmaTotal_S_per_cm;
  const fEq = cell.equilibriumContact;
  const fMin = p.minContactFraction;
  const asrEq = cell.interfaceAsr_ohm_cm2;
  const rSe = cell.electrolyteAsr_ohm_cm2;
  const vLimit = opts.voltageLimit_V ?? 2;
  const jccs = criticalStrippingCurrent(p, cell.input.pressure_MPa, T, cell.jcritEa_eV);
  const kic = cell.fractureToughness_MPa_sqrt_m;
  const te = cell.electronicTransference;
  const sigmaE = cell.electronicConductivity_S_per_cm;
  const record = opts.recordTrace ?? true;
  const nSub = opts.substepsPerSegment ?? 30;
  const nRamp = opts.rampSubsteps ?? 2000;
  const capacity = segments.reduce((s, g) => s + (g.slope_mA_cm2_per_s !== 0 ? nRamp : nSub), 0) + 1;
  const tb = record ? new TraceBuilder(capacity) : null;

  let fA = fEq;
  let fB = fEq;
  const flaws = opts.flawSizes_m ?? [cell.flawSize_m, cell.flawSize_m];
  let cA = flaws[0] * 100; // cm
  let cB = flaws[1] * 100;
  let xA = -1; // dendrite depth (cm), −1 = not initiated
  let xB = -1;
  let failure: Failure | null = null;
  let initiation: Initiation | null = null;
  let shortAt: number | null = null;
  let t = 0;
  tb?.push(0, 0, 0, 0, 0, 0, fA, fB);

  for (const seg of segments) {
    const n = seg.slope_mA_cm2_per_s !== 0 ? nRamp : nSub;
    const dt = seg.duration_s / n;
    for (let k = 0; k < n; k++) {
      const tMid = k * dt + dt / 2;
      const j = seg.current_mA_cm2 + seg.slope_mA_cm2_per_s * tMid;
      const mag = Math.abs(j);
      t = seg.start_s + (k + 1) * dt;
      const aStrips = j > 0;
      if (shortAt === null) {
        // Contact evolution: the stripping face loses contact to voids, the plating face refills.
        const fS = aStrips ? fA : fB;
        const fP = aStrips ? fB : fA;
        let nS = fS + strippingContactRate(m, p, mag, jccs, fS, fEq) * dt;
        let nP = fP + platingContactRate(m, p, mag, jccs, fP, fEq) * dt;
        nS = Math.min(1, Math.max(fMin, nS));
        nP = Math.min(Math.max(fP, fEq), Math.max(fMin, nP));
        if (aStrips) {
          fA = nS;
          fB = nP;
        } else {
          fB = nS;
          fA = nP;
        }
        // Plating face: internal deposition from electronic leakage grows the flaw; flaw filling.
        if (mag > 0) {
          const grow = leakageFlawGrowthRate(m, p, mag, te) * dt;
          const eta = localPlatingOverpotential(p, mag, aStrips ? fB : fA, T);
          const cP = aStrips ? (cB += grow) : (cA += grow);
          let xP = aStrips ? xB : xA;
          if (xP < 0) {
            const etaCrit = flawCriticalOverpotential(
              cP / 100,
              kic,
              m.molarVolume_cm3_per_mol,
              p.flawGeometryFactor,
            );
            // Below the threshold the filled flaw still creeps forward by stress corrosion.
            const sub = subcriticalGrowthRate(p, sigmaE, eta / etaCrit) * dt;
            if (aStrips) cB += sub;
            else cA += sub;
            if (eta >= etaCrit) {
              xP = cP;
              initiation ??= {
                time_s: t,
                current_mA_cm2: mag,
                electrode: aStrips ? 'B' : 'A',
                localOverpotential_V: eta,
                criticalOverpotential_V: etaCrit,
                flawSize_m: cP / 100,
              };
            }
          }
          if (xP >= 0) xP += dendriteTipVelocity(m, p, mag, aStrips ? fB : fA) * dt;
          if (aStrips) xB = xP;
          else xA = xP;
          if (xP >= L) {
            shortAt = t;
            failure = {
              mode: 'short',
              time_s: t,
              current_mA_cm2: mag,
              step: seg.step,
              electrode: aStrips ? 'B' : 'A',
              explanation:
                'a flaw at the plating face filled with metal above its critical overpotential (Porz), cracked and the filament crossed the electrolyte',
            };
          }
        }
      }
      let v: number;
      let ohm: number;
      let inter: number;
      let vd: number;
      if (shortAt !== null) {
        v = j * 1e-3 * p.shortAsr_ohm_cm2;
        ohm = v;
        inter = 0;
        vd = 0;
      } else {
        ohm = j * 1e-3 * rSe;
        inter = j * 1e-3 * 2 * asrEq;
        const asrA = fA === fEq ? asrEq : interfacialAsr(p, sigma, fA, T);
        const asrB = fB === fEq ? asrEq : interfacialAsr(p, sigma, fB, T);
        vd = j * 1e-3 * (asrA + asrB - 2 * asrEq);
        v = ohm + inter + vd;
      }
      tb?.push(t, j, v, ohm, inter, vd, fA, fB);
      if (failure === null && Math.abs(v) >= vLimit) {
        const lost = (aStrips ? fA : fB) <= fMin * 1.0001;
        failure = {
          mode: lost ? 'contact-loss' : 'voltage-limit',
          time_s: t,
          current_mA_cm2: mag,
          step: seg.step,
          electrode: aStrips ? 'A' : 'B',
          explanation: lost
            ? 'voids on the stripping face removed the contact; polarization diverged past the voltage limit'
            : `polarization reached the ${vLimit} V limit`,
        };
      }
      if (failure && failure.mode !== 'short') break;
    }
    if (failure) break;
  }
  return {
    protocol: describeProtocol(protocol),
    failure,
    initiation,
    shortAt_h: shortAt === null ? null : shortAt / 3600,
    modelCcd_mA_cm2: failure ? failure.current_mA_cm2 : null,
    criticalStrippingCurrent_mA_cm2: jccs,
    endTime_s: t,
    trace: tb ? tb.build() : null,
  };
}

/** Build the cell from user input and simulate. */
export function simulate(
  input: CellInput,
  protocol: Protocol,
  opts: SimulateOptions = {},
): SimulationResult & { cell: Cell } {
  const cell = buildCell(input);
  return { ...simulateCell(cell, protocol, opts), cell };
}

export interface EnsembleResult {
  cells: number;
  seed: number;
  /** Per cell: model failure current (mA/cm², NaN if none) and failure time (h, NaN if none). */
  failureCurrent_mA_cm2: Float64Array;
  failureTime_h: Float64Array;
  flawA_m: Float64Array;
  flawB_m: Float64Array;
  shortedFraction: number;
  failedFraction: number;
  ccdQuantiles_mA_cm2: { p10: number; p50: number; p90: number } | null;
  shortTimeQuantiles_h: { p10: number; p50: number; p90: number } | null;
}

function quantiles(values: Float64Array): { p10: number; p50: number; p90: number } | null {
  const v = Array.from(values).filter((x) => Number.isFinite(x));
  if (v.length === 0) return null;
  v.sort((a, b) => a - b);
  const q = (f: number) => v[Math.min(v.length - 1, Math.floor(f * (v.length - 1) + 0.5))];
  return { p10: q(0.1), p50: q(0.5), p90: q(0.9) };
}

/**
 * Cell-to-cell distribution: each cell draws the largest flaw of each face from the Weibull
 * distribution of the interface parameters (seeded), then runs the protocol.
 */
export function simulateEnsemble(
  input: CellInput,
  protocol: Protocol,
  cells: number,
  seed: number,
  opts: SimulateOptions & { onProgress?: (done: number, total: number) => void } = {},
): EnsembleResult {
  const cell = buildCell(input);
  const rng = new Rng(seed);
  const p = cell.params;
  const fc = new Float64Array(cells);
  const ft = new Float64Array(cells);
  const fa = new Float64Array(cells);
  const fb = new Float64Array(cells);
  let shorted = 0;
  let failed = 0;
  for (let i = 0; i < cells; i++) {
    const a = sampleWeibull(rng, p.flawWeibullScale_um * 1e-6, p.flawWeibullModulus);
    const b = sampleWeibull(rng, p.flawWeibullScale_um * 1e-6, p.flawWeibullModulus);
    fa[i] = a;
    fb[i] = b;
    const r = simulateCell(cell, protocol, { ...opts, recordTrace: false, flawSizes_m: [a, b] });
    fc[i] = r.failure ? r.failure.current_mA_cm2 : Number.NaN;
    ft[i] = r.failure ? r.failure.time_s / 3600 : Number.NaN;
    if (r.failure) failed++;
    if (r.shortAt_h !== null) shorted++;
    opts.onProgress?.(i + 1, cells);
  }
  return {
    cells,
    seed,
    failureCurrent_mA_cm2: fc,
    failureTime_h: ft,
    flawA_m: fa,
    flawB_m: fb,
    shortedFraction: shorted / cells,
    failedFraction: failed / cells,
    ccdQuantiles_mA_cm2: quantiles(fc),
    shortTimeQuantiles_h: quantiles(ft),
  };
}
