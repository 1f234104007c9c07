import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../../core/errors.ts';
import { decodeText, detectCyclerFormat } from '../../../io/cycling/index.ts';
import {
  type CyclingDqdvRequest,
  type CyclingSummaryRequest,
  cyclingDqdv,
  cyclingSummary,
} from '../../operations/cycling.ts';
import { writeOutputFile } from '../../outputFiles.ts';
import { failWith, fmt, printJson, table } from '../output.ts';

interface ReadFlags {
  format?: string;
  map?: string;
  decimal?: string;
  dateOrder?: string;
  metadata?: string;
  log?: string;
  restCurrent?: string;
  cvTolerance?: string;
  json?: boolean;
}

interface SummaryFlags extends ReadFlags {
  massMg?: string;
  referenceCycle?: string;
  ce?: string;
  steps?: boolean;
}

interface DqdvFlags extends ReadFlags {
  cycle: string;
  gridStep?: string;
  window?: string;
  order?: string;
  turningTolerance?: string;
  csv?: string;
}

function readOptions(cmd: Command): Command {
  return cmd
    .option(
      '--format <name>',
      'arbin | maccor | biologic | novonix | generic (default: detected from the content)',
    )
    .option(
      '--map <spec>',
      'generic column map "time_s=Time (h)*3600,voltage_V=Ewe/V,current_A=I/mA*0.001" or a .json file {"time_s": "…"}',
    )
    .option('--decimal <sep>', "decimal separator '.' or ',' (default: detected)")
    .option('--date-order <order>', 'MDY | DMY for slash dates (default: detected, else MDY with a warning)')
    .option('--metadata <file>', 'Arbin *_Metadata.csv (default: found next to the file)')
    .option(
      '--log <file>',
      'BioLogic .mpl run log: date order and programmed steps (default: found next to the file)',
    )
    .option('--rest-current <A>', 'currents at or below this are rest, A (default 1e-4 × max |I|)')
    .option('--cv-tolerance <V>', 'voltage band of a constant-voltage hold, V (default 0.005)')
    .option('--json', 'print one JSON document on stdout');
}

