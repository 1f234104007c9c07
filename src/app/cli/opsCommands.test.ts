/**
 * The CLI generated from the operations registry: every operation has a command whose --help lists
 * one flag per top-level input field (so the CLI cannot drift from the registry), values are coerced
 * from the schema, a run through the generated command gives exactly the registry's result, and a
 * bad value is one InputError naming the flag (exit code 2 through ./bin/natrium).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../core/errors.ts';
import { loadSpaceGroupsNode } from '../../crystal/spacegroup.node.ts';
import {
  getOperation,
  listOperations,
  loadOperations,
  makeContext,
  runOperation,
} from '../registry/registry.ts';
import type { Operation } from '../registry/types.ts';
import {
  buildOpCommand,
  describeOperations,
  flagName,
  flagSpecs,
  parseOpArgs,
  runInvocation,
} from './opsCommands.ts';

const BIN = fileURLToPath(new URL('../../../bin/natrium', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));
const SI_CIF = join(FIXTURES, 'xrd/Silicon.cif');
const EIS_CSV = join(FIXTURES, 'eis/exampleData.csv');
const tmp = mkdtempSync(join(tmpdir(), 'natrium-op-'));

const invoke = parseOpArgs;

/** The JSON a result prints as (what `--json` writes and what a client reads). */
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v));

/** Top-level input fields read from the zod schema itself (not via the JSON Schema the generator uses). */
function topLevelFields(op: Operation): string[] {
  const shape = (op.input as unknown as { shape?: Record<string, unknown> }).shape;
  if (shape) return Object.keys(shape);
  const js = z.toJSONSchema(op.input, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
  };
  return Object.keys(js.properties ?? {});
}

