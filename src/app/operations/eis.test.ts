import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleGeometry } from '../../electrochem/eis/index.ts';
import { parseImpedance } from '../../io/eis/index.ts';
import { eisDrt, eisFit, eisKk, parseAssignments, parseNumberList } from './eis.ts';
import { eisArrhenius, parseAreaCm2, parseLengthCm } from './eisArrhenius.ts';

const load = (name: string) =>
  parseImpedance(readFileSync(new URL(`../../../test/fixtures/eis/${name}`, import.meta.url)), {
    fileName: name.split('/').pop(),
  });

describe('eis operations (CLI/API documents)', () => {
  it('fit document has the issue keys', () => {
    const doc = eisFit(load('exampleData.csv'), {
      circuit: 'R0-p(R1,C1)-p(R2-Wo1,C2)',
      guess: [0.01, 0.01, 100, 0.01, 0.05, 100, 1],
    });
    expect(doc.circuit).toBe('R0-p(R1,C1)-p(R2-Wo1,C2)');
    expect(Object.keys(doc.parameters)).toEqual(['R0', 'R1', 'C1', 'R2', 'Wo1_0', 'Wo1_1', 'C2']);
    expect(doc.parameters.R0).toMatchObject({ unit: 'Ohm' });
    expect(typeof doc.parameters.R0.stderr).toBe('number');
    expect(doc.chi2).toBeGreaterThan(0);
    expect(doc.rmse).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(doc)).parameters.R0.value).toBeCloseTo(0.0165, 3);
  });

  it('kk and drt documents have the issue keys', () => {
    const kk = eisKk(load('exampleDataBioLogic.mpt'), {});
    expect(kk.M).toBeGreaterThan(0);
    expect(Number.isFinite(kk.mu)).toBe(true);
    const drt = eisDrt(load('pydrttools/1ZARC.csv'), { lambdaMethod: 'gcv' });
    for (const k of ['lambda', 'rInf', 'tau', 'gamma', 'peaks']) expect(drt).toHaveProperty(k);
    expect(drt.tau.length).toBe(drt.gamma.length);
  });

  it('arrhenius on the s04147 series (D = 0.8 cm, L = 0.21 cm): σ rises with T, Ea with σ', () => {
    const files = [140, 150, 160, 170, 180, 190, 200].map((t) =>
      load(`solid_electrolyte/s04147-${t}deg.txt`),
    );
    const doc = eisArrhenius(files, {
      circuit: 'p(R1,CPE1)-p(R2,CPE2)-CPE3',
      geometry: sampleGeometry(0.21, { diameterCm: 0.8 }),
    });
    expect(doc.form).toBe('sigmaT');
    expect(doc.points.map((p) => p.temperatureC)).toEqual([140, 150, 160, 170, 180, 190, 200]);
    for (let i = 1; i < doc.points.length; i++)
      expect(doc.points[i].sigmaTotal!).toBeGreaterThan(doc.points[i - 1].sigmaTotal!);
    // Activation energies of an oxide ion conductor pellet: tenths of an eV, with σ reported.
    for (const r of [doc.bulk!, doc.grainBoundary!, doc.total!]) {
      expect(r.Ea).toBeGreaterThan(0.2);
      expect(r.Ea).toBeLessThan(1.5);
      expect(r.EaStderr!).toBeGreaterThan(0);
      expect(r.EaStderr!).toBeLessThan(0.1);
      expect(r.temperatureRangeK[0]).toBeCloseTo(413.15, 6);
    }
    // Against EISFitpython's published batch fit of the same files (independent tool, scipy 'lm').
    const ref = JSON.parse(
      readFileSync(
        new URL('../../../test/fixtures/eis/expected/eisfitpython_s04147_arrhenius.json', import.meta.url),
        'utf8',
      ),
    );
    doc.points.forEach((p, i) => {
      expect(Math.abs(p.sigmaBulk! / ref.sigmaBulk[i] - 1)).toBeLessThan(2e-3);
      expect(Math.abs(p.sigmaGrainBoundary! / ref.sigmaGrainBoundary[i] - 1)).toBeLessThan(2e-3);
      expect(Math.abs(p.sigmaTotal! / ref.sigmaTotal[i] - 1)).toBeLessThan(2e-3);
    });
    expect(Math.abs(doc.points[0].chi2 / ref.chi2_413K - 1)).toBeLessThan(1e-3);
    for (const key of ['bulk', 'grainBoundary', 'total'] as const) {
      expect(Math.abs(doc[key]!.Ea - ref[key].Ea)).toBeLessThan(2e-3);
      expect(Math.abs(doc[key]!.EaStderr! - ref[key].EaStderr)).toBeLessThan(0.1 * ref[key].EaStderr + 1e-4);
      expect(Math.abs(doc[key]!.prefactor / ref[key].prefactor - 1)).toBeLessThan(0.03);
    }
    // Bulk conducts better than the grain boundaries here (σ_bulk > σ_total).
    for (const p of doc.points) expect(p.sigmaBulk!).toBeGreaterThan(p.sigmaTotal!);
    expect(() =>
      eisArrhenius(files.slice(0, 2), {
        circuit: 'p(R1,C1)',
        geometry: sampleGeometry(0.1, { areaCm2: 1 }),
        temperaturesC: [1],
      }),
    ).toThrow(/1 temperatures for 2 files/);
  });

  it('option parsers', () => {
    expect(parseLengthCm('0.21cm', 't')).toBeCloseTo(0.21, 12);
    expect(parseLengthCm('2.1mm', 't')).toBeCloseTo(0.21, 12);
    expect(parseAreaCm2('50mm2', 'a')).toBeCloseTo(0.5, 12);
    expect(() => parseLengthCm('abc', '--thickness')).toThrow(/--thickness/);
    expect(parseNumberList('1, 2,3e-3', 'g')).toEqual([1, 2, 0.003]);
    expect(parseAssignments('R0=0.01,CPE1_1=0.9', 'f')).toEqual({ R0: 0.01, CPE1_1: 0.9 });
    expect(() => parseNumberList('1,x', '--guess')).toThrow(/--guess/);
  });
});
