import type { Command } from 'commander';
import { InputError } from '../../../core/errors.ts';
import { MITIGATIONS } from '../../../interface/index.ts';
import { interfaceCcd, interfaceCompare, interfaceSimulate } from '../../operations/interface.ts';
import { readTextFile } from '../io.ts';
import { failWith, fmt, printJson, table } from '../output.ts';
import { progressBar } from '../progress.ts';

interface CellFlags {
  electrolyte: string;
  thickness: string;
  T: string;
  pressure: string;
  protocol: string;
  mitigation?: string;
  flawSize?: string;
  relativeDensity?: string;
  zro2?: string;
  naLoss?: string;
  grainSize?: string;
  json?: boolean;
}

function cellOptions(cmd: Command): Command {
  return cmd
    .option(
      '--electrolyte <id>',
      'electrolyte id (data/interface/electrolytes.json); σ comes from the NASICON dataset estimate for its formula',
      'Na3Zr2Si2PO12',
    )
    .option('--thickness <length>', 'membrane thickness with unit, e.g. 500um', '500um')
    .option('--T <temperature>', 'temperature, e.g. 25C or 298K (a bare number is °C)', '25C')
    .option('--pressure <pressure>', 'stack pressure with unit, e.g. 1MPa', '1MPa')
    .option(
      '--protocol <spec>',
      'step-ramp:START:INC:DURATION[:STEPS] | linear-ramp:RATE_PER_H:MAX | cycling:J:CAPACITY:DURATION (currents in mA/cm² unless a unit is given)',
      'step-ramp:0.05:0.05:30min',
    )
    .option(
      '--flaw-size <length>',
      'largest surface flaw, e.g. 10um (default: Weibull scale of the parameters)',
    )
    .option(
      '--relative-density <fraction>',
      'manufacturing: relative density, e.g. 0.95 (empirical σ and K_IC relations)',
    )
    .option('--zro2 <fraction>', 'manufacturing: ZrO2 second-phase volume fraction, e.g. 0.03')
    .option('--na-loss <fraction>', 'manufacturing: fraction of Na lost in sintering, e.g. 0.02')
    .option('--grain-size <length>', 'manufacturing: grain size, e.g. 3um (grain-boundary term)')
    .option('--json', 'print one JSON document on stdout');
}

function intOption(v: string | undefined, field: string): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === '' || !Number.isInteger(x))
    throw new InputError('not a whole number', { field, found: v });
  return x;
}

