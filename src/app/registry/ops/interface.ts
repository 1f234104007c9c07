/**
 * Metal | solid-electrolyte interface operations for the workbench: the symmetric-cell simulation,
 * the mitigation comparison, the catalogues (electrolytes, mitigation strategies with sources), the
 * membrane ASR table and the CCD read-off of a measured trace. Numbers arrive with their units in
 * the key names; `run` turns them into the unit strings the CLI functions take
 * (src/app/operations/interface.ts), so the web and the CLI run exactly the same code.
 */
import { z } from 'zod';
import { InputError } from '../../../core/errors.ts';
import {
  ELECTROLYTE_IDS,
  electrolyteProperties,
  MITIGATIONS,
  membraneResistance,
} from '../../../interface/index.ts';
import {
  type InterfaceRequest,
  interfaceCcd,
  interfaceCompare,
  interfaceSimulate,
  membraneOperation,
} from '../../operations/interface.ts';
import { type Citation, defineOperation } from '../types.ts';

/** The CLI option names the shared functions put in their errors → the field names of these operations. */
const FIELD_OF_OPTION: Record<string, string> = {
  '--thickness': 'thickness_um',
  '--T': 'T_C',
  '--pressure': 'pressure_MPa',
  '--flaw-size': 'flawSize_um',
  '--protocol': 'protocol',
  '--cycle-*': 'cycleCurrent_mA_cm2',
  '--sigma': 'sigma_mS_per_cm',
};

/** Run `fn`; an InputError naming a CLI option is re-thrown naming this operation's field instead. */
function withFields<T>(fn: () => T, extra: Record<string, string> = {}): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError && e.field?.startsWith('--')) {
      const field = extra[e.field] ?? FIELD_OF_OPTION[e.field] ?? e.field;
      throw new InputError(e.problem, {
        file: e.file,
        line: e.line,
        field,
        expected: e.expected,
        found: e.found,
      });
    }
    throw e;
  }
}

/** Main sources of the interface model (full list per parameter in data/interface/*.json). */
export const INTERFACE_CITATIONS: Citation[] = [
  {
    key: 'Porz2017',
    type: 'article',
    author: 'Porz, L. and Swamy, T. and Sheldon, B. W. and others',
    title: 'Mechanism of lithium metal penetration through inorganic solid electrolytes',
    journal: 'Advanced Energy Materials',
    volume: '7',
    pages: '1701003',
    year: 2017,
    doi: '10.1002/aenm.201701003',
    note: 'flaw-filling criterion for the critical overpotential',
  },
  {
    key: 'MonroeNewman2005',
    type: 'article',
    author: 'Monroe, C. and Newman, J.',
    title: 'The impact of elastic deformation on deposition kinetics at lithium/polymer interfaces',
    journal: 'Journal of The Electrochemical Society',
    volume: '152',
    pages: 'A396--A404',
    year: 2005,
    doi: '10.1149/1.1850854',
    note: 'shear-modulus criterion, reported as necessary, not sufficient',
  },
  {
    key: 'Tieu2023',
    type: 'article',
    author: 'Tieu, A. J. K. and others',
    title: '[title not recorded in data/nasicon/conductivity.json; cited there by journal and DOI]',
    journal: 'Journal of Materials Chemistry A',
    volume: '11',
    pages: '23233',
    year: 2023,
    doi: '10.1039/D3TA04665F',
    note: 'NZSP bulk and total conductivity (a row of the NASICON dataset the interface takes σ from)',
  },
  {
    key: 'Au2023',
    type: 'article',
    author: '[authors not recorded in data/interface/mitigations.json]',
    title:
      '[title not recorded; Au interlayer on Na | Na3Zr2Si2PO12, interfacial resistance 2708 → 146 Ω·cm²]',
    journal: 'Batteries',
    volume: '9',
    pages: '8',
    year: 2023,
    doi: '10.3390/batteries9010008',
  },
];

const electrolyte = z
  .string()
  .min(1)
  .describe(`Electrolyte id from data/interface/electrolytes.json: ${ELECTROLYTE_IDS.join(', ')}.`);

