import { BOLTZMANN_EV_PER_K } from '../../core/constants.ts';
import type { Rng } from '../../core/rng.ts';
import type { GlideLattice } from './lattice.ts';
import type { GlideParams } from './params.ts';

/**
 * Kinetic Monte Carlo of interlayer gliding, rejection-free (Bortz–Kalos–Lebowitz / Gillespie).
 *
 * Each interlayer i has three shift states dᵢ ∈ {−1, 0, +1} (0 = P, ±1 = O with its glide sign). A
 * glide changes dᵢ by ±1 (mod 3) and nothing else (brief §2.6), so every interlayer has two moves.
 * Rate of a move: k = ν·exp(−E_b(x)/kT)·min(1, exp(−ΔE/kT)) (Metropolis form, detailed balance
 * with respect to exp(−E/kT)). Rejection-free because the P→O drive is weak near x_c and strong
 * elsewhere: a Metropolis sweep with a fixed time step would waste most attempts.
 *
 * Energy (eV): E = Σᵢ εᵢ(dᵢ; x) + Σᵢ wᵢ,ᵢ₊₁ with
 *   εᵢ(0) = 0,  εᵢ(±1) = g_χ (x − x_c,χ) + pinᵢ + [χ = 3 and dᵢsᵢ = −1]·E_O1,
 *   wᵢ,ᵢ₊₁ = J if exactly one of the two is O-type (coherency strain),
 *          = E_twin if both are O-type, χᵢ = χᵢ₊₁ and dᵢsᵢ ≠ dᵢ₊₁sᵢ₊₁ (inconsistent glide directions).
 */
export interface ParticleState {
  lattice: GlideLattice;
  shift: Int8Array;
  /** 1 = cannot glide (pinning-range model, drawn once). */
  pinned: Uint8Array;
  /** 1 = undamaged (delivers capacity and may glide). */
  active: Uint8Array;
  /** Pinning energy added to the O state (energy mode), eV. */
  pinEnergy: Float64Array;
  /** Accumulated damage and the interlayer's damage tolerance (Miner-type: inactive when D ≥ strength). */
  damage: Float64Array;
  strength: Float64Array;
  /** 1 = went P → O at least once in the current cycle. */
  transformed: Uint8Array;
}

/** Scratch space and running totals of one particle's kMC. */
export interface KmcCounters {
  events: number;
  /** Simulated time, s. */
  timeS: number;
  /** Sum of ΔE of executed moves since the last reset, eV. */
  energyChangeEv: number;
}

export function newCounters(): KmcCounters {
  return { events: 0, timeS: 0, energyChangeEv: 0 };
}

/** Next and previous shift in the cycle −1 → 0 → +1 → −1. */
const UP = [0, 1, -1] as const; // index d+1 → d+1 (mod 3 mapped)
const DOWN = [1, -1, 0] as const;

export class GlideKmc {
  readonly p: GlideParams;
  readonly kT: number;
  private readonly st: ParticleState;
  private readonly n: number;
  /** rates[2i] = move up, rates[2i+1] = move down. */
  private readonly rates: Float64Array;
  private readonly rowSum: Float64Array;
  /** ΔE of each move without the x-dependent drive, and how the drive enters (−1, 0, +1). */
  private readonly staticDe: Float64Array;
  private readonly driveSign: Int8Array;
  private total = 0;
  private x = 1;
  private prefactor = 0;
  private drive2 = 0;
  private drive3 = 0;

  constructor(state: ParticleState, params: GlideParams) {
    this.p = params;
    this.kT = BOLTZMANN_EV_PER_K * params.temperatureK;
    this.st = state;
    this.n = state.lattice.interlayers;
    this.rates = new Float64Array(2 * this.n);
    this.rowSum = new Float64Array(this.n);
    this.staticDe = new Float64Array(2 * this.n);
    this.driveSign = new Int8Array(2 * this.n);
  }

