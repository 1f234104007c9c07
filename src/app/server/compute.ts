/**
 * The server's only contact with the domain: CIF text in, JSON-ready results out. Kept apart from
 * the routes so the HTTP layer can be tested with these functions replaced.
 */
import { InputError } from '../../core/errors.ts';
import { parseCif } from '../../io/cif/index.ts';
import { structureScene, summarizeStructure } from '../operations/structureSummary.ts';
import { xrdFromStructure } from '../operations/xrd.ts';
import type { CifRequest, CifResponse, XrdRequest, XrdResponse } from './schemas.ts';

export const DEFAULT_TWO_THETA: [number, number] = [10, 90];

type Wavelength = NonNullable<XrdRequest['wavelength']>;

/** The wavelength option for the domain: the Kα2 switch only exists for copper. */
export function resolveWavelength(
  wavelength: Wavelength | undefined,
  kalpha2: boolean | undefined,
): Wavelength {
  const w = wavelength ?? 'CuKa';
  if (!kalpha2) return w;
  if (w === 'CuKa' || w === 'CuKa1' || w === 'CuKa12') return 'CuKa12';
  throw new InputError('the Kα2 doublet is available only for a copper source', {
    field: 'kalpha2',
    expected: "wavelength 'CuKa' (or kalpha2: false)",
    found: String(w),
  });
}

export function resolveTwoThetaRange(min: number | undefined, max: number | undefined): [number, number] {
  const range: [number, number] = [min ?? DEFAULT_TWO_THETA[0], max ?? DEFAULT_TWO_THETA[1]];
  if (!(range[1] > range[0]))
    throw new InputError('the 2θ range is empty', {
      field: 'twoThetaMax',
      expected: 'twoThetaMax greater than twoThetaMin',
      found: `${range[0]}–${range[1]}°`,
    });
  return range;
}

function load(cif: string, fileName: string | undefined) {
  const parsed = parseCif(cif, { fileName });
  return { parsed, summary: summarizeStructure(parsed.structure, parsed.warnings) };
}

export function analyseCif(req: CifRequest): CifResponse {
  const { parsed, summary } = load(req.cif, req.fileName);
  return {
    fileName: req.fileName,
    blockName: parsed.blockName,
    summary,
    scene: structureScene(parsed.structure),
  };
}

export function simulateXrd(req: XrdRequest): XrdResponse {
  // Check the cheap options before parsing so a bad range fails fast.
  const wavelength = resolveWavelength(req.wavelength, req.kalpha2);
  const twoThetaRange = resolveTwoThetaRange(req.twoThetaMin, req.twoThetaMax);
  const { parsed, summary } = load(req.cif, req.fileName);
  // The same operation as `natrium xrd --json`, so the CLI and the API give identical numbers.
  const pattern = xrdFromStructure(parsed.structure, {
    wavelength,
    twoThetaRange,
    debyeWaller: req.debyeWaller,
    anomalous: req.anomalous,
    profile: req.profile,
  });
  return { summary, pattern };
}
