/**
 * Impedance operations shared by the CLI and (later) the HTTP API: they take a parsed spectrum and a
 * plain request object and return plain JSON-ready results.
 */
import { InputError } from '../../core/errors.ts';
import {
  computeDrt,
  type DrtOptions,
  type DrtResult,
  type FitResult,
  type FitWeight,
  fitCircuit,
  type LinKKOptions,
  type LinKKResult,
  linKK,
  parseCircuit,
} from '../../electrochem/eis/index.ts';
import type { ImpedanceSpectrum } from '../../io/eis/index.ts';

export interface EisFitRequest {
  circuit: string;
  guess?: number[];
  weight?: FitWeight;
  constants?: Record<string, number>;
  keepInductive?: boolean;
  multiStart?: number;
  seed?: number;
}

/** The `natrium eis fit --json` document: the keys first, then the full detail. */
export interface EisFitDocument {
  file?: string;
  format: string;
  circuit: string;
  /** stderr is null for fixed parameters and for parameters the data do not determine (infinite σ). */
  parameters: Record<
    string,
    { value: number; stderr: number | null; unit: string; fixed: boolean; ci95: [number, number] }
  >;
  chi2: number;
  rmse: number;
  weight: FitWeight;
  covarianceConvention: string;
  freeParameters: string[];
  covariance: number[][];
  correlation: number[][];
  ssr: number;
  degreesOfFreedom: number;
  pointsUsed: number;
  pointsDropped: number;
  initialGuess: number[];
  residuals: FitResult['residuals'];
  fitted: FitResult['fitted'];
  converged: boolean;
  starts: number;
  warnings: string[];
}

export function eisFit(spectrum: ImpedanceSpectrum, req: EisFitRequest): EisFitDocument {
  const circuit = parseCircuit(req.circuit);
  const fit = fitCircuit(circuit, spectrum, {
    initialGuess: req.guess,
    weight: req.weight,
    constants: req.constants,
    keepInductive: req.keepInductive,
    multiStart: req.multiStart,
    seed: req.seed,
  });
  const parameters: EisFitDocument['parameters'] = {};
  for (const name of fit.parameterNames) {
    const p = fit.parameters[name];
    parameters[name] = {
      value: p.value,
      stderr: Number.isFinite(p.stderr) ? p.stderr : null,
      unit: p.unit,
      fixed: p.fixed,
      ci95: p.ci95,
    };
  }
  return {
    file: spectrum.fileName,
    format: spectrum.format,
    circuit: fit.circuit,
    parameters,
    chi2: fit.chi2,
    rmse: fit.rmse,
    weight: fit.weight,
    covarianceConvention:
      'covariance = inv(JᵀJ)·SSR/(2N − p) (J: weighted stacked residuals, free parameters); stderr = √diag; ci95 = value ± t(0.975, 2N − p)·stderr; chi2 = Σ[(ΔZ′/|Z|)² + (ΔZ″/|Z|)²]; rmse = √(Σ unweighted residuals²/2N) in Ω',
    freeParameters: fit.freeParameters,
    covariance: fit.covariance,
    correlation: fit.correlation,
    ssr: fit.ssr,
    degreesOfFreedom: fit.degreesOfFreedom,
    pointsUsed: fit.pointsUsed,
    pointsDropped: fit.pointsDropped,
    initialGuess: fit.initialGuess,
    residuals: fit.residuals,
    fitted: fit.fitted,
    converged: fit.converged,
    starts: fit.starts,
    warnings: [...spectrum.warnings, ...fit.warnings],
  };
}

/** Parses "v1,v2,…" into finite numbers (InputError naming the option and the bad item). */
export function parseNumberList(text: string, field: string): number[] {
  const parts = text.split(/[,\s]+/).filter((s) => s !== '');
  return parts.map((s) => {
    const v = Number(s);
    if (!Number.isFinite(v))
      throw new InputError('not a number', { field, found: s, expected: 'comma-separated numbers' });
    return v;
  });
}

/** Parses "R0=0.01,C1=1e-6" into a record. */
export function parseAssignments(text: string, field: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z][A-Za-z0-9_]*)\s*=\s*(\S+)$/.exec(part);
    if (!m || !Number.isFinite(Number(m[2])))
      throw new InputError('not a name=value pair', {
        field,
        found: part,
        expected: 'e.g. R0=0.01,CPE1_1=0.9',
      });
    out[m[1]] = Number(m[2]);
  }
  return out;
}

/** `natrium eis kk --json`: Lin-KK with the μ criterion. */
export function eisKk(
  spectrum: ImpedanceSpectrum,
  req: LinKKOptions,
): LinKKResult & {
  file?: string;
  format: string;
  tauConvention: string;
  residualConvention: string;
  warnings: string[];
} {
  const r = linKK(spectrum, req);
  const warnings = [...spectrum.warnings];
  if (!r.criterionMet)
    warnings.push(`μ stayed above c = ${r.c} up to M = ${r.M}: the automatic choice did not converge`);
  if (r.maxAbsResidual > 0.01)
    warnings.push(
      `largest KK residual ${(100 * r.maxAbsResidual).toFixed(2)} % of |Z| (> 1 %): check drift, non-linearity or noisy points before fitting`,
    );
  return {
    file: spectrum.fileName,
    format: spectrum.format,
    ...r,
    tauConvention: 'τ_k log-spaced from 1/ω_max to 1/ω_min, ω = 2πf (Schönleber 2014)',
    residualConvention: "(Z − Z_KK)/|Z| for Z' and Z''",
    warnings,
  };
}

/** `natrium eis drt --json`. */
export function eisDrt(
  spectrum: ImpedanceSpectrum,
  req: DrtOptions,
): DrtResult & { file?: string; format: string; units: Record<string, string> } {
  const d = computeDrt(spectrum, req);
  return {
    file: spectrum.fileName,
    format: spectrum.format,
    ...d,
    warnings: [...spectrum.warnings, ...d.warnings],
    units: {
      tau: 's',
      gamma: 'Ohm (per unit ln τ)',
      rInf: 'Ohm',
      polarizationResistance: 'Ohm',
      inductanceH: 'H',
    },
  };
}