  /** Site energy of interlayer i in shift state d at the current x. */
  siteEnergy(i: number, d: number): number {
    if (d === 0) return 0;
    const lat = this.st.lattice;
    let e = (lat.character[i] === 2 ? this.drive2 : this.drive3) + this.st.pinEnergy[i];
    if (lat.character[i] === 3 && d * lat.orientation[i] === -1) e += this.p.o1PenaltyEv;
    return e;
  }

  /** Pair energy between interlayers i and i+1 with shifts di, dj. */
  pairEnergy(i: number, di: number, dj: number): number {
    const oi = di !== 0;
    const oj = dj !== 0;
    if (oi !== oj) return this.p.coherencyCouplingEv;
    if (!oi) return 0;
    const lat = this.st.lattice;
    if (lat.character[i] !== lat.character[i + 1]) return 0;
    return di * lat.orientation[i] !== dj * lat.orientation[i + 1] ? this.p.twinFaultEv : 0;
  }

  /** Total energy of the current configuration at the current x, eV. */
  totalEnergy(): number {
    const d = this.st.shift;
    let e = 0;
    for (let i = 0; i < this.n; i++) e += this.siteEnergy(i, d[i]);
    for (let i = 0; i + 1 < this.n; i++) e += this.pairEnergy(i, d[i], d[i + 1]);
    return e;
  }

  /** ΔE of setting interlayer i to shift dNew. */
  deltaEnergy(i: number, dNew: number): number {
    const d = this.st.shift;
    const dOld = d[i];
    let de = this.siteEnergy(i, dNew) - this.siteEnergy(i, dOld);
    if (i > 0) de += this.pairEnergy(i - 1, d[i - 1], dNew) - this.pairEnergy(i - 1, d[i - 1], dOld);
    if (i + 1 < this.n) de += this.pairEnergy(i, dNew, d[i + 1]) - this.pairEnergy(i, dOld, d[i + 1]);
    return de;
  }

  /**
   * Sets the Na content (x per formula unit) and recomputes every rate. Only the drive g_χ(x − x_c)
   * and the prefactor depend on x, so the cached x-independent part of each ΔE is reused.
   */
  setNa(x: number): void {
    const p = this.p;
    const st = this.st;
    const chi = st.lattice.character;
    this.x = x;
    this.drive2 = p.drivingSlope2EvPerNa * (x - p.criticalNa2);
    this.drive3 = p.drivingSlope3EvPerNa * (x - p.criticalNa3);
    const barrier = p.barrierAtZeroNaEv + p.barrierSlopeEvPerNa * x;
    this.prefactor = p.attemptFrequencyPerS * Math.exp(-barrier / this.kT);
    if (!this.cached) {
      for (let i = 0; i < this.n; i++) this.cacheStatic(i);
      this.cached = true;
    }
    const pref = this.prefactor;
    const kT = this.kT;
    let total = 0;
    for (let i = 0; i < this.n; i++) {
      if (st.pinned[i] || !st.active[i]) {
        this.rates[2 * i] = 0;
        this.rates[2 * i + 1] = 0;
        this.rowSum[i] = 0;
        continue;
      }
      const drive = chi[i] === 2 ? this.drive2 : this.drive3;
      const deUp = this.staticDe[2 * i] + this.driveSign[2 * i] * drive;
      const deDown = this.staticDe[2 * i + 1] + this.driveSign[2 * i + 1] * drive;
      const rUp = deUp <= 0 ? pref : pref * Math.exp(-deUp / kT);
      const rDown = deDown <= 0 ? pref : pref * Math.exp(-deDown / kT);
      this.rates[2 * i] = rUp;
      this.rates[2 * i + 1] = rDown;
      this.rowSum[i] = rUp + rDown;
      total += rUp + rDown;
    }
    this.total = total;
  }

  private cached = false;

  /** Call after changing shifts, pinning or activity from outside: rebuilds the cache and all rates. */
  resync(): void {
    this.cached = false;
    this.setNa(this.x);
  }