beforeAll(async () => {
  loadSpaceGroupsNode();
  await loadOperations();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('flags generated from every registered operation', () => {
  it('--help of every operation lists one flag per top-level input field', () => {
    const ops = listOperations();
    expect(ops.length).toBeGreaterThan(20);
    for (const op of ops) {
      const fields = topLevelFields(op);
      expect(flagSpecs(op).map((s) => s.field)).toEqual(fields);
      const help = buildOpCommand(op, () => {}).helpInformation();
      for (const f of fields)
        expect(help, `${op.id} --${flagName(f)}`).toMatch(new RegExp(`--${flagName(f)}\\b`));
      expect(help).toContain('--json');
    }
  });

  it('the listing covers every operation with the same flags', () => {
    const listed = describeOperations(listOperations()) as { id: string; flags: { field: string }[] }[];
    expect(listed.map((o) => o.id)).toEqual(listOperations().map((o) => o.id));
    for (const o of listed) expect(o.flags.map((f) => f.field)).toEqual(topLevelFields(getOperation(o.id)));
  });

  it('flag names: camelCase → kebab-case, unit suffixes lower-cased', () => {
    expect(flagName('twoThetaMin')).toBe('two-theta-min');
    expect(flagName('thickness_um')).toBe('thickness-um');
    expect(flagName('T_C')).toBe('t-c');
    expect(flagName('activeMass_g')).toBe('active-mass-g');
    expect(flagName('sigma_mS_per_cm')).toBe('sigma-ms-per-cm');
    expect(flagName('M')).toBe('m');
    expect(flagName('phi2')).toBe('phi2');
  });

  it('help shows types, enum choices, defaults and the schema descriptions', () => {
    const help = buildOpCommand(getOperation('eis.fit'), () => {}).helpInformation();
    expect(help).toMatch(/--weight <choice>\s+Residual weighting/);
    expect(help).toMatch(/"unit", "modulus",\s+"proportional"/);
    expect(help).toMatch(/--guess <number,…>/);
    expect(help).toMatch(/--file <path>/);
    const glide = buildOpCommand(getOperation('glide.map'), () => {}).helpInformation();
    expect(glide).toMatch(/--cycles <integer>[^\n]*\n?[^\n]*\(default: 200\)/);
  });
});

describe('values are coerced from the schema', () => {
  it('numbers, integers, booleans, enums, a string-or-number union, @file text and fileName', async () => {
    const op = getOperation('xrd.pattern');
    const inv = await invoke(op, [
      '--cif',
      `@${SI_CIF}`,
      '--two-theta-max',
      '60',
      '--wavelength',
      '1.5406',
      '--anomalous',
      '--no-debye-waller',
    ]);
    const input = inv.input as Record<string, unknown>;
    expect(input.cif).toBe(readFileSync(SI_CIF, 'utf8'));
    expect(input.fileName).toBe('Silicon.cif');
    expect(input.twoThetaMax).toBe(60);
    expect(input.wavelength).toBe(1.5406);
    expect(input.anomalous).toBe(true);
    expect(input.debyeWaller).toBe(false);
    const named = await invoke(op, ['--cif', `@${SI_CIF}`, '--wavelength', 'MoKa', '--file-name', 'x.cif']);
    expect((named.input as Record<string, unknown>).wavelength).toBe('MoKa');
    expect((named.input as Record<string, unknown>).fileName).toBe('x.cif');
  });

  it('lists as comma lists or JSON, nested objects as JSON or @file.json, --input with flag overrides', async () => {
    const op = getOperation('interface.simulate');
    const rampFile = join(tmp, 'ramp.json');
    writeFileSync(rampFile, JSON.stringify({ start_mA_cm2: 0.05, step_mA_cm2: 0.05, stepDuration_min: 30 }));
    const base = { electrolyte: 'Na3Zr2Si2PO12', thickness_um: 500, T_C: 25, pressure_MPa: 1 };
    const inv = await invoke(op, [
      '--input',
      JSON.stringify({ ...base, T_C: 80 }),
      '--t-c',
      '25',
      '--ramp',
      `@${rampFile}`,
      '--mitigations',
      '',
    ]);
    expect(inv.input).toEqual({
      ...base,
      ramp: { start_mA_cm2: 0.05, step_mA_cm2: 0.05, stepDuration_min: 30 },
      mitigations: [],
    });
    const rate = await invoke(getOperation('glide.rate'), ['--c-rates', '0.1, 1,10', '--seed', '7']);
    expect((rate.input as { cRates: number[] }).cRates).toEqual([0.1, 1, 10]);
    expect(rate.seed).toBe(7); // an operation with its own seed field: --seed is that field and the run's seed
    const json = await invoke(getOperation('glide.rate'), ['--c-rates', '[0.5,2]']);
    expect((json.input as { cRates: number[] }).cRates).toEqual([0.5, 2]);
  });

  it('file objects take a path (text or base64) and lists of them comma-separated paths', async () => {
    const fit = await invoke(getOperation('eis.fit'), ['--file', EIS_CSV, '--circuit', 'R0-p(R1,C1)']);
    expect((fit.input as { file: unknown }).file).toEqual({
      fileName: 'exampleData.csv',
      text: readFileSync(EIS_CSV, 'utf8'),
    });
    const bin = join(tmp, 'bytes.dat');
    writeFileSync(bin, Buffer.from([0, 1, 2, 255]));
    const b = await invoke(getOperation('eis.read'), ['--base64', 'AAEC']);
    expect(b.input).toMatchObject({ base64: 'AAEC' });
    const binFile = await invoke(getOperation('eis.fit'), ['--file', bin, '--circuit', 'R0']);
    expect((binFile.input as { file: unknown }).file).toEqual({ fileName: 'bytes.dat', base64: 'AAEC/w==' });
    const arr = await invoke(getOperation('eis.arrhenius'), [
      '--files',
      `${EIS_CSV},${EIS_CSV}`,
      '--circuit',
      'R0',
      '--thickness-cm',
      '0.2',
      '--diameter-cm',
      '0.8',
    ]);
    expect((arr.input as { files: unknown[] }).files).toHaveLength(2);
  });

  it('"@@" is a literal "@"', async () => {
    const inv = await invoke(getOperation('stacking.analyze'), ['--sequence', '@@AB']);
    expect(inv).toBeDefined();
    expect((inv.input as { sequence: string }).sequence).toBe('@AB');
  });
});

describe('bad values: one InputError naming the flag', () => {
  const op = () => getOperation('xrd.strainSweep');
  const ok = ['--cif', `@${SI_CIF}`, '--strain-min', '0', '--strain-max', '0.01'];
  const cases: [string[], RegExp][] = [
    [
      [...ok, '--points', 'many'],
      /^--points: not a usable value \(found "many"\); expected a whole number\.$/,
    ],
    [[...ok, '--points', '2.5'], /^--points: not an integer/],
    [[...ok, '--points', '0'], /^--points: too small/],
    [ok, /^--points: this option is required\.$/],
    [
      [...ok, '--points', '3', '--wavelength', 'XyKa'],
      /^--wavelength: invalid input \(found "XyKa"\); expected CuKa, .*MoKa.*, a number\.$/,
    ],
    [[...ok, '--points', '3', '--input', '{oops'], /^--input: not valid JSON/],
    [
      ['--cif', SI_CIF, '--strain-min', '0', '--strain-max', '0', '--points', '1'],
      /^--cif: .*@.*Silicon\.cif/,
    ],
    [['--cif', '@/no/such/file.cif'], /^--cif: file not found/],
  ];
  for (const [args, message] of cases)
    it(args.join(' ').replaceAll(FIXTURES, ''), async () => {
      const err = await invoke(op(), args).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message.split('\n')).toHaveLength(1);
    });

  it('a nested field is named after its flag', async () => {
    const err = await invoke(getOperation('interface.simulate'), [
      '--electrolyte',
      'Na3Zr2Si2PO12',
      '--thickness-um',
      '500',
      '--t-c',
      '25',
      '--pressure-mpa',
      '1',
      '--ramp',
      '{"start_mA_cm2": -1, "step_mA_cm2": 0.05, "stepDuration_min": 30}',
    ]).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^--ramp \(start_mA_cm2\): too small/);
  });
});

