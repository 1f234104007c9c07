/**
 * Interface operations shared by the CLI and (later) the HTTP API: user-level requests with units
 * as strings → the src/interface models → plain JSON-ready results.
 */

import { InputError } from '../../core/errors.ts';
import {
  applyMitigations,
  buildCell,
  type CellInput,
  type Comparison,
  cellAsr,
  compareMitigations,
  type EnsembleResult,
  electrolyteProperties,
  flawCriticalOverpotential,
  MITIGATIONS,
  membraneAsr,
  membraneResistance,
  minimumStackPressure,
  monroeNewman,
  parseProtocol,
  parseQuantity,
  processingEffect,
  provenance,
  readCcd,
  resistanceBudget,
  simulateCell,
  simulateEnsemble,
  type Trace,
} from '../../interface/index.ts';
import { checkSymmetricCell, readMeasuredTrace } from '../../interface/measuredTrace.ts';
import { CYCLER_FORMATS, type CyclerFormat } from '../../io/cycling/types.ts';

/** Strings as typed by a user (units required where noted in the CLI help). */
export interface InterfaceRequest {
  electrolyte: string;
  thickness: string;
  T: string;
  pressure: string;
  protocol: string;
  mitigation?: string;
  flawSize?: string;
  cells?: number;
  seed?: number;
  tracePoints?: number;
  /** Manufacturing: relative density, ZrO2 volume fraction, Na loss fraction (plain fractions) and grain size (with unit). */
  relativeDensity?: string;
  zirconia?: string;
  naLoss?: string;
  grainSize?: string;
  onProgress?: (done: number, total: number) => void;
}

export function cellInputFromRequest(r: InterfaceRequest): CellInput {
  const thickness = parseQuantity(r.thickness, 'length', '--thickness');
  if (!(thickness > 0))
    throw new InputError('thickness must be positive', {
      field: '--thickness',
      found: r.thickness,
      expected: 'a length > 0, e.g. 500um',
    });
  const pressure = parseQuantity(r.pressure, 'pressure', '--pressure');
  if (pressure < 0)
    throw new InputError('stack pressure must not be negative', {
      field: '--pressure',
      found: r.pressure,
      expected: 'a pressure ≥ 0, e.g. 1MPa',
    });
  const T = parseQuantity(r.T, 'temperature', '--T', { bareUnit: 'C' });
  let flaw: number | undefined;
  if (r.flawSize !== undefined) {
    flaw = parseQuantity(r.flawSize, 'length', '--flaw-size') / 100;
    if (!(flaw > 0))
      throw new InputError('flaw size must be positive', { field: '--flaw-size', found: r.flawSize });
  }
  const frac = (v: string | undefined, field: string): number | undefined => {
    if (v === undefined) return undefined;
    const x = Number(v);
    if (v.trim() === '' || !Number.isFinite(x))
      throw new InputError('not a number', { field, found: v, expected: 'a fraction such as 0.95' });
    return x;
  };
  const effect = processingEffect({
    relativeDensity: frac(r.relativeDensity, '--relative-density'),
    zirconiaVolumeFraction: frac(r.zirconia, '--zro2'),
    sodiumLossFraction: frac(r.naLoss, '--na-loss'),
  });
  let grain: number | undefined;
  if (r.grainSize !== undefined) {
    grain = parseQuantity(r.grainSize, 'length', '--grain-size') * 1e4;
    if (!(grain > 0))
      throw new InputError('grain size must be positive', { field: '--grain-size', found: r.grainSize });
  }
  const input: CellInput = {
    electrolyte: r.electrolyte,
    thickness_cm: thickness,
    T_K: T,
    pressure_MPa: pressure,
    flawSize_m: flaw,
  };
  if (effect.parts.length > 0) {
    input.conductivityFactor = effect.conductivityFactor;
    input.overrides = {
      fractureToughness_MPa_sqrt_m:
        electrolyteProperties(r.electrolyte).fractureToughness_MPa_sqrt_m * effect.fractureToughnessFactor,
    };
  }
  if (grain !== undefined) input.grainSize_um = grain;
  return input;
}

/** `a,b+c` → [['a'], ['b', 'c']]; each id checked against the catalogue. */
export function mitigationSets(spec: string | undefined): string[][] {
  if (spec === undefined || spec.trim() === '') return [];
  return spec.split(',').map((s) =>
    s
      .split('+')
      .map((x) => x.trim())
      .filter(Boolean),
  );
}

