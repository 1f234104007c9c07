import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../../core/errors.ts';
import { sampleGeometry } from '../../../electrochem/eis/index.ts';
import {
  EIS_FORMATS,
  type EisFormat,
  type ImpedanceSpectrum,
  parseImpedance,
} from '../../../io/eis/index.ts';
import { eisDrt, eisFit, eisKk, parseAssignments, parseNumberList } from '../../operations/eis.ts';
import { eisArrhenius, parseAreaCm2, parseLengthCm } from '../../operations/eisArrhenius.ts';
import { failWith, fmt, printJson, table } from '../output.ts';

/** Reads an impedance file as bytes (decoding is the reader's job: UTF-8 or Latin-1). */
export function readSpectrumFile(path: string, format?: string, imagColumn?: string): ImpedanceSpectrum {
  const fileName = basename(path);
  try {
    if (statSync(path).isDirectory()) throw new InputError('is a directory, not a file', { file: path });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('file not found', { file: path, expected: 'a path to an existing file' });
  }
  if (format && format !== 'auto' && !EIS_FORMATS.includes(format as EisFormat))
    throw new InputError('unknown format', {
      field: '--format',
      expected: `auto, ${EIS_FORMATS.join(', ')}`,
      found: format,
    });
  if (imagColumn && imagColumn !== 'Z' && imagColumn !== 'minusZ')
    throw new InputError('unknown imaginary-column sign', {
      field: '--imag-column',
      expected: "'Z' or 'minusZ'",
      found: imagColumn,
    });
  return parseImpedance(readFileSync(path), {
    fileName,
    format: (format ?? 'auto') as EisFormat | 'auto',
    imagColumn: imagColumn as 'Z' | 'minusZ' | undefined,
  });
}

interface CommonFlags {
  format?: string;
  imagColumn?: string;
  json?: boolean;
}

function commonOptions(cmd: Command): Command {
  return cmd
    .option('--format <fmt>', `file format: auto | ${EIS_FORMATS.join(' | ')}`, 'auto')
    .option('--imag-column <sign>', "headerless tables only: third column is 'Z' (Z″) or 'minusZ' (−Z″)")
    .option('--json', 'print one JSON document on stdout');
}

