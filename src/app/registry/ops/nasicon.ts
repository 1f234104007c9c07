/**
 * NASICON operations for the workbench: build a composition (structure, 3-D scene, XRD), its BVSE
 * migration landscape, the conductivity estimate beside the curated literature points, and the
 * stability window versus the alkali metal. Every number comes from src/nasicon through the same
 * operation functions the CLI uses (src/app/operations/nasicon*.ts).
 */
import { z } from 'zod';
import species from '../../../../data/nasicon/species.json' with { type: 'json' };
import { InputError } from '../../../core/errors.ts';
import { meshArea } from '../../../nasicon/bvse/isosurface.ts';
import { conductivityRows, nzspFormula, parseNasiconFormula } from '../../../nasicon/index.ts';
import { nasiconBuild, nasiconBvse, nasiconCif } from '../../operations/nasicon.ts';
import { nasiconConductivity } from '../../operations/nasiconConductivity.ts';
import { nasiconStability } from '../../operations/nasiconStability.ts';
import { structureScene } from '../../operations/structureScene.ts';
import { xrdFromStructure } from '../../operations/xrd.ts';
import * as S from '../../server/schemas.ts';
import { type Citation, defineOperation } from '../types.ts';
import { XRD_CITATIONS } from './xrd.ts';

const NASICON_CITATIONS: Citation[] = [
  {
    key: 'Hong1976',
    type: 'article',
    author: 'Hong, H. Y-P.',
    title: 'Crystal structures and crystal chemistry in the system Na1+xZr2SixP3-xO12',
    journal: 'Materials Research Bulletin',
    volume: '11',
    pages: '173--182',
    year: 1976,
    doi: '10.1016/0025-5408(76)90073-8',
  },
];

/** The octahedral (Zr-site) dopants the composition module accepts, with their formal charge. */
const OCTAHEDRAL = species.octahedral as Record<string, { charge: number; tag: string }>;
const HOSTS = new Set(['Zr']);

// ---------- composition ----------

export const CompositionInput = z
  .object({
    formula: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('A NASICON formula, e.g. Na3Zr2Si2PO12 (instead of x/dopant).'),
    x: z.number().min(0).max(3).optional().describe('Si content x of Na1+xZr2SixP3−xO12 (0 ≤ x ≤ 3).'),
    dopant: z.string().max(3).optional().describe('Zr-site dopant element, compensated by Na.'),
    dopantAmount: z.number().min(0).max(2).optional().describe('Dopant per formula unit (0 ≤ y ≤ 2).'),
    monoclinic: z.boolean().optional().describe('Transform to the pseudo-monoclinic C2/c cell.'),
    monoclinicCell: z
      .string()
      .max(40)
      .optional()
      .describe("Monoclinic cell: 'ideal' (default) or a named refined cell such as 'boilot1987'."),
  })
  .meta({ id: 'NasiconComposition', description: 'A NASICON composition: a formula, or x with a dopant.' });
type CompositionInput = z.infer<typeof CompositionInput>;

/** The formula a composition request stands for (exactly one of formula / x). */
export function compositionFormula(input: CompositionInput): string {
  const hasFormula = input.formula !== undefined && input.formula.trim() !== '';
  if (hasFormula === (input.x !== undefined))
    throw new InputError('give exactly one of formula or x', {
      field: 'formula',
      expected: 'a formula such as Na3Zr2Si2PO12, or x between 0 and 3',
    });
  if (hasFormula) return input.formula!.trim();
  return nzspFormula({ x: input.x!, dopant: input.dopant || undefined, dopantAmount: input.dopantAmount });
}

function build(input: CompositionInput) {
  return nasiconBuild({
    formula: compositionFormula(input),
    monoclinic: input.monoclinic || input.monoclinicCell !== undefined,
    monoclinicCell: input.monoclinicCell,
  });
}

// ---------- nasicon.options ----------

export const nasiconOptions = defineOperation({
  id: 'nasicon.options',
  title: 'NASICON composition options',
  description: 'The Zr-site dopants the composition builder accepts (with formal charge and provenance tag).',
  input: z.object({}).meta({ id: 'NasiconOptionsInput' }),
  output: z
    .object({
      dopants: z.array(z.object({ element: z.string(), charge: z.number(), tag: z.string() })),
      monoclinicCells: z.array(z.string()),
    })
    .meta({ id: 'NasiconOptions' }),
  run() {
    return {
      dopants: Object.entries(OCTAHEDRAL)
        .filter(([el]) => !HOSTS.has(el))
        .map(([element, v]) => ({ element, charge: v.charge, tag: v.tag })),
      monoclinicCells: ['ideal', 'boilot1987'],
    };
  },
});

