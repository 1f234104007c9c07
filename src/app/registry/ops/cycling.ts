/**
 * Galvanostatic cycling operations for the HTTP API and the workbench: the per-cycle summary (with the
 * voltage–capacity curves of chosen cycles for plotting) and dQ/dV of one cycle. Both read the upload
 * with the same reader and call the same functions as `natrium cycling summary|dqdv`.
 */
import { z } from 'zod';
import type { StepTable } from '../../../electrochem/cycling/index.ts';
import { CYCLER_FORMATS, type CyclingData } from '../../../io/cycling/index.ts';
import { type CyclingSummaryRequest, cyclingDqdv, cyclingSummaryWithData } from '../../operations/cycling.ts';
import { defineOperation } from '../types.ts';
import { fileContent } from './eis.ts';

export const CyclerFile = z
  .object({
    fileName: z.string().max(300).optional().describe('Name of the export; used in messages.'),
    text: z.string().optional().describe('File content as text.'),
    base64: z.string().optional().describe('File content as base64 bytes.'),
    format: z
      .enum(CYCLER_FORMATS as unknown as [string, ...string[]])
      .optional()
      .describe('Force a reader; default auto-detection from the content.'),
    metadataText: z.string().optional().describe('Arbin: text of the companion *_Metadata.csv.'),
    logText: z.string().optional().describe('BioLogic: text of the run log (.mpl).'),
  })
  .meta({ id: 'CyclerFile', description: 'A cycler export (text or base64 bytes) and its companion files.' });
type CyclerFile = z.infer<typeof CyclerFile>;

function readOptions(file: CyclerFile): NonNullable<CyclingSummaryRequest['read']> {
  return {
    ...(file.format ? { format: file.format } : {}),
    ...(file.metadataText !== undefined ? { metadataText: file.metadataText } : {}),
    ...(file.logText !== undefined ? { logText: file.logText } : {}),
  };
}

const StepOptions = z
  .object({
    restCurrent_A: z.number().nonnegative().optional().describe('|I| below this is rest, A.'),
    cvVoltageTolerance_V: z.number().positive().optional(),
    cvCurrentDropFraction: z.number().gt(0).lt(1).optional(),
  })
  .optional();

/** Most points kept per half-cycle curve; longer curves are thinned evenly (end points kept). */
const DEFAULT_CURVE_POINTS = 600;

export interface HalfCycleCurve {
  cycle: number;
  direction: 'charge' | 'discharge';
  /** Charge passed since the start of the half-cycle (CC and CV steps together), mAh, ≥ 0. */
  capacity_mAh: number[];
  voltage_V: number[];
}

/**
 * Voltage against capacity of each charge and discharge half-cycle of the chosen cycles, from the
 * step table's cumulative ∫I dt (the same integration as the summary): inside each step the capacity
 * is |Q(row) − Q(step start row)| plus the whole charge of the earlier steps of the half-cycle.
 */
export function halfCycleCurves(
  data: CyclingData,
  table: StepTable,
  cycles: number[],
  maxPoints = DEFAULT_CURVE_POINTS,
): HalfCycleCurve[] {
  const wanted = new Set(cycles);
  const out = new Map<string, HalfCycleCurve & { offset_mAh: number }>();
  const v = data.columns.voltage_V;
  const q = table.cumulativeCharge_Ah;
  for (const s of table.steps) {
    if (!wanted.has(s.cycle) || s.type === 'rest') continue;
    const direction = s.type === 'charge' || s.type === 'cvCharge' ? 'charge' : 'discharge';
    const key = `${s.cycle}:${direction}`;
    let c = out.get(key);
    if (!c) {
      c = { cycle: s.cycle, direction, capacity_mAh: [], voltage_V: [], offset_mAh: 0 };
      out.set(key, c);
    }
    for (let i = s.startRow; i < s.endRow; i++) {
      c.capacity_mAh.push(c.offset_mAh + 1000 * Math.abs(q[i] - q[s.startRow]));
      c.voltage_V.push(v[i]);
    }
    c.offset_mAh += 1000 * Math.abs(s.charge_Ah);
  }
  return [...out.values()]
    .sort((a, b) => a.cycle - b.cycle || (a.direction === 'charge' ? -1 : 1))
    .map(({ offset_mAh: _o, ...c }) => thin(c, maxPoints));
}

