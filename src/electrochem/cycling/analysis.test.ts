import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { Rng } from '../../core/rng.ts';
import { CURRENT_SIGN_CONVENTION, type CyclingData } from '../../io/cycling/index.ts';
import { differentialCapacity, monotonePieces } from './dqdv.ts';
import { detectSteps } from './steps.ts';
import { summarizeCycles } from './summary.ts';
import { type SyntheticCellOptions, syntheticCapacity, syntheticCycling } from './synthetic.ts';

const cell: SyntheticCellOptions = {
  cycles: 3,
  current_A: 0.002,
  slopeCapacity_Ah: 0.0006,
  plateauCapacity_Ah: 0.0014,
  v0_V: 2.0,
  v1_V: 4.0,
  plateau_V: 3.2,
  plateauWidth_V: 0.02,
  hysteresis_V: 0.05,
  dt_s: 5,
  rest_s: 600,
};

function series(
  t: number[],
  v: number[],
  I: number[],
  extra: Partial<CyclingData['columns']> = {},
): CyclingData {
  return {
    format: 'generic',
    length: t.length,
    columns: {
      time_s: Float64Array.from(t),
      voltage_V: Float64Array.from(v),
      current_A: Float64Array.from(I),
      ...extra,
    },
    text: {},
    extra: {},
    sources: {},
    metadata: {},
    warnings: [],
    signConvention: CURRENT_SIGN_CONVENTION,
  };
}

describe('step table', () => {
  it('finds charge, rest, discharge, rest per cycle of the synthetic cell', () => {
    const st = detectSteps(syntheticCycling(cell));
    expect(st.steps.map((s) => s.type).slice(0, 4)).toEqual(['charge', 'rest', 'discharge', 'rest']);
    expect(st.steps).toHaveLength(12);
    expect(st.cycleSource).toBe('instrument');
  });

  it('conserves charge: Σ step charges = ∫I dt at the last row = I·t for constant current', () => {
    const data = syntheticCycling(cell);
    const st = detectSteps(data);
    const total = st.steps.reduce((s, x) => s + x.charge_Ah, 0);
    expect(total).toBeCloseTo(st.cumulativeCharge_Ah[data.length - 1], 12);
    const charge = st.steps[0];
    const expected = (cell.current_A * charge.duration_s) / 3600;
    expect(charge.charge_Ah).toBeCloseTo(expected, 12);
    expect(charge.charge_Ah).toBeCloseTo(syntheticCapacity(cell, cell.v1_V), 9);
  });

  it('splits a CC–CV charge at the start of the hold, and the CV tolerance decides', () => {
    // CC at 1 mA from 3.0 to 4.2 V over 100 s, then a 4.2 V hold with exponentially decaying current
    const t: number[] = [];
    const v: number[] = [];
    const I: number[] = [];
    for (let k = 0; k <= 100; k++) {
      t.push(k);
      v.push(3 + 0.012 * k);
      I.push(0.001);
    }
    for (let k = 1; k <= 100; k++) {
      t.push(100 + k);
      v.push(4.2);
      I.push(0.001 * Math.exp(-k / 20));
    }
    const data = series(t, v, I);
    const st = detectSteps(data);
    expect(st.steps.map((s) => s.type)).toEqual(['charge', 'cvCharge']);
    expect(st.steps[1].startRow).toBe(100);
    const noCv = detectSteps(data, { cvCurrentDropFraction: 0.9999 });
    expect(noCv.steps.map((s) => s.type)).toEqual(['charge']);
    // a CC plateau at constant voltage is not a CV hold: the current does not fall
    const flat = series(
      t,
      t.map(() => 3.4),
      t.map(() => 0.001),
    );
    expect(detectSteps(flat).steps.map((s) => s.type)).toEqual(['charge']);
  });

  it('counts cycles from the steps when the file has no cycle column', () => {
    const data = syntheticCycling(cell);
    delete data.columns.cycle;
    const st = detectSteps(data);
    expect(st.cycleSource).toBe('steps');
    expect(new Set(st.steps.map((s) => s.cycle))).toEqual(new Set([1, 2, 3]));
  });

  it('treats |I| under the rest threshold as rest', () => {
    const data = series([0, 1, 2, 3], [3, 3, 3, 3], [0, 1e-9, 0, 0]);
    expect(detectSteps(data, { restCurrent_A: 1e-6 }).steps.map((s) => s.type)).toEqual(['rest']);
  });
});

