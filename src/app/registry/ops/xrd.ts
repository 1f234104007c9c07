/**
 * Structure and diffraction operations built on the foundation: CIF summary, powder pattern, and a
 * lattice-strain sweep (the strongest lines' positions versus isotropic strain) that runs in chunks.
 */
import { z } from 'zod';
import { Lattice } from '../../../crystal/lattice.ts';
import type { Structure } from '../../../crystal/structure.ts';
import { parseCif } from '../../../io/cif/index.ts';
import { summarizeStructure } from '../../operations/structureSummary.ts';
import { xrdFromStructure } from '../../operations/xrd.ts';
import { resolveTwoThetaRange, resolveWavelength } from '../../server/compute.ts';
import * as S from '../../server/schemas.ts';
import { type Citation, defineOperation, runAllPoints, type SweepSpec, throwIfCancelled } from '../types.ts';

/** Sources of the X-ray pattern model (see data/xray-form-factors.json, data/xray-wavelengths.json). */
export const XRD_CITATIONS: Citation[] = [
  {
    key: 'ITC_C_1992',
    type: 'book',
    author: 'Wilson, A. J. C.',
    title: 'International Tables for Crystallography, Vol. C: Mathematical, Physical and Chemical Tables',
    year: 1992,
    publisher: 'Kluwer Academic Publishers',
    note: 'X-ray form factors, Table 6.1.1.4; dispersion corrections, Table 4.2.6.8',
  },
  {
    key: 'Holzer1997',
    type: 'article',
    author: 'Hölzer, G. and Fritsch, M. and Deutsch, M. and Härtwig, J. and Förster, E.',
    title: 'Kα1,2 and Kβ1,3 x-ray emission lines of the 3d transition metals',
    journal: 'Physical Review A',
    volume: '56',
    pages: '4554--4568',
    year: 1997,
    doi: '10.1103/PhysRevA.56.4554',
  },
  {
    key: 'Caglioti1958',
    type: 'article',
    author: 'Caglioti, G. and Paoletti, A. and Ricci, F. P.',
    title: 'Choice of collimators for a crystal spectrometer for neutron diffraction',
    journal: 'Nuclear Instruments',
    volume: '3',
    pages: '223--228',
    year: 1958,
    doi: '10.1016/0369-643X(58)90029-X',
  },
];

const CifSummaryOutput = z.object({ blockName: z.string(), summary: S.StructureSummary });

export const cifSummary = defineOperation({
  id: 'cif.summary',
  title: 'Structure summary',
  description: 'Parse a CIF: formula, cell, space group (symmetry analysis), density and the site table.',
  input: S.CifRequest,
  output: CifSummaryOutput,
  run(_ctx, input) {
    const parsed = parseCif(input.cif, { fileName: input.fileName });
    return { blockName: parsed.blockName, summary: summarizeStructure(parsed.structure, parsed.warnings) };
  },
});

export const xrdPattern = defineOperation({
  id: 'xrd.pattern',
  title: 'Powder X-ray pattern',
  description: 'Simulated powder XRD of a CIF: peak list (2θ, d, hkl, intensity) and optional profile.',
  input: S.XrdRequest,
  output: S.XrdResponse,
  citations: XRD_CITATIONS,
  run(ctx, req) {
    const wavelength = resolveWavelength(req.wavelength, req.kalpha2);
    const twoThetaRange = resolveTwoThetaRange(req.twoThetaMin, req.twoThetaMax);
    const parsed = parseCif(req.cif, { fileName: req.fileName });
    const summary = summarizeStructure(parsed.structure, parsed.warnings);
    const pattern = xrdFromStructure(parsed.structure, {
      wavelength,
      twoThetaRange,
      debyeWaller: req.debyeWaller,
      anomalous: req.anomalous,
      profile: req.profile,
      onProgress: (d, t) => ctx.progress(d, t),
    });
    return { summary, pattern };
  },
});