function decimate(trace: Trace, maxPoints: number, keepIndex: number): Record<string, number[]> {
  const n = trace.time_s.length;
  const stride = Math.max(1, Math.ceil(n / maxPoints));
  const idx: number[] = [];
  for (let i = 0; i < n; i += stride) idx.push(i);
  for (const k of [keepIndex - 1, keepIndex, keepIndex + 1, n - 1])
    if (k >= 0 && k < n && !idx.includes(k)) idx.push(k);
  idx.sort((a, b) => a - b);
  const pick = (a: Float64Array) => idx.map((i) => a[i]);
  return {
    time_h: idx.map((i) => trace.time_s[i] / 3600),
    current_mA_cm2: pick(trace.current_mA_cm2),
    voltage_V: pick(trace.voltage_V),
    ohmic_V: pick(trace.ohmic_V),
    interfacial_V: pick(trace.interfacial_V),
    void_V: pick(trace.void_V),
    contactFractionA: pick(trace.contactA),
    contactFractionB: pick(trace.contactB),
  };
}

function ensembleSummary(e: EnsembleResult) {
  return {
    cells: e.cells,
    seed: e.seed,
    failedFraction: e.failedFraction,
    shortedFraction: e.shortedFraction,
    ccdQuantiles_mA_cm2: e.ccdQuantiles_mA_cm2,
    failureTimeQuantiles_h: e.shortTimeQuantiles_h,
    failureCurrent_mA_cm2: Array.from(e.failureCurrent_mA_cm2, (x) => (Number.isFinite(x) ? x : null)),
  };
}

export function interfaceSimulate(r: InterfaceRequest) {
  const ids = mitigationSets(r.mitigation).flat();
  const input = applyMitigations(cellInputFromRequest(r), ids);
  const protocol = parseProtocol(r.protocol);
  const cell = buildCell(input);
  const sim = simulateCell(cell, protocol);
  const trace = sim.trace as Trace;
  const read = readCcd(trace);
  const failIdx = sim.failure ? trace.time_s.indexOf(sim.failure.time_s) : -1;
  const mn = monroeNewman(cell.electrolyte, cell.metal);
  let ensemble: ReturnType<typeof ensembleSummary> | null = null;
  if (r.cells !== undefined) {
    if (!(Number.isInteger(r.cells) && r.cells > 0 && r.cells <= 1e6))
      throw new InputError('number of cells must be a whole number from 1 to 1e6', {
        field: '--cells',
        found: String(r.cells),
      });
    ensemble = ensembleSummary(
      simulateEnsemble(input, protocol, r.cells, r.seed ?? 1, { onProgress: r.onProgress }),
    );
  }
  return {
    ccd_mA_cm2: read.ccd_mA_cm2,
    ccdMethod: read.method,
    ccdCriterion: read.criterion,
    lastStableCurrent_mA_cm2: read.lastStableCurrent_mA_cm2,
    modelCcd_mA_cm2: sim.modelCcd_mA_cm2,
    failure: sim.failure,
    initiation: sim.initiation,
    shortAt_h: sim.shortAt_h,
    asr_ohm_cm2: cell.interfaceAsr_ohm_cm2,
    asrConvention: 'interfacial ASR of one electrode at the steady (pressure-set) contact, geometric area',
    cellAsr_ohm_cm2: cellAsr(cell),
    electrolyteAsr_ohm_cm2: cell.electrolyteAsr_ohm_cm2,
    electrolyteSigma_S_per_cm: cell.sigmaTotal_S_per_cm,
    electrolyteConductivity: cell.conductivity,
    contactFraction: cell.equilibriumContact,
    wettedFraction: cell.wettedFraction,
    criticalStrippingCurrent_mA_cm2: sim.criticalStrippingCurrent_mA_cm2,
    minimumStackPressureAtCcd_MPa:
      read.ccd_mA_cm2 === null
        ? null
        : minimumStackPressure(cell.params, read.ccd_mA_cm2, input.T_K, cell.jcritEa_eV),
    flawCriticalOverpotential_mV:
      flawCriticalOverpotential(
        cell.flawSize_m,
        cell.fractureToughness_MPa_sqrt_m,
        cell.metal.molarVolume_cm3_per_mol,
        cell.params.flawGeometryFactor,
      ) * 1e3,
    monroeNewman: mn,
    conditions: {
      electrolyte: cell.electrolyte.id,
      metal: cell.metal.symbol,
      thickness_um: input.thickness_cm * 1e4,
      T_K: input.T_K,
      pressure_MPa: input.pressure_MPa,
      flawSize_um: cell.flawSize_m * 1e6,
      mitigations: ids,
      protocol: sim.protocol,
    },
    parameterTags: provenance('interface', cell.metal.symbol),
    trace: decimate(trace, r.tracePoints ?? 2000, failIdx),
    ensemble,
  };
}

