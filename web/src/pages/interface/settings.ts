/** The cell settings of the page and the request bodies built from them. */

/** The protocols of the symmetric-cell simulator (src/interface/protocol.ts). */
export type ProtocolKind = 'step-ramp' | 'linear-ramp' | 'cycling';

export const PROTOCOL_LABELS: Record<ProtocolKind, string> = {
  'step-ramp': 'Step ramp',
  'linear-ramp': 'Linear ramp',
  cycling: 'Galvanostatic cycling',
};

export interface CellSettings {
  electrolyte: string;
  protocol: ProtocolKind;
  T_C: number;
  pressure_MPa: number;
  thickness_um: number;
  start_mA_cm2: number;
  step_mA_cm2: number;
  stepDuration_min: number;
  /** Linear ramp: rate (mA/cm² per h) and the current at which it stops (mA/cm²). */
  rampRate_mA_cm2_per_h: number;
  rampMax_mA_cm2: number;
  /** Galvanostatic cycling: ±j (mA/cm²), areal capacity per half cycle (mAh/cm²), total duration (h). */
  cycleCurrent_mA_cm2: number;
  cycleCapacity_mAh_cm2: number;
  cycleDuration_h: number;
  /** null = the model's default (the Weibull scale of the flaw distribution). */
  flawSize_um: number | null;
}

/** The CLI defaults (`natrium interface simulate`), so the page and the CLI start from the same cell; the linear-ramp and cycling values are those of the docs/interface.md examples. */
export const DEFAULT_CELL: CellSettings = {
  electrolyte: 'Na3Zr2Si2PO12',
  protocol: 'step-ramp',
  T_C: 25,
  pressure_MPa: 1,
  thickness_um: 500,
  start_mA_cm2: 0.05,
  step_mA_cm2: 0.05,
  stepDuration_min: 30,
  rampRate_mA_cm2_per_h: 0.1,
  rampMax_mA_cm2: 3,
  cycleCurrent_mA_cm2: 0.2,
  cycleCapacity_mAh_cm2: 0.1,
  cycleDuration_h: 20,
  flawSize_um: null,
};

/** The `protocol` field of interface.simulate for the chosen protocol. */
export function protocolBody(s: CellSettings) {
  if (s.protocol === 'linear-ramp')
    return { kind: s.protocol, rate_mA_cm2_per_h: s.rampRate_mA_cm2_per_h, max_mA_cm2: s.rampMax_mA_cm2 };
  if (s.protocol === 'cycling')
    return {
      kind: s.protocol,
      current_mA_cm2: s.cycleCurrent_mA_cm2,
      capacity_mAh_cm2: s.cycleCapacity_mAh_cm2,
      duration_h: s.cycleDuration_h,
    };
  return {
    kind: s.protocol,
    start_mA_cm2: s.start_mA_cm2,
    step_mA_cm2: s.step_mA_cm2,
    stepDuration_min: s.stepDuration_min,
  };
}

export function cellBody(s: CellSettings) {
  return {
    electrolyte: s.electrolyte,
    thickness_um: s.thickness_um,
    T_C: s.T_C,
    pressure_MPa: s.pressure_MPa,
    ...(s.flawSize_um === null ? {} : { flawSize_um: s.flawSize_um }),
    // The step ramp is always sent: the mitigation comparison reads its CCD off a step ramp.
    ramp: { start_mA_cm2: s.start_mA_cm2, step_mA_cm2: s.step_mA_cm2, stepDuration_min: s.stepDuration_min },
    protocol: protocolBody(s),
  };
}

/** Number with a sensible count of significant digits for a table or a fact. */
export function sig(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const a = Math.abs(value);
  if (a >= 1e5 || a < 1e-3) return value.toExponential(digits - 1);
  return Number(value.toPrecision(digits)).toString();
}
