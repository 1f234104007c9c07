import type { Command } from 'commander';
import { loadSpaceGroupsNode } from '../../../crystal/spacegroup.node.ts';
import { parseCif } from '../../../io/cif/index.ts';
import { summarizeStructure } from '../../operations/structureSummary.ts';
import { readTextFile } from '../io.ts';
import { failWith, fmt, printJson, table } from '../output.ts';

export function register(program: Command): void {
  program
    .command('cif')
    .description('read a CIF file: formula, cell, space group, sites and warnings')
    .argument('<file>', 'CIF file')
    .option('--block <name>', 'data block to read (name or 0-based index; default: first with a structure)')
    .option('--json', 'print one JSON document on stdout')
    .action((file: string, opts: { block?: string; json?: boolean }) => {
      try {
        loadSpaceGroupsNode();
        const { text, fileName } = readTextFile(file);
        const parsed = parseCif(text, { fileName, block: blockOption(opts.block) });
        const summary = summarizeStructure(parsed.structure, parsed.warnings);
        if (opts.json) return printJson({ file: fileName, block: parsed.blockName, ...summary });
        const c = summary.cell;
        const lines = [
          `${fileName} [data_${parsed.blockName}]`,
          `formula        ${summary.formula}`,
          `space group    ${summary.spaceGroup.symbol ?? '?'} (No. ${summary.spaceGroup.number ?? '?'})`,
          `cell           a = ${fmt(c.a)} Å  b = ${fmt(c.b)} Å  c = ${fmt(c.c)} Å`,
          `               α = ${fmt(c.alpha, 3)}°  β = ${fmt(c.beta, 3)}°  γ = ${fmt(c.gamma, 3)}°  V = ${fmt(c.volume, 3)} Å³`,
          `density        ${fmt(summary.density, 4)} g/cm³ (${summary.atomsInCell} atoms in the cell)`,
          '',
          table(
            ['site', 'species', 'Wyckoff', 'x', 'y', 'z', 'occ', 'Uiso (Å²)'],
            summary.sites.map((s) => [
              s.label,
              s.species,
              s.wyckoff ?? '-',
              fmt(s.x, 5),
              fmt(s.y, 5),
              fmt(s.z, 5),
              fmt(s.occupancy, 3),
              fmt(s.uIso, 4),
            ]),
          ),
        ];
        if (summary.warnings.length) lines.push('', ...summary.warnings.map((w) => `warning: ${w.message}`));
        process.stdout.write(`${lines.join('\n')}\n`);
      } catch (err) {
        failWith(err);
      }
    });
}

export function blockOption(block: string | undefined): string | number | undefined {
  if (block === undefined) return undefined;
  return /^\d+$/.test(block) ? Number(block) : block;
}
