/**
 * Per-cycle summary from the step table: capacities, coulombic and energy efficiency, mean
 * voltages, hysteresis, retention against a chosen reference cycle, and specific values per gram of
 * active material. Capacities are natrium's own ∫I dt (the same for every instrument); the
 * instrument's reported capacities are given beside them when the file has them.
 */
import { InputError } from '../../core/errors.ts';
import type { CyclingData } from '../../io/cycling/index.ts';
import type { StepDetectionOptions } from './defaults.ts';
import { detectSteps, type StepTable } from './steps.ts';

/**
 * Which half-cycle is the numerator of the coulombic efficiency. A positive electrode (cathode
 * half-cell, full cell) is charged first: CE = Q_discharge / Q_charge. A negative electrode tested
 * against Na metal (hard carbon) is sodiated first — a "discharge" of the half-cell: CE =
 * Q_charge / Q_discharge.
 */
export type CeConvention = 'dischargeOverCharge' | 'chargeOverDischarge';

export interface SummaryOptions {
  /** Active mass in g; adds specific capacities (mAh/g) and energies (mWh/g). */
  activeMass_g?: number;
  /**
   * Cycle whose reversible capacity (discharge, or charge under 'chargeOverDischarge') is 100 %
   * retention; default the first cycle that has one.
   */
  referenceCycle?: number;
  ceConvention?: CeConvention;
  steps?: Partial<StepDetectionOptions>;
}

export interface CycleSummary {
  cycle: number;
  chargeCapacity_mAh: number;
  dischargeCapacity_mAh: number;
  /** Part of the charge capacity passed in constant-voltage holds. */
  cvChargeCapacity_mAh: number;
  cvDischargeCapacity_mAh: number;
  /** null when the denominator half-cycle is missing. */
  coulombicEfficiency: number | null;
  chargeEnergy_mWh: number;
  dischargeEnergy_mWh: number;
  energyEfficiency: number | null;
  /** Energy-weighted mean voltage, E/Q. */
  meanChargeVoltage_V: number | null;
  meanDischargeVoltage_V: number | null;
  /** meanChargeVoltage − meanDischargeVoltage. */
  voltageHysteresis_V: number | null;
  /** Reversible capacity / that of the reference cycle (discharge; charge under 'chargeOverDischarge'). */
  retention: number | null;
  specificChargeCapacity_mAh_g?: number;
  specificDischargeCapacity_mAh_g?: number;
  specificDischargeEnergy_mWh_g?: number;
  chargeTime_s: number;
  dischargeTime_s: number;
  minVoltage_V: number;
  maxVoltage_V: number;
  /** Both a charge and a discharge were found in this cycle. */
  complete: boolean;
  /** Capacities as the instrument reported them (max − min of its columns within the cycle). */
  instrumentChargeCapacity_mAh?: number;
  instrumentDischargeCapacity_mAh?: number;
}

export interface CyclingSummary {
  cycles: CycleSummary[];
  referenceCycle: number | null;
  ceConvention: CeConvention;
  activeMass_g: number | null;
  cycleSource: 'instrument' | 'steps';
  signConvention: string;
  capacityMethod: string;
  stepDetection: StepTable['options'];
  stepCount: number;
  warnings: string[];
}

const MAH_PER_AH = 1000;
/** [P] CE above 1 + 2 % is not plausible for a closed cycle: warn. */
const CE_ABOVE_ONE_TOLERANCE = 0.02;

