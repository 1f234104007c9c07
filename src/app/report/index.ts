/** report: SVG/PNG figures, CSV/JSON/BibTeX export and self-contained HTML project reports. */
export * from './export.ts';
export * from './figures.ts';
export * from './html.ts';
export * from './png.ts';
export * from './svg.ts';
