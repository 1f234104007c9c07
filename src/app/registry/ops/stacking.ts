/**
 * Stacking operations for the "Layered oxides" page: analyse a typed sequence, generate one from the
 * Markov or phase-type model, build a bounded atomic model for the 3-D view, and simulate the
 * faulted-stack powder pattern, optionally matched (scale, flat background) to a measured pattern.
 * Requests are capped so that each answers in a few seconds; every cap that applied is reported.
 */
import { z } from 'zod';
import { InputError } from '../../../core/errors.ts';
import { analyzeSymmetry } from '../../../crystal/spacegroup.ts';
import { supercell } from '../../../crystal/supercell.ts';
import { matchScale, parseXy } from '../../../io/xy/index.ts';
import {
  analyzeStack,
  buildStructure,
  parseStack,
  resolveLayeredParams,
  type StackAnalysis,
} from '../../../layered/index.ts';
import { stackingAnalyze, stackingGenerate } from '../../operations/stacking.ts';
import { DEFAULT_WAVELENGTH_A, stackingXrd } from '../../operations/stackingXrd.ts';
import { structureScene } from '../../operations/structureScene.ts';
import * as S from '../../server/schemas.ts';
import { type Citation, defineOperation } from '../types.ts';

/** Longest stack analysed or drawn as a strip (slabs). */
export const MAX_ANALYZE_SLABS = 5000;
/** Longest generated stack (slabs). */
export const MAX_GENERATE_LAYERS = 2000;
/** Slabs built into the atomic model by default and at most (the 3-D view stays responsive). */
export const DEFAULT_BUILD_SLABS = 12;
export const MAX_BUILD_SLABS_VIEW = 36;
/** In-plane repeats drawn by default (a single hexagonal cell is a thin column; 3×3 shows the layers). */
export const DEFAULT_IN_PLANE_REPEAT = 3;
/** Longest explicit sequence simulated (slabs) and most 2θ points per pattern (a few seconds each). */
export const MAX_XRD_SLABS = 300;
export const MAX_XRD_POINTS = 3000;
/** Gaussian instrument FWHM used when the request gives none (degrees 2θ). */
export const DEFAULT_FWHM_DEG = 0.1;

export const STACKING_CITATIONS: Citation[] = [
  {
    key: 'Treacy1991',
    type: 'article',
    author: 'Treacy, M. M. J. and Newsam, J. M. and Deem, M. W.',
    title:
      'A general recursion method for calculating diffracted intensities from crystals containing planar faults',
    journal: 'Proceedings of the Royal Society A',
    volume: '433',
    pages: '499--520',
    year: 1991,
    doi: '10.1098/rspa.1991.0062',
  },
  {
    key: 'Delmas1980',
    type: 'article',
    author: 'Delmas, C. and Fouassier, C. and Hagenmuller, P.',
    title: 'Structural classification and properties of the layered oxides',
    journal: 'Physica B+C',
    volume: '99',
    pages: '81--85',
    year: 1980,
    doi: '10.1016/0378-4363(80)90214-4',
  },
];

/** Builder parameters shared by the 3-D model and the pattern; omitted values take the defaults of docs/layered.md. */
const LayerParams = z
  .object({
    composition: z.string().max(80).optional().describe("NaₓMO₂ formula, e.g. 'Na0.67Mn0.67Ni0.33O2'."),
    a: z.number().positive().max(10).optional().describe('In-plane cell length a (Å).'),
    dP: z.number().positive().max(20).optional().describe('P-type interlayer spacing (Å).'),
    dO: z.number().positive().max(20).optional().describe('O-type interlayer spacing (Å).'),
  })
  .optional();

const Label = z.enum(['P2', 'P3', 'O1', 'O2', 'O3']);

const AnalysisOutput = z.object({
  slabs: z.number().int(),
  sequence: z.string().describe('Oxygen letters, one slab per space-separated pair.'),
  labels: z.array(Label).describe('Local label of each interlayer.'),
  environments: z
    .array(z.string())
    .describe('Na environment of each interlayer (P prismatic, O octahedral).'),
  character: z.array(z.number().int()).describe('2 or 3 for each interlayer.'),
  interphases: z.array(z.number().int()).describe('Slab indices (0-based) of the X2/Y3 interphases.'),
  alpha: z.number().describe('Interphases per interlayer.'),
  alphaPerNm: z.number().describe('Interphases per nm along c.'),
  beta: z.number().nullable().describe('CV of interphase spacings; null with fewer than 3 interphases.'),
  fractions: z.record(z.string(), z.number()),
  phi2: z.number(),
  polytype: z.string(),
  polytypeDetail: z.string().optional(),
  periodic: z.boolean(),
  meanSpacingAngstrom: z.number(),
});
type AnalysisOutput = z.infer<typeof AnalysisOutput>;

