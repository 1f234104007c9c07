import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../../bin/natrium', import.meta.url));
const run = (args: string[]) => spawnSync(bin, args, { encoding: 'utf8' });

describe('natrium interface / membrane CLI contract', () => {
  it('simulate --json prints one JSON document with the issue keys', () => {
    const r = run([
      'interface',
      'simulate',
      '--electrolyte',
      'Na3Zr2Si2PO12',
      '--thickness',
      '500um',
      '--T',
      '25',
      '--pressure',
      '1MPa',
      '--protocol',
      'step-ramp:0.05:0.05:30min',
      '--json',
    ]);
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout);
    for (const k of ['ccd_mA_cm2', 'shortAt_h', 'asr_ohm_cm2', 'trace']) expect(d).toHaveProperty(k);
  });
  it('the electrolyte σ is the one `natrium nasicon conductivity` gives, and the membrane ASR is L/σ', () => {
    const nasicon = run(['nasicon', 'conductivity', '--formula', 'Na3Zr2Si2PO12', '--T', '25', '--json']);
    expect(nasicon.status).toBe(0);
    const sigma = JSON.parse(nasicon.stdout).sigmaTotal as number;
    const sim = (thickness: string) => {
      const r = run([
        'interface',
        'simulate',
        '--electrolyte',
        'Na3Zr2Si2PO12',
        '--thickness',
        thickness,
        '--T',
        '25',
        '--protocol',
        'step-ramp:0.05:0.05:30min:2',
        '--trace-points',
        '10',
        '--json',
      ]);
      expect(r.status).toBe(0);
      return JSON.parse(r.stdout);
    };
    const a = sim('500um');
    expect(a.electrolyteSigma_S_per_cm).toBeCloseTo(sigma, 15);
    expect(a.electrolyteConductivity.basis.map((b: { id: string }) => b.id)).toContain('tieu2023-zro2free');
    expect(a.electrolyteConductivity.interpolated.acrossRows).toBe(true);
    expect(a.electrolyteAsr_ohm_cm2).toBeCloseTo(0.05 / sigma, 9);
    expect(sim('250um').electrolyteAsr_ohm_cm2).toBeCloseTo(0.025 / sigma, 9);
  });
  it('interface ccd reads a cycler export (Arbin) with --diameter; without an area it exits 2', () => {
    const file = fileURLToPath(
      new URL('../../../test/fixtures/interface/synthetic-ccd-arbin.csv', import.meta.url),
    );
    const ok = run(['interface', 'ccd', file, '--diameter', '10mm', '--json']);
    expect(ok.status).toBe(0);
    const d = JSON.parse(ok.stdout);
    expect(d.reader).toBe('arbin');
    expect(d.ccd_mA_cm2).toBeCloseTo(0.6, 9);
    expect(d.lastStableCurrent_mA_cm2).toBeCloseTo(0.5, 9);
    const bad = run(['interface', 'ccd', file, '--json']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--area: .*electrode area is needed/);
    const full = fileURLToPath(
      new URL('../../../test/fixtures/cycling/PredictionDiagnostics_000151_test.052', import.meta.url),
    );
    const f = run(['interface', 'ccd', full, '--area', '1cm2', '--json']);
    expect(f.status).toBe(0);
    expect(JSON.parse(f.stdout)).toMatchObject({
      verdict: 'not-symmetric-cell',
      ccd_mA_cm2: null,
      reader: 'maccor',
    });
  });
  it('bad input exits 2 with one sentence on stderr', () => {
    const r = run(['interface', 'simulate', '--thickness', '500', '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--thickness: a unit is required/);
    const m = run(['membrane', '--sigma', '1mS/cm', '--thickness', '-5um', '--json']);
    expect(m.status).toBe(2);
  });
});
