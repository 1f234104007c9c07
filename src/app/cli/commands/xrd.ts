import type { Command } from 'commander';
import { InputError } from '../../../core/errors.ts';
import { loadSpaceGroupsNode } from '../../../crystal/spacegroup.node.ts';
import { parseCif } from '../../../io/cif/index.ts';
import { type XrdRequest, xrdFromStructure } from '../../operations/xrd.ts';
import { writeOutputFile } from '../../outputFiles.ts';
import { readTextFile } from '../io.ts';
import { failWith, fmt, printJson, table } from '../output.ts';
import { progressBar } from '../progress.ts';
import { blockOption } from './cif.ts';

interface XrdFlags {
  wavelength: string;
  range: string;
  step?: string;
  lp: boolean;
  lpMode?: string;
  monochromator?: string;
  dw?: boolean;
  anomalous?: boolean;
  profile?: string;
  axis?: string;
  csv?: string;
  block?: string;
  minIntensity?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('xrd')
    .description('simulate the powder X-ray diffraction pattern of a CIF structure')
    .argument('<file>', 'CIF file')
    .option('--wavelength <spec>', 'CuKa | CuKa1 | CuKa12 | MoKa | CoKa | AgKa (…1, …12) or λ in Å', 'CuKa')
    .option('--range <min:max>', '2θ window in degrees', '10:90')
    .option('--step <deg>', 'profile step in degrees 2θ (implies a profile)')
    .option('--no-lp', 'no Lorentz–polarisation correction')
    .option('--lp-mode <mode>', 'lab | synchrotron', 'lab')
    .option('--monochromator <deg>', 'monochromator 2θm in degrees (lab LP)')
    .option('--dw', 'apply Debye–Waller factors from the sites’ B/U')
    .option('--anomalous', 'add anomalous dispersion f′ + i f″ (Cu Kα, Mo Kα)')
    .option('--profile <U,V,W,eta>', 'pseudo-Voigt profile with Caglioti U, V, W (deg²) and mixing η')
    .option('--axis <axis>', 'profile abscissa: twoTheta | d | q', 'twoTheta')
    .option('--min-intensity <percent>', 'drop peaks weaker than this (max = 100)', '0.001')
    .option('--csv <out>', 'write the peak list as CSV (and the profile to <out>.profile.csv)')
    .option('--block <name>', 'CIF data block (name or 0-based index)')
    .option('--json', 'print one JSON document on stdout')
    .action((file: string, flags: XrdFlags) => {
      const progress = progressBar('xrd');
      try {
        loadSpaceGroupsNode();
        const request = requestFromFlags(flags);
        const { text, fileName } = readTextFile(file);
        const { structure } = parseCif(text, { fileName, block: blockOption(flags.block) });
        const pattern = xrdFromStructure(structure, { ...request, onProgress: progress.onProgress });
        progress.stop();
        if (flags.csv) writeCsv(flags.csv, pattern);
        if (flags.json) return printJson(pattern);
        const head = `${fileName}: λ = ${pattern.wavelength} Å (${pattern.radiation}), 2θ ${pattern.twoThetaRange.join('–')}°, ${pattern.peaks.length} peaks`;
        const rows = pattern.peaks.map((p) => [
          fmt(p.twoTheta, 4),
          fmt(p.d, 5),
          fmt(p.intensity, 2),
          p.label,
          p.multiplicity,
          p.line,
        ]);
        process.stdout.write(
          `${head}\n\n${table(['2θ (°)', 'd (Å)', 'I (rel)', 'hkl', 'mult', 'line'], rows)}\n`,
        );
      } catch (err) {
        progress.stop();
        failWith(err);
      }
    });
}

function requestFromFlags(f: XrdFlags): XrdRequest {
  const range = /^\s*(-?[0-9.]+)\s*[:,]\s*(-?[0-9.]+)\s*$/.exec(f.range);
  if (!range)
    throw new InputError('cannot read the 2θ range', {
      field: '--range',
      found: f.range,
      expected: 'min:max in degrees, e.g. 10:90',
    });
  const num = (v: string | undefined, field: string): number | undefined => {
    if (v === undefined) return undefined;
    const x = Number(v);
    if (!Number.isFinite(x) || v.trim() === '') throw new InputError('not a number', { field, found: v });
    return x;
  };
  let profile: XrdRequest['profile'];
  if (f.profile !== undefined) {
    const parts = f.profile.split(',').map((s) => Number(s));
    if (parts.length !== 4 || parts.some((x) => !Number.isFinite(x)))
      throw new InputError('cannot read the profile', {
        field: '--profile',
        found: f.profile,
        expected: 'four numbers U,V,W,eta such as 0.004,-0.002,0.004,0.5',
      });
    profile = { U: parts[0], V: parts[1], W: parts[2], eta: parts[3] };
  }
  const step = num(f.step, '--step');
  if (step !== undefined) profile = { ...(typeof profile === 'object' ? profile : {}), step };
  if (f.axis && !['twoTheta', 'd', 'q'].includes(f.axis))
    throw new InputError('unknown profile axis', {
      field: '--axis',
      found: f.axis,
      expected: 'twoTheta, d or q',
    });
  return {
    wavelength: f.wavelength,
    twoThetaRange: [Number(range[1]), Number(range[2])],
    lorentzPolarization: f.lp === false ? 'none' : (f.lpMode as 'lab' | 'synchrotron'),
    monochromatorTwoTheta: num(f.monochromator, '--monochromator'),
    debyeWaller: Boolean(f.dw),
    anomalous: Boolean(f.anomalous),
    profile,
    profileAxis: f.axis as XrdRequest['profileAxis'],
    minRelativeIntensity: num(f.minIntensity, '--min-intensity'),
  };
}

function writeCsv(out: string, pattern: ReturnType<typeof xrdFromStructure>): void {
  const lines = ['two_theta_deg,d_A,intensity_rel,hkl,multiplicity,line'];
  for (const p of pattern.peaks)
    lines.push(
      `${p.twoTheta.toFixed(5)},${p.d.toFixed(5)},${p.intensity.toFixed(4)},"${p.label}",${p.multiplicity},${p.line}`,
    );
  try {
    writeOutputFile(out, `${lines.join('\n')}\n`);
    if (pattern.profile) {
      const unit =
        pattern.profile.axis === 'twoTheta'
          ? 'two_theta_deg'
          : pattern.profile.axis === 'd'
            ? 'd_A'
            : 'q_invA';
      const rows = [`${unit},intensity_rel`];
      for (let i = 0; i < pattern.profile.x.length; i++)
        rows.push(`${pattern.profile.x[i]},${pattern.profile.y[i]}`);
      writeOutputFile(out.replace(/(\.csv)?$/, '.profile.csv'), `${rows.join('\n')}\n`);
    }
  } catch (err) {
    throw new InputError(`cannot write CSV: ${(err as Error).message}`, { file: out });
  }
}
