/**
 * NASICON operations shared by the CLI and (later) the HTTP API: build a structure for a
 * composition, and analyse the BVSE migration landscape of any structure.
 */
import { InputError } from '../../core/errors.ts';
import type { Structure } from '../../crystal/structure.ts';
import { writeCif } from '../../io/cif/index.ts';
import type { BvseGrid } from '../../nasicon/bvse/energy.ts';
import { bvseGrd } from '../../nasicon/bvse/grd.ts';
import { type BvseIsosurface, bvseIsosurface } from '../../nasicon/bvse/isosurface.ts';
import {
  bottleneckHops,
  buildNasicon,
  bvseCube,
  bvseGrid,
  type Hop,
  type MorseConvention,
  monoclinicCell,
  percolationBarriers,
  toMonoclinic,
  voxelFrac,
} from '../../nasicon/index.ts';

export interface NasiconBuildRequest {
  formula: string;
  monoclinic?: boolean;
  /** 'ideal' (default) or a named cell such as 'boilot1987'. */
  monoclinicCell?: string;
  sixBOccupancy?: number;
  a?: number;
  c?: number;
}

export interface NasiconBuildResult {
  formula: string;
  family: string;
  /** Alkali excess over one per formula unit (A = 1 + x). */
  x: number;
  /** Si per formula unit (the x of Na1+xZr2SixP3−xO12 for undoped NZSP). */
  silicon: number;
  spaceGroup: string;
  setting: 'R-3c hexagonal' | 'C2/c pseudo-monoclinic';
  lattice: { a: number; b: number; c: number; alpha: number; beta: number; gamma: number; volumeA3: number };
  latticeBasis: string;
  latticeSources: string[];
  latticeTags: string[];
  sites: { label: string; wyckoff?: string; occupants: Record<string, number> }[];
  sitesInCell: number;
  siteMapping?: Record<string, Record<string, number>>;
  alkaliDistribution: string;
  warnings: string[];
  structure: Structure;
}

export function nasiconBuild(req: NasiconBuildRequest): NasiconBuildResult {
  const built = buildNasicon(req.formula, {
    sixBOccupancy: req.sixBOccupancy,
    lattice: req.a !== undefined || req.c !== undefined ? { a: req.a, c: req.c } : undefined,
  });
  let structure = built.structure;
  let mapping: Record<string, Record<string, number>> | undefined;
  const warnings = [...built.warnings];
  if (req.monoclinic) {
    const m = toMonoclinic(structure, { cell: req.monoclinicCell ?? 'ideal' });
    structure = m.structure;
    mapping = m.siteMapping;
    warnings.push(
      m.cell === 'ideal'
        ? 'pseudo-monoclinic: C2/c cell of the undistorted R-3c template (no refined monoclinic data); XRD shows no splitting'
        : `pseudo-monoclinic: template coordinates in the ${m.cell} cell (cell only, coordinates not refined)`,
    );
    const x = built.composition.silicon;
    if (built.composition.alkali === 'Na' && (x < 1.8 || x > 2.2))
      warnings.push(`x = ${x} lies outside the reported monoclinic range 1.8–2.2 (Bohnke 1999)`);
  }
  let latticeBasis: string = built.lattice.basis;
  let latticeTags = built.lattice.tags;
  let latticeSources = built.lattice.sources;
  if (req.monoclinic && req.monoclinicCell && req.monoclinicCell !== 'ideal') {
    const cell = monoclinicCell(req.monoclinicCell);
    latticeBasis = `monoclinic cell ${req.monoclinicCell}`;
    latticeTags = [cell.tag];
    latticeSources = [cell.source];
  }
  const p = structure.lattice.parameters;
  const asym = req.monoclinic ? structure.sites : (structure.asymmetricUnit ?? structure.sites);
  return {
    formula: built.composition.formula,
    family: built.composition.family,
    x: built.composition.x,
    silicon: built.composition.silicon,
    spaceGroup: req.monoclinic ? 'C2/c (No. 15)' : 'R-3c (No. 167)',
    setting: req.monoclinic ? 'C2/c pseudo-monoclinic' : 'R-3c hexagonal',
    lattice: { ...p, volumeA3: structure.lattice.volume },
    latticeBasis,
    latticeSources,
    latticeTags,
    sites: req.monoclinic
      ? []
      : asym.map((s) => ({
          label: s.label,
          wyckoff: s.orbit,
          occupants: Object.fromEntries(s.occupants.map((o) => [o.element, o.occupancy])),
        })),
    sitesInCell: structure.sites.length,
    siteMapping: mapping,
    alkaliDistribution: built.alkaliDistribution,
    warnings,
    structure,
  };
}

