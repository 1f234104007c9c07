/**
 * The figures of a project, as SVG strings: one per dataset that has a natural plot (Nyquist,
 * voltage vs time, x–y) and one per finished analysis whose operation has a figure (XRD pattern,
 * strain sweep). The HTML report embeds them; `natrium report --figures DIR` writes them as SVG
 * and/or PNG files (png.ts), so both show the same drawing. The drawing is the workbench's
 * (web/src/components/plotCore.ts, through svg.ts).
 */
import type { AnalysisInfo, Store } from '../store/store.ts';
import { chartSvg } from './svg.ts';

/** Axis labels of a Nyquist plot, as the workbench's impedance page writes them. */
export const NYQUIST_X_LABEL = 'Z′ (Ω)';
export const NYQUIST_Y_LABEL = '−Z″ (Ω)';

/** The figure for one analysis result, when the operation has one. */
export function analysisFigure(a: Pick<AnalysisInfo, 'operationId' | 'result'>): string | undefined {
  const r = a.result as Record<string, unknown> | null;
  if (!r) return undefined;
  if (a.operationId === 'xrd.pattern') {
    const p = r.pattern as {
      peaks: { twoTheta: number; intensity: number }[];
      profile?: { x: number[]; y: number[] };
      radiation: string;
    };
    const series = p.profile
      ? [{ x: p.profile.x, y: p.profile.y, kind: 'line' as const }]
      : [{ x: p.peaks.map((q) => q.twoTheta), y: p.peaks.map((q) => q.intensity), kind: 'sticks' as const }];
    return chartSvg(series, {
      title: `Powder pattern (${p.radiation})`,
      xLabel: '2θ (deg)',
      yLabel: 'intensity (strongest = 100)',
    });
  }
  if (a.operationId === 'xrd.strainSweep') {
    const pts = r.points as { strain: number; lines: { twoTheta: number; label: string }[] }[];
    const nLines = pts[0]?.lines.length ?? 0;
    const series = Array.from({ length: nLines }, (_, k) => ({
      x: pts.map((p) => p.strain * 100),
      y: pts.map((p) => p.lines[k]?.twoTheta ?? Number.NaN),
      label: pts[0].lines[k].label,
      kind: 'points' as const,
    }));
    return chartSvg(series, {
      title: 'Strongest lines vs isotropic strain',
      xLabel: 'strain ε (%)',
      yLabel: '2θ (deg)',
    });
  }
  if (a.operationId === 'eis.fit') {
    // The model curve of the fit (the measured points are in the dataset's own figure).
    const c = r.curve as { zReal: number[]; zImag: number[] } | undefined;
    if (!c?.zReal?.length) return undefined;
    return chartSvg(
      [{ x: c.zReal, y: c.zImag.map((v) => -v), kind: 'line', label: `fit ${String(r.circuit ?? '')}` }],
      {
        title: 'Equivalent-circuit fit (Nyquist)',
        xLabel: NYQUIST_X_LABEL,
        yLabel: NYQUIST_Y_LABEL,
        equalAxes: true,
      },
    );
  }
  if (a.operationId === 'eis.drt') {
    const tau = r.tau as number[] | undefined;
    const gamma = r.gamma as number[] | undefined;
    if (!tau?.length || !gamma?.length) return undefined;
    return chartSvg([{ x: tau.map((t) => Math.log10(t)), y: gamma, kind: 'line' }], {
      title: 'Distribution of relaxation times',
      xLabel: 'log₁₀ τ (τ in s)',
      yLabel: 'γ (Ω)',
    });
  }
  if (a.operationId === 'cycling.summary') {
    const cycles = r.cycles as
      | { cycle: number; chargeCapacity_mAh: number; dischargeCapacity_mAh: number }[]
      | undefined;
    if (!cycles?.length) return undefined;
    const x = cycles.map((c) => c.cycle);
    return chartSvg(
      [
        { x, y: cycles.map((c) => c.chargeCapacity_mAh), kind: 'points', label: 'charge' },
        { x, y: cycles.map((c) => c.dischargeCapacity_mAh), kind: 'points', label: 'discharge' },
      ],
      { title: 'Capacity per cycle', xLabel: 'cycle', yLabel: 'capacity (mAh)' },
    );
  }
  return undefined;
}

/** Operations whose results have a figure (`analysisFigure`). */
export const FIGURE_OPERATIONS: ReadonlySet<string> = new Set([
  'xrd.pattern',
  'xrd.strainSweep',
  'eis.fit',
  'eis.drt',
  'cycling.summary',
]);

/** The figure of one stored dataset, when its format has one. */
export async function datasetFigure(store: Store, id: string, format: string): Promise<string | undefined> {
  if (format === 'cif') return undefined;
  const { columns } = await store.loadDataset(id);
  if (format.startsWith('eis:') && columns.zReal_ohm)
    return chartSvg([{ x: columns.zReal_ohm, y: columns.zImag_ohm.map((v) => -v), kind: 'points' }], {
      title: 'Nyquist plot',
      xLabel: NYQUIST_X_LABEL,
      yLabel: NYQUIST_Y_LABEL,
      equalAxes: true,
    });
  if (format.startsWith('cycling:') && columns.time_s)
    return chartSvg([{ x: columns.time_s.map((t) => t / 3600), y: columns.voltage_V, kind: 'line' }], {
      title: 'Voltage',
      xLabel: 'time (h)',
      yLabel: 'voltage (V)',
    });
  if (columns.x && columns.y)
    return chartSvg([{ x: columns.x, y: columns.y, kind: 'line' }], { xLabel: 'x', yLabel: 'y' });
  return undefined;
}

/** One figure of a project, with a file-name stem that is unique within the project. */
export interface ProjectFigure {
  /** File-name stem (no extension): `dataset-<name>-<id8>` or `<operationId>-<analysisId>`. */
  name: string;
  caption: string;
  svg: string;
}

/** Letters, digits, dot, dash and underscore only, so a stem is a safe file name everywhere. */
function safeStem(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
}

/** Every figure of a project, datasets first (in import order), then analyses (oldest first). */
export async function projectFigures(store: Store, projectRef: string): Promise<ProjectFigure[]> {
  const p = await store.showProject(projectRef);
  const out: ProjectFigure[] = [];
  for (const d of p.datasets) {
    const svg = await datasetFigure(store, d.id, d.format);
    if (svg)
      out.push({
        name: `dataset-${safeStem(d.name)}-${d.id.slice(0, 8)}`,
        caption: `${d.name} (${d.format})`,
        svg,
      });
  }
  for (const a of await store.listAnalyses({ projectId: p.id, status: ['done'] })) {
    const svg = analysisFigure(a);
    if (svg) out.push({ name: safeStem(`${a.operationId}-${a.id}`), caption: a.operationId, svg });
  }
  return out;
}