function thin(c: HalfCycleCurve, maxPoints: number): HalfCycleCurve {
  const n = c.voltage_V.length;
  if (n <= maxPoints) return c;
  const idx = Array.from({ length: maxPoints }, (_, k) => Math.round((k * (n - 1)) / (maxPoints - 1)));
  return { ...c, capacity_mAh: idx.map((i) => c.capacity_mAh[i]), voltage_V: idx.map((i) => c.voltage_V[i]) };
}

const numbers = z.array(z.number());

export const cyclingSummaryOp = defineOperation({
  id: 'cycling.summary',
  title: 'Cycling summary',
  description:
    'Per-cycle charge/discharge capacity, coulombic and energy efficiency, mean voltages, retention; plus the voltage–capacity curves of chosen cycles.',
  input: z.object({
    file: CyclerFile,
    activeMass_g: z.number().positive().optional().describe('Active mass, g (adds mAh/g columns).'),
    referenceCycle: z.number().int().optional().describe('Cycle that retention is relative to.'),
    ceConvention: z.enum(['dischargeOverCharge', 'chargeOverDischarge']).optional(),
    steps: StepOptions,
    curveCycles: z
      .array(z.number().int())
      .max(50)
      .optional()
      .describe('Cycles whose V–Q curves are returned (default: the first, second and last).'),
    maxCurvePoints: z.number().int().min(10).max(20_000).optional(),
  }),
  output: z.looseObject({
    format: z.string(),
    rows: z.number().int(),
    cycles: z.array(
      z.object({
        cycle: z.number().int(),
        chargeCapacity_mAh: z.number(),
        dischargeCapacity_mAh: z.number(),
        coulombicEfficiency: z.number().nullable(),
      }),
    ),
    warnings: z.array(z.string()),
    curves: z.array(
      z.object({
        cycle: z.number().int(),
        direction: z.enum(['charge', 'discharge']),
        capacity_mAh: numbers,
        voltage_V: numbers,
      }),
    ),
  }),
  run(_ctx, req) {
    const content = fileContent(req.file);
    const options = readOptions(req.file);
    const { summary, data, table } = cyclingSummaryWithData(content, req.file.fileName, {
      read: options,
      activeMass_g: req.activeMass_g,
      referenceCycle: req.referenceCycle,
      ceConvention: req.ceConvention,
      steps: req.steps,
    });
    const numbersOfCycles = summary.cycles.map((c) => c.cycle);
    const cycles =
      req.curveCycles ??
      [...new Set([numbersOfCycles[0], numbersOfCycles[1], numbersOfCycles.at(-1)])].filter(
        (c): c is number => c !== undefined,
      );
    return { ...summary, curves: halfCycleCurves(data, table, cycles, req.maxCurvePoints) };
  },
});

export const cyclingDqdvOp = defineOperation({
  id: 'cycling.dqdv',
  title: 'Differential capacity dQ/dV',
  description:
    'dQ/dV (and dV/dQ) of one cycle: monotone pieces of each constant-current step, Savitzky–Golay smoothing on a uniform voltage grid, peaks with prominence and area.',
  input: z.object({
    file: CyclerFile,
    cycle: z.number().int().describe('Cycle number as in the summary table.'),
    steps: StepOptions,
    gridStep_V: z.number().positive().optional().describe('Voltage grid step, V.'),
    smoothingWindow_V: z.number().positive().optional().describe('Savitzky–Golay window, V.'),
    polynomialOrder: z.number().int().min(1).max(6).optional(),
    minPeakProminenceFraction: z.number().gt(0).lt(1).optional(),
  }),
  output: z.looseObject({
    cycle: z.number().int(),
    segments: z.array(
      z.object({
        direction: z.enum(['charge', 'discharge']),
        voltage_V: numbers,
        dQdV_mAh_per_V: numbers,
        peaks: z.array(z.object({ voltage_V: z.number(), height_mAh_per_V: z.number() })),
      }),
    ),
    warnings: z.array(z.string()),
  }),
  run(_ctx, req) {
    return {
      ...cyclingDqdv(fileContent(req.file), req.file.fileName, {
        read: readOptions(req.file),
        cycle: req.cycle,
        steps: req.steps,
        gridStep_V: req.gridStep_V,
        smoothingWindow_V: req.smoothingWindow_V,
        polynomialOrder: req.polynomialOrder,
        minPeakProminenceFraction: req.minPeakProminenceFraction,
      }),
    };
  },
});

export const operations = [cyclingSummaryOp, cyclingDqdvOp];
