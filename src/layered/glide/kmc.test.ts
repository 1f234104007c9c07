import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOLTZMANN_EV_PER_K } from '../../core/constants.ts';
import { Rng } from '../../core/rng.ts';
import { analyzeStack, type LocalLabel, stackFromLabels, stackGeometry } from '../index.ts';
import { GlideKmc, newCounters } from './kmc.ts';
import { latticeFromStack, stackWithShifts } from './lattice.ts';
import { resolveParams } from './params.ts';
import { newParticle, oFraction } from './particle.ts';
import { cycleDurationS, cycleProtocol } from './protocol.ts';
import { simulateEnsemble } from './run.ts';
import { runParticle } from './simulate.ts';

const labelsArb = fc.array(fc.constantFrom<LocalLabel>('P2', 'P3', 'O2', 'O3', 'O1'), {
  minLength: 1,
  maxLength: 30,
});

describe('glide moves (brief §2.6)', () => {
  it('never change slab orientations, 2/3 characters or interphases (property)', () => {
    const p = resolveParams({ anchoring: 'none', temperatureK: 900 });
    fc.assert(
      fc.property(
        labelsArb,
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (labels, seed, x) => {
          const stack = stackFromLabels(labels);
          const before = analyzeStack(stack);
          const lat = latticeFromStack(stack);
          const st = newParticle(lat, p, new Rng(seed));
          const kmc = new GlideKmc(st, p);
          kmc.setNa(x);
          kmc.run(1e4 / kmc.totalRate() || 1, new Rng(seed + 1), newCounters());
          const after = analyzeStack(stackWithShifts(lat, st.shift));
          expect(after.orientation).toEqual(before.orientation);
          expect(after.character).toEqual(before.character);
          expect(after.interphases).toEqual(before.interphases);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a move changes exactly one shift by ±1 (mod 3)', () => {
    const p = resolveParams({ anchoring: 'none' });
    const lat = latticeFromStack(stackFromLabels(new Array<LocalLabel>(20).fill('P2')));
    const st = newParticle(lat, p, new Rng(4));
    const kmc = new GlideKmc(st, p);
    kmc.setNa(0.1);
    const rng = new Rng(5);
    const counters = newCounters();
    for (let k = 0; k < 50; k++) {
      const before = Int8Array.from(st.shift);
      const events = counters.events;
      kmc.run(1e-3 / kmc.totalRate(), rng, counters);
      let changed = 0;
      for (let i = 0; i < before.length; i++)
        if (before[i] !== st.shift[i]) {
          changed++;
          expect((st.shift[i] - before[i] + 3) % 3 === 1 || (before[i] - st.shift[i] + 3) % 3 === 1).toBe(
            true,
          );
        }
      expect(changed).toBeLessThanOrEqual(counters.events - events);
    }
  });
});

describe('phase transitions without anchoring (α = 0)', () => {
  const p = resolveParams({ anchoring: 'none' });
  for (const [phi2, from, to] of [
    [1, 'P2', 'O2'],
    [0, 'P3', 'O3'],
  ] as const) {
    it(`${from} → ${to} below x_c and back above`, () => {
      const r = runParticle(0, { kind: 'generated', phi2, alpha: 0, beta: 0, layers: 120 }, p, {
        cycles: 2,
        particles: 1,
        seed: 11,
        observeCycles: [1, 2],
        snapshotNa: [0.6, p.xMin],
      });
      const xc = phi2 === 1 ? p.criticalNa2 : p.criticalNa3;
      for (const c of r.curves) {
        const endCharge = c.phase.lastIndexOf('charge');
        expect(c.oFraction[endCharge]).toBeGreaterThan(0.95);
        expect(c.oFraction[c.x.length - 1]).toBeLessThan(0.05);
        // Well above x_c on charge the stack is still P-type.
        const above = c.x.findIndex((x, i) => c.phase[i] === 'charge' && x <= xc + 0.15);
        expect(c.oFraction[above]).toBeLessThan(0.05);
      }
      const [start, charged] = r.snapshots;
      expect(new Set(start.labels)).toEqual(new Set([from]));
      const n = charged.labels.length;
      expect(charged.labels.filter((l) => l === to).length / n).toBeGreaterThan(0.9);
    });
  }
});

describe('detailed balance at fixed x (tiny stack, all 27 states)', () => {
  it('time-weighted state frequencies match Boltzmann weights', () => {
    // Hot, near x_c, energy-mode anchoring: every energy term matters.
    const p = resolveParams({ anchoring: 'energy', temperatureK: 600, pinningEnergyEv: 0.05 });
    const kT = BOLTZMANN_EV_PER_K * p.temperatureK;
    const lat = latticeFromStack(stackFromLabels(['P2', 'P3', 'P3']));
    const st = newParticle(lat, p, new Rng(1));
    const kmc = new GlideKmc(st, p);
    kmc.setNa(0.32);
    const code = () => (st.shift[0] + 1) * 9 + (st.shift[1] + 1) * 3 + (st.shift[2] + 1);
    // Boltzmann weights from the same energy function over all states.
    const weights = new Float64Array(27);
    for (let s = 0; s < 27; s++) {
      st.shift[0] = Math.floor(s / 9) - 1;
      st.shift[1] = (Math.floor(s / 3) % 3) - 1;
      st.shift[2] = (s % 3) - 1;
      weights[s] = Math.exp(-kmc.totalEnergy() / kT);
    }
    const z = weights.reduce((a, b) => a + b, 0);
    st.shift.fill(0);
    kmc.resync();
    const rng = new Rng(7);
    const counters = newCounters();
    const tau = 2 / kmc.totalRate();
    const visits = new Float64Array(27);
    const samples = 150_000;
    for (let k = 0; k < samples; k++) {
      kmc.run(tau, rng, counters);
      visits[code()]++;
    }
    let maxDiff = 0;
    for (let s = 0; s < 27; s++) maxDiff = Math.max(maxDiff, Math.abs(visits[s] / samples - weights[s] / z));
    expect(maxDiff).toBeLessThan(0.01);
    // And the distribution is far from uniform, so the test can fail.
    expect(Math.max(...weights) / z).toBeGreaterThan(2 / 27);
  });
});

describe('energy and time bookkeeping', () => {
  it('Σ ΔE of executed moves equals the change of the total energy at fixed x', () => {
    const p = resolveParams({ anchoring: 'both' });
    const lat = latticeFromStack(
      stackFromLabels([...new Array<LocalLabel>(15).fill('P2'), ...new Array<LocalLabel>(15).fill('P3')]),
    );
    const st = newParticle(lat, p, new Rng(2));
    const kmc = new GlideKmc(st, p);
    kmc.setNa(0.25);
    const e0 = kmc.totalEnergy();
    const counters = newCounters();
    kmc.run(2000, new Rng(3), counters);
    expect(counters.events).toBeGreaterThan(10);
    expect(counters.energyChangeEv).toBeCloseTo(kmc.totalEnergy() - e0, 9);
  });

  it('simulated time equals the protocol duration (2·3600/C per cycle without rests)', () => {
    const p = resolveParams({ anchoring: 'none', cRate: 2, restMinutes: 10 });
    const steps = cycleProtocol(p);
    expect(cycleDurationS(steps)).toBeCloseTo((2 * 3600) / 2 + 2 * 600, 6);
    const r = runParticle(0, { kind: 'sequence', sequence: 'P2*30' }, p, {
      cycles: 3,
      particles: 1,
      seed: 1,
    });
    expect(r.simulatedTimeS).toBeCloseTo(3 * cycleDurationS(steps), 6);
  });

  it('the Na window is swept exactly: charge reaches xMin, discharge returns to xMax', () => {
    const p = resolveParams({ stepNa: 0.03 });
    const steps = cycleProtocol(p);
    const charge = steps.filter((s) => s.phase === 'charge');
    expect(charge[charge.length - 1].x).toBeCloseTo(p.xMin, 12);
    expect(steps[steps.length - 1].x).toBeCloseTo(p.xMax, 12);
  });
});

describe('determinism', () => {
  it('same seed → identical curves; another seed → different', () => {
    const p = resolveParams({});
    const src = { kind: 'generated' as const, phi2: 0.5, alpha: 0.1, beta: 0.5, layers: 80 };
    const o = { cycles: 30, particles: 3, seed: 9, cycleStride: 10 };
    const a = simulateEnsemble(src, p, o);
    const b = simulateEnsemble(src, p, o);
    const c = simulateEnsemble(src, p, { ...o, seed: 10 });
    expect(b).toEqual(a);
    expect(c.events).not.toBe(a.events);
  });

  it('the O fraction at full charge is smaller with anchoring than without', () => {
    const src = { kind: 'generated' as const, phi2: 0.5, alpha: 0.2, beta: 0.5, layers: 100 };
    const o = { cycles: 1, particles: 3, seed: 2 };
    const free = simulateEnsemble(src, resolveParams({ anchoring: 'none' }), o);
    const range = simulateEnsemble(src, resolveParams({ anchoring: 'range' }), o);
    const energy = simulateEnsemble(src, resolveParams({ anchoring: 'energy' }), o);
    expect(free.oFractionCharged[0]).toBeGreaterThan(0.9);
    expect(range.oFractionCharged[0]).toBeLessThan(free.oFractionCharged[0] - 0.3);
    expect(energy.oFractionCharged[0]).toBeLessThan(free.oFractionCharged[0] - 0.1);
  });
});

it('stackGeometry of a snapshot matches its labels (adapter round trip)', () => {
  const lat = latticeFromStack(stackFromLabels(['P2', 'O2', 'P3', 'O3', 'O1']));
  const geo = stackGeometry(stackWithShifts(lat, lat.initialShift));
  expect(geo.labels).toEqual(['P2', 'O2', 'P3', 'O3', 'O1']);
  expect(oFraction(newParticle(lat, resolveParams({}), new Rng(1)))).toBeCloseTo(3 / 5, 12);
});
