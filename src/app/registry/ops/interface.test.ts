/**
 * The interface operations through HTTP (POST /api/ops/<id>): they must give the numbers of the
 * CLI functions for the same input, and turn bad input into one clear 400.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { interfaceCcdFromCsv, interfaceCompare, interfaceSimulate } from '../../operations/interface.ts';
import { createApp } from '../../server/app.ts';

const app = createApp();

async function post(id: string, body: unknown) {
  const res = await app.request(`/api/ops/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the bodies of several operations, checked field by field below
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const CELL = {
  electrolyte: 'Na3Zr2Si2PO12',
  thickness_um: 500,
  T_C: 25,
  pressure_MPa: 1,
  ramp: { start_mA_cm2: 0.05, step_mA_cm2: 0.05, stepDuration_min: 30 },
};

const CLI_CELL = { electrolyte: 'Na3Zr2Si2PO12', thickness: '500um', T: '25C', pressure: '1MPa' };

describe('interface operations over HTTP', () => {
  it('interface.simulate gives what the CLI function gives for the same cell', async () => {
    const { status, body } = await post('interface.simulate', CELL);
    expect(status).toBe(200);
    const cli = interfaceSimulate({
      electrolyte: 'Na3Zr2Si2PO12',
      thickness: '500um',
      T: '25C',
      pressure: '1MPa',
      protocol: 'step-ramp:0.05:0.05:30min',
    });
    expect(body.ccd_mA_cm2).toBe(cli.ccd_mA_cm2);
    expect(body.shortAt_h).toBe(cli.shortAt_h);
    expect(body.asr_ohm_cm2).toBeCloseTo(cli.asr_ohm_cm2, 12);
    expect(body.criticalStrippingCurrent_mA_cm2).toBeCloseTo(cli.criticalStrippingCurrent_mA_cm2, 12);
    // The trace parts add up to the voltage (ohmic + interfacial + void, same sign as the current).
    const t = body.trace;
    for (let i = 0; i < t.time_h.length; i += 37) {
      if (t.time_h[i] >= (body.shortAt_h ?? Number.POSITIVE_INFINITY)) break;
      expect(t.ohmic_V[i] + t.interfacial_V[i] + t.void_V[i]).toBeCloseTo(t.voltage_V[i], 9);
    }
  });

  it('interface.simulate runs the linear-ramp and cycling protocols like the CLI function', async () => {
    const { ramp: _ramp, ...cell } = CELL;
    const lin = await post('interface.simulate', {
      ...cell,
      protocol: { kind: 'linear-ramp', rate_mA_cm2_per_h: 0.1, max_mA_cm2: 3 },
      tracePoints: 50,
    });
    expect(lin.status).toBe(200);
    const cliLin = interfaceSimulate({ ...CLI_CELL, protocol: 'linear-ramp:0.1:3' });
    expect(lin.body.ccd_mA_cm2).toBe(cliLin.ccd_mA_cm2);
    expect(lin.body.ccdMethod).toMatch(/linear ramp/);
    expect(lin.body.conditions.protocol).toMatch(/linear ramp at 0.1 mA\/cm² per h/);
    const cyc = await post('interface.simulate', {
      ...cell,
      protocol: { kind: 'cycling', current_mA_cm2: 0.5, capacity_mAh_cm2: 0.25, duration_h: 20 },
      tracePoints: 50,
    });
    expect(cyc.status).toBe(200);
    const cliCyc = interfaceSimulate({ ...CLI_CELL, protocol: 'cycling:0.5:0.25:20h' });
    expect(cyc.body.shortAt_h).toBe(cliCyc.shortAt_h);
    expect(cyc.body.conditions.protocol).toMatch(/galvanostatic cycling at ±0.5/);
    const none = await post('interface.simulate', cell);
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/protocol/);
    const bad = await post('interface.simulate', {
      ...cell,
      protocol: { kind: 'cycling', current_mA_cm2: -1, capacity_mAh_cm2: 0.25, duration_h: 20 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/current_mA_cm2/);
  });

  it('CCD rises with stack pressure through the operation', async () => {
    const low = await post('interface.simulate', { ...CELL, pressure_MPa: 0.5, tracePoints: 50 });
    const high = await post('interface.simulate', { ...CELL, pressure_MPa: 5, tracePoints: 50 });
    expect(high.body.ccd_mA_cm2).toBeGreaterThan(low.body.ccd_mA_cm2);
  });

  it('interface.compare ranks the strategies as the CLI function does and lists the unsimulated ones', async () => {
    const strategies = ['au-interlayer', 'stack-pressure-9mpa'];
    const { status, body } = await post('interface.compare', { ...CELL, strategies });
    expect(status).toBe(200);
    const cli = interfaceCompare({
      electrolyte: 'Na3Zr2Si2PO12',
      thickness: '500um',
      T: '25C',
      pressure: '1MPa',
      protocol: 'step-ramp:0.05:0.05:30min',
      mitigation: strategies.join(','),
      cycleCurrent: '0.1mA/cm2',
      cycleCapacity: '0.1mAh/cm2',
      cycleHours: '100h',
    });
    expect(body.rows.map((r: { label: string }) => r.label)).toEqual(cli.rows.map((r) => r.label));
    expect(body.rows.map((r: { ccd_mA_cm2: number }) => r.ccd_mA_cm2)).toEqual(
      cli.rows.map((r) => r.ccd_mA_cm2),
    );
    expect(body.notSimulated.length).toBeGreaterThan(0);
    expect(body.notSimulated[0].reason).toBeTruthy();
  });

  it('interface.mitigations lists the catalogue with sources; interface.electrolytes the electrolytes', async () => {
    const m = await post('interface.mitigations', {});
    expect(m.status).toBe(200);
    const au = m.body.mitigations.find((x: { id: string }) => x.id === 'au-interlayer');
    expect(au.source).toContain('10.3390/batteries9010008');
    expect(au.simulated).toBe(true);
    expect(au.effects[0].value).toBe(146);
    const e = await post('interface.electrolytes', {});
    const nzsp = e.body.electrolytes.find((x: { id: string }) => x.id === 'Na3Zr2Si2PO12-zro2free');
    // σ from the NASICON dataset row of Tieu 2023: 1/(1/σb + 1/σgb) at 25 °C is its measured 3.49 mS/cm.
    expect(nzsp.sigma25C_mS_per_cm).toBeCloseTo(3.49, 2);
    expect(nzsp.ion).toBe('Na');
  });

  it('interface.membrane: ASR = L/σ (1 mS/cm, 100 µm → 10 Ω·cm²)', async () => {
    const { body } = await post('interface.membrane', { sigma_mS_per_cm: [1, 3], thickness_um: [100, 500] });
    expect(body.rows[0].asr_ohm_cm2[0]).toBeCloseTo(10, 12);
    expect(body.rows[1].asr_ohm_cm2[1]).toBeCloseTo(500e-4 / 3e-3, 9);
  });

  it('interface.ccd reads the known onset of the synthetic fixture', async () => {
    const path = fileURLToPath(
      new URL('../../../../test/fixtures/interface/synthetic-step-ramp.csv', import.meta.url),
    );
    const csv = readFileSync(path, 'utf8');
    const { body } = await post('interface.ccd', { csv, fileName: 'synthetic-step-ramp.csv' });
    expect(body.ccd_mA_cm2).toBe(0.35);
    expect(body.ccd_mA_cm2).toBe(interfaceCcdFromCsv(csv, 'x.csv').ccd_mA_cm2);
  });

  it('interface.ccd reads an Arbin export through the cycling readers (area from the diameter)', async () => {
    const path = fileURLToPath(
      new URL('../../../../test/fixtures/interface/synthetic-ccd-arbin.csv', import.meta.url),
    );
    const csv = readFileSync(path, 'utf8');
    const ok = await post('interface.ccd', { csv, fileName: 'synthetic-ccd-arbin.csv', diameter_mm: 10 });
    expect(ok.status).toBe(200);
    expect(ok.body.reader).toBe('arbin');
    expect(ok.body.verdict).toBe('ccd');
    expect(ok.body.ccd_mA_cm2).toBeCloseTo(0.6, 9);
    const noArea = await post('interface.ccd', { csv, fileName: 'synthetic-ccd-arbin.csv' });
    expect(noArea.status).toBe(400);
    expect(noArea.body.message).toMatch(/area_cm2.*area is needed/);
  });

  it('bad input is one 400 naming the field', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['interface.simulate', { ...CELL, thickness_um: -5 }, /thickness_um/],
      ['interface.simulate', { ...CELL, pressure_MPa: -1 }, /pressure_MPa/],
      ['interface.simulate', { ...CELL, T_C: -300 }, /T_C/],
      ['interface.simulate', { ...CELL, electrolyte: 'NaCl' }, /unknown electrolyte/],
      ['interface.simulate', { ...CELL, mitigations: ['gold-foil'] }, /^mitigations: unknown mitigation/],
      ['interface.compare', { ...CELL, strategies: ['na-k-alloy'] }, /^strategies: .*no quantitative data/],
      ['interface.compare', { ...CELL, strategies: [] }, /strategies/],
      ['interface.membrane', { sigma_mS_per_cm: [0], thickness_um: [100] }, /sigma_mS_per_cm/],
      ['interface.ccd', { csv: 'a,b\n1,2\n' }, /./],
    ];
    for (const [id, body, re] of cases) {
      const res = await post(id, body);
      expect(res.status, `${id} ${JSON.stringify(body).slice(0, 80)}`).toBe(400);
      expect(`${res.body.message}`).toMatch(re);
      expect(`${res.body.message}`).not.toMatch(/\n\s+at /);
    }
  });
});
