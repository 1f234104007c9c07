/**
 * Impedance operations for the HTTP API and the workbench: read a spectrum, check a circuit string,
 * fit it, Kramers–Kronig (Lin-KK), DRT and the Arrhenius analysis of a temperature series. Each `run`
 * reads the uploaded file with `parseImpedance` and calls the same functions as `natrium eis …`.
 */
import { z } from 'zod';
import { InputError } from '../../../core/errors.ts';
import { compileCircuit, parseCircuit, sampleGeometry } from '../../../electrochem/eis/index.ts';
import { EIS_FORMATS, type ImpedanceSpectrum, parseImpedance } from '../../../io/eis/index.ts';
import { eisDrt, eisFit, eisKk } from '../../operations/eis.ts';
import { eisArrhenius } from '../../operations/eisArrhenius.ts';
import { type Citation, defineOperation } from '../types.ts';

export const EIS_CITATIONS: Record<'linkk' | 'drt' | 'brug', Citation> = {
  linkk: {
    key: 'Schonleber2014',
    type: 'article',
    author: 'Schönleber, M. and Klotz, D. and Ivers-Tiffée, E.',
    title: 'A Method for Improving the Robustness of linear Kramers-Kronig Validity Tests',
    journal: 'Electrochimica Acta',
    volume: '131',
    pages: '20--27',
    year: 2014,
    doi: '10.1016/j.electacta.2014.01.034',
  },
  drt: {
    key: 'Wan2015',
    type: 'article',
    author: 'Wan, T. H. and Saccoccio, M. and Chen, C. and Ciucci, F.',
    title: 'Influence of the Discretization Methods on the Distribution of Relaxation Times Deconvolution',
    journal: 'Electrochimica Acta',
    volume: '184',
    pages: '483--499',
    year: 2015,
    doi: '10.1016/j.electacta.2015.09.097',
  },
  brug: {
    key: 'Brug1984',
    type: 'article',
    author: 'Brug, G. J. and van den Eeden, A. L. G. and Sluyters-Rehbach, M. and Sluyters, J. H.',
    title: 'The analysis of electrode impedances complicated by the presence of a constant phase element',
    journal: 'Journal of Electroanalytical Chemistry',
    volume: '176',
    pages: '275--295',
    year: 1984,
    doi: '10.1016/S0022-0728(84)80324-1',
  },
};

/** One uploaded impedance file: its text (UTF-8) or its bytes (base64, for Latin-1 exports). */
export const EisFile = z
  .object({
    fileName: z
      .string()
      .max(300)
      .optional()
      .describe('Name of the file; used for messages and the temperature.'),
    text: z.string().optional().describe('File content as text.'),
    base64: z.string().optional().describe('File content as base64 bytes (decoded as UTF-8 or Latin-1).'),
    format: z
      .enum(['auto', ...EIS_FORMATS])
      .optional()
      .describe('Force a reader; default auto-detection from the content.'),
  })
  .meta({ id: 'EisFile', description: 'An impedance file: text or base64 bytes.' });
export type EisFile = z.infer<typeof EisFile>;

/** Reads the uploaded file with the same reader as the CLI. */
export function readEisFile(file: EisFile): ImpedanceSpectrum {
  const content = fileContent(file);
  return parseImpedance(content, { fileName: file.fileName, format: file.format ?? 'auto' });
}

/** Text or bytes of an upload; exactly one of `text` and `base64` must be given. */
export function fileContent(file: {
  fileName?: string;
  text?: string;
  base64?: string;
}): string | Uint8Array {
  if ((file.text === undefined) === (file.base64 === undefined))
    throw new InputError('give the file content once, as text or as base64', {
      file: file.fileName,
      field: 'text/base64',
    });
  if (file.text !== undefined) return file.text;
  const b64 = file.base64!.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64))
    throw new InputError('the base64 content is not valid base64', { file: file.fileName, field: 'base64' });
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

const numbers = z.array(z.number());
const Warnings = z.array(z.string()).describe('Things the user should know about the data or the result.');

const SpectrumOutput = z.looseObject({
  file: z.string().optional(),
  format: z.string().describe('Reader that was used (auto-detected unless forced).'),
  points: z.number().int(),
  frequencyRangeHz: z.tuple([z.number(), z.number()]),
  convention: z.string(),
  metadata: z.record(z.string(), z.union([z.number(), z.string()])),
  warnings: Warnings,
  frequencyHz: numbers.describe('Hz'),
  zReal: numbers.describe("Z', Ω"),
  zImag: numbers.describe("Z'', Ω (negative = capacitive)"),
});

