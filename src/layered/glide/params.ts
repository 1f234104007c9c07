import { z } from 'zod';
import paramData from '../../../data/layered/glide/default-params.json' with { type: 'json' };
import { InputError } from '../../core/errors.ts';

/** How interphases anchor the slabs (brief §1.4 and §4.3). */
export type AnchoringMode = 'none' | 'energy' | 'range' | 'both';

/**
 * All parameters of the gliding simulator. Defaults, units and sources live in
 * data/layered/glide/default-params.json (one entry per key, PyBaMM-style).
 */
export interface GlideParams {
  temperatureK: number;
  attemptFrequencyPerS: number;
  /** Glide barrier E_b(x) = barrierAtZeroNaEv + barrierSlopeEvPerNa·x, eV. */
  barrierAtZeroNaEv: number;
  barrierSlopeEvPerNa: number;
  /** x_c of 2-type and 3-type interlayers: O-type is favoured below. */
  criticalNa2: number;
  criticalNa3: number;
  /** E_O − E_P = g·(x − x_c), eV per unit x. */
  drivingSlope2EvPerNa: number;
  drivingSlope3EvPerNa: number;
  o1PenaltyEv: number;
  twinFaultEv: number;
  coherencyCouplingEv: number;
  anchoring: AnchoringMode;
  pinningRangeLayers: number;
  pinningEnergyEv: number;
  strainC2: number;
  strainC3: number;
  /** Damage amplitude A_χ of 2-type and 3-type interlayers (calibrated on P2 and on P3). */
  damageAmplitude2: number;
  damageAmplitude3: number;
  damageExponent: number;
  damageReferenceLayers: number;
  strengthWeibullModulus: number;
  backgroundFadePerCycle: number;
  diffusivityPCm2PerS: number;
  diffusivityOCm2PerS: number;
  particleRadiusUm: number;
  particleRadiusLogSigma: number;
  xMax: number;
  xMin: number;
  cRate: number;
  stepNa: number;
  restMinutes: number;
}

export interface ParameterEntry {
  value: number | string;
  unit: string;
  source: string;
  assumption: boolean;
}

const pos = z.number().positive();
const nonneg = z.number().min(0);
const frac = z.number().min(0).max(1);

/** Validation schema (units in GlideParams). */
export const glideParamsSchema = z.object({
  temperatureK: pos,
  attemptFrequencyPerS: pos,
  barrierAtZeroNaEv: nonneg,
  barrierSlopeEvPerNa: z.number(),
  criticalNa2: frac,
  criticalNa3: frac,
  drivingSlope2EvPerNa: nonneg,
  drivingSlope3EvPerNa: nonneg,
  o1PenaltyEv: nonneg,
  twinFaultEv: nonneg,
  coherencyCouplingEv: nonneg,
  anchoring: z.enum(['none', 'energy', 'range', 'both']),
  pinningRangeLayers: pos,
  pinningEnergyEv: nonneg,
  strainC2: z.number(),
  strainC3: z.number(),
  damageAmplitude2: nonneg,
  damageAmplitude3: nonneg,
  damageExponent: nonneg,
  damageReferenceLayers: pos,
  strengthWeibullModulus: pos,
  backgroundFadePerCycle: nonneg,
  diffusivityPCm2PerS: pos,
  diffusivityOCm2PerS: pos,
  particleRadiusUm: pos,
  particleRadiusLogSigma: nonneg,
  xMax: frac,
  xMin: frac,
  cRate: pos,
  stepNa: z.number().positive().max(0.5),
  restMinutes: nonneg,
});

/** The parameter file entries (value, unit, source, assumption), as shipped. */
export const DEFAULT_PARAMETER_ENTRIES: Readonly<Record<keyof GlideParams, ParameterEntry>> =
  paramData.parameters as unknown as Record<keyof GlideParams, ParameterEntry>;

export const PARAMETER_SET_SOURCE: string = paramData.source;

function valuesOf(entries: Record<string, ParameterEntry>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, e] of Object.entries(entries)) out[k] = e.value;
  return out;
}

export const DEFAULT_GLIDE_PARAMS: Readonly<GlideParams> = Object.freeze(
  glideParamsSchema.parse(valuesOf(DEFAULT_PARAMETER_ENTRIES)) as GlideParams,
);

/** Checks cross-parameter constraints that the schema cannot express. */
export function checkParams(p: GlideParams, file?: string): GlideParams {
  if (!(p.xMin < p.xMax))
    throw new InputError('Na-content limits are reversed or equal: xMin must be below xMax', {
      file,
      field: 'xMin/xMax',
      found: `xMin = ${p.xMin}, xMax = ${p.xMax}`,
      expected: '0 ≤ xMin < xMax ≤ 1',
    });
  return p;
}

/** Defaults overridden by a partial set (validated; unknown keys rejected). */
export function resolveParams(overrides: Partial<Record<string, unknown>> = {}, file?: string): GlideParams {
  const merged = { ...DEFAULT_GLIDE_PARAMS, ...overrides };
  const r = glideParamsSchema.strict().safeParse(merged);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new InputError(`bad glide parameter: ${issue.message}`, { file, field: issue.path.join('.') });
  }
  return checkParams(r.data as GlideParams, file);
}

/**
 * Reads a parameter-set file: either the PyBaMM-like form {parameters: {key: {value, …}}} or a flat
 * {key: value} object. Missing keys keep their defaults.
 */
export function parseParamsFile(text: string, fileName = 'params.json'): GlideParams {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON (${(e as Error).message})`, { file: fileName });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new InputError('a parameter file must hold one JSON object', { file: fileName });
  const obj = json as Record<string, unknown>;
  const body = (
    typeof obj.parameters === 'object' && obj.parameters !== null ? obj.parameters : obj
  ) as Record<string, unknown>;
  const flat: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === 'source' || k === 'notes') continue;
    flat[k] = typeof v === 'object' && v !== null && 'value' in v ? (v as { value: unknown }).value : v;
  }
  return resolveParams(flat, fileName);
}