function analysisOutput(a: StackAnalysis): AnalysisOutput {
  if (a.slabs > MAX_ANALYZE_SLABS)
    throw new InputError('the stack is too long for the page', {
      field: 'sequence',
      expected: `at most ${MAX_ANALYZE_SLABS} slabs (use \`natrium stacking analyze\` for longer ones)`,
      found: `${a.slabs} slabs`,
    });
  return {
    slabs: a.slabs,
    sequence: a.sequence,
    labels: a.labels,
    environments: a.environments,
    character: a.character,
    interphases: a.interphases,
    alpha: a.alpha,
    alphaPerNm: a.alphaPerNm,
    beta: a.beta,
    fractions: a.fractions,
    phi2: a.phi2,
    polytype: a.polytype,
    polytypeDetail: a.polytypeDetail,
    periodic: a.periodic,
    meanSpacingAngstrom: a.meanSpacingAngstrom,
  };
}

/** Rejects absurd block counts before anything is expanded (P2*10000000 would allocate first). */
function guardLength(sequence: string): void {
  let total = 0;
  for (const m of sequence.matchAll(/\*\s*(\d+)/g)) total += Number(m[1]);
  if (total > MAX_ANALYZE_SLABS)
    throw new InputError('the stack is too long for the page', {
      field: 'sequence',
      expected: `at most ${MAX_ANALYZE_SLABS} slabs`,
      found: `${total} slabs in the block counts`,
    });
}

const AnalyzeInput = z
  .object({
    sequence: z
      .string()
      .min(1, 'type a stacking sequence')
      .max(40_000)
      .describe("Letters ('AB BC …'), (s; d) pairs or block shorthand ('P2*10 P3*6')."),
    periodic: z.boolean().optional().describe('Treat the sequence as one periodic repeat.'),
    params: LayerParams.describe(
      'Builder parameters; their interlayer spacings (dP, dO) are the ones α per nm uses, as for the 3-D model and the pattern.',
    ),
  })
  .meta({ id: 'StackingAnalyzeInput' });

/** Per-label interlayer spacings (Å) of the builder parameters: what the 3-D model and the pattern use. */
function spacingOf(params: z.infer<typeof LayerParams>): Record<string, number> {
  return { ...resolveLayeredParams(params ?? {}).spacing };
}

export const stackingAnalyzeOp = defineOperation({
  id: 'stacking.analyze',
  title: 'Stacking analysis',
  description:
    'Local label (P2/P3/O1/O2/O3) of every interlayer, interphases, α, β, fractions and the recognised polytype of a stacking sequence.',
  input: AnalyzeInput,
  output: AnalysisOutput,
  citations: STACKING_CITATIONS,
  run(_ctx, input) {
    guardLength(input.sequence);
    return analysisOutput(
      stackingAnalyze({
        sequence: input.sequence,
        periodic: input.periodic,
        spacingAngstrom: spacingOf(input.params),
      }),
    );
  },
});

const GenerateInput = z
  .object({
    model: z.enum(['markov', 'phase-type']),
    phi2: z.number().min(0).max(1).describe('Target fraction of 2-type interlayers.'),
    alpha: z.number().min(0).max(1).describe('Target interphases per interlayer.'),
    beta: z.number().min(0).optional().describe('Target CV of interphase spacings (phase-type only).'),
    layers: z
      .number()
      .int()
      .min(2)
      .max(MAX_GENERATE_LAYERS, `at most ${MAX_GENERATE_LAYERS} layers on the page`)
      .describe('Number of slabs.'),
    seed: z.number().int().min(0).describe('Seed of the random stack.'),
    params: LayerParams.describe('Builder parameters; their spacings are used for α per nm.'),
  })
  .meta({ id: 'StackingGenerateInput' });

export const stackingGenerateOp = defineOperation({
  id: 'stacking.generate',
  title: 'Generate a stacking sequence',
  description:
    'Random stack from a first-order Markov chain or the phase-type (CV-controlled) model for target φ₂, α (and β), with its analysis.',
  input: GenerateInput,
  output: z.object({
    sequence: z.string(),
    parameters: z.record(z.string(), z.unknown()),
    analysis: AnalysisOutput,
  }),
  citations: STACKING_CITATIONS,
  run(_ctx, input) {
    const g = stackingGenerate({
      model: input.model,
      phi2: input.phi2,
      alpha: input.alpha,
      beta: input.model === 'phase-type' ? input.beta : undefined,
      layers: input.layers,
      seed: input.seed,
    });
    const analysis = analysisOutput(
      stackingAnalyze({ sequence: g.sequence, spacingAngstrom: spacingOf(input.params) }),
    );
    return { sequence: g.sequence, parameters: g.parameters, analysis };
  },
});