// ---------- nasicon.build ----------

const Frac = z.tuple([z.number(), z.number(), z.number()]);

const BuildOutput = z
  .object({
    formula: z.string(),
    family: z.string(),
    x: z.number().describe('Alkali excess over one per formula unit (A = 1 + x).'),
    silicon: z.number().describe('Si per formula unit.'),
    spaceGroup: z.string(),
    setting: z.string(),
    lattice: z.object({
      a: z.number(),
      b: z.number(),
      c: z.number(),
      alpha: z.number(),
      beta: z.number(),
      gamma: z.number(),
      volumeA3: z.number(),
    }),
    latticeBasis: z.string(),
    latticeSources: z.array(z.string()),
    latticeTags: z.array(z.string()),
    sites: z.array(
      z.object({
        label: z.string(),
        wyckoff: z.string().optional(),
        frac: Frac.optional(),
        occupants: z.record(z.string(), z.number()),
      }),
    ),
    sitesInCell: z.number().int(),
    siteMapping: z.record(z.string(), z.record(z.string(), z.number())).optional(),
    alkaliDistribution: z.string(),
    warnings: z.array(z.string()),
    cif: z.string().describe('CIF of the built structure (symmetry form for R-3c, P1 for C2/c).'),
    scene: S.StructureScene,
    pattern: S.PowderPattern,
  })
  .meta({ id: 'NasiconBuildOutput' });

/** Peak shape of the simulated pattern: the same lab-diffractometer widths as the Structure & XRD page. */
const XRD_PROFILE = { U: 0.01, V: -0.005, W: 0.008, eta: 0.5, step: 0.01 };
const XRD_RANGE: [number, number] = [10, 60];

export const nasiconBuildOp = defineOperation({
  id: 'nasicon.build',
  title: 'NASICON structure',
  description:
    'Build the R-3c (or pseudo-monoclinic C2/c) structure of a NASICON composition: cell, sites with occupancies, 3-D scene and the simulated Cu Kα powder pattern.',
  input: CompositionInput,
  output: BuildOutput,
  citations: [...NASICON_CITATIONS, ...XRD_CITATIONS],
  run(ctx, input) {
    const r = build(input);
    const asym = r.structure.asymmetricUnit ?? [];
    const pattern = xrdFromStructure(r.structure, {
      wavelength: 'CuKa',
      twoThetaRange: XRD_RANGE,
      profile: XRD_PROFILE,
      onProgress: (d, t) => ctx.progress(d, t),
    });
    const { structure, ...summary } = r;
    return {
      ...summary,
      sites: r.sites.map((s) => ({ ...s, frac: asym.find((a) => a.label === s.label)?.frac })),
      cif: nasiconCif(r),
      scene: structureScene(structure),
      pattern,
    };
  },
});

// ---------- nasicon.bvse ----------

export const BvseInput = CompositionInput.extend({
  grid: z.number().positive().max(1).optional().describe('Grid spacing (Å), default 0.2.'),
  morseConvention: z.enum(['bvlain', 'cavd']).optional().describe('Morse convention (default bvlain).'),
  landscape: z
    .boolean()
    .optional()
    .describe('Also return the site-energy grid, quantised to bytes, for drawing an isosurface.'),
  isosurfaceLevel_eV: z
    .number()
    .min(0)
    .max(20)
    .optional()
    .describe(
      'Also return the isosurface mesh at this level (eV above the global site-energy minimum), e.g. the 3D barrier + 0.1.',
    ),
}).meta({ id: 'NasiconBvseInput' });

const Barriers = z.object({
  '1D': z.number().nullable(),
  '2D': z.number().nullable(),
  '3D': z.number().nullable(),
});

