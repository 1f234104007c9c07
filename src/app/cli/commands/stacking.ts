import type { Command } from 'commander';
import { InputError } from '../../../core/errors.ts';
import { stackingAnalyze, stackingGenerate } from '../../operations/stacking.ts';
import { readTextFile } from '../io.ts';
import { failWith, fmt, printJson, table } from '../output.ts';

/** Number flag reader: undefined stays undefined, anything else must be a finite number. */
export function numberFlag(v: string | undefined, field: string): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new InputError('not a number', { field, found: v });
  return x;
}

export function intFlag(v: string | undefined, field: string): number | undefined {
  const x = numberFlag(v, field);
  if (x !== undefined && !Number.isInteger(x)) throw new InputError('not a whole number', { field, found: v });
  return x;
}

/** A sequence from the argument or from --file (comment lines starting with # are skipped). */
export function sequenceInput(seq: string | undefined, file: string | undefined): { sequence: string; source: string } {
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
  const stacking = program.command('stacking').description('layered-oxide stacking sequences: analyse, generate, build, simulate XRD');

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
          throw new InputError('unknown model', { field: '--model', found: model, expected: 'markov, phase-type or block' });
        if (!['P', 'O'].includes(f.glide as string))
          throw new InputError('unknown glide state', { field: '--glide', found: String(f.glide), expected: 'P or O' });
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
}
