/** report: SVG figures, CSV/JSON/BibTeX export and self-contained HTML project reports. */
export * from './export.ts';
export * from './html.ts';
export * from './svg.ts';