const BuildInput = z
  .object({
    sequence: z.string().min(1, 'type a stacking sequence').max(40_000),
    maxSlabs: z
      .number()
      .int()
      .min(1)
      .max(MAX_BUILD_SLABS_VIEW)
      .optional()
      .describe(`Slabs built from the start of the sequence (default ${DEFAULT_BUILD_SLABS}).`),
    inPlaneRepeat: z
      .number()
      .int()
      .min(1)
      .max(4)
      .optional()
      .describe(
        `Cells drawn along a and b (default ${DEFAULT_IN_PLANE_REPEAT}); the cell reported is one repeat.`,
      ),
    params: LayerParams,
  })
  .meta({ id: 'StackingBuildInput' });

export const stackingBuildOp = defineOperation({
  id: 'stacking.build',
  title: 'Atomic model of a stack',
  description:
    'Builds the first slabs of a sequence as one periodic repeat along c (Na, transition metal, O) and returns a 3-D scene and the cell.',
  input: BuildInput,
  output: z.object({
    slabsTotal: z.number().int(),
    slabsBuilt: z.number().int(),
    capped: z.boolean(),
    polytype: z.string(),
    spaceGroup: z.object({ number: z.number().int(), symbol: z.string() }).nullable(),
    cell: z.object({ a: z.number(), c: z.number(), volume: z.number() }).describe('Å, Å³'),
    atoms: z.number().int().describe('Sites in one cell.'),
    inPlaneRepeat: z.number().int(),
    scene: S.StructureScene,
  }),
  run(_ctx, input) {
    guardLength(input.sequence);
    const parsed = parseStack(input.sequence);
    const total = parsed.columns.length / 2;
    const built = Math.min(total, input.maxSlabs ?? DEFAULT_BUILD_SLABS);
    const stack = { columns: parsed.columns.slice(0, 2 * built), periodic: true };
    const structure = buildStructure(stack, resolveLayeredParams(input.params ?? {}));
    let spaceGroup: { number: number; symbol: string } | null = null;
    try {
      const sym = analyzeSymmetry(structure);
      spaceGroup = { number: sym.number, symbol: sym.symbol };
    } catch {
      spaceGroup = null; // symmetry data not loaded or analysis failed: the model is still drawn
    }
    const lp = structure.lattice.parameters;
    const repeat = input.inPlaneRepeat ?? DEFAULT_IN_PLANE_REPEAT;
    return {
      slabsTotal: total,
      slabsBuilt: built,
      capped: built < total,
      polytype: analyzeStack(stack).polytype,
      spaceGroup,
      cell: { a: lp.a, c: lp.c, volume: structure.lattice.volume },
      atoms: structure.sites.length,
      inPlaneRepeat: repeat,
      scene: structureScene(repeat > 1 ? supercell(structure, [repeat, repeat, 1]) : structure),
    };
  },
});

const XrdInput = z
  .object({
    sequence: z.string().max(40_000).optional().describe('Explicit stack (simulated as written).'),
    model: z
      .object({
        kind: z.enum(['markov', 'phase-type']),
        phi2: z.number().min(0).max(1),
        alpha: z.number().min(0).max(1),
        beta: z.number().min(0).optional().describe('Phase-type only.'),
      })
      .optional()
      .describe('Generated statistics, simulated by the recursion (infinite crystal).'),
    twoThetaMin: z.number().gt(0).lt(180).describe('deg'),
    twoThetaMax: z.number().gt(0).lt(180).describe('deg'),
    step: z.number().positive().describe('deg'),
    fwhmDeg: z.number().min(0).max(5).optional().describe('Gaussian instrument FWHM, degrees 2θ (0 = none).'),
    measured: z
      .object({ text: z.string().max(20_000_000), fileName: z.string() })
      .optional()
      .describe('Measured pattern (two columns 2θ, intensity).'),
    background: z.boolean().optional().describe('Fit a flat background as well as the scale.'),
    weights: z
      .enum(['poisson', 'unit'])
      .optional()
      .describe("Rwp weights: 'poisson' w = 1/y (counts, default) or 'unit' w = 1 (normalised curves)."),
    params: LayerParams,
  })
  .meta({ id: 'StackingXrdInput' });

