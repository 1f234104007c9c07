import { glideMap } from '../src/app/operations/glide.ts';
import { DEFAULT_GLIDE_PARAMS, runParticle } from '../src/layered/glide/index.ts';
import type { BenchCase } from './run.ts';

/**
 * Gliding simulator (issue #4). "Interlayer updates" = executed kMC glides (each changes one dᵢ)
 * plus the rate re-evaluations of every interlayer at each Na-content step of the protocol.
 */
const P = DEFAULT_GLIDE_PARAMS;
const SOURCE = { kind: 'generated' as const, phi2: 0.5, alpha: 0.1, beta: 0.5, layers: 200 };
const KMC_CYCLES = 20;

const SMALL = { alpha: 4, beta: 4, particles: 10, cycles: 500, cycleStride: 25 };
const FULL = { points: 400, particles: 100 };

export const cases: BenchCase[] = [
  {
    name: `kMC one particle, 200 slabs, φ₂ 0.5 α 0.1 β 0.5, ${KMC_CYCLES} cycles (1 core)`,
    note: '',
    setup() {
      runParticle(0, SOURCE, P, { cycles: KMC_CYCLES, particles: 1, seed: 1 }); // JIT warm-up
      const t0 = performance.now();
      const r = runParticle(0, SOURCE, P, { cycles: KMC_CYCLES, particles: 1, seed: 1 });
      const s = (performance.now() - t0) / 1000;
      const steps = 2 * Math.ceil((P.xMax - P.xMin) / P.stepNa - 1e-9);
      const rateUpdates = KMC_CYCLES * steps * r.interlayers;
      this.note = `${r.events} glides + ${rateUpdates} rate re-evaluations in ${s.toFixed(2)} s → ${((r.events + rateUpdates) / s / 1e6).toFixed(2)}·10⁶ interlayer updates/s/core (${(r.events / s / 1e6).toFixed(2)}·10⁶ glides/s)`;
    },
    run: () => runParticle(0, SOURCE, P, { cycles: KMC_CYCLES, particles: 1, seed: 1 }),
    iterations: 3,
  },
  {
    name: `α–β map ${SMALL.alpha}×${SMALL.beta}, 500 cycles (kMC every ${SMALL.cycleStride}), ${SMALL.particles} particles × 200 slabs, 2 workers`,
    note: '',
    setup() {
      const pointParticles = SMALL.alpha * SMALL.beta * SMALL.particles;
      const scale = (FULL.points * FULL.particles) / pointParticles;
      this.note = `EXTRAPOLATED to the issue's 20×20 map with 100 particles: × ${scale} (same stride ${SMALL.cycleStride}); × ${scale * SMALL.cycleStride} with the kMC run every cycle`;
    },
    run: () =>
      glideMap(
        {
          alpha: `0.05:0.3:${SMALL.alpha}`,
          beta: `0.1:0.8:${SMALL.beta}`,
          cycles: SMALL.cycles,
          particles: SMALL.particles,
          layers: 200,
          cycleStride: SMALL.cycleStride,
          workers: 2,
        },
        P,
      ),
    iterations: 1,
  },
];
