import { faultedPowderPattern } from '../../diffraction/faulted/index.ts';
import type { StackSnapshot } from '../../layered/glide/index.ts';
import { explicitModel, parseStack, resolveLayeredParams } from '../../layered/index.ts';

/** Powder-pattern settings of the operando series (Cu Kα1, 10–70° 2θ, 0.05° bins). */
export const OPERANDO_XRD = { wavelength: 1.5406, twoThetaRange: [10, 70] as [number, number], step: 0.05 };

export interface OperandoPattern {
  x: number;
  phase: string;
  /** Lower bin edges, degrees 2θ. */
  twoTheta: number[];
  /** Unbroadened integrated intensity per bin (arbitrary units per layer, with Lorentz–polarisation). */
  intensity: number[];
}

/**
 * The "operando pattern" series: each explicit stack of the simulation is fed to the faulted-stack
 * XRD of the stacking module (explicit-sequence mode, issue #3) with the default layered-oxide
 * atomic model (src/layered/parameters.ts).
 */
export function operandoPatterns(
  snapshots: readonly StackSnapshot[],
  onProgress?: (done: number, total: number) => void,
): OperandoPattern[] {
  const params = resolveLayeredParams();
  return snapshots.map((s, i) => {
    const model = explicitModel(parseStack(s.sequence, { notation: 'letters' }), params);
    const pat = faultedPowderPattern(model, OPERANDO_XRD);
    onProgress?.(i + 1, snapshots.length);
    return {
      x: s.x,
      phase: s.phase,
      twoTheta: Array.from(pat.twoTheta),
      intensity: Array.from(pat.intensity),
    };
  });
}