export function register(program: Command): void {
  const eis = program
    .command('eis')
    .description('impedance spectroscopy: read, fit, Kramers–Kronig, DRT, Arrhenius');

  commonOptions(
    eis.command('read').description('read an impedance file and summarise it').argument('<file>'),
  ).action((file: string, flags: CommonFlags) => {
    try {
      const s = readSpectrumFile(file, flags.format, flags.imagColumn);
      const n = s.frequencyHz.length;
      const doc = {
        file: s.fileName,
        format: s.format,
        points: n,
        frequencyRangeHz: [Math.min(...s.frequencyHz), Math.max(...s.frequencyHz)],
        convention: "Z = Z' + jZ'', Z'' < 0 capacitive",
        metadata: s.metadata,
        warnings: s.warnings,
        frequencyHz: s.frequencyHz,
        zReal: s.zReal,
        zImag: s.zImag,
      };
      if (flags.json) return printJson(doc);
      process.stdout.write(
        `${s.fileName}: ${s.format}, ${n} points, ${fmt(doc.frequencyRangeHz[0], 4)}–${fmt(doc.frequencyRangeHz[1], 1)} Hz\n${s.warnings.map((w) => `warning: ${w}\n`).join('')}`,
      );
    } catch (err) {
      failWith(err);
    }
  });

  commonOptions(
    eis
      .command('fit')
      .description('fit an equivalent circuit (CNLS, Levenberg–Marquardt)')
      .argument('<file>')
      .requiredOption('--circuit <c>', "circuit, impedance.py syntax 'R0-p(R1,C1)' or Boukamp 'R(RC)'")
      .option(
        '--guess <v1,v2,…>',
        'initial values for all parameters in circuit order (default: from the data)',
      )
      .option('--weight <w>', 'unit | modulus | proportional', 'unit')
      .option('--fix <name=value,…>', 'hold parameters fixed, e.g. R0=0.01')
      .option('--keep-inductive', "keep points with Z'' > 0 even without an inductive element")
      .option('--multistart <n>', 'extra random starts (default 0 with --guess, 12 without)')
      .option('--seed <n>', 'seed of the multi-start', '1'),
  ).action(
    (
      file: string,
      flags: CommonFlags & {
        circuit: string;
        guess?: string;
        weight: string;
        fix?: string;
        keepInductive?: boolean;
        multistart?: string;
        seed: string;
      },
    ) => {
      try {
        if (!['unit', 'modulus', 'proportional'].includes(flags.weight))
          throw new InputError('unknown weighting', {
            field: '--weight',
            expected: 'unit, modulus or proportional',
            found: flags.weight,
          });
        const s = readSpectrumFile(file, flags.format, flags.imagColumn);
        const doc = eisFit(s, {
          circuit: flags.circuit,
          guess: flags.guess ? parseNumberList(flags.guess, '--guess') : undefined,
          weight: flags.weight as 'unit',
          constants: flags.fix ? parseAssignments(flags.fix, '--fix') : undefined,
          keepInductive: flags.keepInductive,
          multiStart:
            flags.multistart !== undefined ? intOption(flags.multistart, '--multistart') : undefined,
          seed: intOption(flags.seed, '--seed'),
        });
        if (flags.json) return printJson(doc);
        const rows = Object.entries(doc.parameters).map(([k, p]) => [
          k,
          p.value.toPrecision(6),
          p.fixed ? 'fixed' : p.stderr === null ? '∞ (undetermined)' : p.stderr.toPrecision(3),
          p.stderr === null ? '' : `${((100 * p.stderr) / Math.abs(p.value)).toFixed(1)} %`,
          p.unit,
        ]);
        process.stdout.write(
          `${doc.file}: ${doc.circuit}, ${doc.pointsUsed} points, weight ${doc.weight}\n\n${table(['parameter', 'value', 'σ', 'σ/value', 'unit'], rows)}\n\nχ² = ${doc.chi2.toPrecision(4)}, rmse = ${doc.rmse.toPrecision(4)} Ω\n${doc.warnings.map((w) => `warning: ${w}\n`).join('')}`,
        );
      } catch (err) {
        failWith(err);
      }
    },
  );
  registerKk(eis);
  registerDrt(eis);
  registerArrhenius(eis);
}

function registerKk(eis: Command): void {
  commonOptions(
    eis
      .command('kk')
      .description('linear Kramers–Kronig test (Schönleber μ criterion, automatic number of RC elements)')
      .argument('<file>')
      .option('--c <mu>', 'μ threshold', '0.85')
      .option('--max-m <n>', 'largest number of RC elements', '50')
      .option('--m <n>', 'fixed number of RC elements (no μ search)')
      .option('--no-inductance', 'no series inductance in the KK model')
      .option('--capacitance', 'add a series capacitance (blocking electrodes)')
      .option(
        '--underfit-ratio <x|none>',
        "under-fitting guard: accept μ ≤ c only when χ² ≤ x × its floor (default 10); 'none' = plain Schönleber rule",
      ),
  ).action(
    (
      file: string,
      flags: CommonFlags & {
        c: string;
        underfitRatio?: string;
        maxM: string;
        m?: string;
        inductance: boolean;
        capacitance?: boolean;
      },
    ) => {
      try {
        const s = readSpectrumFile(file, flags.format, flags.imagColumn);
        const doc = eisKk(s, {
          c: numberOption(flags.c, '--c'),
          maxM: intOption(flags.maxM, '--max-m'),
          M: flags.m !== undefined ? intOption(flags.m, '--m') : undefined,
          inductance: flags.inductance,
          capacitance: flags.capacitance,
          underfitRatio:
            flags.underfitRatio === undefined
              ? undefined
              : flags.underfitRatio === 'none'
                ? null
                : atLeastOne(numberOption(flags.underfitRatio, '--underfit-ratio'), '--underfit-ratio'),
        });
        if (flags.json) return printJson(doc);
        process.stdout.write(
          `${doc.file}: M = ${doc.M} RC elements, μ = ${doc.mu.toFixed(3)} (c = ${doc.c}), max |residual| = ${(100 * doc.maxAbsResidual).toFixed(3)} % of |Z|, χ² = ${doc.chi2.toPrecision(3)}\n${doc.warnings.map((w) => `warning: ${w}\n`).join('')}`,
        );
      } catch (err) {
        failWith(err);
      }
    },
  );
}

