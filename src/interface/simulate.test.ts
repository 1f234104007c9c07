import { describe, expect, it } from 'vitest';
import { buildCell, type CellInput } from './cell.ts';
import type { Protocol } from './protocol.ts';
import { readCcd } from './readoff.ts';
import { simulate, simulateCell, simulateEnsemble } from './simulate.ts';

const base: CellInput = { electrolyte: 'Na3Zr2Si2PO12', thickness_cm: 0.05, T_K: 298.15, pressure_MPa: 1 };
const ramp: Protocol = {
  kind: 'step-ramp',
  start_mA_cm2: 0.05,
  increment_mA_cm2: 0.05,
  stepDuration_s: 1800,
  maxSteps: 200,
};

function ccd(input: CellInput): { model: number; read: number } {
  const r = simulate(input, ramp);
  if (!r.trace || r.modelCcd_mA_cm2 === null) throw new Error('no failure');
  const read = readCcd(r.trace).ccd_mA_cm2;
  if (read === null) throw new Error('no read-off');
  return { model: r.modelCcd_mA_cm2, read };
}

describe('symmetric-cell trace', () => {
  it('voltage = ohmic + interfacial + void at every point; ohmic = j·L/σ', () => {
    const r = simulate(base, ramp);
    const tr = r.trace;
    if (!tr) throw new Error('no trace');
    for (let i = 0; i < tr.time_s.length; i++) {
      expect(tr.voltage_V[i]).toBeCloseTo(tr.ohmic_V[i] + tr.interfacial_V[i] + tr.void_V[i], 12);
      if (r.failure === null || tr.time_s[i] < r.failure.time_s)
        expect(tr.ohmic_V[i]).toBeCloseTo(tr.current_mA_cm2[i] * 1e-3 * r.cell.electrolyteAsr_ohm_cm2, 12);
    }
  });
  it('a short collapses the voltage and the read-off sees it at the model failure current', () => {
    const r = simulate(base, ramp);
    expect(r.failure?.mode).toBe('short');
    if (!r.trace) throw new Error('no trace');
    const ro = readCcd(r.trace);
    expect(ro.criterion).toBe('short');
    expect(ro.ccd_mA_cm2).toBeCloseTo(r.modelCcd_mA_cm2 as number, 9);
    expect(ro.lastStableCurrent_mA_cm2).toBeCloseTo((r.modelCcd_mA_cm2 as number) - 0.05, 9);
  });
  it('no failure at a small constant current with good contact', () => {
    const r = simulate(
      { ...base, pressure_MPa: 3 },
      { kind: 'cycling', current_mA_cm2: 0.1, capacity_mAh_cm2: 0.1, duration_h: 20 },
    );
    expect(r.failure).toBeNull();
    expect(r.shortAt_h).toBeNull();
  });
});

describe('trends that can fail', () => {
  it('CCD rises with stack pressure', () => {
    const c = [0.5, 1, 3].map((P) => ccd({ ...base, pressure_MPa: P }));
    expect(c[1].model).toBeGreaterThan(c[0].model);
    expect(c[2].model).toBeGreaterThan(c[1].model);
    expect(c[2].read).toBeGreaterThan(c[0].read);
  });
  it('CCD rises with temperature', () => {
    const c = [298.15, 313.15, 333.15].map((T) => ccd({ ...base, T_K: T }));
    expect(c[1].model).toBeGreaterThan(c[0].model);
    expect(c[2].model).toBeGreaterThan(c[1].model);
  });
  it('CCD falls with flaw size', () => {
    const c = [2e-6, 10e-6, 50e-6].map((f) => ccd({ ...base, pressure_MPa: 3, flawSize_m: f }));
    expect(c[1].model).toBeLessThan(c[0].model);
    expect(c[2].model).toBeLessThan(c[1].model);
  });
  it('time-to-short falls with current (galvanostatic cycling)', () => {
    const cell = buildCell(base);
    const t = [0.45, 0.5, 0.6].map(
      (j) =>
        simulateCell(
          cell,
          { kind: 'cycling', current_mA_cm2: j, capacity_mAh_cm2: 0.1, duration_h: 200 },
          { recordTrace: false },
        ).shortAt_h,
    );
    for (const x of t) expect(x).not.toBeNull();
    expect(t[1] as number).toBeLessThan(t[0] as number);
    expect(t[2] as number).toBeLessThan(t[1] as number);
  });
  it('a higher electronic conductivity shortens the life (leakage / stress-corrosion path)', () => {
    const cyc: Protocol = { kind: 'cycling', current_mA_cm2: 0.4, capacity_mAh_cm2: 0.1, duration_h: 300 };
    const lo = simulate(base, cyc, { recordTrace: false }).shortAt_h;
    const hi = simulate({ ...base, overrides: { electronicConductivity_S_per_cm: 1e-6 } }, cyc, {
      recordTrace: false,
    }).shortAt_h;
    expect(hi).not.toBeNull();
    expect(lo === null || (hi as number) < lo).toBe(true);
  });
});