export const stackingXrdOp = defineOperation({
  id: 'stacking.xrd',
  title: 'Faulted-stack powder pattern',
  description:
    'Powder pattern of an explicit stack or of intergrowth statistics (recursion), Cu Kα1, optionally scaled to a measured pattern with Rwp.',
  input: XrdInput,
  output: z.object({
    twoTheta: z.array(z.number()).describe('deg'),
    intensity: z.array(z.number()).describe('Relative: strongest simulated point = 1.'),
    mode: z.string(),
    wavelengthAngstrom: z.number(),
    fwhmDeg: z.number(),
    points: z.number().int(),
    slabs: z.number().int().nullable(),
    match: z
      .object({
        fileName: z.string(),
        measuredTwoTheta: z.array(z.number()),
        measuredIntensity: z.array(z.number()),
        fitted: z.array(z.number()).describe('s·y_sim + b on the used measured points.'),
        fittedTwoTheta: z.array(z.number()),
        scale: z.number(),
        background: z.number(),
        rwp: z.number().describe('Fraction, not %.'),
        weights: z.enum(['poisson', 'unit']),
        pointsUsed: z.number().int(),
        pointsExcluded: z.number().int(),
      })
      .nullable(),
  }),
  citations: STACKING_CITATIONS,
  run(ctx, input) {
    if ((input.sequence === undefined) === (input.model === undefined))
      throw new InputError('give either a sequence or the model statistics, not both', { field: 'input' });
    if (!(input.twoThetaMax > input.twoThetaMin))
      throw new InputError('the 2θ range is empty', {
        field: 'twoThetaMax',
        expected: `above 2θ min = ${input.twoThetaMin}°`,
        found: `${input.twoThetaMax}`,
      });
    // Bins of width step from 2θ min (lower edges), as the faulted-pattern module counts them.
    const points = Math.floor((input.twoThetaMax - input.twoThetaMin) / input.step + 1e-9);
    if (points > MAX_XRD_POINTS)
      throw new InputError('too many 2θ points for the page', {
        field: 'step',
        expected: `at most ${MAX_XRD_POINTS} points (a larger step or a narrower range)`,
        found: `${points} points`,
      });
    // Parse the measured file first: a bad file should fail before a long simulation.
    const measured = input.measured
      ? parseXy(input.measured.text, { fileName: input.measured.fileName })
      : null;
    let slabs: number | null = null;
    if (input.sequence !== undefined) {
      guardLength(input.sequence);
      slabs = parseStack(input.sequence).columns.length / 2;
      if (slabs > MAX_XRD_SLABS)
        throw new InputError('the explicit stack is too long to simulate on the page', {
          field: 'sequence',
          expected: `at most ${MAX_XRD_SLABS} slabs (use \`natrium stacking xrd\` or the model statistics)`,
          found: `${slabs} slabs`,
        });
    }
    const fwhmDeg = input.fwhmDeg ?? DEFAULT_FWHM_DEG;
    const broadening = fwhmDeg > 0 ? { kind: 'gaussian' as const, fwhmDeg } : { kind: 'none' as const };
    const onProgress = (d: number, t: number) => ctx.progress(d, t);
    // Markov and phase-type statistics both go through the operations layer (kind: 'markov' | 'phase-type').
    const r = stackingXrd(
      {
        sequence: input.sequence,
        model: input.model
          ? {
              kind: input.model.kind,
              phi2: input.model.phi2,
              alpha: input.model.alpha,
              beta: input.model.kind === 'phase-type' ? input.model.beta : undefined,
            }
          : undefined,
        ...input.params,
        twoThetaRange: [input.twoThetaMin, input.twoThetaMax],
        step: input.step,
        wavelength: DEFAULT_WAVELENGTH_A,
        broadening,
      },
      { onProgress },
    );
    let max = 0;
    for (const y of r.intensity) if (y > max) max = y;
    const intensity = max > 0 ? r.intensity.map((y) => y / max) : r.intensity;
    let match = null;
    if (measured && input.measured) {
      const m = matchScale(
        measured,
        { twoTheta: r.twoTheta, intensity },
        {
          background: input.background,
          weights: input.weights,
        },
      );
      match = {
        fileName: input.measured.fileName,
        measuredTwoTheta: measured.twoTheta,
        measuredIntensity: measured.intensity,
        fitted: m.fitted,
        fittedTwoTheta: m.twoTheta,
        scale: m.scale,
        background: m.background,
        rwp: m.rwp,
        weights: input.weights ?? 'poisson',
        pointsUsed: m.points,
        pointsExcluded: m.excluded,
      };
    }
    return {
      twoTheta: r.twoTheta,
      intensity,
      mode: r.mode,
      wavelengthAngstrom: r.wavelengthAngstrom,
      fwhmDeg,
      points: r.twoTheta.length,
      slabs,
      match,
    };
  },
});

export const operations = [stackingAnalyzeOp, stackingGenerateOp, stackingBuildOp, stackingXrdOp];
