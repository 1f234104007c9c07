/**
 * Writing figures to files: SVG as drawn, PNG rendered from the same SVG (png.ts), or both, and
 * parsing of the CLI's `--format`, `--scale` and `--dpi` values.
 */

import { join, resolve } from 'node:path';
import { InputError } from '../../core/errors.ts';
import { makeOutputDir, writeOutputFile } from '../outputFiles.ts';
import { type PngOptions, pngScale, svgToPng } from './png.ts';

export const FIGURE_FORMATS = ['svg', 'png', 'both'] as const;
export type FigureFormat = (typeof FIGURE_FORMATS)[number];

export function parseFigureFormat(value: string, field = '--format'): FigureFormat {
  if ((FIGURE_FORMATS as readonly string[]).includes(value)) return value as FigureFormat;
  throw new InputError('unknown figure format', { field, found: value, expected: FIGURE_FORMATS.join(', ') });
}

/** `--scale` / `--dpi` option strings → PngOptions (checked; errors name the flag). */
export function parsePngOptions(o: { scale?: string; dpi?: string }): PngOptions {
  const num = (v: string | undefined, field: string): number | undefined => {
    if (v === undefined) return undefined;
    const x = Number(v);
    if (v.trim() === '' || !Number.isFinite(x))
      throw new InputError('not a number', { field, found: v, expected: 'a positive number' });
    return x;
  };
  const png: PngOptions = { scale: num(o.scale, '--scale'), dpi: num(o.dpi, '--dpi') };
  try {
    pngScale(png);
  } catch (err) {
    if (err instanceof InputError)
      throw new InputError(err.problem, {
        field: `--${err.field ?? 'scale'}`,
        found: err.found,
        expected: err.expected,
      });
    throw err;
  }
  return png;
}

/** Writes each figure as `<dir>/<name>.svg` and/or `.png`; returns the absolute paths written. */
export function writeFigureFiles(
  figures: { name: string; svg: string }[],
  dir: string,
  format: FigureFormat,
  png: PngOptions = {},
): string[] {
  const out = resolve(dir);
  makeOutputDir(out);
  const written: string[] = [];
  for (const f of figures) {
    if (format !== 'png') {
      const file = join(out, `${f.name}.svg`);
      writeOutputFile(file, f.svg);
      written.push(file);
    }
    if (format !== 'svg') {
      const file = join(out, `${f.name}.png`);
      writeOutputFile(file, svgToPng(f.svg, png));
      written.push(file);
    }
  }
  return written;
}