function registerDrt(eis: Command): void {
  commonOptions(
    eis
      .command('drt')
      .description('distribution of relaxation times (Gaussian RBF, Tikhonov, NNLS)')
      .argument('<file>')
      .option('--lambda <x>', 'regularisation parameter λ (otherwise chosen by --lambda-method)')
      .option('--lambda-method <m>', 'gcv | lcurve', 'gcv')
      .option('--derivative <k>', 'penalty derivative order 1 | 2', '1')
      .option('--data <part>', 'combined | real | imag', 'combined')
      .option('--inductance <yes|no>', 'series inductance (default: when some Z″ > 0)')
      .option('--tau-convention <c>', "'1/(2πf)' (physical τ, default) or '1/f'", '1/(2πf)')
      .option('--shape <c>', 'RBF FWHM coefficient', '0.5'),
  ).action(
    (
      file: string,
      flags: CommonFlags & {
        lambda?: string;
        lambdaMethod: string;
        derivative: string;
        data: string;
        inductance?: string;
        tauConvention: string;
        shape: string;
      },
    ) => {
      try {
        if (!['gcv', 'lcurve'].includes(flags.lambdaMethod))
          throw new InputError('unknown λ method', {
            field: '--lambda-method',
            expected: 'gcv or lcurve',
            found: flags.lambdaMethod,
          });
        if (flags.inductance !== undefined && !['yes', 'no'].includes(flags.inductance))
          throw new InputError('expected yes or no', { field: '--inductance', found: flags.inductance });
        const conv = flags.tauConvention === '1/(2pif)' ? '1/(2πf)' : flags.tauConvention;
        const s = readSpectrumFile(file, flags.format, flags.imagColumn);
        const doc = eisDrt(s, {
          lambda: flags.lambda !== undefined ? numberOption(flags.lambda, '--lambda') : undefined,
          lambdaMethod: flags.lambdaMethod as 'gcv',
          derivative: Number(flags.derivative) as 1,
          data: flags.data as 'combined',
          inductance: flags.inductance === undefined ? undefined : flags.inductance === 'yes',
          tauConvention: conv as '1/f',
          shapeCoefficient: numberOption(flags.shape, '--shape'),
        });
        if (flags.json) return printJson(doc);
        const rows = doc.peaks.map((p) => [
          p.tau.toExponential(3),
          p.frequencyHz.toExponential(3),
          p.resistance.toPrecision(4),
          `${(100 * p.share).toFixed(1)} %`,
          p.fwhmDecades.toFixed(2),
        ]);
        process.stdout.write(
          `${doc.file}: λ = ${doc.lambda.toExponential(3)} (${doc.lambdaMethod}), R∞ = ${doc.rInf.toPrecision(4)} Ω, R_pol = ${doc.polarizationResistance.toPrecision(4)} Ω, τ = ${doc.tauConvention}\n\n${table(['τ (s)', 'f (Hz)', 'R (Ω)', 'share', 'FWHM (dec)'], rows)}\n${doc.warnings.map((w) => `warning: ${w}\n`).join('')}`,
        );
      } catch (err) {
        failWith(err);
      }
    },
  );
}