export interface CompareRequest extends InterfaceRequest {
  cycleCurrent: string;
  cycleCapacity: string;
  cycleHours: string;
}

export function interfaceCompare(r: CompareRequest): Comparison & { conditions: Record<string, unknown> } {
  const sets = mitigationSets(r.mitigation);
  if (sets.length === 0)
    throw new InputError('no mitigation given', {
      field: '--mitigation',
      expected: `a comma-separated list of ${MITIGATIONS.filter((m) => m.simulated)
        .map((m) => m.id)
        .join(', ')} (join with + to combine)`,
    });
  const input = cellInputFromRequest(r);
  const cyc = parseProtocol(`cycling:${r.cycleCurrent}:${r.cycleCapacity}:${r.cycleHours}`, '--cycle-*');
  const out = compareMitigations(input, sets, parseProtocol(r.protocol), cyc);
  return {
    ...out,
    conditions: {
      electrolyte: input.electrolyte,
      thickness_um: input.thickness_cm * 1e4,
      T_K: input.T_K,
      pressure_MPa: input.pressure_MPa,
    },
  };
}

export interface CcdRequest {
  /** File content (text, or bytes of a cycler export). */
  input: string | Uint8Array;
  fileName: string;
  /** Electrode area with unit (e.g. 0.785cm2); cycler files need it or `diameter`. */
  area?: string;
  /** Electrode diameter with unit (e.g. 10mm); area = π·d²/4. */
  diameter?: string;
  voltageLimit_V?: number;
  /** Cycler format instead of auto-detection. */
  format?: string;
  /** 'auto' (default), 'step' or 'ramp'. */
  protocol?: string;
}

/**
 * CCD read off a measured symmetric-cell trace: natrium's plain CSV (current density) or a cycler
 * export read by src/io/cycling (current in A → mA/cm² with the electrode area). Files that are not
 * a symmetric-cell trace (no current, or a cell resting at volts) give a verdict and a message, not a number.
 */
export function interfaceCcd(r: CcdRequest) {
  if (r.area !== undefined && r.diameter !== undefined)
    throw new InputError('give the electrode area or its diameter, not both', {
      field: '--area',
      found: `--area ${r.area} and --diameter ${r.diameter}`,
      expected: 'one of --area (e.g. 0.785cm2) or --diameter (e.g. 10mm)',
    });
  let area: number | undefined;
  let areaFrom: string | null = null;
  if (r.area !== undefined) {
    area = parseQuantity(r.area, 'area', '--area');
    if (!(area > 0))
      throw new InputError('electrode area must be positive', {
        field: '--area',
        found: r.area,
        expected: 'an area > 0, e.g. 0.785cm2',
      });
    areaFrom = `--area ${r.area}`;
  } else if (r.diameter !== undefined) {
    const d = parseQuantity(r.diameter, 'length', '--diameter');
    if (!(d > 0))
      throw new InputError('electrode diameter must be positive', {
        field: '--diameter',
        found: r.diameter,
        expected: 'a length > 0, e.g. 10mm',
      });
    area = (Math.PI * d * d) / 4;
    areaFrom = `π·d²/4 with --diameter ${r.diameter}`;
  }
  let format: CyclerFormat | undefined;
  if (r.format !== undefined) {
    if (!(CYCLER_FORMATS as readonly string[]).includes(r.format))
      throw new InputError('unknown cycler format', {
        field: '--format',
        found: r.format,
        expected: CYCLER_FORMATS.join(', '),
      });
    format = r.format as CyclerFormat;
  }
  const protocol = r.protocol ?? 'auto';
  if (protocol !== 'auto' && protocol !== 'step' && protocol !== 'ramp')
    throw new InputError('unknown protocol type', {
      field: '--protocol-type',
      found: protocol,
      expected: 'auto, step or ramp',
    });
  const m = readMeasuredTrace(r.input, { fileName: r.fileName, area_cm2: area, areaField: '--area', format });
  const check = checkSymmetricCell(m.trace);
  const base = {
    file: r.fileName,
    points: m.trace.time_s.length,
    reader: m.source.reader,
    columns: m.source.columns,
    area_cm2: m.source.area_cm2,
    areaFrom,
    droppedRows: m.source.droppedRows,
    readerWarnings: m.source.warnings,
    restVoltage_V: check.restVoltage_V,
  };
  if (check.verdict !== 'ok')
    return {
      ...base,
      verdict: check.verdict,
      message: check.message as string,
      ccd_mA_cm2: null,
      lastStableCurrent_mA_cm2: null,
      failureTime_s: null,
      criterion: null,
      protocolDetected: null,
      method: `not read: ${check.message}`,
      thresholds: null,
    };
  const read = readCcd(m.trace, {
    ...(r.voltageLimit_V === undefined ? {} : { voltageLimit_V: r.voltageLimit_V }),
    protocol,
  });
  const message =
    read.ccd_mA_cm2 === null
      ? `no short, voltage limit, divergence or non-linearity within the trace: the CCD is above the highest current applied (${Number((read.lastStableCurrent_mA_cm2 ?? 0).toPrecision(4))} mA/cm²)`
      : `CCD ${Number(read.ccd_mA_cm2.toPrecision(4))} mA/cm² (${read.criterion}, ${read.protocolDetected} protocol)`;
  return {
    ...base,
    verdict: read.ccd_mA_cm2 === null ? ('no-failure' as const) : ('ccd' as const),
    message,
    ...read,
  };
}