/** The cell and its conditions, shared by simulate and compare. */
const CellFields = {
  electrolyte,
  thickness_um: z
    .number()
    .positive('the membrane thickness must be positive (µm)')
    .max(1e5, 'the membrane thickness must be at most 100 000 µm')
    .describe('Electrolyte membrane thickness (µm).'),
  T_C: z
    .number()
    .min(-273.15, 'the temperature cannot be below absolute zero (−273.15 °C)')
    .max(1000, 'the temperature must be at most 1000 °C')
    .describe('Temperature (°C); at least absolute zero.'),
  pressure_MPa: z
    .number()
    .min(0, 'the stack pressure must not be negative (MPa)')
    .max(1000, 'the stack pressure must be at most 1000 MPa')
    .describe('Stack pressure (MPa).'),
  flawSize_um: z
    .number()
    .positive()
    .max(1e4)
    .optional()
    .describe('Largest surface flaw of the electrolyte (µm); default: the Weibull scale of the parameters.'),
  ramp: z
    .object({
      start_mA_cm2: z.number().positive().max(1000).describe('Current density of the first step (mA/cm²).'),
      step_mA_cm2: z.number().positive().max(1000).describe('Increment per step (mA/cm²).'),
      stepDuration_min: z
        .number()
        .positive()
        .max(1e4)
        .describe('Duration of each step (min), half at +j and half at −j.'),
    })
    .optional()
    .describe('Step-ramp protocol of the symmetric cell (used when `protocol` is absent).'),
  protocol: z
    .discriminatedUnion('kind', [
      z.object({
        kind: z.literal('step-ramp'),
        start_mA_cm2: z.number().positive().max(1000).describe('Current density of the first step (mA/cm²).'),
        step_mA_cm2: z.number().positive().max(1000).describe('Increment per step (mA/cm²).'),
        stepDuration_min: z.number().positive().max(1e4).describe('Duration of each step (min).'),
      }),
      z.object({
        kind: z.literal('linear-ramp'),
        rate_mA_cm2_per_h: z.number().positive().max(1000).describe('Ramp rate (mA/cm² per hour).'),
        max_mA_cm2: z
          .number()
          .positive()
          .max(1000)
          .describe('Current density at which the ramp stops (mA/cm²).'),
      }),
      z.object({
        kind: z.literal('cycling'),
        current_mA_cm2: z.number().positive().max(1000).describe('Cycling current density ±j (mA/cm²).'),
        capacity_mAh_cm2: z
          .number()
          .positive()
          .max(1000)
          .describe('Areal capacity per half cycle (mAh/cm²); half-cycle time = capacity/j.'),
        duration_h: z.number().positive().max(1e5).describe('Total duration of the test (h).'),
      }),
    ])
    .optional()
    .describe(
      'Current protocol: step ramp, linear ramp (one direction, Lowack-type) or galvanostatic cycling; overrides `ramp`.',
    ),
};

/** The protocol spec `parseProtocol` takes (src/interface/protocol.ts) for the `protocol`/`ramp` fields. */
function protocolSpec(i: { ramp?: StepRamp; protocol?: ProtocolInput }, rampOnly = false): string {
  const p = i.protocol;
  if (p && !(rampOnly && p.kind !== 'step-ramp')) {
    if (p.kind === 'step-ramp')
      return `step-ramp:${p.start_mA_cm2}:${p.step_mA_cm2}:${p.stepDuration_min}min`;
    if (p.kind === 'linear-ramp') return `linear-ramp:${p.rate_mA_cm2_per_h}:${p.max_mA_cm2}`;
    return `cycling:${p.current_mA_cm2}:${p.capacity_mAh_cm2}:${p.duration_h}h`;
  }
  const r = i.ramp;
  if (!r)
    throw new InputError('no current protocol given', {
      field: 'protocol',
      expected: rampOnly
        ? 'a step ramp in `ramp` (or `protocol` with kind step-ramp) for the CCD of the comparison'
        : 'a `protocol` (step-ramp, linear-ramp or cycling) or a step `ramp`',
    });
  return `step-ramp:${r.start_mA_cm2}:${r.step_mA_cm2}:${r.stepDuration_min}min`;
}

