import type { GlideParams } from './params.ts';
import type { CycleCurve, ParticleRun } from './simulate.ts';

/** Volume-weighted ensemble of particles. */
export interface EnsembleResult {
  cycles: number[];
  /** Q_N/Q_1 = (active_N/active_1)·exp(−k₀(N−1)). */
  retention: number[];
  /** Volume-weighted active (undamaged) fraction at the start of each cycle. */
  activeFraction: number[];
  /** Volume-weighted O-type fraction at the end of each cycle's charge. */
  oFractionCharged: number[];
  /** Volume-weighted O fraction and mean spacing vs x for the observed cycles. */
  curves: CycleCurve[];
  /** Final damage/tolerance per interlayer of particle 0, and the failed fraction per interlayer index over all particles. */
  damageMap: { particle0: number[]; failedFraction: number[] };
  /** O-type fraction among active interlayers at the end of the last charge (volume-weighted). */
  oFractionActiveCharged: number;
  particles: number;
  meanPinnedFraction: number;
  meanInterphases: number;
  events: number;
  simulatedTimeS: number;
}

/** Aggregates particle runs (in index order, so the sum order never depends on how they were computed). */
export function aggregate(runsIn: readonly ParticleRun[], p: GlideParams): EnsembleResult {
  const runs = [...runsIn].sort((a, b) => a.index - b.index);
  const cycles = runs[0].cycles;
  let wSum = 0;
  for (const r of runs) wSum += r.weight;
  const avg = (get: (r: ParticleRun) => number): number => {
    let s = 0;
    for (const r of runs) s += r.weight * get(r);
    return s / wSum;
  };
  const activeFraction = cycles.map((_, k) => avg((r) => r.active[k]));
  const oFractionCharged = cycles.map((_, k) => avg((r) => r.oFractionCharged[k]));
  const a1 = activeFraction[0];
  const retention = cycles.map(
    (c, k) => (activeFraction[k] / a1) * Math.exp(-p.backgroundFadePerCycle * (c - 1)),
  );
  const curves: CycleCurve[] = runs[0].curves.map((c0, j) => ({
    cycle: c0.cycle,
    phase: c0.phase,
    x: c0.x,
    oFraction: c0.x.map((_, s) => avg((r) => r.curves[j].oFraction[s])),
    meanSpacingAngstrom: c0.x.map((_, s) => avg((r) => r.curves[j].meanSpacingAngstrom[s])),
  }));
  const maxLen = Math.max(...runs.map((r) => r.interlayers));
  const failed = new Float64Array(maxLen);
  const counts = new Float64Array(maxLen);
  for (const r of runs)
    for (let i = 0; i < r.interlayers; i++) {
      counts[i]++;
      if (r.damageRatio[i] >= 1) failed[i]++;
    }
  let events = 0;
  let time = 0;
  for (const r of runs) {
    events += r.events;
    time += r.simulatedTimeS;
  }
  return {
    cycles,
    retention,
    activeFraction,
    oFractionCharged,
    curves,
    damageMap: {
      particle0: runs[0].damageRatio,
      failedFraction: Array.from(failed, (f, i) => f / counts[i]),
    },
    oFractionActiveCharged: avg((r) => r.oFractionActiveCharged),
    particles: runs.length,
    meanPinnedFraction: avg((r) => r.pinnedFraction),
    meanInterphases: runs.reduce((s, r) => s + r.interphases.length, 0) / runs.length,
    events,
    simulatedTimeS: time / runs.length,
  };
}

/** Retention at cycle N by linear interpolation between recorded cycles (null outside the range). */
export function retentionAt(result: Pick<EnsembleResult, 'cycles' | 'retention'>, n: number): number | null {
  const c = result.cycles;
  if (n < c[0] || n > c[c.length - 1]) return null;
  for (let k = 0; k < c.length; k++) {
    if (c[k] === n) return result.retention[k];
    if (c[k] > n) {
      const t = (n - c[k - 1]) / (c[k] - c[k - 1]);
      return result.retention[k - 1] + t * (result.retention[k] - result.retention[k - 1]);
    }
  }
  return null;
}
