import type { Command } from 'commander';
import { InputError } from '../../../core/errors.ts';
import { loadSpaceGroupsNode } from '../../../crystal/spacegroup.node.ts';
import { checkWorkers } from '../../../diffraction/faulted/parallel.node.ts';
import { stackingAnalyze, stackingGenerate } from '../../operations/stacking.ts';
import { stackingBuild } from '../../operations/stackingBuild.ts';
import { type StackingXrdRequest, stackingXrdParallel } from '../../operations/stackingXrd.ts';
import { writeOutputFile } from '../../outputFiles.ts';
import { readTextFile } from '../io.ts';
import { failWith, fmt, printJson, table } from '../output.ts';
import { progressBar } from '../progress.ts';

/** Number flag reader: undefined stays undefined, anything else must be a finite number. */
export function numberFlag(v: string | undefined, field: string): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new InputError('not a number', { field, found: v });
  return x;
}

export function intFlag(v: string | undefined, field: string): number | undefined {
  const x = numberFlag(v, field);
  if (x !== undefined && !Number.isInteger(x))
    throw new InputError('not a whole number', { field, found: v });
  return x;
}

/** A sequence from the argument or from --file (comment lines starting with # are skipped). */
export function sequenceInput(
  seq: string | undefined,
  file: string | undefined,
): { sequence: string; source: string } {
  if (seq !== undefined && file !== undefined)
    throw new InputError('give either a sequence or --file, not both', { field: '--file' });
  if (file !== undefined) {
    const { text, fileName } = readTextFile(file);
    const body = text
      .split(/\r?\n/)
      .filter((l) => !l.trim().startsWith('#'))
      .join(' ');
    return { sequence: body, source: fileName };
  }
  if (seq === undefined)
    throw new InputError('no stacking sequence given', {
      field: 'SEQ',
      expected: 'a sequence such as ABBAABBC, (+ - +; 0 0), P2*10 P3*6, or --file F',
    });
  return { sequence: seq, source: 'SEQ' };
}

function spacingFlag(v: string | undefined): Record<string, number> | undefined {
  if (v === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const part of v.split(',')) {
    const m = /^\s*(P2|P3|O1|O2|O3)\s*=\s*(\S+)\s*$/.exec(part);
    if (!m)
      throw new InputError('cannot read the spacing', {
        field: '--spacing',
        found: part,
        expected: 'LABEL=Å pairs such as P2=5.58,O2=4.45',
      });
    out[m[1]] = numberFlag(m[2], `--spacing ${m[1]}`) as number;
  }
  return out;
}