/** The plain-CSV form (time_s, voltage_V, current_mA_cm2) of `interfaceCcd`. */
export function interfaceCcdFromCsv(text: string, fileName: string, voltageLimit_V?: number) {
  return interfaceCcd({ input: text, fileName, voltageLimit_V });
}

export interface MembraneRequest {
  sigma?: string;
  electrolyte?: string;
  T?: string;
  thickness: string;
  anodeAsr?: string;
  cathodeInterfaceAsr?: string;
  cathodeAsr?: string;
  target?: string;
}

function asrFlag(v: string | undefined, field: string): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v.replace(/\s*(ohm|Ω)\s*[·.*]?\s*cm2?²?$/i, ''));
  if (v.trim() === '' || !Number.isFinite(x) || x < 0)
    throw new InputError('not a non-negative area-specific resistance', {
      field,
      found: v,
      expected: 'a number of Ω·cm², e.g. 10 or 10ohm.cm2',
    });
  return x;
}

export function membraneOperation(r: MembraneRequest) {
  const thicknesses = r.thickness.split(',').map((s) => {
    const cm = parseQuantity(s, 'length', '--thickness');
    if (!(cm > 0))
      throw new InputError('thickness must be positive', {
        field: '--thickness',
        found: s,
        expected: 'a length > 0, e.g. 100um',
      });
    return cm * 1e4;
  });
  let sigmas: number[];
  let sigmaSource: string;
  if (r.sigma !== undefined) {
    sigmas = r.sigma.split(',').map((s) => {
      const v = parseQuantity(s, 'conductivity', '--sigma');
      if (!(v > 0))
        throw new InputError('conductivity must be positive', {
          field: '--sigma',
          found: s,
          expected: 'e.g. 3mS/cm',
        });
      return v * 1e3;
    });
    sigmaSource = 'user';
  } else if (r.electrolyte !== undefined) {
    const T = parseQuantity(r.T ?? '25C', 'temperature', '--T', { bareUnit: 'C' });
    const el = electrolyteProperties(r.electrolyte);
    const m = membraneResistance(el, 0.01, T);
    sigmas = [m.sigmaTotal_S_per_cm * 1e3];
    const c = m.conductivity;
    sigmaSource = `${el.label}: NASICON module estimate for ${c.formula} at ${T.toFixed(2)} K from dataset rows ${c.basis.map((b) => b.id).join(', ')} (data/nasicon/conductivity.json)${c.interpolated.acrossRows || c.interpolated.acrossCompositions || c.interpolated.inTemperature ? ', interpolated' : ''}; ${c.split}`;
  } else
    throw new InputError('give --sigma or --electrolyte', {
      field: '--sigma',
      expected: 'e.g. --sigma 1mS/cm,3mS/cm',
    });
  const rows = sigmas.map((s) => ({
    sigma_mS_per_cm: s,
    asr_ohm_cm2: thicknesses.map((l) => membraneAsr(s, l)),
  }));
  const anode = asrFlag(r.anodeAsr, '--anode-asr');
  let budget = null;
  if (anode !== undefined || r.target !== undefined) {
    budget = resistanceBudget({
      anodeInterfaceAsr_ohm_cm2: anode ?? 0,
      electrolyteSigma_mS_per_cm: sigmas[0],
      electrolyteThickness_um: thicknesses[0],
      cathodeInterfaceAsr_ohm_cm2: asrFlag(r.cathodeInterfaceAsr, '--cathode-interface-asr') ?? 0,
      cathodeAsr_ohm_cm2: asrFlag(r.cathodeAsr, '--cathode-asr') ?? 0,
      targetTotalAsr_ohm_cm2: asrFlag(r.target, '--target'),
    });
  }
  return { thickness_um: thicknesses, sigmaSource, rows, convention: 'ASR = L/σ, geometric area', budget };
}