export const StrainSweepInput = z
  .object({
    cif: S.CifRequest.shape.cif,
    fileName: S.CifRequest.shape.fileName,
    wavelength: S.XrdRequest.shape.wavelength,
    twoThetaMin: S.XrdRequest.shape.twoThetaMin,
    twoThetaMax: S.XrdRequest.shape.twoThetaMax,
    strainMin: z.number().min(-0.2).max(0.2).describe('Smallest isotropic strain ε (fraction; a → a(1+ε)).'),
    strainMax: z.number().min(-0.2).max(0.2).describe('Largest isotropic strain ε (fraction).'),
    points: z.number().int().min(1).max(100_000).describe('Number of strain values, evenly spaced.'),
    jitter: z
      .number()
      .min(0)
      .max(0.01)
      .optional()
      .describe('Standard deviation of a random strain added at each point (fraction; uses the seed).'),
    lines: z
      .number()
      .int()
      .min(1)
      .max(20)
      .optional()
      .describe('Strongest lines reported per point (default 3).'),
  })
  .meta({ id: 'StrainSweepInput', description: 'Isotropic lattice-strain sweep of a powder pattern.' });

const SweepPoint = z.object({
  index: z.number().int(),
  strain: z.number().describe('Applied isotropic strain ε (fraction), jitter included.'),
  a: z.number().describe('Cell length a after strain (Å).'),
  lines: z.array(
    z.object({
      twoTheta: z.number().describe('deg'),
      d: z.number().describe('Å'),
      intensity: z.number(),
      label: z.string(),
    }),
  ),
});
type SweepPoint = z.infer<typeof SweepPoint>;

export const StrainSweepOutput = z
  .object({ points: z.array(SweepPoint), radiation: z.string(), wavelength: z.number().describe('Å') })
  .meta({ id: 'StrainSweepOutput' });

type StrainSweepInput = z.infer<typeof StrainSweepInput>;

function strained(structure: Structure, eps: number): Structure {
  const p = structure.lattice.parameters;
  const f = 1 + eps;
  return { ...structure, lattice: Lattice.fromParameters({ ...p, a: p.a * f, b: p.b * f, c: p.c * f }) };
}

function strainAt(input: StrainSweepInput, i: number): number {
  return input.points === 1
    ? input.strainMin
    : input.strainMin + ((input.strainMax - input.strainMin) * i) / (input.points - 1);
}

type StrainPart = SweepPoint & { radiation: string; wavelength: number };

const strainSweep: SweepSpec<StrainSweepInput, StrainPart, z.infer<typeof StrainSweepOutput>> = {
  count: (input) => input.points,
  runRange(ctx, input, start, end) {
    const wavelength = resolveWavelength(input.wavelength, false);
    const twoThetaRange = resolveTwoThetaRange(input.twoThetaMin, input.twoThetaMax);
    const base = parseCif(input.cif, { fileName: input.fileName }).structure;
    const out = [];
    for (let i = start; i < end; i++) {
      throwIfCancelled(ctx);
      // One stream per point: the numbers do not depend on how points are grouped into chunks.
      const eps = strainAt(input, i) + (input.jitter ? input.jitter * ctx.rng.split(i).normal() : 0);
      const s = strained(base, eps);
      const pattern = xrdFromStructure(s, { wavelength, twoThetaRange });
      const strongest = [...pattern.peaks]
        .sort((x, y) => y.intensity - x.intensity || x.twoTheta - y.twoTheta)
        .slice(0, input.lines ?? 3)
        .map((p) => ({ twoTheta: p.twoTheta, d: p.d, intensity: p.intensity, label: p.label }));
      out.push({
        index: i,
        strain: eps,
        a: s.lattice.parameters.a,
        lines: strongest,
        radiation: pattern.radiation,
        wavelength: pattern.wavelength,
      });
      ctx.progress(i - start + 1, end - start);
    }
    return out;
  },
  reduce(_input, parts) {
    const sorted = [...parts].sort((x, y) => x.index - y.index);
    return {
      radiation: sorted[0]?.radiation ?? '',
      wavelength: sorted[0]?.wavelength ?? 0,
      points: sorted.map(({ radiation: _r, wavelength: _w, ...p }) => p),
    };
  },
};

export const xrdStrainSweep = defineOperation({
  id: 'xrd.strainSweep',
  title: 'XRD strain sweep',
  description:
    'Positions of the strongest powder lines versus isotropic lattice strain; splits into chunks for the worker pool or distributed workers.',
  input: StrainSweepInput,
  output: StrainSweepOutput,
  citations: XRD_CITATIONS,
  long: true,
  sweep: strainSweep,
  run: runAllPoints(strainSweep),
});

export const operations = [cifSummary, xrdPattern, xrdStrainSweep];
