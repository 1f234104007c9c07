/** Impedance analysis: circuit language, CNLS fitting, Kramers–Kronig, DRT, solid-electrolyte workflow. */

export * from './arrhenius.ts';
export * from './circuit.ts';
export * from './drt.ts';
export * from './elements.ts';
export * from './evaluate.ts';
export * from './fit.ts';
export * from './guess.ts';
export * from './linkk.ts';
export * from './solidElectrolyte.ts';
export type { SpectrumData } from './spectrumTypes.ts';