describe('cycle summary', () => {
  it('gives CE = 1, EE = V̄dis/V̄ch and hysteresis = η for the symmetric synthetic cycle', () => {
    const s = summarizeCycles(syntheticCycling(cell));
    expect(s.cycles).toHaveLength(3);
    const qTot = syntheticCapacity(cell, cell.v1_V) * 1000;
    for (const c of s.cycles) {
      expect(c.chargeCapacity_mAh).toBeCloseTo(qTot, 6);
      expect(c.dischargeCapacity_mAh).toBeCloseTo(qTot, 6);
      expect(c.coulombicEfficiency).toBeCloseTo(1, 9);
      expect(c.voltageHysteresis_V!).toBeCloseTo(cell.hysteresis_V, 3);
      expect(c.energyEfficiency!).toBeCloseTo(c.meanDischargeVoltage_V! / c.meanChargeVoltage_V!, 12);
      expect(c.retention).toBeCloseTo(1, 9);
      expect(c.complete).toBe(true);
    }
  });

  it('mean charge voltage equals ∫V dQ / Q of the analytic electrode', () => {
    const s = summarizeCycles(syntheticCycling({ ...cell, dt_s: 1 }));
    // ∫V dQ = V1·Q1 − ∫Q dV (integration by parts), evaluated by a fine midpoint rule
    const n = 200000;
    const h = (cell.v1_V - cell.v0_V) / n;
    let intQ = 0;
    for (let k = 0; k < n; k++) intQ += syntheticCapacity(cell, cell.v0_V + (k + 0.5) * h) * h;
    const q1 = syntheticCapacity(cell, cell.v1_V);
    const expected = (cell.v1_V * q1 - intQ) / q1;
    expect(s.cycles[0].meanChargeVoltage_V!).toBeCloseTo(expected, 4);
  });

  it('normalises by active mass and measures retention against the chosen reference', () => {
    const data = syntheticCycling(cell);
    // scale the current of cycle 3 by 0.9: its discharge is 90 % of cycle 1 (time is unchanged)
    const { current_A: I, cycle } = data.columns;
    for (let i = 0; i < data.length; i++) if (cycle![i] === 3) I[i] *= 0.9;
    const s = summarizeCycles(data, { activeMass_g: 0.0125, referenceCycle: 1 });
    const c1 = s.cycles[0];
    const c3 = s.cycles[2];
    expect(c3.retention).toBeCloseTo(0.9, 9);
    expect(c1.specificDischargeCapacity_mAh_g).toBeCloseTo(c1.dischargeCapacity_mAh / 0.0125, 9);
    expect(s.referenceCycle).toBe(1);
    expect(() => summarizeCycles(data, { referenceCycle: 7 })).toThrow(InputError);
    expect(() => summarizeCycles(data, { activeMass_g: -1 })).toThrow(InputError);
  });

  it('inverts CE for negative-electrode half-cells on request', () => {
    const data = syntheticCycling(cell);
    const { current_A: I } = data.columns;
    for (let i = 0; i < data.length; i++) if (I[i] < 0) I[i] *= 0.8; // discharge 80 % of charge
    const cathode = summarizeCycles(data);
    const anode = summarizeCycles(data, { ceConvention: 'chargeOverDischarge' });
    expect(cathode.cycles[0].coulombicEfficiency).toBeCloseTo(0.8, 9);
    expect(anode.cycles[0].coulombicEfficiency).toBeCloseTo(1 / 0.8, 9);
  });
});