const SimulateInput = z
  .object({
    ...CellFields,
    mitigations: z
      .array(z.string().min(1))
      .max(20)
      .optional()
      .describe('Mitigation ids applied together to the simulated cell (data/interface/mitigations.json).'),
    tracePoints: z
      .number()
      .int()
      .min(10)
      .max(20_000)
      .optional()
      .describe('Maximum points of the returned trace (default 2000; the failure point is always kept).'),
  })
  .meta({
    id: 'InterfaceSimulateInput',
    description:
      'Symmetric Na | electrolyte | Na cell under a step ramp, a linear ramp or galvanostatic cycling.',
  });

const CompareInput = z
  .object({
    ...CellFields,
    strategies: z
      .array(z.string().min(1))
      .min(1)
      .max(30)
      .describe('Mitigation strategies, one entry per row; join ids with + to apply them together.'),
    cycleCurrent_mA_cm2: z
      .number()
      .positive()
      .max(1000)
      .optional()
      .describe('Current of the time-to-short cycling test (mA/cm², default 0.1).'),
    cycleCapacity_mAh_cm2: z
      .number()
      .positive()
      .max(1000)
      .optional()
      .describe('Areal capacity per half cycle (mAh/cm², default 0.1).'),
    cycleHours_h: z
      .number()
      .positive()
      .max(1e5)
      .optional()
      .describe('Duration of the cycling test (h, default 100).'),
  })
  .meta({
    id: 'InterfaceCompareInput',
    description: 'Mitigation strategies ranked by CCD, ASR, time-to-short.',
  });

type StepRamp = NonNullable<z.infer<typeof CellFields.ramp>>;
type ProtocolInput = NonNullable<z.infer<typeof CellFields.protocol>>;

/** The unit strings the CLI functions parse. */
function cellRequest(
  i: z.infer<typeof SimulateInput> | z.infer<typeof CompareInput>,
  rampOnly = false,
): InterfaceRequest {
  return {
    electrolyte: i.electrolyte,
    thickness: `${i.thickness_um}um`,
    T: `${i.T_C}C`,
    pressure: `${i.pressure_MPa}MPa`,
    protocol: protocolSpec(i, rampOnly),
    flawSize: i.flawSize_um === undefined ? undefined : `${i.flawSize_um}um`,
  };
}

const Num = z.number();
const NumOrNull = z.number().nullable();

const TraceOutput = z
  .record(z.string(), z.array(Num))
  .describe(
    'Decimated trace (failure point kept): time_h, current_mA_cm2, voltage_V, ohmic_V, interfacial_V, void_V (V), contactFractionA, contactFractionB.',
  );

const SimulateOutput = z
  .object({
    ccd_mA_cm2: NumOrNull.describe('CCD read off the simulated trace (mA/cm²); null = no failure.'),
    ccdMethod: z.string(),
    ccdCriterion: z.string().nullable(),
    lastStableCurrent_mA_cm2: NumOrNull,
    modelCcd_mA_cm2: NumOrNull,
    shortAt_h: NumOrNull,
    asr_ohm_cm2: Num.describe('Interfacial ASR of one electrode (Ω·cm²).'),
    asrConvention: z.string(),
    cellAsr_ohm_cm2: Num,
    electrolyteAsr_ohm_cm2: Num,
    contactFraction: Num,
    criticalStrippingCurrent_mA_cm2: Num,
    flawCriticalOverpotential_mV: Num,
    trace: TraceOutput,
  })
  .passthrough()
  .meta({ id: 'InterfaceSimulateOutput' });

export const interfaceSimulateOp = defineOperation({
  id: 'interface.simulate',
  title: 'Symmetric-cell simulation',
  description:
    'Na | electrolyte | Na under a current step ramp, linear ramp or galvanostatic cycling: voltage–time trace with ohmic, interfacial and void parts, failure point, CCD read off the trace, ASR and critical stripping current.',
  input: SimulateInput,
  output: SimulateOutput,
  citations: INTERFACE_CITATIONS,
  run(_ctx, input) {
    const mitigation = input.mitigations?.length ? input.mitigations.join('+') : undefined;
    return withFields(
      () => interfaceSimulate({ ...cellRequest(input), mitigation, tracePoints: input.tracePoints }),
      { '--mitigation': 'mitigations' },
    );
  },
});