/** CIF text of a built structure (symmetry form for R-3c, P1 for the monoclinic cell). */
export function nasiconCif(result: NasiconBuildResult): string {
  return writeCif(result.structure, { mode: result.structure.asymmetricUnit ? 'symmetry' : 'P1' });
}

export interface NasiconBvseRequest {
  ion: string;
  /** Grid spacing, Å. */
  grid: number;
  cutoff?: number;
  morseConvention?: MorseConvention;
  oxidationStates?: Record<string, number>;
  energyCutoff?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface NasiconBvseResult {
  ion: string;
  /** Percolation barriers in eV above the global site-energy minimum; null = none below energyCutoff. */
  barriers: { '1D': number | null; '2D': number | null; '3D': number | null };
  /** Free radius (Å) of the tightest point on the shortest mobile-ion hop (null if no hop ≤ 4 Å). */
  bottleneckRadius: number | null;
  hops: Hop[];
  gridPoints: [number, number, number];
  gridSpacingA: [number, number, number];
  cutoffA: number;
  morseConvention: MorseConvention;
  oxidationStates: Record<string, { charge: number; from: string }>;
  framework: { element: string; charge: number; count: number; term: string }[];
  /** Fractional position of the global minimum and of the voxels that complete each percolation. */
  minimumFrac: [number, number, number];
  criticalFrac: { '1D': number[] | null; '2D': number[] | null; '3D': number[] | null };
  energyCutoffEv: number;
  /**
   * Migration network up to the 3D barrier: distinct site-energy minima (basins) and the saddle
   * points where two basins meet (energies in eV above the global minimum, fractional positions).
   * Symmetry-equivalent saddles (same energies to 0.01 eV) are listed once with a count; grid-noise
   * basins shallower than 0.02 eV are dropped.
   */
  network: {
    minima: { energy: number; frac: [number, number, number] }[];
    saddles: { energy: number; frac: [number, number, number]; between: [number, number]; count: number }[];
  };
  convention: string;
  /** Cube file text (only when asked for). */
  cube?: string;
  /** .grd file text (only when asked for). */
  grd?: string;
  /** Isosurface mesh at isosurfaceLevelEv above the minimum (only when asked for). */
  isosurface?: BvseIsosurface;
  /** The computed landscape itself (only with keepGrid), so callers never recompute it. */
  grid?: BvseGrid;
}

export interface NasiconBvseExports {
  /** Also return the Gaussian cube text. */
  cube?: boolean;
  /** Also return the .grd text (BVlain/CAVD layout, for VESTA). */
  grd?: boolean;
  /** Also return the isosurface at this many eV above the global minimum. */
  isosurfaceLevelEv?: number;
  /** Also return the energy grid (for callers that post-process it, e.g. the workbench landscape). */
  keepGrid?: boolean;
}

export function nasiconBvse(
  structure: Structure,
  req: NasiconBvseRequest & NasiconBvseExports,
): NasiconBvseResult {
  if (!req.ion || !/^[A-Z][a-z]?$/.test(req.ion))
    throw new InputError('mobile ion must be an element symbol', {
      field: '--ion',
      found: String(req.ion),
      expected: 'Na or Li',
    });
  const level = req.isosurfaceLevelEv;
  if (level !== undefined && !(Number.isFinite(level) && level >= 0))
    throw new InputError('the isosurface level must be a number of eV at or above the minimum', {
      field: '--isosurface',
      found: String(level),
      expected: 'a level ≥ 0 eV above the global site-energy minimum, e.g. the 3D barrier + 0.1',
    });
  const grid = bvseGrid(structure, {
    ion: req.ion,
    gridSpacing: req.grid,
    cutoff: req.cutoff,
    morseConvention: req.morseConvention,
    oxidationStates: req.oxidationStates,
    onProgress: req.onProgress,
  });
  const energyCutoff = req.energyCutoff ?? 10;
  const perc = percolationBarriers(grid.energy, grid.dims, { energyCutoff, recordMerges: true });
  const hops = bottleneckHops(structure, req.ion);
  const frac = (v: number | null) => (v === null ? null : voxelFrac(v, grid.dims));
  return {
    ion: req.ion,
    barriers: perc.barriers,
    bottleneckRadius: hops.length > 0 ? hops[0].freeRadius : null,
    hops,
    gridPoints: grid.dims,
    gridSpacingA: grid.spacing,
    cutoffA: grid.cutoff,
    morseConvention: grid.morseConvention,
    oxidationStates: grid.oxidationStates,
    framework: grid.framework,
    minimumFrac: voxelFrac(perc.minimumVoxel, grid.dims),
    criticalFrac: {
      '1D': frac(perc.criticalVoxels['1D']),
      '2D': frac(perc.criticalVoxels['2D']),
      '3D': frac(perc.criticalVoxels['3D']),
    },
    energyCutoffEv: energyCutoff,
    network: migrationNetwork(perc, grid.dims),
    convention:
      grid.morseConvention === 'bvlain'
        ? 'softBV Morse ×½ + screened Coulomb (BVlain convention, validated on LiFePO4)'
        : 'softBV Morse ×1 + screened Coulomb (CAVD convention; barriers ≈ 2× the BVlain convention)',
    cube: req.cube ? bvseCube(grid, structure) : undefined,
    grd: req.grd ? bvseGrd(grid) : undefined,
    isosurface: level !== undefined ? bvseIsosurface(grid, level) : undefined,
    grid: req.keepGrid ? grid : undefined,
  };
}

/** Basins shallower than this (eV) are grid noise, not sites. */
const MIN_BASIN_DEPTH_EV = 0.02;
const NETWORK_ROUND_EV = 0.01;

function migrationNetwork(
  perc: ReturnType<typeof percolationBarriers>,
  dims: [number, number, number],
): NasiconBvseResult['network'] {
  const top = (perc.barriers['3D'] ?? perc.barriers['2D'] ?? perc.barriers['1D'] ?? 0) + NETWORK_ROUND_EV;
  const r = (e: number) => Number((Math.round(e / NETWORK_ROUND_EV) * NETWORK_ROUND_EV).toFixed(6));
  const minima: NasiconBvseResult['network']['minima'] = [];
  const minimumIndex = (voxel: number, energy: number): number => {
    const e = r(energy);
    let i = minima.findIndex((m) => Math.abs(m.energy - e) < 1e-9);
    if (i < 0) {
      minima.push({ energy: e, frac: voxelFrac(voxel, dims) });
      i = minima.length - 1;
    }
    return i;
  };
  minimumIndex(perc.minimumVoxel, 0);
  const saddles = new Map<string, NasiconBvseResult['network']['saddles'][number]>();
  for (const m of perc.merges) {
    if (m.energy > top) continue;
    if (m.energy - Math.max(...m.basinMinima) < MIN_BASIN_DEPTH_EV) continue;
    const a = minimumIndex(m.basinMinimumVoxels[0], m.basinMinima[0]);
    const b = minimumIndex(m.basinMinimumVoxels[1], m.basinMinima[1]);
    const between: [number, number] = a <= b ? [a, b] : [b, a];
    const key = `${r(m.energy).toFixed(2)}|${between.join('-')}`;
    const s = saddles.get(key);
    if (s) s.count++;
    else saddles.set(key, { energy: r(m.energy), frac: voxelFrac(m.voxel, dims), between, count: 1 });
  }
  return { minima, saddles: [...saddles.values()].sort((x, y) => x.energy - y.energy) };
}