export function register(program: Command): void {
  const cycling = program.command('cycling').description('battery cycler data: summaries and dQ/dV');

  readOptions(
    cycling
      .command('summary')
      .description('per-cycle capacities, coulombic and energy efficiency, mean voltages, retention')
      .argument(
        '<file>',
        'cycler export (Arbin CSV, Maccor text, BioLogic text/CSV, Novonix CSV, generic CSV)',
      ),
  )
    .option('--mass-mg <mg>', 'active mass in mg: adds mAh/g and mWh/g')
    .option(
      '--reference-cycle <n>',
      'cycle whose discharge capacity is 100 % retention (default: first with a discharge)',
    )
    .option(
      '--ce <convention>',
      'discharge-over-charge (positive electrode, default) | charge-over-discharge (negative electrode vs Na)',
    )
    .option('--steps', 'include the step table in the JSON')
    .action((file: string, flags: SummaryFlags) => {
      try {
        const { bytes, fileName, read } = load(file, flags);
        const request: CyclingSummaryRequest = {
          read,
          activeMass_g: flags.massMg !== undefined ? num(flags.massMg, '--mass-mg') / 1000 : undefined,
          referenceCycle:
            flags.referenceCycle !== undefined ? num(flags.referenceCycle, '--reference-cycle') : undefined,
          ceConvention: ceFlag(flags.ce),
          steps: stepFlags(flags),
          includeSteps: Boolean(flags.steps),
        };
        const r = cyclingSummary(bytes, fileName, request);
        if (flags.json) return printJson(r);
        const specific = r.activeMass_g !== null;
        const rows = r.cycles.map((c) => [
          c.cycle,
          fmt(c.chargeCapacity_mAh, 3),
          fmt(c.dischargeCapacity_mAh, 3),
          ...(specific ? [fmt(c.specificDischargeCapacity_mAh_g, 1)] : []),
          c.coulombicEfficiency === null ? '-' : fmt(100 * c.coulombicEfficiency, 2),
          c.energyEfficiency === null ? '-' : fmt(100 * c.energyEfficiency, 2),
          fmt(c.meanChargeVoltage_V ?? undefined, 4),
          fmt(c.meanDischargeVoltage_V ?? undefined, 4),
          c.retention === null ? '-' : fmt(100 * c.retention, 2),
        ]);
        const head = `${fileName}: ${r.format}, ${r.rows} rows, ${r.stepCount} steps, ${r.cycles.length} cycle(s); CE = ${r.ceConvention}; retention vs cycle ${r.referenceCycle ?? '-'}`;
        process.stdout.write(
          `${head}\n\n${table(
            [
              'cycle',
              'Qch (mAh)',
              'Qdis (mAh)',
              ...(specific ? ['Qdis (mAh/g)'] : []),
              'CE (%)',
              'EE (%)',
              'V̄ch (V)',
              'V̄dis (V)',
              'retention (%)',
            ],
            rows,
          )}\n${warningsText(r.warnings)}`,
        );
      } catch (err) {
        failWith(err);
      }
    });

  readOptions(
    cycling
      .command('dqdv')
      .description('dQ/dV and dV/dQ of one cycle on monotone segments, with peaks')
      .argument('<file>', 'cycler export'),
  )
    .requiredOption('--cycle <n>', 'cycle number as in the summary')
    .option('--grid-step <V>', 'voltage grid step, V (default 0.002)')
    .option('--window <V>', 'Savitzky–Golay window width, V (default 0.03)')
    .option('--order <p>', 'Savitzky–Golay polynomial order (default 3)')
    .option('--turning-tolerance <V>', 'voltage reversal that starts a new segment, V (default 0.01)')
    .option('--csv <out>', 'write voltage_V,dQdV_mAh_per_V,segment,direction to a CSV file')
    .action((file: string, flags: DqdvFlags) => {
      try {
        const { bytes, fileName, read } = load(file, flags);
        const request: CyclingDqdvRequest = {
          read,
          cycle: num(flags.cycle, '--cycle'),
          steps: stepFlags(flags),
          gridStep_V: optNum(flags.gridStep, '--grid-step'),
          smoothingWindow_V: optNum(flags.window, '--window'),
          polynomialOrder: optNum(flags.order, '--order'),
          turningTolerance_V: optNum(flags.turningTolerance, '--turning-tolerance'),
        };
        const r = cyclingDqdv(bytes, fileName, request);
        if (flags.csv) {
          const lines = ['segment,direction,voltage_V,capacity_mAh,dQdV_mAh_per_V'];
          r.segments.forEach((s, k) => {
            for (let i = 0; i < s.voltage_V.length; i++)
              lines.push(
                `${k},${s.direction},${s.voltage_V[i]},${s.capacity_on_grid_mAh[i]},${s.dQdV_mAh_per_V[i]}`,
              );
          });
          writeOutputFile(flags.csv, `${lines.join('\n')}\n`);
        }
        if (flags.json) return printJson(r);
        const out: string[] = [
          `${fileName}: cycle ${r.cycle}, ${r.segments.length} monotone segment(s)${r.monotone ? '' : ' (NOT monotone as recorded: see flags)'}`,
        ];
        for (const s of r.segments) {
          out.push(
            '',
            `${s.direction} (step ${s.step}, rows ${s.startRow}–${s.endRow - 1}, ${fmt(s.capacity_mAh, 3)} mAh, ${fmt(s.voltage_V[0], 3)}–${fmt(s.voltage_V[s.voltage_V.length - 1], 3)} V)`,
            table(
              ['V (V)', '|dQ/dV| (mAh/V)', 'area (mAh)', 'from (V)', 'to (V)'],
              s.peaks.map((p) => [
                fmt(p.voltage_V, 4),
                fmt(p.height_mAh_per_V, 2),
                fmt(p.area_mAh, 3),
                fmt(p.from_V, 3),
                fmt(p.to_V, 3),
              ]),
            ),
          );
        }
        for (const f of r.flags) out.push(`flag: step ${f.step}: ${f.problem}`);
        process.stdout.write(`${out.join('\n')}\n${warningsText(r.warnings)}`);
      } catch (err) {
        failWith(err);
      }
    });
}

function warningsText(w: string[]): string {
  return w.length ? `\n${w.map((x) => `warning: ${x}`).join('\n')}\n` : '';
}