function spectrumDoc(s: ImpedanceSpectrum) {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const f of s.frequencyHz) {
    if (f < lo) lo = f;
    if (f > hi) hi = f;
  }
  return {
    file: s.fileName,
    format: s.format,
    points: s.frequencyHz.length,
    frequencyRangeHz: [lo, hi] as [number, number],
    convention: "Z = Z' + jZ'', Z'' < 0 capacitive",
    metadata: s.metadata as Record<string, number | string>,
    warnings: s.warnings,
    frequencyHz: Array.from(s.frequencyHz),
    zReal: Array.from(s.zReal),
    zImag: Array.from(s.zImag),
  };
}

export const eisRead = defineOperation({
  id: 'eis.read',
  title: 'Read an impedance spectrum',
  description:
    "Read an impedance export (BioLogic, Gamry, ZPlot, Autolab, Parstat, VersaStudio, PowerSuite, CH Instruments, Novocontrol, CSV; auto-detected) into f, Z', Z''.",
  input: EisFile,
  output: SpectrumOutput,
  run: (_ctx, file) => spectrumDoc(readEisFile(file)),
});

const CircuitInput = z.object({
  circuit: z.string().max(500).describe("impedance.py syntax 'R0-p(R1,CPE1)' or Boukamp 'R(RQ)'."),
});

export const eisCircuit = defineOperation({
  id: 'eis.circuit',
  title: 'Check an equivalent circuit',
  description:
    'Parse a circuit string and list its parameters (name, unit, default start value); a syntax error names the character.',
  input: CircuitInput,
  output: z.object({
    circuit: z.string(),
    syntax: z.string(),
    parameters: z.array(
      z.object({ name: z.string(), element: z.string(), unit: z.string(), default: z.number() }),
    ),
  }),
  run(_ctx, { circuit }) {
    const c = parseCircuit(circuit);
    return {
      circuit: c.source,
      syntax: c.syntax,
      parameters: c.parameters.map((p) => ({
        name: p.name,
        element: p.element,
        unit: p.unit,
        default: p.default,
      })),
    };
  },
});

/** Points per decade of the smooth model curve returned with a fit. */
const CURVE_POINTS_PER_DECADE = 20;

/** The fitted circuit on a log-spaced grid over the fitted range (for drawing a smooth curve). */
function modelCurve(circuitText: string, values: number[], fMin: number, fMax: number) {
  const decades = Math.log10(fMax / fMin);
  const n = Math.max(2, Math.ceil(decades * CURVE_POINTS_PER_DECADE) + 1);
  const frequencyHz = Array.from({ length: n }, (_, i) => fMax * 10 ** ((-decades * i) / (n - 1)));
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  compileCircuit(parseCircuit(circuitText), frequencyHz)(values, re, im);
  return { frequencyHz, zReal: Array.from(re), zImag: Array.from(im) };
}

const FitInput = z.object({
  file: EisFile,
  circuit: CircuitInput.shape.circuit,
  guess: z
    .array(z.number())
    .optional()
    .describe('Start values of all parameters in circuit order (default: estimated from the data).'),
  weight: z
    .enum(['unit', 'modulus', 'proportional'])
    .optional()
    .describe("Residual weighting (default 'unit')."),
  constants: z
    .record(z.string(), z.number())
    .optional()
    .describe('Parameters held fixed, e.g. {"R0": 0.01}.'),
  multiStart: z.number().int().min(1).max(50).optional().describe('Extra random starts (seeded).'),
});

const FitOutput = z.looseObject({
  format: z.string(),
  circuit: z.string(),
  parameters: z.record(
    z.string(),
    z.object({
      value: z.number(),
      stderr: z.number().nullable().describe('1σ; null when fixed or not determined by the data.'),
      unit: z.string(),
      fixed: z.boolean(),
      ci95: z.tuple([z.number(), z.number()]),
    }),
  ),
  chi2: z.number(),
  rmse: z.number().describe('Ω'),
  warnings: Warnings,
  curve: z.object({ frequencyHz: numbers, zReal: numbers, zImag: numbers }),
});

export const eisFitOp = defineOperation({
  id: 'eis.fit',
  title: 'Fit an equivalent circuit',
  description:
    'Complex non-linear least squares (Levenberg–Marquardt) of a circuit to a spectrum: values ± 1σ, χ², residuals, and the model on a smooth grid.',
  input: FitInput,
  output: FitOutput,
  citations: [EIS_CITATIONS.brug],
  run(ctx, req) {
    const s = readEisFile(req.file);
    const doc = eisFit(s, {
      circuit: req.circuit,
      guess: req.guess,
      weight: req.weight,
      constants: req.constants,
      multiStart: req.multiStart,
      seed: ctx.seed,
    });
    const values = Object.values(doc.parameters).map((p) => p.value);
    // Over the points the fit used (inductive points may have been dropped), not beyond.
    const lo = Math.min(...doc.fitted.frequencyHz);
    const hi = Math.max(...doc.fitted.frequencyHz);
    return { ...doc, curve: modelCurve(req.circuit, values, lo, hi) };
  },
});