export function register(program: Command): void {
  const stacking = program
    .command('stacking')
    .description('layered-oxide stacking sequences: analyse, generate, build, simulate XRD');

  stacking
    .command('analyze')
    .description('local labels, X2/Y3 interphases, α, β, fractions and polytype of a stacking sequence')
    .argument('[seq]', 'oxygen letters (ABBA…), compact (s; d) form, or blocks (P2*10 P3*6)')
    .option('--file <path>', 'read the sequence from a text file')
    .option('--periodic', 'the sequence is one repeat of a periodic crystal')
    .option('--min-domain <n>', 'merge χ-domains shorter than n interlayers', '1')
    .option('--include-ends', 'include the two end segments in β')
    .option('--spacing <list>', 'interlayer spacings in Å per label, e.g. P2=5.58,O2=4.45')
    .option('--json', 'print one JSON document on stdout')
    .action((seq: string | undefined, f: Record<string, string | boolean | undefined>) => {
      try {
        const input = sequenceInput(seq, f.file as string | undefined);
        const a = stackingAnalyze({
          ...input,
          periodic: Boolean(f.periodic),
          minDomain: intFlag(f.minDomain as string, '--min-domain'),
          includeEnds: Boolean(f.includeEnds),
          spacingAngstrom: spacingFlag(f.spacing as string | undefined),
        });
        if (f.json) return printJson(a);
        const lines = [
          `${a.slabs} slabs, polytype ${a.polytype}${a.polytypeDetail ? ` (${a.polytypeDetail})` : ''}`,
          `interphases at slabs ${a.interphases.join(', ') || '(none)'}`,
          `α = ${fmt(a.alpha, 4)} per interlayer = ${fmt(a.alphaPerNm, 4)} per nm;  β = ${a.beta === null ? 'not computable (< 3 interphases)' : fmt(a.beta, 4)}`,
          `φ₂ = ${fmt(a.phi2, 4)}, φ₃ = ${fmt(a.phi3, 4)}`,
          '',
          table(
            ['label', 'fraction'],
            Object.entries(a.fractions).map(([k, v]) => [k, fmt(v, 4)]),
          ),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      } catch (err) {
        failWith(err);
      }
    });

  stacking
    .command('generate')
    .description('seeded stacking sequences: Markov, phase-type (sets φ₂, α, β) or blocks')
    .requiredOption('--model <model>', 'markov | phase-type | block')
    .option('--phi2 <x>', 'fraction of 2-type interlayers')
    .option('--alpha <x>', 'interphases per interlayer')
    .option('--beta <x>', 'CV of interphase spacings (phase-type)')
    .option('--q2 <p>', 'Markov: switching probability 2→3')
    .option('--q3 <p>', 'Markov: switching probability 3→2')
    .option('--blocks <text>', 'block model: e.g. "P2*10 P3*6 P2*4"')
    .option('--layers <n>', 'number of slabs', '200')
    .option('--seed <n>', 'random seed', '1')
    .option('--glide <state>', 'P (P2/P3) or O (O2/O3)', 'P')
    .option('--json', 'print one JSON document on stdout')
    .action((f: Record<string, string | boolean | undefined>) => {
      try {
        const model = f.model as string;
        if (!['markov', 'phase-type', 'block'].includes(model))
          throw new InputError('unknown model', {
            field: '--model',
            found: model,
            expected: 'markov, phase-type or block',
          });
        if (!['P', 'O'].includes(f.glide as string))
          throw new InputError('unknown glide state', {
            field: '--glide',
            found: String(f.glide),
            expected: 'P or O',
          });
        const r = stackingGenerate({
          model: model as 'markov' | 'phase-type' | 'block',
          phi2: numberFlag(f.phi2 as string | undefined, '--phi2'),
          alpha: numberFlag(f.alpha as string | undefined, '--alpha'),
          beta: numberFlag(f.beta as string | undefined, '--beta'),
          q2: numberFlag(f.q2 as string | undefined, '--q2'),
          q3: numberFlag(f.q3 as string | undefined, '--q3'),
          blocks: f.blocks as string | undefined,
          layers: intFlag(f.layers as string, '--layers'),
          seed: intFlag(f.seed as string, '--seed'),
          glideState: f.glide as 'P' | 'O',
        });
        if (f.json) return printJson(r);
        process.stdout.write(
          `${r.sequence}\n\n${r.slabs} slabs (${r.model}, seed ${r.seed ?? '-'}): φ₂ = ${fmt(r.measured.phi2, 4)}, α = ${fmt(r.measured.alpha, 4)}, β = ${r.measured.beta === null ? 'n/a' : fmt(r.measured.beta, 4)}\n`,
        );
      } catch (err) {
        failWith(err);
      }
    });

  stacking
    .command('build')
    .description('atomic model of a stacking sequence (one periodic repeat) → CIF, with its space group')
    .argument('[seq]', 'stacking sequence in any notation')
    .option('--file <path>', 'read the sequence from a text file')
    .option('--composition <formula>', 'NaₓMO₂, e.g. Na0.46Mn0.9Ni0.1O2', 'Na0.46Mn0.9Ni0.1O2')
    .option('--a <Å>', 'in-plane lattice parameter')
    .option('--h <Å>', 'vertical O–M distance in a slab (default from the M–O bond)')
    .option('--bond <Å>', 'M–O bond length used for h')
    .option('--dP <Å>', 'P-type interlayer spacing')
    .option('--dO <Å>', 'O-type interlayer spacing')
    .option('--na-edge <fraction>', 'fraction of P2 Na on Na_e (rest on Na_f)')
    .option('--p3-sites <which>', 'both | single prism set in P3 interlayers', 'both')
    .option('--cif <out>', 'write the CIF here')
    .option('--json', 'print one JSON document on stdout')
    .action((seq: string | undefined, f: Record<string, string | boolean | undefined>) => {
      try {
        loadSpaceGroupsNode();
        const input = sequenceInput(seq, f.file as string | undefined);
        const p3 = f.p3Sites as string;
        if (p3 !== 'both' && p3 !== 'single')
          throw new InputError('unknown P3 site choice', {
            field: '--p3-sites',
            found: p3,
            expected: 'both or single',
          });
        const r = stackingBuild({
          sequence: input.sequence,
          composition: f.composition as string,
          a: numberFlag(f.a as string | undefined, '--a'),
          h: numberFlag(f.h as string | undefined, '--h'),
          bond: numberFlag(f.bond as string | undefined, '--bond'),
          dP: numberFlag(f.dP as string | undefined, '--dP'),
          dO: numberFlag(f.dO as string | undefined, '--dO'),
          naEdgeFractionP2: numberFlag(f.naEdge as string | undefined, '--na-edge'),
          naP3Sites: p3,
        });
        if (f.cif) {
          try {
            writeOutputFile(f.cif as string, r.cif);
          } catch (err) {
            throw new InputError(`cannot write the CIF: ${(err as Error).message}`, {
              file: f.cif as string,
            });
          }
        }
        if (f.json) return printJson({ ...r, cif: f.cif ? undefined : r.cif, cifFile: f.cif ?? null });
        process.stdout.write(
          `${r.slabs} slabs (${r.polytype}), space group ${r.spaceGroup ? `${r.spaceGroup.symbol} (${r.spaceGroup.number})` : '?'}, a = ${fmt(r.cell.a, 4)} Å, c = ${fmt(r.cell.c, 4)} Å, ${r.sites} sites${f.cif ? `, CIF written to ${f.cif}` : ''}\n`,
        );
        if (!f.cif) process.stdout.write(r.cif);
      } catch (err) {
        failWith(err);
      }
    });

  stacking
    .command('xrd')
    .description('powder pattern of a faulted / intergrown stack (recursion, explicit or averaged)')
    .argument('[seq]', 'a stacking sequence: the exact pattern of this one stack')
    .option('--diffax <file>', 'DIFFaX-format input file')
    .option(
      '--model <kind>',
      'ready-made intergrowth model: phase-type (--phi2 --alpha --beta) or markov (--phi2 --alpha)',
    )
    .option('--phi2 <x>', 'model: fraction of 2-type interlayers')
    .option('--alpha <x>', 'model: interphases per interlayer')
    .option('--beta <x>', 'model: CV of interphase spacings')
    .option('--glide <state>', 'model: P (P2/P3) or O (O2/O3)', 'P')
    .option('--composition <formula>', 'NaₓMO₂ for sequence/model inputs', 'Na0.46Mn0.9Ni0.1O2')
    .option('--explicit', 'simulate one random explicit stack drawn from the model')
    .option('--average <K>', 'average K random explicit stacks')
    .option('--layers <N>', 'finite crystal of N layers (or the length of explicit stacks)')
    .option('--seed <n>', 'seed for random stacks', '1')
    .option('--range <min:max>', '2θ range in degrees', '5:90')
    .option('--step <deg>', '2θ bin width in degrees', '0.02')
    .option('--wavelength <Å>', 'wavelength in Å (default: DIFFaX file, else Cu Kα1 1.5406)')
    .option('--fwhm <deg>', 'Gaussian instrument FWHM in degrees (overrides the file)')
    .option(
      '--profile <u,v,w,eta>',
      'pseudo-Voigt FWHM² = u tan²θ + v tanθ + w (deg²), Lorentzian fraction eta',
    )
    .option('--workers <N>', 'worker threads across (h,k) rods; same numbers for any N', '1')
    .option('--raw', 'also output the unbroadened pattern as "raw"')
    .option('--csv <out>', 'write two_theta,intensity[,raw] as CSV')
    .option('--json', 'print one JSON document on stdout')
    .action(async (seq: string | undefined, f: Record<string, string | boolean | undefined>) => {
      const progress = progressBar('stacking xrd');
      try {
        const range = /^\s*(-?[0-9.]+)\s*[:,]\s*(-?[0-9.]+)\s*$/.exec(f.range as string);
        if (!range)
          throw new InputError('cannot read the 2θ range', {
            field: '--range',
            found: String(f.range),
            expected: 'min:max in degrees, e.g. 5:90',
          });
        if (!['P', 'O'].includes(f.glide as string))
          throw new InputError('unknown glide state', {
            field: '--glide',
            found: String(f.glide),
            expected: 'P or O',
          });
        const req: StackingXrdRequest = {
          twoThetaRange: [Number(range[1]), Number(range[2])],
          step: numberFlag(f.step as string, '--step') as number,
          wavelength: numberFlag(f.wavelength as string | undefined, '--wavelength'),
          composition: f.composition as string,
          explicit: Boolean(f.explicit),
          average: intFlag(f.average as string | undefined, '--average'),
          layers: intFlag(f.layers as string | undefined, '--layers'),
          seed: intFlag(f.seed as string, '--seed'),
        };
        if (seq !== undefined) req.sequence = seq;
        if (f.diffax) {
          const { text, fileName } = readTextFile(f.diffax as string);
          req.diffax = { text, fileName };
        }
        if (f.model !== undefined) {
          if (f.model !== 'phase-type' && f.model !== 'markov')
            throw new InputError('unknown model', {
              field: '--model',
              found: String(f.model),
              expected: 'phase-type or markov',
            });
          const need = (k: string) => {
            const v = numberFlag(f[k] as string | undefined, `--${k}`);
            if (v === undefined) throw new InputError('missing value', { field: `--${k}` });
            return v;
          };
          req.model = {
            kind: f.model,
            phi2: need('phi2'),
            alpha: need('alpha'),
            // Markov: β follows from q; the operation rejects a given --beta with a clear message.
            beta:
              f.model === 'phase-type' ? need('beta') : numberFlag(f.beta as string | undefined, '--beta'),
            glideState: f.glide as 'P' | 'O',
          };
        }
        const fwhm = numberFlag(f.fwhm as string | undefined, '--fwhm');
        if (fwhm !== undefined) req.broadening = { kind: 'gaussian', fwhmDeg: fwhm };
        if (f.profile !== undefined) {
          const parts = (f.profile as string).split(',').map(Number);
          if (parts.length !== 4 || parts.some((x) => !Number.isFinite(x)))
            throw new InputError('cannot read the profile', {
              field: '--profile',
              found: String(f.profile),
              expected: 'u,v,w,eta',
            });
          req.broadening = { kind: 'pseudo-voigt', u: parts[0], v: parts[1], w: parts[2], sigma: parts[3] };
        }
        const r = await stackingXrdParallel(req, {
          includeRaw: Boolean(f.raw) || Boolean(f.csv),
          onProgress: progress.onProgress,
          workers: checkWorkers(intFlag(f.workers as string, '--workers'), '--workers'),
        });
        progress.stop();
        if (f.csv) {
          const rows = ['two_theta_deg,intensity,raw'];
          r.twoTheta.forEach((t, i) => {
            rows.push(`${t},${r.intensity[i]},${r.raw?.[i] ?? ''}`);
          });
          try {
            writeOutputFile(f.csv as string, `${rows.join('\n')}\n`);
          } catch (err) {
            throw new InputError(`cannot write CSV: ${(err as Error).message}`, { file: f.csv as string });
          }
          if (!f.raw) delete r.raw;
        }
        if (f.json) return printJson(r);
        let iMax = 0;
        r.intensity.forEach((v, i) => {
          if (v > r.intensity[iMax]) iMax = i;
        });
        process.stdout.write(
          `${r.mode}, ${r.layerTypes} layer types, λ = ${r.wavelengthAngstrom} Å, ${r.twoTheta.length} points, ${r.rods.length} rods; strongest at 2θ = ${fmt(r.twoTheta[iMax], 2)}°${f.csv ? `; CSV written to ${f.csv}` : ''}\n`,
        );
      } catch (err) {
        progress.stop();
        failWith(err);
      }
    });
}