const BvseOutput = z
  .object({
    formula: z.string(),
    ion: z.string(),
    barriersEv: Barriers.describe('Percolation barriers (eV above the global minimum); null = none.'),
    bottleneckRadiusA: z
      .number()
      .nullable()
      .describe('Free radius (Å) at the tightest point of the shortest hop.'),
    hops: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        length: z.number().describe('Å'),
        freeRadius: z.number().describe('Å'),
        count: z.number(),
      }),
    ),
    gridPoints: z.tuple([z.number(), z.number(), z.number()]),
    gridSpacingA: z.tuple([z.number(), z.number(), z.number()]),
    cutoffA: z.number(),
    convention: z.string(),
    landscape: z
      .object({
        dims: z.tuple([z.number(), z.number(), z.number()]),
        stepEv: z.number().describe('Energy of one quantisation step (eV); byte 255 = at or above 255·step.'),
        bytesBase64: z
          .string()
          .describe('Site energy above the minimum, one byte per voxel, index (i·n_b + j)·n_c + k.'),
        cellVectors: z.tuple([Frac, Frac, Frac]).describe('Cartesian a, b, c (Å), same frame as the scene.'),
      })
      .optional(),
    isosurface: z
      .object({
        level_eV: z.number().describe('Level above the global site-energy minimum (eV).'),
        vertexCount: z.number().int(),
        triangleCount: z.number().int(),
        areaA2: z.number().describe('Surface area inside the unit cell (Å²).'),
        vertices: z
          .array(z.number())
          .describe('x0, y0, z0, x1, … (Cartesian Å, same frame as the scene), rounded to 1e-4 Å.'),
        triangles: z
          .array(z.number().int())
          .describe('Three 0-based vertex indices per triangle; normals face higher energy.'),
      })
      .optional()
      .describe(
        'Marching-tetrahedra isosurface of the landscape over one unit cell (src/nasicon/bvse/isosurface.ts).',
      ),
  })
  .meta({ id: 'NasiconBvseOutput' });

/** The landscape is sent up to this many eV above the 3D barrier (enough for any isosurface level shown). */
const LANDSCAPE_HEADROOM_EV = 0.6;
/** Vertex coordinates are sent rounded to this (Å): far below the grid spacing, and keeps the JSON short. */
const VERTEX_DECIMALS = 4;

export const nasiconBvseOp = defineOperation({
  id: 'nasicon.bvse',
  title: 'NASICON BVSE landscape',
  description:
    'Bond-valence site-energy landscape of the mobile ion in the built structure: 1D/2D/3D percolation barriers and the bottleneck radius; optionally the quantised landscape and the isosurface mesh at a level above the minimum (one BVSE computation).',
  input: BvseInput,
  output: BvseOutput,
  citations: NASICON_CITATIONS,
  run(ctx, input) {
    const built = build(input);
    const ion = parseNasiconFormula(built.formula).alkali;
    // One BVSE computation serves the barriers, the byte landscape and the isosurface.
    const r = nasiconBvse(built.structure, {
      ion,
      grid: input.grid ?? 0.2,
      morseConvention: input.morseConvention,
      onProgress: (d, t) => ctx.progress(d, t),
      keepGrid: Boolean(input.landscape),
      isosurfaceLevelEv: input.isosurfaceLevel_eV,
    });
    let landscape: z.infer<typeof BvseOutput>['landscape'];
    if (input.landscape && r.grid) {
      const { dims, energy } = r.grid;
      const top = (r.barriers['3D'] ?? r.barriers['2D'] ?? r.barriers['1D'] ?? 1) + LANDSCAPE_HEADROOM_EV;
      const stepEv = top / 255;
      let min = Number.POSITIVE_INFINITY;
      for (const e of energy) if (e < min) min = e;
      const bytes = new Uint8Array(energy.length);
      for (let i = 0; i < energy.length; i++)
        bytes[i] = Math.min(255, Math.round((energy[i] - min) / stepEv));
      const L = built.structure.lattice;
      landscape = {
        dims,
        stepEv,
        bytesBase64: Buffer.from(bytes).toString('base64'),
        cellVectors: [L.toCartesian([1, 0, 0]), L.toCartesian([0, 1, 0]), L.toCartesian([0, 0, 1])],
      };
    }
    const iso = r.isosurface;
    const isosurface = iso && {
      level_eV: iso.level_eV,
      vertexCount: iso.vertices.length / 3,
      triangleCount: iso.triangles.length / 3,
      areaA2: meshArea(iso),
      vertices: Array.from(iso.vertices, (x) => Number(x.toFixed(VERTEX_DECIMALS))),
      triangles: Array.from(iso.triangles),
    };
    return {
      formula: built.formula,
      ion,
      barriersEv: r.barriers,
      bottleneckRadiusA: r.bottleneckRadius,
      hops: r.hops.map((h) => ({
        from: h.from,
        to: h.to,
        length: h.length,
        freeRadius: h.freeRadius,
        count: h.count,
      })),
      gridPoints: r.gridPoints,
      gridSpacingA: r.gridSpacingA,
      cutoffA: r.cutoffA,
      convention: r.convention,
      landscape,
      isosurface,
    };
  },
});