describe('a run through the generated command equals the registry run', () => {
  async function viaCli(id: string, args: string[]): Promise<unknown> {
    return asJson(await runInvocation(await invoke(getOperation(id), args)));
  }

  it('xrd.pattern on a fixture CIF', async () => {
    const cli = await viaCli('xrd.pattern', ['--cif', `@${SI_CIF}`, '--two-theta-max', '100']);
    const reg = await runOperation(
      getOperation('xrd.pattern'),
      { cif: readFileSync(SI_CIF, 'utf8'), fileName: 'Silicon.cif', twoThetaMax: 100 },
      makeContext(1),
    );
    expect(cli).toEqual(asJson(reg));
    expect((cli as { pattern: { peaks: unknown[] } }).pattern.peaks.length).toBeGreaterThan(5);
  });

  it('eis.fit on a fixture spectrum (seeded multi-start)', async () => {
    const circuit = 'R0-p(R1,C1)-p(R2-Wo1,C2)';
    const guess = [0.01, 0.01, 100, 0.01, 0.05, 100, 1];
    const cli = await viaCli('eis.fit', [
      '--file',
      EIS_CSV,
      '--circuit',
      circuit,
      '--guess',
      guess.join(','),
      '--multi-start',
      '2',
      '--seed',
      '5',
    ]);
    const reg = await runOperation(
      getOperation('eis.fit'),
      {
        file: { fileName: 'exampleData.csv', text: readFileSync(EIS_CSV, 'utf8') },
        circuit,
        guess,
        multiStart: 2,
      },
      makeContext(5),
    );
    expect(cli).toEqual(asJson(reg));
  }, 60_000);

  it('stacking.analyze and stacking.generate (input seed)', async () => {
    const seq = 'AB BC CA AB BA AC';
    const cli = await viaCli('stacking.analyze', ['--sequence', seq, '--periodic']);
    const reg = await runOperation(
      getOperation('stacking.analyze'),
      { sequence: seq, periodic: true },
      makeContext(1),
    );
    expect(cli).toEqual(asJson(reg));
    const args = { model: 'markov', phi2: 0.4, alpha: 0.2, layers: 40, seed: 11 };
    const gen = await viaCli('stacking.generate', [
      '--model',
      'markov',
      '--phi2',
      '0.4',
      '--alpha',
      '0.2',
      '--layers',
      '40',
      '--seed',
      '11',
    ]);
    expect(gen).toEqual(asJson(await runOperation(getOperation('stacking.generate'), args, makeContext(11))));
  });
});

describe('progress', () => {
  it("the operation's ctx.progress reaches the CLI's progress callback (the stderr bar)", async () => {
    const inv = await invoke(getOperation('xrd.strainSweep'), [
      '--cif',
      `@${SI_CIF}`,
      '--strain-min',
      '0',
      '--strain-max',
      '0.01',
      '--points',
      '3',
    ]);
    const calls: [number, number][] = [];
    const out = (await runInvocation(inv, (d, t) => calls.push([d, t]))) as { points: unknown[] };
    expect(out.points).toHaveLength(3);
    expect(calls).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });
});

describe('./bin/natrium op (child process)', () => {
  const run = promisify(execFile);
  async function natrium(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(BIN, args, { cwd: tmp, env: { ...process.env, NO_COLOR: '1' } });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  }

  it('op --list --json lists every registered operation with its flags', async () => {
    const r = await natrium('op', '--list', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { operations: { id: string; flags: { flag: string }[] }[] };
    expect(doc.operations.map((o) => o.id)).toEqual(listOperations().map((o) => o.id));
    const xrd = doc.operations.find((o) => o.id === 'xrd.pattern');
    expect(xrd?.flags.map((f) => f.flag)).toContain('--two-theta-max');
  });

  it('op xrd.pattern --json prints exactly the registry result, and --figure writes a PNG', async () => {
    const png = join(tmp, 'si.png');
    const r = await natrium(
      'op',
      'xrd.pattern',
      '--cif',
      `@${SI_CIF}`,
      '--json',
      '--figure',
      png,
      '--scale',
      '2',
    );
    expect(r.code).toBe(0);
    const reg = await runOperation(
      getOperation('xrd.pattern'),
      { cif: readFileSync(SI_CIF, 'utf8'), fileName: 'Silicon.cif' },
      makeContext(1),
    );
    expect(JSON.parse(r.stdout)).toEqual(asJson(reg));
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1280, 720]);
  }, 60_000);

  it('a bad value exits with code 2 and one sentence naming the flag', async () => {
    const r = await natrium('op', 'stacking.generate', '--model', 'markov', '--phi2', '2', '--alpha', '0.1');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(/^natrium: --phi2: too big: expected number to be <=1 \(found "2"\)\.$/);
  }, 60_000);
});
