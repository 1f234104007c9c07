/**
 * `natrium nasicon conductivity`: σ(x, T) from the curated dataset, with the BVSE barrier and the
 * Na1→Na2 bottleneck of the template structure shown beside it as descriptors (not as a model).
 */
import { InputError } from '../../core/errors.ts';
import {
  bottleneckHops,
  buildNasicon,
  bvseGrid,
  type ConductivityEstimate,
  estimateConductivity,
  membraneAsr,
  percolationBarriers,
} from '../../nasicon/index.ts';

export interface NasiconConductivityRequest {
  formula: string;
  /** Temperature in °C. */
  temperatureC: number;
  /** Membrane thickness (µm) for ASR = L/σ. */
  thicknessUm?: number;
  includeRecalled?: boolean;
  maxDeltaX?: number;
  /** Compute BVSE barrier and bottleneck of the template structure (grid spacing Å). */
  descriptorsGrid?: number;
}

export interface NasiconConductivityResult extends ConductivityEstimate {
  temperatureC: number;
  /** ASR (Ω·cm²) of the membrane from σ_total (central, low-σ, high-σ), when a thickness is given. */
  asrOhmCm2?: { central: number | null; range: [number, number] | null; thicknessUm: number };
  descriptors?: {
    bvseBarriersEv: { '1D': number | null; '2D': number | null; '3D': number | null };
    bottleneckRadiusA: number | null;
    gridSpacingA: number;
    note: string;
  };
}

const KELVIN_OFFSET = 273.15;

export function nasiconConductivity(req: NasiconConductivityRequest): NasiconConductivityResult {
  if (!Number.isFinite(req.temperatureC) || req.temperatureC <= -KELVIN_OFFSET)
    throw new InputError('temperature must be above absolute zero', {
      field: '--T',
      found: String(req.temperatureC),
      expected: '°C > −273.15',
    });
  const est = estimateConductivity(req.formula, {
    temperatureK: req.temperatureC + KELVIN_OFFSET,
    includeRecalled: req.includeRecalled,
    maxDeltaX: req.maxDeltaX,
  });
  const out: NasiconConductivityResult = { ...est, temperatureC: req.temperatureC };
  if (req.thicknessUm !== undefined) {
    const L = req.thicknessUm;
    membraneAsr(L, 1); // validates L
    out.asrOhmCm2 = {
      central: est.sigmaTotal === null ? null : membraneAsr(L, est.sigmaTotal),
      range: est.range === null ? null : [membraneAsr(L, est.range[1]), membraneAsr(L, est.range[0])],
      thicknessUm: L,
    };
  }
  if (req.descriptorsGrid !== undefined) {
    const built = buildNasicon(req.formula);
    const ion = built.composition.alkali;
    const g = bvseGrid(built.structure, { ion, gridSpacing: req.descriptorsGrid });
    const hops = bottleneckHops(built.structure, ion);
    out.descriptors = {
      bvseBarriersEv: percolationBarriers(g.energy, g.dims).barriers,
      bottleneckRadiusA: hops.length ? hops[0].freeRadius : null,
      gridSpacingA: req.descriptorsGrid,
      note: 'descriptors of the average template structure (mobile ions removed, mixed Si/P sites averaged); shown beside the data, not used to compute σ',
    };
  }
  return out;
}
