/**
 * The cycling operations through the HTTP route (`POST /api/ops/cycling.*`): validation, the CLI's
 * numbers on real cycler exports, and V–Q curves that end at the summary's capacities.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cyclingDqdv, cyclingSummary } from '../../operations/cycling.ts';
import { createApp } from '../../server/app.ts';

const FIX = fileURLToPath(new URL('../../../../test/fixtures/cycling/', import.meta.url));
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

const BIOLOGIC = 'test_loopsnewoutput_MB_CE1_short10k.csv';
const text = (name: string) => readFileSync(join(FIX, name), 'utf8');

describe('cycling operations over HTTP', () => {
  it('cycling.summary gives the CLI table and V–Q curves ending at the cycle capacities', async () => {
    const r = await post('cycling.summary', { file: { fileName: BIOLOGIC, text: text(BIOLOGIC) } });
    expect(r.status).toBe(200);
    const cli = cyclingSummary(text(BIOLOGIC), BIOLOGIC, {});
    expect(r.body.format).toBe(cli.format);
    expect(r.body.cycles).toEqual(JSON.parse(JSON.stringify(cli.cycles)));
    // Default curves: the first, second and last cycle, each charge and discharge.
    const cycles = cli.cycles.map((c) => c.cycle);
    const curveCycles = [...new Set(r.body.curves.map((c: { cycle: number }) => c.cycle))];
    expect(curveCycles).toEqual([...new Set([cycles[0], cycles[1], cycles.at(-1)])]);
    for (const curve of r.body.curves) {
      const summary = cli.cycles.find((c) => c.cycle === curve.cycle)!;
      const total = curve.direction === 'charge' ? summary.chargeCapacity_mAh : summary.dischargeCapacity_mAh;
      const end = curve.capacity_mAh.at(-1);
      // Within one record's worth of charge of the summary's ∫I dt (the last interval of each step).
      expect(Math.abs(end - total) / total).toBeLessThan(0.01);
      expect(curve.capacity_mAh.length).toBeLessThanOrEqual(600);
      expect(curve.capacity_mAh.every((q: number) => q >= 0)).toBe(true);
    }
  });

  it('applies the active mass, and rejects a zero mass and a file that is not a cycler export', async () => {
    const m = await post('cycling.summary', {
      file: { fileName: BIOLOGIC, text: text(BIOLOGIC) },
      activeMass_g: 2,
      curveCycles: [1],
    });
    expect(m.body.cycles[1].specificDischargeCapacity_mAh_g).toBeCloseTo(
      m.body.cycles[1].dischargeCapacity_mAh / 2,
      9,
    );
    const zero = await post('cycling.summary', { file: { fileName: BIOLOGIC, text: 'x' }, activeMass_g: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.message).toMatch(/activeMass_g/);
    const junk = await post('cycling.summary', { file: { fileName: 'notes.txt', text: 'hello\nworld\n' } });
    expect(junk.status).toBe(400);
    expect(junk.body.message).toMatch(/notes\.txt/);
  });

  it('cycling.dqdv equals the CLI result and names the available cycles for a wrong one', async () => {
    const r = await post('cycling.dqdv', { file: { fileName: BIOLOGIC, text: text(BIOLOGIC) }, cycle: 1 });
    expect(r.status).toBe(200);
    const cli = cyclingDqdv(text(BIOLOGIC), BIOLOGIC, { cycle: 1 });
    expect(r.body.segments.length).toBe(cli.segments.length);
    expect(r.body.segments[0].peaks).toEqual(JSON.parse(JSON.stringify(cli.segments[0].peaks)));
    const bad = await post('cycling.dqdv', { file: { fileName: BIOLOGIC, text: text(BIOLOGIC) }, cycle: 99 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/one of/);
  });

  it('reads an Arbin export with its metadata file and a Maccor file sent as bytes', async () => {
    const arbin = await post('cycling.summary', {
      file: {
        fileName: 'FastCharge_000025_CH8.csv',
        text: text('FastCharge_000025_CH8.csv'),
        metadataText: text('FastCharge_000025_CH8_Metadata.csv'),
      },
    });
    expect(arbin.status).toBe(200);
    expect(arbin.body.format).toBe('arbin');
    const bytes = readFileSync(join(FIX, 'maccor_test_file_4267-66-6519.041'));
    const maccor = await post('cycling.summary', {
      file: { fileName: 'maccor_test_file_4267-66-6519.041', base64: bytes.toString('base64') },
    });
    expect(maccor.status).toBe(200);
    expect(maccor.body.format).toBe('maccor');
    expect(maccor.body.cycles).toEqual(
      JSON.parse(JSON.stringify(cyclingSummary(bytes, 'maccor_test_file_4267-66-6519.041', {}).cycles)),
    );
  });
});