export function register(program: Command): void {
  const iface = program
    .command('interface')
    .description('metal | NASICON interface: symmetric-cell simulation, CCD, mitigations');

  cellOptions(
    iface
      .command('simulate')
      .description(
        'simulate a symmetric metal | electrolyte | metal cell and read its critical current density off the trace',
      ),
  )
    .option(
      '--mitigation <ids>',
      `apply strategies (comma-separated): ${MITIGATIONS.filter((m) => m.simulated)
        .map((m) => m.id)
        .join(', ')}`,
    )
    .option('--cells <n>', 'also run a Weibull flaw ensemble of n cells')
    .option('--seed <n>', 'seed of the ensemble', '1')
    .option('--trace-points <n>', 'maximum points of the trace in the JSON', '2000')
    .action((flags: CellFlags & { cells?: string; seed: string; tracePoints: string }) => {
      const progress = progressBar('cells');
      try {
        const r = interfaceSimulate({
          ...flags,
          zirconia: flags.zro2,
          cells: intOption(flags.cells, '--cells'),
          seed: intOption(flags.seed, '--seed'),
          tracePoints: intOption(flags.tracePoints, '--trace-points'),
          onProgress: progress.onProgress,
        });
        progress.stop();
        if (flags.json) return printJson(r);
        const c = r.conditions;
        const lines = [
          `${c.metal} | ${c.electrolyte} | ${c.metal}, ${fmt(c.thickness_um, 0)} µm, ${fmt(c.T_K - 273.15, 1)} °C, ${fmt(c.pressure_MPa, 2)} MPa${c.mitigations.length ? `, with ${c.mitigations.join(', ')}` : ''}`,
          `protocol: ${c.protocol}`,
          `interfacial ASR ${fmt(r.asr_ohm_cm2, 1)} Ω·cm² per interface (contact fraction ${fmt(r.contactFraction, 3)}), electrolyte ${fmt(r.electrolyteAsr_ohm_cm2, 1)} Ω·cm², cell ${fmt(r.cellAsr_ohm_cm2, 1)} Ω·cm²`,
          `electrolyte σ ${fmt(r.electrolyteSigma_S_per_cm * 1e3, 3)} mS/cm at ${fmt(c.T_K - 273.15, 1)} °C from the NASICON dataset estimate for ${r.electrolyteConductivity.formula} (rows ${r.electrolyteConductivity.basis.map((b) => b.id).join(', ')}${r.electrolyteConductivity.interpolated.acrossRows || r.electrolyteConductivity.interpolated.inTemperature ? '; interpolated' : ''})`,
          `critical stripping current ${fmt(r.criticalStrippingCurrent_mA_cm2, 3)} mA/cm²; η_crit of the ${fmt(c.flawSize_um, 1)} µm flaw ${fmt(r.flawCriticalOverpotential_mV, 1)} mV`,
          `CCD (read-off) ${r.ccd_mA_cm2 === null ? 'none within the protocol' : `${fmt(r.ccd_mA_cm2, 3)} mA/cm² (${r.ccdCriterion})`}; model failure: ${r.failure ? `${r.failure.mode} at ${fmt(r.failure.current_mA_cm2, 3)} mA/cm², ${fmt(r.failure.time_s / 3600, 2)} h — ${r.failure.explanation}` : 'none'}`,
          `Monroe–Newman G_SE/G_metal = ${fmt(r.monroeNewman.ratio, 1)} (${r.monroeNewman.passes ? 'passes' : 'fails'}; ${r.monroeNewman.caveat})`,
        ];
        if (r.ensemble?.ccdQuantiles_mA_cm2) {
          const q = r.ensemble.ccdQuantiles_mA_cm2;
          lines.push(
            `ensemble of ${r.ensemble.cells} cells: CCD p10/p50/p90 = ${fmt(q.p10, 3)} / ${fmt(q.p50, 3)} / ${fmt(q.p90, 3)} mA/cm²`,
          );
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      } catch (err) {
        progress.stop();
        failWith(err);
      }
    });

  cellOptions(
    iface
      .command('compare')
      .description('rank mitigation strategies by CCD, interfacial ASR and time-to-short'),
  )
    .option(
      '--mitigation <ids>',
      'comma-separated strategies; join with + to combine (e.g. au-interlayer,gb-sealing+stack-pressure-9mpa)',
    )
    .option('--cycle-current <j>', 'current of the time-to-short cycling test', '0.1mA/cm2')
    .option('--cycle-capacity <q>', 'areal capacity per half cycle', '0.1mAh/cm2')
    .option('--cycle-hours <t>', 'duration of the cycling test', '100h')
    .action((flags: CellFlags & { cycleCurrent: string; cycleCapacity: string; cycleHours: string }) => {
      try {
        const r = interfaceCompare({ ...flags, zirconia: flags.zro2 });
        if (flags.json) return printJson(r);
        const rows = r.rows.map((x) => [
          x.rank,
          x.label,
          x.ccd_mA_cm2 === null ? '> ramp' : fmt(x.ccd_mA_cm2, 3),
          fmt(x.interfaceAsr_ohm_cm2, 1),
          x.shortAt_h === null ? 'none' : fmt(x.shortAt_h, 2),
        ]);
        process.stdout.write(
          `${table(['rank', 'strategy', 'CCD (mA/cm²)', 'ASR (Ω·cm²)', 'short at (h)'], rows)}\n\nranking: ${r.ranking}\nnot simulated (no numbers): ${r.notSimulated.map((x) => x.id).join(', ')}\n`,
        );
      } catch (err) {
        failWith(err);
      }
    });

  iface
    .command('ccd')
    .description(
      'read the critical current density off a measured symmetric-cell trace: a cycler export (Arbin, Maccor, BioLogic, Novonix, generic CSV; format auto-detected, needs --area or --diameter) or a CSV with time_s, voltage_V, current_mA_cm2',
    )
    .argument('<file>', 'cycler export or CSV file')
    .option('--area <area>', 'electrode area for cycler files (current in A), e.g. 0.785cm2 or 78.5mm2')
    .option('--diameter <length>', 'electrode diameter instead of --area, e.g. 10mm')
    .option(
      '--format <name>',
      'cycler format instead of auto-detection: arbin, maccor, biologic, novonix, generic',
    )
    .option('--protocol-type <type>', 'auto (default), step or ramp', 'auto')
    .option('--voltage-limit <V>', 'cut-off voltage in V (default 2)')
    .option('--json', 'print one JSON document on stdout')
    .action(
      (
        file: string,
        flags: {
          area?: string;
          diameter?: string;
          format?: string;
          protocolType: string;
          voltageLimit?: string;
          json?: boolean;
        },
      ) => {
        try {
          const { text, fileName } = readTextFile(file);
          let limit: number | undefined;
          if (flags.voltageLimit !== undefined) {
            limit = Number(flags.voltageLimit.replace(/V$/, ''));
            if (!(limit > 0))
              throw new InputError('not a positive voltage', {
                field: '--voltage-limit',
                found: flags.voltageLimit,
              });
          }
          const r = interfaceCcd({
            input: text,
            fileName,
            area: flags.area,
            diameter: flags.diameter,
            format: flags.format,
            protocol: flags.protocolType,
            voltageLimit_V: limit,
          });
          if (flags.json) return printJson(r);
          const lines = [
            `${fileName}: ${r.points} points read as ${r.reader}${r.area_cm2 === null ? '' : `, current ÷ ${fmt(r.area_cm2, 4)} cm² (${r.areaFrom})`}`,
            r.message,
          ];
          if (r.verdict === 'ccd' || r.verdict === 'no-failure')
            lines.push(
              `last stable ${fmt(r.lastStableCurrent_mA_cm2 ?? undefined, 4)} mA/cm²`,
              `method: ${r.method}`,
            );
          process.stdout.write(`${lines.join('\n')}\n`);
        } catch (err) {
          failWith(err);
        }
      },
    );
}
