import type { Command } from 'commander';
import { InputError } from '../../../core/errors.ts';
import { DEFAULT_GLIDE_PARAMS, type GlideParams, parseParamsFile } from '../../../layered/glide/index.ts';
import {
  glideCalibrate,
  glideMap,
  glideRate,
  glideSimulate,
  type StackSourceRequest,
} from '../../operations/glide.ts';
import { readTextFile } from '../io.ts';
import { failWith, fmt, printJson, table } from '../output.ts';
import { progressBar } from '../progress.ts';

type Flags = Record<string, string | boolean | undefined>;

function num(v: unknown, field: string): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  const x = Number(s);
  if (s.trim() === '' || !Number.isFinite(x)) throw new InputError('not a number', { field, found: s });
  return x;
}

function int(v: unknown, field: string): number | undefined {
  const x = num(v, field);
  if (x !== undefined && !Number.isInteger(x))
    throw new InputError('not a whole number', { field, found: String(v) });
  return x;
}

function numList(v: unknown, field: string): number[] | undefined {
  if (v === undefined) return undefined;
  return String(v)
    .split(',')
    .map((s) => num(s, field) as number);
}

function paramsFrom(f: Flags): GlideParams {
  if (typeof f.params !== 'string') return { ...DEFAULT_GLIDE_PARAMS };
  const { text, fileName } = readTextFile(f.params);
  return parseParamsFile(text, fileName);
}

function sourceFrom(seq: string | undefined, f: Flags): StackSourceRequest {
  return {
    sequence: seq,
    phi2: num(f.phi2, '--phi2'),
    alpha: num(f.alpha, '--alpha'),
    beta: num(f.beta, '--beta'),
    layers: int(f.layers, '--layers'),
  };
}

function stackOptions(cmd: Command, withSequenceArgument = true): Command {
  const c = withSequenceArgument
    ? cmd.argument('[seq]', 'stacking sequence (ABBA…, (s; d) or P2*100 P3*99), or use --alpha …')
    : cmd;
  return c
    .option('--phi2 <x>', 'fraction of 2-type interlayers of a generated stack (default 0.5)')
    .option('--alpha <x>', 'interphases per interlayer, 0 … 1')
    .option('--beta <x>', 'CV of interphase spacings, ≥ 0 (default 0.5)')
    .option('--layers <n>', 'slabs per particle (default 200)')
    .option('--params <file>', 'parameter set (JSON, PyBaMM-like or flat); defaults from data/layered/glide')
    .option('--seed <n>', 'random seed', '1')
    .option('--json', 'print one JSON document on stdout');
}