describe('dQ/dV and dV/dQ', () => {
  it('puts the charge peak at the plateau voltage with area = plateau capacity', () => {
    const r = differentialCapacity(syntheticCycling({ ...cell, dt_s: 1 }), 1);
    expect(r.monotone).toBe(true);
    const ch = r.segments.find((s) => s.direction === 'charge')!;
    expect(ch.peaks).toHaveLength(1);
    expect(ch.peaks[0].voltage_V).toBeCloseTo(cell.plateau_V, 3);
    expect(ch.peaks[0].area_mAh).toBeGreaterThan(cell.plateauCapacity_Ah * 1000 * 0.97);
    expect(ch.peaks[0].area_mAh).toBeLessThan(cell.plateauCapacity_Ah * 1000 * 1.01);
    // analytic peak height: Q_slope/(V1−V0) + Q_p/(4w), smoothed by the 30 mV window (lower)
    const analytic = (cell.slopeCapacity_Ah / 2 + cell.plateauCapacity_Ah / (4 * cell.plateauWidth_V)) * 1000;
    expect(ch.peaks[0].height_mAh_per_V).toBeLessThan(analytic * 1.001);
    expect(ch.peaks[0].height_mAh_per_V).toBeGreaterThan(analytic * 0.85);
    // ∫ dQ/dV dV over the segment = its capacity
    let area = 0;
    for (let k = 1; k < ch.voltage_V.length; k++)
      area +=
        0.5 * (ch.dQdV_mAh_per_V[k] + ch.dQdV_mAh_per_V[k - 1]) * (ch.voltage_V[k] - ch.voltage_V[k - 1]);
    const span = ch.capacity_on_grid_mAh[ch.capacity_on_grid_mAh.length - 1] - ch.capacity_on_grid_mAh[0];
    expect(area).toBeCloseTo(span, 2);
  });

  it('puts the discharge peak at plateau − η, with dQ/dV < 0', () => {
    const r = differentialCapacity(syntheticCycling({ ...cell, dt_s: 1 }), 2);
    const dis = r.segments.find((s) => s.direction === 'discharge')!;
    expect(dis.peaks[0].voltage_V).toBeCloseTo(cell.plateau_V - cell.hysteresis_V, 3);
    const mid = dis.dQdV_mAh_per_V[Math.floor(dis.dQdV_mAh_per_V.length / 2)];
    expect(mid).toBeLessThan(0);
    for (let k = 1; k < dis.voltage_V.length; k++)
      expect(dis.voltage_V[k]).toBeGreaterThan(dis.voltage_V[k - 1]);
  });

  it('dV/dQ is the reciprocal of dQ/dV away from the peak', () => {
    const r = differentialCapacity(syntheticCycling({ ...cell, dt_s: 1 }), 1);
    const ch = r.segments.find((s) => s.direction === 'charge')!;
    // on the sloping part near V = 2.5 V, dQ/dV ≈ Q_slope/(V1−V0) and dV/dQ ≈ its reciprocal
    const k = ch.voltage_V.findIndex((x) => x >= 2.5);
    const q = ch.capacity_on_grid_mAh[k];
    const j = ch.dvdq.capacity_mAh.findIndex((x) => x >= q);
    expect(ch.dvdq.dVdQ_V_per_mAh[j] * ch.dQdV_mAh_per_V[k]).toBeCloseTo(1, 2);
  });

  it('flags a charge whose voltage reverses, cuts it and never reorders points', () => {
    // charge 3.0 → 3.6 V, relaxation down to 3.5 V, then 3.5 → 4.0 V, at constant current
    const t: number[] = [];
    const v: number[] = [];
    for (let k = 0; k <= 600; k++) {
      t.push(k);
      v.push(3 + 0.001 * k);
    }
    for (let k = 1; k <= 100; k++) {
      t.push(600 + k);
      v.push(3.6 - 0.001 * k);
    }
    for (let k = 1; k <= 500; k++) {
      t.push(700 + k);
      v.push(3.5 + 0.001 * k);
    }
    const data = series(
      t,
      v,
      t.map(() => 0.001),
      { cycle: Float64Array.from(t, () => 1) },
    );
    const r = differentialCapacity(data, 1);
    expect(r.monotone).toBe(false);
    expect(r.flags.some((f) => /reverses/.test(f.problem))).toBe(true);
    expect(r.flags.some((f) => /against the charge direction/.test(f.problem))).toBe(true);
    expect(r.segments).toHaveLength(2);
    expect(r.segments[0].endRow).toBeLessThanOrEqual(r.segments[1].startRow + 1);
    for (const s of r.segments) {
      for (let k = 1; k < s.voltage_V.length; k++) expect(s.voltage_V[k]).toBeGreaterThan(s.voltage_V[k - 1]);
      // constant dQ/dV = I·dt/dV = 1 mA·1 s / 1 mV → (1/3600 mAh)/0.001 V
      const mid = s.dQdV_mAh_per_V[Math.floor(s.dQdV_mAh_per_V.length / 2)];
      expect(mid).toBeCloseTo(1 / 3.6, 6);
    }
  });

  it('ignores noise reversals smaller than the tolerance', () => {
    const rng = new Rng(7);
    const r = differentialCapacity(syntheticCycling({ ...cell, dt_s: 2, voltageNoise_V: 0.001, rng }), 1);
    expect(r.monotone).toBe(true);
    const ch = r.segments.find((s) => s.direction === 'charge')!;
    expect(ch.peaks[0].voltage_V).toBeCloseTo(cell.plateau_V, 2);
  });

  it('monotonePieces cuts at the extreme', () => {
    const v = Float64Array.from([0, 1, 2, 3, 2.5, 2, 1.5, 2, 3, 4]);
    const p = monotonePieces(v, 0, v.length, 0.6);
    expect(p.map((x) => [x.start, x.end, x.direction])).toEqual([
      [0, 4, 1],
      [3, 7, -1],
      [6, 10, 1],
    ]);
  });

  it('rejects a cycle without charge or discharge with the list of usable cycles', () => {
    expect(() => differentialCapacity(syntheticCycling(cell), 9)).toThrow(/one of 1, 2, 3/);
  });
});