describe('linear ramp (Lowack-type j_crit test)', () => {
  it('the read-off j_crit(T) is Arrhenius with an apparent Ea below the 0.14 eV put in (onset criterion bias)', () => {
    const k = 8.617333262e-5;
    const pts = [283.15, 298.15, 313.15, 333.15].map((T) => {
      const r = simulate({ ...base, T_K: T }, { kind: 'linear-ramp', rate_mA_cm2_per_h: 0.2, max_mA_cm2: 5 });
      if (!r.trace) throw new Error('no trace');
      const ro = readCcd(r.trace);
      expect(ro.criterion).toBe('non-linearity');
      // the onset lies above j_ccs: voids must first cost 10 % of the resistance
      expect(ro.ccd_mA_cm2 as number).toBeGreaterThan(r.criticalStrippingCurrent_mA_cm2);
      return [1 / (k * T), Math.log(ro.ccd_mA_cm2 as number)];
    });
    const n = pts.length;
    const sx = pts.reduce((s, p) => s + p[0], 0);
    const sy = pts.reduce((s, p) => s + p[1], 0);
    const sxx = pts.reduce((s, p) => s + p[0] * p[0], 0);
    const sxy = pts.reduce((s, p) => s + p[0] * p[1], 0);
    const ea = -(n * sxy - sx * sy) / (n * sxx - sx * sx);
    expect(ea).toBeGreaterThan(0.08);
    expect(ea).toBeLessThan(0.14);
  });
});

describe('Li analogue', () => {
  it('Li | LATP | Li builds with Li metal and its own stripping line', () => {
    const r = simulate(
      { electrolyte: 'Li1.3Al0.3Ti1.7(PO4)3', thickness_cm: 0.05, T_K: 298.15, pressure_MPa: 5 },
      ramp,
    );
    expect(r.cell.metal.symbol).toBe('Li');
    // p* = 2 MPa + 5 MPa·cm²/mA·j → j_ccs(5 MPa) = 0.6 mA/cm²
    expect(r.criticalStrippingCurrent_mA_cm2).toBeCloseTo(0.6, 9);
    expect(r.failure).not.toBeNull();
  });
});

describe('Weibull ensemble over cells', () => {
  it('is reproducible with a seed and gives ordered quantiles', () => {
    const a = simulateEnsemble(base, ramp, 60, 7);
    const b = simulateEnsemble(base, ramp, 60, 7);
    expect(Array.from(a.failureCurrent_mA_cm2)).toEqual(Array.from(b.failureCurrent_mA_cm2));
    const q = a.ccdQuantiles_mA_cm2;
    if (!q) throw new Error('no quantiles');
    expect(q.p10).toBeLessThanOrEqual(q.p50);
    expect(q.p50).toBeLessThanOrEqual(q.p90);
    expect(q.p90).toBeGreaterThan(q.p10);
  });
  it('cells with larger flaws fail at lower current (rank correlation negative)', () => {
    const e = simulateEnsemble(base, ramp, 80, 11);
    const maxFlaw = Array.from(e.flawA_m, (a, i) => Math.max(a, e.flawB_m[i]));
    let concordant = 0;
    let discordant = 0;
    for (let i = 0; i < maxFlaw.length; i++)
      for (let k = i + 1; k < maxFlaw.length; k++) {
        const s =
          Math.sign(maxFlaw[i] - maxFlaw[k]) *
          Math.sign(e.failureCurrent_mA_cm2[i] - e.failureCurrent_mA_cm2[k]);
        if (s > 0) concordant++;
        else if (s < 0) discordant++;
      }
    expect(discordant).toBeGreaterThan(concordant);
  });
});

describe('bad input', () => {
  it('negative thickness, negative pressure, T ≤ 0 K, molten metal → InputError', () => {
    expect(() => buildCell({ ...base, thickness_cm: -0.05 })).toThrow(/thickness/);
    expect(() => buildCell({ ...base, pressure_MPa: -1 })).toThrow(/pressure/);
    expect(() => buildCell({ ...base, T_K: -3 })).toThrow(/0 K/);
    expect(() => buildCell({ ...base, T_K: 400 })).toThrow(/melting/);
    expect(() => simulate(base, { ...ramp, stepDuration_s: -1 } as Protocol)).toThrow(/duration/);
  });
});
