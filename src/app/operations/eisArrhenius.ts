/**
 * `natrium eis arrhenius`: fit one circuit to each spectrum of a temperature series, assign arcs
 * (bulk / grain boundary) by capacitance, convert to conductivities with the sample geometry and
 * fit Arrhenius lines to σ_bulk, σ_gb and σ_total.
 */

import { InputError } from '../../core/errors.ts';
import { celsiusToKelvin } from '../../core/units.ts';
import {
  type ArrheniusForm,
  type ArrheniusResult,
  type AssignedArc,
  arcsOfCircuit,
  arrheniusFit,
  conductivities,
  type FitWeight,
  fitCircuit,
  parseCircuit,
  type SampleGeometry,
} from '../../electrochem/eis/index.ts';
import type { ImpedanceSpectrum } from '../../io/eis/index.ts';

export interface ArrheniusRequest {
  circuit: string;
  geometry: SampleGeometry;
  /** °C per file, overriding what the files say. */
  temperaturesC?: number[];
  form?: ArrheniusForm;
  weight?: FitWeight;
  seed?: number;
}

export interface ArrheniusPoint {
  file?: string;
  temperatureC: number;
  temperatureK: number;
  temperatureSource: string;
  rBulkOhm: number | null;
  rGrainBoundaryOhm: number | null;
  sigmaBulk: number | null;
  sigmaGrainBoundary: number | null;
  sigmaTotal: number | null;
  arcs: AssignedArc[];
  chi2: number;
  warnings: string[];
}

export interface ArrheniusDocument {
  circuit: string;
  form: ArrheniusForm;
  units: Record<string, string>;
  geometry: SampleGeometry & { cellConstantPerCm: number };
  bulk: ArrheniusResult | null;
  grainBoundary: ArrheniusResult | null;
  total: ArrheniusResult | null;
  points: ArrheniusPoint[];
  warnings: string[];
}

export function eisArrhenius(spectra: ImpedanceSpectrum[], req: ArrheniusRequest): ArrheniusDocument {
  const circuit = parseCircuit(req.circuit);
  const form = req.form ?? 'sigmaT';
  if (req.temperaturesC && req.temperaturesC.length !== spectra.length)
    throw new InputError(`${req.temperaturesC.length} temperatures for ${spectra.length} files`, {
      field: '--temperatures',
      expected: 'one temperature (°C) per file, in file order',
    });
  const topSeriesR =
    circuit.root.type === 'series'
      ? circuit.root.children.find((c) => c.type === 'element' && c.symbol === 'R')
      : circuit.root.type === 'element' && circuit.root.symbol === 'R'
        ? circuit.root
        : undefined;
  const points: ArrheniusPoint[] = spectra.map((s, i) => {
    let temperatureC = req.temperaturesC?.[i];
    let source = 'option --temperatures';
    if (temperatureC === undefined) {
      temperatureC = s.metadata.temperatureC;
      source = s.metadata.temperatureSource ?? '';
    }
    if (temperatureC === undefined)
      throw new InputError('no temperature in the file header or name', {
        file: s.fileName,
        expected: "a name like 'sample-140deg.txt' or the --temperatures option",
      });
    const fit = fitCircuit(circuit, s, { weight: req.weight ?? 'modulus', seed: req.seed });
    const values = Object.fromEntries(Object.entries(fit.parameters).map(([k, p]) => [k, p.value]));
    const { arcs } = arcsOfCircuit(circuit, values);
    const report = conductivities(arcs, req.geometry, {
      seriesResistance: topSeriesR && topSeriesR.type === 'element' ? values[topSeriesR.label] : undefined,
      maxFrequencyHz: Math.max(...s.frequencyHz),
    });
    return {
      file: s.fileName,
      temperatureC,
      temperatureK: celsiusToKelvin(temperatureC),
      temperatureSource: source,
      rBulkOhm: report.rBulk,
      rGrainBoundaryOhm: report.rGrainBoundary,
      sigmaBulk: report.sigmaBulk,
      sigmaGrainBoundary: report.sigmaGrainBoundary,
      sigmaTotal: report.sigmaTotal,
      arcs: report.arcs,
      chi2: fit.chi2,
      warnings: [...s.warnings, ...fit.warnings, ...report.warnings],
    };
  });
  const warnings: string[] = [];
  const line = (key: 'sigmaBulk' | 'sigmaGrainBoundary' | 'sigmaTotal', label: string) => {
    const ok = points.filter((p) => p[key] !== null);
    if (ok.length < points.length)
      warnings.push(`${label}: ${points.length - ok.length} temperature(s) without a value were left out`);
    if (ok.length < 2) return null;
    return arrheniusFit(
      ok.map((p) => p.temperatureK),
      ok.map((p) => p[key]!),
      form,
    );
  };
  return {
    circuit: circuit.source,
    form,
    units: {
      Ea: 'eV',
      EaStderr: 'eV (1σ, OLS of ln y on 1/T)',
      prefactor: form === 'sigmaT' ? 'S K/cm (σT = A exp(−Ea/kT))' : 'S/cm (σ = σ0 exp(−Ea/kT))',
      sigma: 'S/cm',
      capacitanceF: 'F',
      specificCapacitanceF: 'F·cm⁻¹ (C·L/A)',
    },
    geometry: { ...req.geometry, cellConstantPerCm: req.geometry.thicknessCm / req.geometry.areaCm2 },
    bulk: line('sigmaBulk', 'bulk'),
    grainBoundary: line('sigmaGrainBoundary', 'grain boundary'),
    total: line('sigmaTotal', 'total'),
    points,
    warnings,
  };
}

/** Parses a length like "0.21cm", "2.1 mm", "210um" or a bare number (cm) into cm. */
export function parseLengthCm(text: string, field: string): number {
  const m = /^\s*([0-9.eE+-]+)\s*(cm|mm|um|µm|m)?\s*$/.exec(text);
  const v = m ? Number(m[1]) : Number.NaN;
  if (!m || !(v > 0))
    throw new InputError('not a positive length', {
      field,
      found: text,
      expected: "e.g. '0.21cm' or '2.1mm'",
    });
  const unit = m[2] ?? 'cm';
  return v * ({ cm: 1, mm: 0.1, um: 1e-4, µm: 1e-4, m: 100 } as Record<string, number>)[unit];
}

/** Parses an area like "0.5cm2", "50mm2" or a bare number (cm²) into cm². */
export function parseAreaCm2(text: string, field: string): number {
  const m = /^\s*([0-9.eE+-]+)\s*(cm2|cm\^2|cm²|mm2|mm\^2|mm²)?\s*$/.exec(text);
  const v = m ? Number(m[1]) : Number.NaN;
  if (!m || !(v > 0))
    throw new InputError('not a positive area', { field, found: text, expected: "e.g. '0.5cm2' or '50mm2'" });
  return (m[2] ?? 'cm2').startsWith('mm') ? v * 0.01 : v;
}