// ---------- nasicon.conductivity ----------

export const ConductivityInput = CompositionInput.omit({ monoclinic: true, monoclinicCell: true })
  .extend({
    temperatureC: z
      .number()
      .min(-100)
      .max(1000)
      .optional()
      .describe('Temperature of the estimate (°C, default 25).'),
    curveMinC: z
      .number()
      .min(-100)
      .max(1000)
      .optional()
      .describe('Lowest temperature of the σ(T) curve (°C, default −20).'),
    curveMaxC: z
      .number()
      .min(-100)
      .max(1000)
      .optional()
      .describe('Highest temperature of the σ(T) curve (°C, default 300).'),
  })
  .meta({ id: 'NasiconConductivityInput' });

const CurvePoint = z.object({
  temperatureK: z.number(),
  sigmaTotalScm: z.number().nullable(),
  rangeScm: z.tuple([z.number(), z.number()]).nullable(),
});

const LiteraturePoint = z.object({
  id: z.string(),
  composition: z.string(),
  temperatureK: z.number(),
  sigmaTotalScm: z.number().nullable(),
  sigmaBulkScm: z.number().nullable(),
  activationEnergyEv: z.number().nullable(),
  doi: z.string().nullable(),
  reference: z.string().nullable(),
  tag: z.string(),
  sameFamily: z.boolean().describe('Same alkali, host and dopant set as the requested composition.'),
});

const ConductivityOutput = z
  .object({
    composition: z.string(),
    temperatureC: z.number(),
    sigmaTotalScm: z.number().nullable(),
    sigmaBulkScm: z.number().nullable(),
    activationEnergyEv: z.number().nullable(),
    rangeScm: z.tuple([z.number(), z.number()]).nullable(),
    basis: z.array(
      z.object({
        id: z.string(),
        composition: z.string(),
        temperatureK: z.number(),
        doi: z.string().nullable(),
        tag: z.string(),
      }),
    ),
    caveats: z.array(z.string()),
    curve: z.array(CurvePoint).describe('The estimate and its range from curveMinC to curveMaxC.'),
    literature: z
      .array(LiteraturePoint)
      .describe('Every curated row with σ_total or σ_bulk (data/nasicon/conductivity.json).'),
  })
  .meta({ id: 'NasiconConductivityOutput' });

const CURVE_POINTS = 17;