export function register(program: Command): void {
  const glide = program
    .command('glide')
    .description('layered oxides: P↔O gliding, capacity fade, rate capability, α–β design map');

  stackOptions(
    glide
      .command('simulate')
      .description('kMC gliding of a particle ensemble over cycling: retention, O fraction, damage'),
  )
    .option('--cycles <n>', 'number of cycles', '500')
    .option('--particles <k>', 'particles in the ensemble', '20')
    .option('--cycle-stride <s>', 'run the kMC every s cycles (damage applied s times)', '10')
    .option('--workers <k>', 'worker threads', '1')
    .option('--snapshot-na <list>', 'Na contents of the operando stacks (first charge), e.g. 0.8,0.3,0.15')
    .option(
      '--operando-xrd',
      'also compute the faulted-stack XRD pattern of each operando stack (slow: seconds each)',
    )
    .action(async (seq: string | undefined, f: Flags) => {
      const bar = progressBar('particles');
      try {
        const r = await glideSimulate(
          {
            ...sourceFrom(seq, f),
            cycles: int(f.cycles, '--cycles'),
            particles: int(f.particles, '--particles'),
            seed: int(f.seed, '--seed'),
            cycleStride: int(f.cycleStride, '--cycle-stride'),
            workers: int(f.workers, '--workers'),
            snapshotNa: numList(f.snapshotNa, '--snapshot-na'),
            operandoXrd: Boolean(f.operandoXrd),
          },
          paramsFrom(f),
          bar.onProgress,
        );
        bar.stop();
        if (f.json) return printJson(r);
        const rows = Object.entries(r.retentionAt).map(([c, v]) => [c, fmt(v ?? undefined, 4)]);
        process.stdout.write(
          `${table(['cycle', 'retention Q_N/Q_1'], rows)}\nO fraction at first full charge: ${fmt(r.oFraction.charged[0], 3)}; pinned fraction ${fmt(r.meanPinnedFraction, 3)}; kMC events ${r.kmc.events}\n`,
        );
      } catch (err) {
        bar.stop();
        failWith(err);
      }
    });

  glide
    .command('map')
    .description('retention at N cycles over an α–β grid (generated stacks) and its Pareto front')
    .requiredOption('--alpha <a0:a1:n>', 'α axis, e.g. 0.05:0.4:8')
    .requiredOption('--beta <b0:b1:n>', 'β axis, e.g. 0:0.9:8')
    .option('--phi2 <x>', 'fraction of 2-type interlayers', '0.5')
    .option('--cycles <n>', 'number of cycles', '500')
    .option('--particles <k>', 'particles per grid point', '20')
    .option('--layers <n>', 'slabs per particle', '200')
    .option('--cycle-stride <s>', 'run the kMC every s cycles', '25')
    .option('--workers <k>', 'worker threads', '1')
    .option('--params <file>', 'parameter set (JSON)')
    .option('--seed <n>', 'random seed', '1')
    .option('--json', 'print one JSON document on stdout')
    .action(async (f: Flags) => {
      const bar = progressBar('grid points');
      try {
        const r = await glideMap(
          {
            alpha: String(f.alpha),
            beta: String(f.beta),
            phi2: num(f.phi2, '--phi2'),
            cycles: int(f.cycles, '--cycles'),
            particles: int(f.particles, '--particles'),
            layers: int(f.layers, '--layers'),
            cycleStride: int(f.cycleStride, '--cycle-stride'),
            workers: int(f.workers, '--workers'),
            seed: int(f.seed, '--seed'),
          },
          paramsFrom(f),
          bar.onProgress,
        );
        bar.stop();
        if (f.json) return printJson(r);
        const head = ['β \\ α', ...r.alpha.map((a) => fmt(a, 3))];
        const rows = r.beta.map((b, i) => [
          fmt(b, 3),
          ...r.retention[i].map((v) => (v === null ? '-' : fmt(v, 4))),
        ]);
        process.stdout.write(
          `retention at ${r.cycles} cycles\n${table(head, rows)}\nPareto front (${r.paretoObjectives}):\n${r.pareto.map((p) => `  α = ${fmt(p.alpha, 3)}, β = ${fmt(p.beta, 3)}: ${fmt(p.retention ?? undefined, 4)}`).join('\n')}\n`,
        );
      } catch (err) {
        bar.stop();
        failWith(err);
      }
    });

  stackOptions(
    glide
      .command('calibrate')
      .description(
        'fit damage/background parameters to retention CSVs (cycle, retention), or --reference for the default calibration',
      ),
    false,
  )
    .argument('[data...]', 'retention CSV files')
    .option(
      '--reference',
      'calibrate on single-phase P2/P3 (67–69 % at 500 cycles) and predict an intergrowth',
    )
    .option(
      '--sequence <seq>',
      'stack of the measured material (default: generated via --phi2/--alpha…, else single-phase P2)',
    )
    .option('--fit <keys>', 'comma list of damageAmplitude2, damageAmplitude3, backgroundFadePerCycle')
    .option('--particles <k>', 'particles per forward run', '8')
    .option('--cycle-stride <s>', 'run the kMC every s cycles', '20')
    .option('--predict-alpha <x>', 'reference mode: α of the predicted intergrowth', '0.1')
    .option('--predict-beta <x>', 'reference mode: β of the predicted intergrowth', '0.5')
    .option('--predict-phi2 <x>', 'reference mode: φ₂ of the predicted intergrowth', '0.5')
    .action(async (data: string[], f: Flags) => {
      const bar = progressBar('calibration');
      try {
        const files = data.map((p) => readTextFile(p));
        const fit = typeof f.fit === 'string' ? f.fit.split(',').map((s) => s.trim()) : undefined;
        const r = await glideCalibrate(
          {
            ...sourceFrom(typeof f.sequence === 'string' ? f.sequence : undefined, f),
            files,
            reference: Boolean(f.reference),
            fit: fit as never,
            particles: int(f.particles, '--particles'),
            seed: int(f.seed, '--seed'),
            cycleStride: int(f.cycleStride, '--cycle-stride'),
            predictAlpha: num(f.predictAlpha, '--predict-alpha'),
            predictBeta: num(f.predictBeta, '--predict-beta'),
            predictPhi2: num(f.predictPhi2, '--predict-phi2'),
          },
          paramsFrom(f),
          bar.onProgress,
        );
        bar.stop();
        if (f.json) return printJson(r);
        if (r.mode === 'reference' && 'prediction' in r && r.prediction)
          process.stdout.write(
            `predicted retention at 500 cycles of the intergrowth (φ₂ ${r.prediction.phi2}, α ${r.prediction.alpha}, β ${r.prediction.beta}): ${fmt(r.prediction.retentionAt500, 3)} (band ${fmt(r.prediction.band.low, 3)} … ${fmt(r.prediction.band.high, 3)}); observed ${r.observedIntergrowth.retention} (not fitted)\n`,
          );
        else if ('fitted' in r && r.fitted && r.sigma) {
          const sig = r.sigma;
          process.stdout.write(
            `${table(
              ['parameter', 'value', '1σ'],
              Object.entries(r.fitted).map(([k, v]) => [k, v.toExponential(4), sig[k].toExponential(2)]),
            )}\nrmse ${fmt(r.rmse, 4)}\n`,
          );
        }
      } catch (err) {
        bar.stop();
        failWith(err);
      }
    });

  stackOptions(
    glide
      .command('rate')
      .description('capacity vs C-rate from the P/O make-up after cycling (spherical diffusion)'),
  )
    .option('--c-rates <list>', 'C-rates', '0.1,0.5,1,2,5')
    .option('--cycles <n>', 'cycles simulated before the rate test', '1')
    .option('--particles <k>', 'particles', '10')
    .option('--workers <k>', 'worker threads', '1')
    .action(async (seq: string | undefined, f: Flags) => {
      const bar = progressBar('particles');
      try {
        const r = await glideRate(
          {
            ...sourceFrom(seq, f),
            cRates: numList(f.cRates, '--c-rates'),
            cycles: int(f.cycles, '--cycles'),
            particles: int(f.particles, '--particles'),
            seed: int(f.seed, '--seed'),
            workers: int(f.workers, '--workers'),
          },
          paramsFrom(f),
          bar.onProgress,
        );
        bar.stop();
        if (f.json) return printJson(r);
        process.stdout.write(
          `${table(
            ['C-rate', 'capacity / window'],
            r.cRates.map((c, i) => [fmt(c, 2), fmt(r.capacityFraction[i], 4)]),
          )}\nO fraction at end of charge: ${fmt(r.oFractionAtCharge, 3)}\n`,
        );
      } catch (err) {
        bar.stop();
        failWith(err);
      }
    });
}
