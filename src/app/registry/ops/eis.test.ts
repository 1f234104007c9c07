/**
 * The impedance operations through the HTTP route (`POST /api/ops/eis.*`): input validation, and
 * real computations compared with the CLI's operation functions on the same fixture files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseImpedance } from '../../../io/eis/index.ts';
import { eisFit, eisKk } from '../../operations/eis.ts';
import { createApp } from '../../server/app.ts';

const FIX = fileURLToPath(new URL('../../../../test/fixtures/eis/', import.meta.url));
const app = createApp();

async function post(id: string, body: unknown) {
  const res = await app.request(`/api/ops/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of several operations, read field by field
  const json = (await res.json()) as Record<string, any>;
  return { status: res.status, body: json };
}

const file = (name: string) => ({
  fileName: name.split('/').pop(),
  text: readFileSync(join(FIX, name), 'utf8'),
});

describe('eis operations over HTTP', () => {
  it('eis.read detects the format and keeps every point (base64 bytes too)', async () => {
    const r = await post('eis.read', file('exampleDataBioLogic.mpt'));
    expect(r.status).toBe(200);
    expect(r.body.format).toBe('biologic');
    const direct = parseImpedance(readFileSync(join(FIX, 'exampleDataBioLogic.mpt')), {
      fileName: 'exampleDataBioLogic.mpt',
    });
    expect(r.body.zReal).toEqual(Array.from(direct.zReal));
    const bytes = readFileSync(join(FIX, 'exampleDataGamry.DTA'));
    const b = await post('eis.read', { fileName: 'exampleDataGamry.DTA', base64: bytes.toString('base64') });
    expect(b.body.format).toBe('gamry');
    expect(b.body.points).toBe(parseImpedance(bytes, { fileName: 'x.DTA' }).frequencyHz.length);
  });

  it('rejects a request without content, and a non-impedance file, with one sentence', async () => {
    const none = await post('eis.read', { fileName: 'a.csv' });
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/text or as base64/);
    const bad = await post('eis.read', { fileName: 'notes.txt', text: 'hello\nworld\n' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).not.toMatch(/\bat .*\.ts:/);
  });

  it('eis.circuit lists parameters and points at the bad character', async () => {
    const ok = await post('eis.circuit', { circuit: 'R0-p(R1,CPE1)' });
    expect(ok.body.parameters.map((p: { name: string }) => p.name)).toEqual(['R0', 'R1', 'CPE1_0', 'CPE1_1']);
    const bad = await post('eis.circuit', { circuit: 'R0-p(R1,C1' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/at the end of the circuit/);
    const bad2 = await post('eis.circuit', { circuit: 'R0-X1' });
    expect(bad2.body.message).toMatch(/unknown element 'X' at character 4/);
  });

  it('eis.fit gives the CLI numbers (impedance.py example) and a model curve through the fit', async () => {
    const circuit = 'R0-p(R1,C1)-p(R2-Wo1,C2)';
    const guess = [0.01, 0.01, 100, 0.01, 0.05, 100, 1];
    const r = await post('eis.fit', { file: file('exampleData.csv'), circuit, guess });
    expect(r.status).toBe(200);
    const cli = eisFit(
      parseImpedance(readFileSync(join(FIX, 'exampleData.csv'), 'utf8'), { fileName: 'exampleData.csv' }),
      {
        circuit,
        guess,
        seed: 0,
      },
    );
    expect(r.body.parameters.R0.value).toBeCloseTo(cli.parameters.R0.value, 12);
    expect(r.body.chi2).toBeCloseTo(cli.chi2, 12);
    // Published impedance.py values for this example (expected/exampleData_fit_A_impedancepy.json).
    const ref = JSON.parse(readFileSync(join(FIX, 'expected/exampleData_fit_A_impedancepy.json'), 'utf8'));
    ref.param_names.forEach((name: string, k: number) => {
      // Within 2σ of impedance.py's value (its own 1σ), for every parameter.
      expect(Math.abs(r.body.parameters[name].value - ref.fit[k])).toBeLessThan(2 * ref.conf_1sigma[k]);
      expect(r.body.parameters[name].unit).toBe(ref.param_units[k]);
    });
    // The smooth curve evaluated at the highest data frequency equals the fit at that point.
    const c = r.body.curve;
    expect(c.frequencyHz[0]).toBeCloseTo(Math.max(...r.body.fitted.frequencyHz), 6);
    const i = r.body.fitted.frequencyHz.indexOf(Math.max(...r.body.fitted.frequencyHz));
    expect(c.zReal[0]).toBeCloseTo(r.body.fitted.zReal[i], 10);
    expect(c.zImag[0]).toBeCloseTo(r.body.fitted.zImag[i], 10);
  });

  it('eis.kk and eis.drt run on real data', async () => {
    const kk = await post('eis.kk', { file: file('exampleData.csv') });
    const direct = eisKk(parseImpedance(readFileSync(join(FIX, 'exampleData.csv'), 'utf8'), {}), {});
    expect(kk.body.M).toBe(direct.M);
    expect(kk.body.mu).toBeCloseTo(direct.mu, 12);
    expect(kk.body.residualsReal).toHaveLength(kk.body.frequencyHz.length);
    // The under-fitting guard (default) vs the plain Schönleber rule on a narrow single arc.
    const guarded = await post('eis.kk', { file: file('Circuit3_EIS_1.z') });
    const plain = await post('eis.kk', { file: file('Circuit3_EIS_1.z'), underfitRatio: null });
    expect(guarded.body.maxAbsResidual).toBeLessThan(0.01);
    expect(plain.body.maxAbsResidual).toBeGreaterThan(0.1);
    expect(plain.body.M).toBeLessThan(guarded.body.M);
    expect((await post('eis.kk', { file: file('Circuit3_EIS_1.z'), underfitRatio: 0.5 })).status).toBe(400);
    const drt = await post('eis.drt', { file: file('pydrttools/1ZARC.csv') });
    expect(drt.status).toBe(200);
    // 1ZARC: R∞ = 10 Ω, R_ct = 50 Ω (pyDRTtools' synthetic ZARC).
    expect(drt.body.rInf).toBeCloseTo(10, 0);
    expect(drt.body.polarizationResistance).toBeGreaterThan(49);
    expect(drt.body.polarizationResistance).toBeLessThan(51);
    expect(drt.body.peaks.length).toBeGreaterThanOrEqual(1);
    const badLambda = await post('eis.drt', { file: file('pydrttools/1ZARC.csv'), lambda: -1 });
    expect(badLambda.status).toBe(400);
    expect(badLambda.body.message).toMatch(/lambda/);
  });

  it('eis.arrhenius reproduces the s04147 bulk activation energy', async () => {
    const temps = [140, 150, 160, 170, 180, 190, 200];
    const r = await post('eis.arrhenius', {
      files: temps.map((t) => file(`solid_electrolyte/s04147-${t}deg.txt`)),
      circuit: 'p(R1,CPE1)-p(R2,CPE2)-CPE3',
      thicknessCm: 0.21,
      diameterCm: 0.8,
    });
    expect(r.status).toBe(200);
    const ref = JSON.parse(readFileSync(join(FIX, 'expected/eisfitpython_s04147_arrhenius.json'), 'utf8'));
    expect(r.body.points).toHaveLength(7);
    // EISFitpython's published report (independent tool): Ea ± σ within the report's digits.
    for (const key of ['bulk', 'grainBoundary', 'total'] as const) {
      expect(Math.abs(r.body[key].Ea - ref[key].Ea)).toBeLessThan(0.002);
      expect(r.body[key].EaStderr).toBeGreaterThan(0);
    }
    const sigmaTotal = r.body.points.map((p: { sigmaTotal: number }) => p.sigmaTotal);
    sigmaTotal.forEach((v: number, k: number) => {
      expect(v / ref.sigmaTotal[k]).toBeCloseTo(1, 2);
    });
    const one = await post('eis.arrhenius', {
      files: [file('solid_electrolyte/s04147-140deg.txt')],
      circuit: 'R0',
      thicknessCm: 0.21,
      diameterCm: 0.8,
    });
    expect(one.status).toBe(400);
  }, 60_000);
});
