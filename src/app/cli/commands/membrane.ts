import type { Command } from 'commander';
import { membraneOperation } from '../../operations/interface.ts';
import { failWith, fmt, printJson, table } from '../output.ts';

interface MembraneFlags {
  sigma?: string;
  electrolyte?: string;
  T?: string;
  thickness: string;
  anodeAsr?: string;
  cathodeInterfaceAsr?: string;
  cathodeAsr?: string;
  target?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('membrane')
    .description(
      'solid-electrolyte membrane ASR = L/σ for thicknesses and conductivities, and a cell resistance budget',
    )
    .option('--sigma <list>', 'conductivities with unit, comma-separated, e.g. 1mS/cm,3mS/cm')
    .option(
      '--electrolyte <id>',
      'take σ of an electrolyte id of data/interface/electrolytes.json instead (NASICON dataset estimate, bulk + grain boundary)',
    )
    .option('--T <temperature>', 'temperature for --electrolyte, e.g. 25C', '25C')
    .option('--thickness <list>', 'thicknesses with unit, comma-separated', '20um,50um,100um,300um,1000um')
    .option('--anode-asr <ohm.cm2>', 'anode interface ASR (Ω·cm²) for the budget (first σ and thickness)')
    .option('--cathode-interface-asr <ohm.cm2>', 'cathode interface ASR (Ω·cm²) for the budget')
    .option('--cathode-asr <ohm.cm2>', 'cathode ASR (Ω·cm²) for the budget')
    .option('--target <ohm.cm2>', 'target total ASR (Ω·cm²): prints the thickest membrane that meets it')
    .option('--json', 'print one JSON document on stdout')
    .action((flags: MembraneFlags) => {
      try {
        const r = membraneOperation(flags);
        if (flags.json) return printJson(r);
        const rows = r.rows.map((x) => [fmt(x.sigma_mS_per_cm, 3), ...x.asr_ohm_cm2.map((a) => fmt(a, 2))]);
        let out = `${table(['σ (mS/cm)', ...r.thickness_um.map((l) => `${fmt(l, 0)} µm`)], rows)}\nASR in Ω·cm² (${r.convention}); σ from ${r.sigmaSource}\n`;
        if (r.budget) {
          out += `\n${table(
            ['part', 'ASR (Ω·cm²)', 'share'],
            r.budget.items.map((i) => [i.part, fmt(i.asr_ohm_cm2, 2), `${fmt(i.share * 100, 1)} %`]),
          )}\ntotal ${fmt(r.budget.totalAsr_ohm_cm2, 2)} Ω·cm²`;
          if (flags.target !== undefined)
            out += `; thickest membrane for the target: ${r.budget.maxThicknessForTarget_um === null ? 'none (other parts exceed it)' : `${fmt(r.budget.maxThicknessForTarget_um, 0)} µm`}`;
          out += '\n';
        }
        process.stdout.write(out);
      } catch (err) {
        failWith(err);
      }
    });
}