function registerArrhenius(eis: Command): void {
  eis
    .command('arrhenius')
    .description('temperature series → bulk / grain-boundary / total conductivity and activation energies')
    .argument('<files...>')
    .requiredOption('--circuit <c>', "circuit fitted to every file, e.g. 'p(R1,CPE1)-p(R2,CPE2)-CPE3'")
    .requiredOption('--thickness <L>', "pellet thickness, e.g. '0.21cm' or '2.1mm'")
    .option('--diameter <D>', "electrode diameter, e.g. '0.8cm'")
    .option('--area <A>', "electrode area, e.g. '0.5cm2'")
    .option(
      '--temperatures <T1,T2,…>',
      'temperatures in °C, one per file (default: from header or file name)',
    )
    .option('--form <f>', 'sigmaT (σT = A·exp(−Ea/kT)) | sigma (σ = σ0·exp(−Ea/kT))', 'sigmaT')
    .option('--weight <w>', 'fit weighting: unit | modulus | proportional', 'modulus')
    .option('--format <fmt>', `file format: auto | ${EIS_FORMATS.join(' | ')}`, 'auto')
    .option('--seed <n>', 'seed of the multi-start', '1')
    .option('--json', 'print one JSON document on stdout')
    .action(
      (
        files: string[],
        flags: {
          circuit: string;
          thickness: string;
          diameter?: string;
          area?: string;
          temperatures?: string;
          form: string;
          weight: string;
          format?: string;
          seed: string;
          json?: boolean;
        },
      ) => {
        try {
          if (flags.form !== 'sigmaT' && flags.form !== 'sigma')
            throw new InputError('unknown Arrhenius form', {
              field: '--form',
              expected: 'sigmaT or sigma',
              found: flags.form,
            });
          if (!['unit', 'modulus', 'proportional'].includes(flags.weight))
            throw new InputError('unknown weighting', {
              field: '--weight',
              expected: 'unit, modulus or proportional',
              found: flags.weight,
            });
          const geometry = sampleGeometry(parseLengthCm(flags.thickness, '--thickness'), {
            diameterCm:
              flags.diameter !== undefined ? parseLengthCm(flags.diameter, '--diameter') : undefined,
            areaCm2: flags.area !== undefined ? parseAreaCm2(flags.area, '--area') : undefined,
          });
          const spectra = files.map((f) => readSpectrumFile(f, flags.format));
          const doc = eisArrhenius(spectra, {
            circuit: flags.circuit,
            geometry,
            temperaturesC: flags.temperatures
              ? parseNumberList(flags.temperatures, '--temperatures')
              : undefined,
            form: flags.form,
            weight: flags.weight as 'modulus',
            seed: intOption(flags.seed, '--seed'),
          });
          if (flags.json) return printJson(doc);
          const e = (v: number | null) => (v === null ? '-' : v.toExponential(3));
          const rows = doc.points.map((p) => [
            p.file ?? '',
            p.temperatureC.toFixed(1),
            e(p.sigmaBulk),
            e(p.sigmaGrainBoundary),
            e(p.sigmaTotal),
          ]);
          const ea = (name: string, r: typeof doc.bulk) =>
            r
              ? `${name}: Ea = ${r.Ea.toFixed(3)} ± ${r.EaStderr === null ? '-' : r.EaStderr.toFixed(3)} eV, prefactor ${r.prefactor.toExponential(3)} ${r.prefactorUnit}\n`
              : `${name}: -\n`;
          process.stdout.write(
            `${doc.circuit}, form ${doc.form}, L/A = ${doc.geometry.cellConstantPerCm.toPrecision(4)} cm⁻¹\n\n${table(['file', 'T (°C)', 'σ_bulk (S/cm)', 'σ_gb (S/cm)', 'σ_total (S/cm)'], rows)}\n\n${ea('bulk', doc.bulk)}${ea('grain boundary', doc.grainBoundary)}${ea('total', doc.total)}${doc.warnings.map((w) => `warning: ${w}\n`).join('')}`,
          );
        } catch (err) {
          failWith(err);
        }
      },
    );
}

export function intOption(text: string, field: string): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < 0)
    throw new InputError('not a non-negative integer', { field, found: text });
  return v;
}

function atLeastOne(v: number, field: string): number {
  if (!(v >= 1))
    throw new InputError('must be ≥ 1', { field, found: String(v), expected: "a ratio ≥ 1 or 'none'" });
  return v;
}

export function numberOption(text: string, field: string): number {
  const v = Number(text);
  if (!Number.isFinite(v)) throw new InputError('not a number', { field, found: text });
  return v;
}
