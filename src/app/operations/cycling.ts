/**
 * Cycling operations shared by `natrium cycling …` and the HTTP API (registry/ops/cycling.ts): read a cycler export,
 * then summarise its cycles or compute dQ/dV of one cycle. Options are validated by one zod schema.
 */
import { z } from 'zod';
import { InputError } from '../../core/errors.ts';
import {
  type CyclingSummary,
  type DqdvResult,
  detectSteps,
  differentialCapacity,
  type Step,
  type StepTable,
  summarizeCycles,
} from '../../electrochem/cycling/index.ts';
import {
  CYCLER_FORMATS,
  type CyclingData,
  type CyclingReadOptions,
  parseCyclingFile,
} from '../../io/cycling/index.ts';

const positive = z.number().positive().finite();

export const cyclingReadSchema = z.object({
  format: z.enum(CYCLER_FORMATS as unknown as [string, ...string[]]).optional(),
  columnMap: z
    .record(
      z.string(),
      z.union([z.string(), z.object({ column: z.string(), scale: z.number().finite().optional() })]),
    )
    .optional(),
  decimal: z.enum(['.', ',']).optional(),
  dateOrder: z.enum(['MDY', 'DMY']).optional(),
  metadataText: z.string().optional(),
  logText: z.string().optional(),
});

export const stepOptionsSchema = z.object({
  restCurrent_A: z.number().nonnegative().finite().optional(),
  cvVoltageTolerance_V: positive.optional(),
  cvCurrentDropFraction: z.number().gt(0).lt(1).optional(),
});

export const cyclingSummarySchema = z.object({
  read: cyclingReadSchema.default({}),
  activeMass_g: positive.optional(),
  referenceCycle: z.number().int().optional(),
  ceConvention: z.enum(['dischargeOverCharge', 'chargeOverDischarge']).optional(),
  steps: stepOptionsSchema.optional(),
  includeSteps: z.boolean().optional(),
});

export const cyclingDqdvSchema = z.object({
  read: cyclingReadSchema.default({}),
  cycle: z.number().int(),
  steps: stepOptionsSchema.optional(),
  gridStep_V: positive.optional(),
  smoothingWindow_V: positive.optional(),
  polynomialOrder: z.number().int().min(1).max(6).optional(),
  turningTolerance_V: positive.optional(),
  minPeakProminenceFraction: z.number().gt(0).lt(1).optional(),
});

export type CyclingSummaryRequest = z.input<typeof cyclingSummarySchema>;
export type CyclingDqdvRequest = z.input<typeof cyclingDqdvSchema>;

/** Header of every cycling result: what was read and how. */
export interface CyclingFileInfo {
  file?: string;
  format: string;
  rows: number;
  signConvention: string;
  /** Programmed steps from a run log (BioLogic .mpl), when one was given. */
  protocol?: { step: number; controlType: string; direction: string; limit: string }[];
  /** Canonical column ← vendor column (× scale). */
  columns: Record<string, string>;
  metadata: Record<string, string>;
  warnings: string[];
}

export type CyclingSummaryResult = CyclingFileInfo & Omit<CyclingSummary, 'warnings'> & { steps?: Step[] };
export type CyclingDqdvResult = CyclingFileInfo & Omit<DqdvResult, 'signConvention'>;

function validate<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new InputError(issue.message, { field: issue.path.join('.') || undefined });
}

function read(
  input: string | Uint8Array,
  fileName: string | undefined,
  opts: z.output<typeof cyclingReadSchema>,
) {
  const data = parseCyclingFile(input, { ...(opts as CyclingReadOptions), fileName });
  const columns: Record<string, string> = {};
  for (const [k, s] of Object.entries(data.sources))
    if (s) columns[k] = s.scale === 1 ? s.column : `${s.column} × ${s.scale}`;
  const info: CyclingFileInfo = {
    file: fileName,
    format: data.format,
    rows: data.length,
    signConvention: data.signConvention,
    columns,
    metadata: data.metadata,
    ...(data.protocol ? { protocol: data.protocol } : {}),
    warnings: [...data.warnings],
  };
  return { data, info };
}

export function cyclingSummary(
  input: string | Uint8Array,
  fileName: string | undefined,
  request: CyclingSummaryRequest,
): CyclingSummaryResult {
  return cyclingSummaryWithData(input, fileName, request).summary;
}

/** The summary plus the parsed file and its step table, for callers that also plot curves (one parse). */
export function cyclingSummaryWithData(
  input: string | Uint8Array,
  fileName: string | undefined,
  request: CyclingSummaryRequest,
): { summary: CyclingSummaryResult; data: CyclingData; table: StepTable } {
  const r = validate(cyclingSummarySchema, request);
  const { data, info } = read(input, fileName, r.read);
  const table = detectSteps(data, r.steps);
  const { warnings, ...summary } = summarizeCycles(
    data,
    { activeMass_g: r.activeMass_g, referenceCycle: r.referenceCycle, ceConvention: r.ceConvention },
    table,
  );
  return {
    summary: {
      ...info,
      ...summary,
      warnings: [...info.warnings, ...warnings],
      ...(r.includeSteps ? { steps: table.steps } : {}),
    },
    data,
    table,
  };
}

export function cyclingDqdv(
  input: string | Uint8Array,
  fileName: string | undefined,
  request: CyclingDqdvRequest,
): CyclingDqdvResult {
  const r = validate(cyclingDqdvSchema, request);
  const { data, info } = read(input, fileName, r.read);
  const table = detectSteps(data, r.steps);
  const { signConvention: _sign, ...result } = differentialCapacity(
    data,
    r.cycle,
    {
      gridStep_V: r.gridStep_V,
      smoothingWindow_V: r.smoothingWindow_V,
      polynomialOrder: r.polynomialOrder,
      turningTolerance_V: r.turningTolerance_V,
      minPeakProminenceFraction: r.minPeakProminenceFraction,
    },
    table,
  );
  return { ...info, ...result };
}