export const eisKkOp = defineOperation({
  id: 'eis.kk',
  title: 'Kramers–Kronig check (Lin-KK)',
  description:
    'Lin-KK test with the automatic choice of the number of RC elements M by the μ criterion: relative residuals per point.',
  input: z.object({
    file: EisFile,
    c: z.number().gt(0).lt(1).optional().describe('μ threshold of the automatic M choice (default 0.85).'),
    M: z.number().int().min(1).max(200).optional().describe('Fixed number of RC elements.'),
    underfitRatio: z
      .number()
      .min(1)
      .nullable()
      .optional()
      .describe(
        'Under-fitting guard: accept μ ≤ c only when χ² ≤ this × its floor (default 10); null = plain rule.',
      ),
  }),
  output: z.looseObject({
    M: z.number().int(),
    mu: z.number(),
    c: z.number(),
    frequencyHz: numbers,
    residualsReal: numbers.describe("(Z' − Z'_KK)/|Z|"),
    residualsImag: numbers.describe("(Z'' − Z''_KK)/|Z|"),
    maxAbsResidual: z.number(),
    criterionMet: z.boolean(),
    warnings: Warnings,
  }),
  citations: [EIS_CITATIONS.linkk],
  run: (_ctx, req) => ({
    ...eisKk(readEisFile(req.file), { c: req.c, M: req.M, underfitRatio: req.underfitRatio }),
  }),
});

export const eisDrtOp = defineOperation({
  id: 'eis.drt',
  title: 'Distribution of relaxation times',
  description:
    'Tikhonov-regularised DRT with Gaussian radial basis functions; λ given or chosen by GCV / L-curve; peaks with their resistances.',
  input: z.object({
    file: EisFile,
    lambda: z.number().positive().optional().describe('Fixed regularisation parameter λ.'),
    lambdaMethod: z.enum(['gcv', 'lcurve']).optional().describe('How λ is chosen when not given.'),
    derivative: z
      .union([z.literal(1), z.literal(2)])
      .optional()
      .describe('Penalty derivative order.'),
    data: z.enum(['combined', 'real', 'imag']).optional(),
  }),
  output: z.looseObject({
    lambda: z.number(),
    lambdaMethod: z.string(),
    tau: numbers.describe('s'),
    gamma: numbers.describe('Ω (per unit ln τ)'),
    rInf: z.number().describe('Ω'),
    polarizationResistance: z.number().describe('Ω'),
    peaks: z.array(
      z.object({ tau: z.number(), frequencyHz: z.number(), resistance: z.number().describe('Ω') }),
    ),
    warnings: Warnings,
  }),
  citations: [EIS_CITATIONS.drt],
  run: (_ctx, req) => ({
    ...eisDrt(readEisFile(req.file), {
      lambda: req.lambda,
      lambdaMethod: req.lambdaMethod,
      derivative: req.derivative,
      data: req.data,
    }),
  }),
});

export const eisArrheniusOp = defineOperation({
  id: 'eis.arrhenius',
  title: 'Arrhenius analysis of a temperature series',
  description:
    'Fit one circuit to each spectrum, assign arcs (bulk / grain boundary) by capacitance, convert to σ with the pellet geometry and fit Ea.',
  input: z.object({
    files: z.array(EisFile).min(2).max(50).describe('One spectrum per temperature.'),
    circuit: CircuitInput.shape.circuit,
    thicknessCm: z.number().positive().describe('Pellet thickness L, cm.'),
    diameterCm: z.number().positive().describe('Electrode diameter, cm (area = π d²/4).'),
    temperaturesC: z
      .array(z.number())
      .optional()
      .describe('°C per file in file order; default from the file header or name.'),
    form: z
      .enum(['sigmaT', 'sigma'])
      .optional()
      .describe('σT = A exp(−Ea/kT) (default) or σ = σ0 exp(−Ea/kT).'),
  }),
  output: z.looseObject({
    circuit: z.string(),
    form: z.string(),
    bulk: z.object({ Ea: z.number().describe('eV'), EaStderr: z.number().nullable() }).nullable(),
    grainBoundary: z.object({ Ea: z.number().describe('eV'), EaStderr: z.number().nullable() }).nullable(),
    total: z.object({ Ea: z.number().describe('eV'), EaStderr: z.number().nullable() }).nullable(),
    points: z.array(
      z.object({ temperatureK: z.number(), sigmaTotal: z.number().nullable().describe('S/cm') }),
    ),
    warnings: Warnings,
  }),
  citations: [EIS_CITATIONS.brug],
  run(ctx, req) {
    const geometry = sampleGeometry(req.thicknessCm, { diameterCm: req.diameterCm });
    return {
      ...eisArrhenius(req.files.map(readEisFile), {
        circuit: req.circuit,
        geometry,
        temperaturesC: req.temperaturesC,
        form: req.form,
        seed: ctx.seed,
      }),
    };
  },
});

export const operations = [eisRead, eisCircuit, eisFitOp, eisKkOp, eisDrtOp, eisArrheniusOp];
