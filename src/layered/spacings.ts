import spacingData from '../../data/layered/spacings.json' with { type: 'json' };
import { InputError } from '../core/errors.ts';
import type { LocalLabel } from './stacking.ts';

/** Interlayer spacing per local label, Å (defaults from data/layered/spacings.json, with their sources). */
export type SpacingTable = Record<LocalLabel, number>;

export const DEFAULT_SPACINGS_A: Readonly<SpacingTable> = Object.freeze({
  P2: spacingData.spacingAngstrom.P2.value,
  P3: spacingData.spacingAngstrom.P3.value,
  O1: spacingData.spacingAngstrom.O1.value,
  O2: spacingData.spacingAngstrom.O2.value,
  O3: spacingData.spacingAngstrom.O3.value,
});

/** Validates a positive finite spacing (Å). */
export function requireSpacing(value: number, field: string): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new InputError('interlayer spacing must be a positive finite number of Å', {
      field,
      found: String(value),
    });
  return value;
}

/** Spacing per interlayer (Å) from per-label values, or the user's explicit list. */
export function interlayerSpacings(
  labels: readonly LocalLabel[],
  perLabel: Partial<SpacingTable> = {},
  explicit?: readonly number[],
): Float64Array {
  const out = new Float64Array(labels.length);
  if (explicit) {
    if (explicit.length !== labels.length)
      throw new InputError('one spacing per interlayer is needed', {
        field: 'spacings',
        found: `${explicit.length} values`,
        expected: `${labels.length} values`,
      });
    explicit.forEach((v, i) => {
      out[i] = requireSpacing(v, `spacings[${i}]`);
    });
    return out;
  }
  const table: SpacingTable = { ...DEFAULT_SPACINGS_A };
  for (const [k, v] of Object.entries(perLabel))
    table[k as LocalLabel] = requireSpacing(v as number, `spacing.${k}`);
  labels.forEach((l, i) => {
    out[i] = table[l];
  });
  return out;
}