  /** Caches the x-independent part of ΔE of both moves of interlayer i (drive temporarily zero). */
  private cacheStatic(i: number): void {
    const d2 = this.drive2;
    const d3 = this.drive3;
    this.drive2 = 0;
    this.drive3 = 0;
    const d = this.st.shift[i];
    const up = UP[d + 1];
    const down = DOWN[d + 1];
    this.staticDe[2 * i] = this.deltaEnergy(i, up);
    this.staticDe[2 * i + 1] = this.deltaEnergy(i, down);
    const o = d !== 0 ? 1 : 0;
    this.driveSign[2 * i] = (up !== 0 ? 1 : 0) - o;
    this.driveSign[2 * i + 1] = (down !== 0 ? 1 : 0) - o;
    this.drive2 = d2;
    this.drive3 = d3;
  }

  get na(): number {
    return this.x;
  }

  /** Rate of the move of interlayer i in direction dir (0 = up, 1 = down), 1/s. */
  rate(i: number, dir: 0 | 1): number {
    return this.rates[2 * i + dir];
  }

  private updateRates(i: number): void {
    const st = this.st;
    this.cacheStatic(i);
    if (st.pinned[i] || !st.active[i]) {
      this.rates[2 * i] = 0;
      this.rates[2 * i + 1] = 0;
      this.rowSum[i] = 0;
      return;
    }
    const drive = st.lattice.character[i] === 2 ? this.drive2 : this.drive3;
    const deUp = this.staticDe[2 * i] + this.driveSign[2 * i] * drive;
    const deDown = this.staticDe[2 * i + 1] + this.driveSign[2 * i + 1] * drive;
    const rUp = deUp <= 0 ? this.prefactor : this.prefactor * Math.exp(-deUp / this.kT);
    const rDown = deDown <= 0 ? this.prefactor : this.prefactor * Math.exp(-deDown / this.kT);
    this.rates[2 * i] = rUp;
    this.rates[2 * i + 1] = rDown;
    this.rowSum[i] = rUp + rDown;
  }

  /** Recomputes the rates of interlayers i−1, i, i+1 (after a move or a change of activity). */
  refresh(i: number): void {
    for (let j = Math.max(0, i - 1); j <= Math.min(this.n - 1, i + 1); j++) {
      this.total -= this.rowSum[j];
      this.updateRates(j);
      this.total += this.rowSum[j];
    }
  }

  /** Sum of all rates, 1/s. */
  totalRate(): number {
    return this.total;
  }

  /**
   * Runs the rejection-free kMC for `durationS` seconds at the current x. Rates are constant inside
   * the interval, so the waiting time that overshoots the interval end is discarded (memoryless).
   */
  run(durationS: number, rng: Rng, counters: KmcCounters): void {
    const st = this.st;
    const n = this.n;
    let t = 0;
    let sinceResum = 0;
    for (;;) {
      if (!(this.total > 0)) break;
      const dt = -Math.log(1 - rng.next()) / this.total;
      if (t + dt > durationS) break;
      t += dt;
      // Select a move with probability rate/total: linear scan over the row sums.
      let target = rng.next() * this.total;
      let i = 0;
      for (; i < n - 1; i++) {
        if (target < this.rowSum[i]) break;
        target -= this.rowSum[i];
      }
      // Guard against round-off leaving target on a zero row at the end.
      while (this.rowSum[i] === 0 && i > 0) i--;
      const dir = target < this.rates[2 * i] ? 0 : 1;
      const dOld = st.shift[i];
      const dNew = dir === 0 ? UP[dOld + 1] : DOWN[dOld + 1];
      counters.energyChangeEv += this.deltaEnergy(i, dNew);
      st.shift[i] = dNew;
      if (dOld === 0) st.transformed[i] = 1;
      counters.events++;
      this.refresh(i);
      // Re-sum occasionally so incremental updates cannot drift.
      if (++sinceResum === 4096) {
        sinceResum = 0;
        let s = 0;
        for (let j = 0; j < n; j++) s += this.rowSum[j];
        this.total = s;
      }
    }
    counters.timeS += durationS;
  }
}