describe('invariants on random series (fast-check)', () => {
  const arb = fc
    .array(
      fc.record({
        dt: fc.double({ min: 0, max: 100, noNaN: true }),
        v: fc.double({ min: 2, max: 4.5, noNaN: true }),
        i: fc.oneof(fc.constant(0), fc.double({ min: -0.01, max: 0.01, noNaN: true })),
        c: fc.integer({ min: 0, max: 3 }),
      }),
      { minLength: 1, maxLength: 200 },
    )
    .map((rows) => {
      let t = 0;
      const sorted = [...rows].sort((a, b) => a.c - b.c); // cycle numbers never decrease
      return series(
        sorted.map((r) => (t += r.dt)),
        sorted.map((r) => r.v),
        sorted.map((r) => r.i),
        { cycle: Float64Array.from(sorted, (r) => r.c) },
      );
    });

  it('Σ step charges = cumulative charge = Σ (charge − discharge) capacities + charge in rest steps', () => {
    fc.assert(
      fc.property(arb, (data) => {
        const st = detectSteps(data);
        const total = st.steps.reduce((s, x) => s + x.charge_Ah, 0);
        const q = st.cumulativeCharge_Ah[data.length - 1];
        const s = summarizeCycles(data, {}, st);
        // sub-threshold current in rest steps is not capacity, but it is charge
        const restCharge = st.steps.filter((x) => x.type === 'rest').reduce((acc, x) => acc + x.charge_Ah, 0);
        const net =
          s.cycles.reduce((acc, c) => acc + c.chargeCapacity_mAh - c.dischargeCapacity_mAh, 0) / 1000 +
          restCharge;
        const scale = Math.max(1e-12, Math.abs(q), ...st.steps.map((x) => Math.abs(x.charge_Ah)));
        return Math.abs(total - q) <= 1e-9 * scale && Math.abs(net - q) <= 1e-9 * scale;
      }),
      { numRuns: 300 },
    );
  });

  it('dQ/dV never crashes: a result or an InputError', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 3 }), (data, cycle) => {
        try {
          const r = differentialCapacity(data, cycle);
          for (const s of r.segments) for (const y of s.dQdV_mAh_per_V) if (!Number.isFinite(y)) return false;
          return true;
        } catch (e) {
          if (e instanceof InputError) return true;
          throw e;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('retention under the negative-electrode convention', () => {
  it('follows the charge (desodiation) capacity', () => {
    const data = syntheticCycling(cell);
    const { current_A: I, cycle } = data.columns;
    for (let i = 0; i < data.length; i++) if (cycle![i] === 2 && I[i] > 0) I[i] *= 0.7;
    const s = summarizeCycles(data, { ceConvention: 'chargeOverDischarge' });
    expect(s.cycles[1].retention).toBeCloseTo(0.7, 9);
    expect(summarizeCycles(data).cycles[1].retention).toBeCloseTo(1, 9);
  });
});
