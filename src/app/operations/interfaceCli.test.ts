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