export const nasiconConductivityOp = defineOperation({
  id: 'nasicon.conductivity',
  title: 'NASICON conductivity',
  description:
    'Ionic conductivity of a composition estimated from the curated literature rows of its family (Arrhenius-moved to T, geometric mean and range), with the σ(T) curve and every literature point.',
  input: ConductivityInput,
  output: ConductivityOutput,
  citations: NASICON_CITATIONS,
  run(_ctx, input) {
    const formula = compositionFormula(input);
    const temperatureC = input.temperatureC ?? 25;
    const est = nasiconConductivity({ formula, temperatureC });
    const lo = input.curveMinC ?? -20;
    const hi = input.curveMaxC ?? 300;
    if (!(hi > lo))
      throw new InputError('the temperature range of the curve is empty', {
        field: 'curveMaxC',
        expected: 'curveMaxC greater than curveMinC',
        found: `${lo}–${hi} °C`,
      });
    const curve = [];
    for (let i = 0; i < CURVE_POINTS; i++) {
      const tc = lo + ((hi - lo) * i) / (CURVE_POINTS - 1);
      const e = nasiconConductivity({ formula, temperatureC: tc });
      curve.push({ temperatureK: e.temperatureK, sigmaTotalScm: e.sigmaTotal, rangeScm: e.range });
    }
    const target = parseNasiconFormula(formula);
    const familyKey = (c: ReturnType<typeof parseNasiconFormula>) =>
      `${c.alkali}|${c.host}|${Object.keys(c.dopants).sort().join()}`;
    const literature = conductivityRows()
      .filter((r) => r.sigmaTotalScm !== null || r.sigmaBulkScm !== null)
      .map((r) => {
        let same = false;
        try {
          same = familyKey(parseNasiconFormula(r.composition)) === familyKey(target);
        } catch {
          // A dataset composition the parser does not read is simply not of this family.
        }
        return {
          id: r.id,
          composition: r.composition,
          temperatureK: r.temperatureK,
          sigmaTotalScm: r.sigmaTotalScm,
          sigmaBulkScm: r.sigmaBulkScm,
          activationEnergyEv: r.activationEnergyEv,
          doi: r.doi,
          reference: r.reference,
          tag: r.tag,
          sameFamily: same,
        };
      });
    return {
      composition: est.composition,
      temperatureC,
      sigmaTotalScm: est.sigmaTotal,
      sigmaBulkScm: est.sigmaBulk,
      activationEnergyEv: est.Ea,
      rangeScm: est.range,
      basis: est.basis.map((b) => ({
        id: b.id,
        composition: b.composition,
        temperatureK: b.temperatureK,
        doi: b.doi,
        tag: b.tag,
      })),
      caveats: est.caveats,
      curve,
      literature,
    };
  },
});

// ---------- nasicon.stability ----------

export const StabilityInput = CompositionInput.omit({ monoclinic: true, monoclinicCell: true })
  .extend({ metal: z.enum(['Na', 'Li']).optional().describe('Reference metal (default Na).') })
  .meta({ id: 'NasiconStabilityInput' });

const Products = z
  .object({ products: z.array(z.object({ name: z.string(), amount: z.number() })), alkaliUptake: z.number() })
  .nullable();

const StabilityOutput = z
  .object({
    formula: z.string(),
    metal: z.string(),
    scheme: z.string(),
    window: z.tuple([z.number(), z.number().nullable()]).nullable().describe('[V_red, V_ox] vs metal (V).'),
    reduction: Products,
    oxidation: Products,
    reaction: z
      .object({
        reactionEnergyMevPerAtom: z.number(),
        seAtomFraction: z.number(),
        metalPerFormulaUnit: z.number(),
        products: z.array(z.object({ name: z.string(), amount: z.number() })),
        massBalanceError: z.number(),
        equation: z.string(),
      })
      .nullable()
      .describe('Chemical reaction with the metal (meV/atom); null when none or not computable.'),
    missing: z.array(z.string()),
    complete: z.boolean(),
    phasesUsed: z.array(
      z.object({
        name: z.string(),
        energyEvPerFormulaUnit: z.number(),
        tag: z.string().optional(),
        source: z.string().optional(),
      }),
    ),
    literature: z.array(
      z.object({
        family: z.string(),
        metal: z.string(),
        windowV: z.tuple([z.number().nullable(), z.number().nullable()]).nullable(),
        method: z.string(),
        tag: z.string(),
        source: z.string(),
      }),
    ),
    notes: z.array(z.string()),
  })
  .meta({ id: 'NasiconStabilityOutput' });

export const nasiconStabilityOp = defineOperation({
  id: 'nasicon.stability',
  title: 'NASICON stability',
  description:
    'Electrochemical stability window versus the alkali metal and the reaction with it, from the shipped phase table; phases without data are listed as missing.',
  input: StabilityInput,
  output: StabilityOutput,
  run(_ctx, input) {
    return nasiconStability({ formula: compositionFormula(input), metal: input.metal ?? 'Na' });
  },
});

export const operations = [
  nasiconOptions,
  nasiconBuildOp,
  nasiconBvseOp,
  nasiconConductivityOp,
  nasiconStabilityOp,
];

export type NasiconCompositionInput = z.infer<typeof CompositionInput>;
export type NasiconOptionsOutput = z.infer<typeof nasiconOptions.output>;
export type NasiconBuildOutput = z.infer<typeof BuildOutput>;
export type NasiconBvseOutput = z.infer<typeof BvseOutput>;
export type NasiconConductivityOutput = z.infer<typeof ConductivityOutput>;
export type NasiconStabilityOutput = z.infer<typeof StabilityOutput>;