function num(v: string, field: string): number {
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new InputError('not a number', { field, found: v });
  return x;
}

function optNum(v: string | undefined, field: string): number | undefined {
  return v === undefined ? undefined : num(v, field);
}

function ceFlag(v: string | undefined): CyclingSummaryRequest['ceConvention'] {
  if (v === undefined) return undefined;
  if (v === 'discharge-over-charge') return 'dischargeOverCharge';
  if (v === 'charge-over-discharge') return 'chargeOverDischarge';
  throw new InputError('unknown CE convention', {
    field: '--ce',
    found: v,
    expected: 'discharge-over-charge or charge-over-discharge',
  });
}

function stepFlags(f: ReadFlags) {
  return {
    restCurrent_A: optNum(f.restCurrent, '--rest-current'),
    cvVoltageTolerance_V: optNum(f.cvTolerance, '--cv-tolerance'),
  };
}

function readBytes(path: string, what = 'file'): Uint8Array {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new InputError(`${what} not found`, { file: path, expected: 'a path to an existing file' });
  }
  if (isDir) throw new InputError('is a directory, not a file', { file: path });
  return readFileSync(path);
}

/** Reads the file and turns the reader flags into the operation's read options. */
function load(path: string, f: ReadFlags) {
  const bytes = readBytes(path);
  const fileName = basename(path);
  const read: NonNullable<CyclingSummaryRequest['read']> = {};
  if (f.format !== undefined) read.format = f.format;
  if (f.decimal !== undefined) read.decimal = f.decimal as '.' | ',';
  if (f.dateOrder !== undefined) read.dateOrder = f.dateOrder.toUpperCase() as 'MDY' | 'DMY';
  if (f.map !== undefined) read.columnMap = parseMap(f.map);
  let metadataPath = f.metadata;
  if (metadataPath === undefined && (f.format === 'arbin' || f.format === undefined)) {
    // Arbin exports come with <name>_Metadata.csv next to them
    const sibling = join(dirname(path), `${basename(path, extname(path))}_Metadata.csv`);
    if (
      existsSync(sibling) &&
      detectCyclerFormat(Buffer.from(bytes.subarray(0, 4096)).toString('latin1')) === 'arbin'
    )
      metadataPath = sibling;
  }
  if (metadataPath !== undefined)
    read.metadataText = Buffer.from(readBytes(metadataPath, 'metadata file')).toString('utf8');
  let logPath = f.log;
  if (logPath === undefined && (f.format === 'biologic' || f.format === undefined)) {
    // BioLogic runs leave <name>.mpl next to the export
    const sibling = join(dirname(path), `${basename(path, extname(path))}.mpl`);
    const head = Buffer.from(bytes.subarray(0, 20000)).toString('latin1');
    if (existsSync(sibling) && detectCyclerFormat(head) === 'biologic') logPath = sibling;
  }
  if (logPath !== undefined) read.logText = decodeText(readBytes(logPath, 'log file'), basename(logPath));
  return { bytes, fileName, read };
}

/** "time_s=Time (h)*3600,voltage_V=Ewe/V" or a JSON file with the same object. */
function parseMap(spec: string): Record<string, string | { column: string; scale?: number }> {
  if (spec.trim().endsWith('.json')) {
    const text = Buffer.from(readBytes(spec, 'column map')).toString('utf8');
    try {
      return JSON.parse(text);
    } catch {
      throw new InputError('column map file is not valid JSON', {
        file: spec,
        expected: '{"time_s": "Time", …}',
      });
    }
  }
  const out: Record<string, { column: string; scale?: number }> = {};
  for (const part of spec.split(',')) {
    const m = /^\s*([A-Za-z_]+)\s*=\s*(.+?)(?:\s*\*\s*([-+0-9.eE]+))?\s*$/.exec(part);
    if (!m)
      throw new InputError('cannot read the column map entry', {
        field: '--map',
        found: part,
        expected: 'canonical=Vendor column or canonical=Vendor column*scale',
      });
    out[m[1]] = { column: m[2], ...(m[3] !== undefined ? { scale: num(m[3], '--map') } : {}) };
  }
  return out;
}
