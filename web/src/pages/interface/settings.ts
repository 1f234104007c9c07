/** The cell settings of the page and the request bodies built from them. */

export interface CellSettings {
  electrolyte: string;
  T_C: number;
  pressure_MPa: number;
  thickness_um: number;
  start_mA_cm2: number;
  step_mA_cm2: number;
  stepDuration_min: number;
  /** null = the model's default (the Weibull scale of the flaw distribution). */
  flawSize_um: number | null;
}

/** The CLI defaults (`natrium interface simulate`), so the page and the CLI start from the same cell. */
export const DEFAULT_CELL: CellSettings = {
  electrolyte: 'Na3Zr2Si2PO12',
  T_C: 25,
  pressure_MPa: 1,
  thickness_um: 500,
  start_mA_cm2: 0.05,
  step_mA_cm2: 0.05,
  stepDuration_min: 30,
  flawSize_um: null,
};

export function cellBody(s: CellSettings) {
  return {
    electrolyte: s.electrolyte,
    thickness_um: s.thickness_um,
    T_C: s.T_C,
    pressure_MPa: s.pressure_MPa,
    ...(s.flawSize_um === null ? {} : { flawSize_um: s.flawSize_um }),
    ramp: { start_mA_cm2: s.start_mA_cm2, step_mA_cm2: s.step_mA_cm2, stepDuration_min: s.stepDuration_min },
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