export function summarizeCycles(
  data: CyclingData,
  options: SummaryOptions = {},
  table?: StepTable,
): CyclingSummary {
  const mass = options.activeMass_g;
  if (mass !== undefined && !(mass > 0 && Number.isFinite(mass)))
    throw new InputError('active mass must be a positive number', {
      field: 'activeMass_g',
      found: String(mass),
    });
  const convention = options.ceConvention ?? 'dischargeOverCharge';
  const st = table ?? detectSteps(data, options.steps);
  const byCycle = new Map<number, CycleSummary>();
  const ranges = new Map<number, { first: number; last: number }>();
  for (const s of st.steps) {
    let c = byCycle.get(s.cycle);
    if (!c) {
      c = {
        cycle: s.cycle,
        chargeCapacity_mAh: 0,
        dischargeCapacity_mAh: 0,
        cvChargeCapacity_mAh: 0,
        cvDischargeCapacity_mAh: 0,
        coulombicEfficiency: null,
        chargeEnergy_mWh: 0,
        dischargeEnergy_mWh: 0,
        energyEfficiency: null,
        meanChargeVoltage_V: null,
        meanDischargeVoltage_V: null,
        voltageHysteresis_V: null,
        retention: null,
        chargeTime_s: 0,
        dischargeTime_s: 0,
        minVoltage_V: s.minVoltage_V,
        maxVoltage_V: s.maxVoltage_V,
        complete: false,
      };
      byCycle.set(s.cycle, c);
      ranges.set(s.cycle, { first: s.startRow, last: s.endRow });
    }
    const r = ranges.get(s.cycle)!;
    r.last = s.endRow;
    c.minVoltage_V = Math.min(c.minVoltage_V, s.minVoltage_V);
    c.maxVoltage_V = Math.max(c.maxVoltage_V, s.maxVoltage_V);
    const q = s.charge_Ah * MAH_PER_AH;
    const e = s.energy_Wh * MAH_PER_AH;
    if (s.type === 'charge' || s.type === 'cvCharge') {
      c.chargeCapacity_mAh += q;
      c.chargeEnergy_mWh += e;
      c.chargeTime_s += s.duration_s;
      if (s.type === 'cvCharge') c.cvChargeCapacity_mAh += q;
    } else if (s.type === 'discharge' || s.type === 'cvDischarge') {
      c.dischargeCapacity_mAh -= q;
      c.dischargeEnergy_mWh -= e;
      c.dischargeTime_s += s.duration_s;
      if (s.type === 'cvDischarge') c.cvDischargeCapacity_mAh -= q;
    }
  }
  const cycles = [...byCycle.values()].sort((a, b) => a.cycle - b.cycle);
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  for (const c of cycles) {
    const hasCharge = c.chargeCapacity_mAh > 0;
    const hasDischarge = c.dischargeCapacity_mAh > 0;
    c.complete = hasCharge && hasDischarge;
    if (c.complete) {
      c.coulombicEfficiency =
        convention === 'dischargeOverCharge'
          ? ratio(c.dischargeCapacity_mAh, c.chargeCapacity_mAh)
          : ratio(c.chargeCapacity_mAh, c.dischargeCapacity_mAh);
      c.energyEfficiency =
        convention === 'dischargeOverCharge'
          ? ratio(c.dischargeEnergy_mWh, c.chargeEnergy_mWh)
          : ratio(c.chargeEnergy_mWh, c.dischargeEnergy_mWh);
    }
    c.meanChargeVoltage_V = ratio(c.chargeEnergy_mWh, c.chargeCapacity_mAh);
    c.meanDischargeVoltage_V = ratio(c.dischargeEnergy_mWh, c.dischargeCapacity_mAh);
    if (c.meanChargeVoltage_V !== null && c.meanDischargeVoltage_V !== null)
      c.voltageHysteresis_V = c.meanChargeVoltage_V - c.meanDischargeVoltage_V;
    if (mass !== undefined) {
      c.specificChargeCapacity_mAh_g = c.chargeCapacity_mAh / mass;
      c.specificDischargeCapacity_mAh_g = c.dischargeCapacity_mAh / mass;
      c.specificDischargeEnergy_mWh_g = c.dischargeEnergy_mWh / mass;
    }
    const r = ranges.get(c.cycle)!;
    const ic = instrumentSpan(data.columns.chargeCapacity_Ah, r.first, r.last);
    const id = instrumentSpan(data.columns.dischargeCapacity_Ah, r.first, r.last);
    if (ic !== undefined) c.instrumentChargeCapacity_mAh = ic * MAH_PER_AH;
    if (id !== undefined) c.instrumentDischargeCapacity_mAh = id * MAH_PER_AH;
  }
  // retention follows the reversible half-cycle: discharge for a positive electrode, charge
  // (desodiation) for a negative electrode against Na metal
  const reversible = (c: CycleSummary) =>
    convention === 'dischargeOverCharge' ? c.dischargeCapacity_mAh : c.chargeCapacity_mAh;
  const half = convention === 'dischargeOverCharge' ? 'discharge' : 'charge';
  let reference = options.referenceCycle;
  const warnings: string[] = [];
  if (reference !== undefined) {
    const ref = byCycle.get(reference);
    if (!ref || !(reversible(ref) > 0))
      throw new InputError(`reference cycle has no ${half} capacity`, {
        field: 'referenceCycle',
        found: String(reference),
        expected: `one of the cycles with a ${half}: ${cycles
          .filter((c) => reversible(c) > 0)
          .map((c) => c.cycle)
          .join(', ')}`,
      });
  } else reference = cycles.find((c) => reversible(c) > 0)?.cycle;
  if (reference !== undefined) {
    const q0 = reversible(byCycle.get(reference)!);
    for (const c of cycles) c.retention = reversible(c) > 0 ? reversible(c) / q0 : null;
  } else warnings.push(`no cycle has a ${half}: retention is not defined`);
  const above = cycles.filter((c) => c.complete && (c.coulombicEfficiency ?? 0) > 1 + CE_ABOVE_ONE_TOLERANCE);
  if (above.length > 0)
    warnings.push(
      `cycle(s) ${above.map((c) => c.cycle).join(', ')}: CE above 1 — the cycle probably does not start and end at the same state of charge (e.g. a partially charged cell at the start), or the CE convention does not fit the electrode`,
    );
  const incomplete = cycles.filter((c) => !c.complete).map((c) => c.cycle);
  if (incomplete.length > 0)
    warnings.push(
      `cycle(s) ${incomplete.join(', ')} lack a charge or a discharge: CE and energy efficiency are null`,
    );
  return {
    cycles,
    referenceCycle: reference ?? null,
    ceConvention: convention,
    activeMass_g: mass ?? null,
    cycleSource: st.cycleSource,
    signConvention: data.signConvention,
    capacityMethod:
      '∫I dt (trapezoid within a step; step boundaries split at the step start time) from the current column; instrument capacities reported beside it when present',
    stepDetection: st.options,
    stepCount: st.steps.length,
    warnings,
  };
}

function instrumentSpan(col: Float64Array | undefined, first: number, last: number): number | undefined {
  if (!col) return undefined;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = first; i < last; i++) {
    const x = col[i];
    if (Number.isNaN(x)) continue;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return hi >= lo ? hi - lo : undefined;
}
