import { z } from 'zod';
import { analyzeSymmetry } from '../../crystal/spacegroup.ts';
import { writeCif } from '../../io/cif/index.ts';
import { analyzeStack, buildStructure, parseStack, resolveLayeredParams } from '../../layered/index.ts';
import { parseRequest } from './stacking.ts';

export const stackingBuildSchema = z.object({
  sequence: z.string(),
  composition: z.string().optional(),
  a: z.number().optional(),
  h: z.number().optional(),
  bond: z.number().optional(),
  dP: z.number().optional(),
  dO: z.number().optional(),
  naEdgeFractionP2: z.number().optional(),
  naP3Sites: z.enum(['both', 'single']).optional(),
});
export type StackingBuildRequest = z.infer<typeof stackingBuildSchema>;

export interface StackingBuildResult {
  slabs: number;
  polytype: string;
  spaceGroup: { number: number; symbol: string } | null;
  cell: { a: number; c: number; volume: number };
  sites: number;
  hAngstrom: number;
  cif: string;
}

/** `natrium stacking build`: atomic model → Structure → CIF (P1), with its space group (needs loaded symmetry data). */
export function stackingBuild(request: StackingBuildRequest): StackingBuildResult {
  const r = parseRequest(stackingBuildSchema, request);
  // Any notation; the builder closes the sequence into one periodic repeat.
  const parsed = parseStack(r.sequence);
  const stack = { columns: parsed.columns, periodic: true };
  const params = resolveLayeredParams(r);
  const structure = buildStructure(stack, params);
  let spaceGroup: StackingBuildResult['spaceGroup'] = null;
  try {
    const sym = analyzeSymmetry(structure);
    spaceGroup = { number: sym.number, symbol: sym.symbol };
  } catch {
    spaceGroup = null;
  }
  const lp = structure.lattice.parameters;
  return {
    slabs: stack.columns.length / 2,
    polytype: analyzeStack(stack).polytype,
    spaceGroup,
    cell: { a: lp.a, c: lp.c, volume: structure.lattice.volume },
    sites: structure.sites.length,
    hAngstrom: params.h,
    cif: writeCif(structure, { mode: 'P1' }),
  };
}