const CompareRow = z.object({
  label: z.string(),
  mitigations: z.array(z.string()),
  interfaceAsr_ohm_cm2: Num,
  cellAsr_ohm_cm2: Num,
  ccd_mA_cm2: NumOrNull,
  ccdSource: z.string().nullable(),
  modelCcd_mA_cm2: NumOrNull,
  failureMode: z.string().nullable(),
  shortAt_h: NumOrNull,
  rank: z.number().int(),
});

const CompareOutput = z
  .object({
    rampProtocol: z.string(),
    cyclingProtocol: z.string(),
    ccdMethod: z.string(),
    ranking: z.string(),
    rows: z.array(CompareRow),
    notSimulated: z.array(
      z.object({ id: z.string(), name: z.string(), reason: z.string(), source: z.string() }),
    ),
    conditions: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'InterfaceCompareOutput' });

export const interfaceCompareOp = defineOperation({
  id: 'interface.compare',
  title: 'Mitigation comparison',
  description:
    'Apply mitigation strategies (alone or joined with +) to the cell, rerun a step ramp and a cycling test, and rank by CCD, interfacial ASR and time-to-short; strategies without quantitative data are listed with the reason.',
  input: CompareInput,
  output: CompareOutput,
  citations: INTERFACE_CITATIONS,
  run(_ctx, input) {
    return withFields(
      () =>
        interfaceCompare({
          ...cellRequest(input, true),
          mitigation: input.strategies.join(','),
          cycleCurrent: `${input.cycleCurrent_mA_cm2 ?? 0.1}mA/cm2`,
          cycleCapacity: `${input.cycleCapacity_mAh_cm2 ?? 0.1}mAh/cm2`,
          cycleHours: `${input.cycleHours_h ?? 100}h`,
        }),
      { '--mitigation': 'strategies' },
    );
  },
});

const MitigationRecord = z.object({
  id: z.string(),
  name: z.string(),
  system: z.string(),
  kind: z.string(),
  tag: z.string(),
  source: z.string(),
  simulated: z.boolean(),
  measured: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).nullable(),
  effects: z.array(z.object({ parameter: z.string(), value: Num, how: z.string() })),
  notQuantified: z.string().nullable(),
});

export const interfaceMitigationsOp = defineOperation({
  id: 'interface.mitigations',
  title: 'Mitigation catalogue',
  description:
    'The mitigation strategies of data/interface/mitigations.json with their measured numbers, source, tag, and how each enters the model (or why it is not simulated).',
  input: z.object({}).meta({ id: 'InterfaceMitigationsInput' }),
  output: z.object({ mitigations: z.array(MitigationRecord) }).meta({ id: 'InterfaceMitigationsOutput' }),
  run() {
    return {
      mitigations: MITIGATIONS.map((m) => ({
        id: m.id,
        name: m.name,
        system: m.system,
        kind: m.kind,
        tag: m.tag,
        source: m.source,
        simulated: m.simulated,
        measured: m.measured,
        effects: m.effects ?? [],
        notQuantified: m.notQuantified ?? null,
      })),
    };
  },
});

export const interfaceElectrolytesOp = defineOperation({
  id: 'interface.electrolytes',
  title: 'Electrolyte catalogue',
  description:
    'The electrolytes of data/interface/electrolytes.json: id, label, mobile ion and total conductivity at 25 °C (bulk + grain boundary) from the NASICON dataset estimate for its formula.',
  input: z.object({}).meta({ id: 'InterfaceElectrolytesInput' }),
  output: z
    .object({
      electrolytes: z.array(
        z.object({ id: z.string(), label: z.string(), ion: z.string(), sigma25C_mS_per_cm: Num }),
      ),
    })
    .meta({ id: 'InterfaceElectrolytesOutput' }),
  run() {
    const T25 = 298.15;
    return {
      electrolytes: ELECTROLYTE_IDS.map((id) => {
        const el = electrolyteProperties(id);
        return {
          id,
          label: el.label,
          ion: el.ion,
          sigma25C_mS_per_cm: membraneResistance(el, 0.01, T25).sigmaTotal_S_per_cm * 1e3,
        };
      }),
    };
  },
});

