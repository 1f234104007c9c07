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
  interfaceCcdFromCsv,
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
  '--protocol': 'ramp',
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
    title: '[title not recorded in data/interface/electrolytes.json; cited there by journal and DOI]',
    journal: 'Journal of Materials Chemistry A',
    volume: '11',
    pages: '23233',
    year: 2023,
    doi: '10.1039/D3TA04665F',
    note: 'NZSP bulk and total conductivity',
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
    .describe('Step-ramp protocol of the symmetric cell.'),
};

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
    description: 'Symmetric Na | electrolyte | Na cell under a step ramp.',
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

/** The unit strings the CLI functions parse. */
function cellRequest(i: z.infer<typeof SimulateInput> | z.infer<typeof CompareInput>): InterfaceRequest {
  const r = i.ramp;
  return {
    electrolyte: i.electrolyte,
    thickness: `${i.thickness_um}um`,
    T: `${i.T_C}C`,
    pressure: `${i.pressure_MPa}MPa`,
    protocol: `step-ramp:${r.start_mA_cm2}:${r.step_mA_cm2}:${r.stepDuration_min}min`,
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
    'Na | electrolyte | Na under a current step ramp: voltage–time trace with ohmic, interfacial and void parts, failure point, CCD read off the trace, ASR and critical stripping current.',
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
          ...cellRequest(input),
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
    'The electrolytes of data/interface/electrolytes.json: id, label, mobile ion and total conductivity at 25 °C (bulk + grain boundary).',
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
    'Read the critical current density off a measured symmetric-cell trace (CSV with time_s, voltage_V, current_mA_cm2), the same way as on a simulated trace.',
  input: z
    .object({
      csv: z.string().min(1).describe('The trace file text.'),
      fileName: z.string().optional().describe('Name of the file, for messages.'),
      voltageLimit_V: z.number().positive().max(100).optional().describe('Cut-off voltage (V), default 2.'),
    })
    .meta({ id: 'InterfaceCcdInput' }),
  output: z
    .object({
      file: z.string(),
      points: z.number().int(),
      ccd_mA_cm2: NumOrNull,
      lastStableCurrent_mA_cm2: NumOrNull,
      criterion: z.string().nullable(),
      method: z.string(),
    })
    .passthrough()
    .meta({ id: 'InterfaceCcdOutput' }),
  run(_ctx, input) {
    return interfaceCcdFromCsv(input.csv, input.fileName ?? 'trace.csv', input.voltageLimit_V);
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
