/** Shapes of the impedance operations' answers (the documents `natrium eis … --json` prints). */
import type { EisFitDocument } from '../../../../src/app/operations/eis.ts';
import type { ArrheniusDocument } from '../../../../src/app/operations/eisArrhenius.ts';
import type { DrtResult, LinKKResult } from '../../../../src/electrochem/eis/index.ts';

export type { ArrheniusDocument };

export interface SpectrumDoc {
  file?: string;
  format: string;
  points: number;
  frequencyRangeHz: [number, number];
  metadata: { temperatureC?: number; temperatureSource?: string; [k: string]: unknown };
  warnings: string[];
  frequencyHz: number[];
  zReal: number[];
  zImag: number[];
}

export type FitDoc = EisFitDocument & {
  curve: { frequencyHz: number[]; zReal: number[]; zImag: number[] };
};

export type KkDoc = LinKKResult & { format: string; warnings: string[]; residualConvention: string };

export type DrtDoc = DrtResult & { format: string; units: Record<string, string> };

export interface CircuitInfo {
  circuit: string;
  syntax: string;
  parameters: { name: string; element: string; unit: string; default: number }[];
}

/** Units as the domain writes them → as a reader expects them. */
export function unitText(unit: string): string {
  if (unit === '') return '—';
  return unit
    .replace(/Ohm/g, 'Ω')
    .replace(/\bsec\b/g, 's')
    .replace(/\^-1\/2/g, '⁻¹ᐟ²')
    .replace(/\^-1/g, '⁻¹')
    .replace(/\^\(n-1\)/g, 'ⁿ⁻¹')
    .replace(/\^n/g, 'ⁿ')
    .replace(/ /g, '·');
}