export const interfaceMembraneOp = defineOperation({
  id: 'interface.membrane',
  title: 'Membrane ASR table',
  description: 'Area-specific resistance ASR = L/σ of a membrane for each conductivity and thickness.',
  input: z
    .object({
      sigma_mS_per_cm: z
        .array(z.number().positive().max(1e4))
        .min(1)
        .max(20)
        .describe('Total ionic conductivities (mS/cm).'),
      thickness_um: z
        .array(z.number().positive().max(1e5))
        .min(1)
        .max(20)
        .describe('Membrane thicknesses (µm).'),
    })
    .meta({ id: 'InterfaceMembraneInput' }),
  output: z
    .object({
      thickness_um: z.array(Num),
      sigmaSource: z.string(),
      rows: z.array(z.object({ sigma_mS_per_cm: Num, asr_ohm_cm2: z.array(Num) })),
      convention: z.string(),
      budget: z.unknown(),
    })
    .meta({ id: 'InterfaceMembraneOutput' }),
  run(_ctx, input) {
    return withFields(() =>
      membraneOperation({
        sigma: input.sigma_mS_per_cm.map((s) => `${s}mS/cm`).join(','),
        thickness: input.thickness_um.map((l) => `${l}um`).join(','),
      }),
    );
  },
});

export const interfaceCcdOp = defineOperation({
  id: 'interface.ccd',
  title: 'CCD read-off of a measured trace',
  description:
    'Read the critical current density off a measured symmetric-cell trace, the same way as on a simulated trace: a cycler export read by the cycling readers (Arbin, Maccor, BioLogic, Novonix, generic CSV; format auto-detected; current in A divided by the electrode area) or a CSV with time_s, voltage_V, current_mA_cm2. A file that is not a symmetric-cell trace gets a verdict and a message instead of a number.',
  input: z
    .object({
      csv: z.string().min(1).describe('The trace file text (cycler export or plain CSV).'),
      fileName: z.string().optional().describe('Name of the file, for messages.'),
      area_cm2: z
        .number()
        .positive()
        .max(1e4)
        .optional()
        .describe('Electrode area (cm²); required for cycler files, which give current in A.'),
      diameter_mm: z
        .number()
        .positive()
        .max(1e3)
        .optional()
        .describe('Electrode diameter (mm) instead of area_cm2; area = π·d²/4.'),
      format: z
        .enum(['arbin', 'maccor', 'biologic', 'novonix', 'generic'])
        .optional()
        .describe('Cycler format instead of auto-detection.'),
      protocolType: z
        .enum(['auto', 'step', 'ramp'])
        .optional()
        .describe('Protocol of the trace (default auto-detected).'),
      voltageLimit_V: z.number().positive().max(100).optional().describe('Cut-off voltage (V), default 2.'),
    })
    .meta({ id: 'InterfaceCcdInput' }),
  output: z
    .object({
      file: z.string(),
      points: z.number().int(),
      reader: z.string().describe("'plain-csv' or the cycler format read."),
      area_cm2: NumOrNull,
      verdict: z.enum(['ccd', 'no-failure', 'no-current', 'not-symmetric-cell']),
      message: z.string(),
      ccd_mA_cm2: NumOrNull,
      lastStableCurrent_mA_cm2: NumOrNull,
      criterion: z.string().nullable(),
      method: z.string(),
    })
    .passthrough()
    .meta({ id: 'InterfaceCcdOutput' }),
  run(_ctx, input) {
    return withFields(
      () =>
        interfaceCcd({
          input: input.csv,
          fileName: input.fileName ?? 'trace.csv',
          area: input.area_cm2 === undefined ? undefined : `${input.area_cm2}cm2`,
          diameter: input.diameter_mm === undefined ? undefined : `${input.diameter_mm}mm`,
          format: input.format,
          protocol: input.protocolType,
          voltageLimit_V: input.voltageLimit_V,
        }),
      { '--area': 'area_cm2', '--diameter': 'diameter_mm', '--format': 'format' },
    );
  },
});

export const operations = [
  interfaceSimulateOp,
  interfaceCompareOp,
  interfaceMitigationsOp,
  interfaceElectrolytesOp,
  interfaceMembraneOp,
  interfaceCcdOp,
];
