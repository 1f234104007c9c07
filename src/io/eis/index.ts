/**
 * Impedance file readers. `parseImpedance(text | bytes, {fileName, format?})` auto-detects the format
 * from the content (override with `format`) and returns an ImpedanceSpectrum in the Z'' < 0
 * (capacitive) convention. Any problem with the file is one InputError naming file, line and column.
 */
import { InputError } from '../../core/errors.ts';
import { detectEisFormat } from './detect.ts';
import { PARSERS, type ParseContext, temperatureFromText } from './formats.ts';
import { EIS_FORMATS, type EisFormat, type ImpedanceSpectrum } from './spectrum.ts';
import { decodeInstrumentText, splitLines, stripBom } from './text.ts';

export { detectEisFormat } from './detect.ts';
export { temperatureFromText } from './formats.ts';
export * from './spectrum.ts';

export interface ParseImpedanceOptions extends ParseContext {
  /** Force a format instead of auto-detection. */
  format?: EisFormat | 'auto';
}

export function parseImpedance(
  input: string | Uint8Array,
  options: ParseImpedanceOptions = {},
): ImpedanceSpectrum {
  const { fileName } = options;
  const text = typeof input === 'string' ? stripBom(input) : decodeInstrumentText(input, fileName);
  if (text.includes('\0'))
    throw new InputError('file is binary, not a text export', { file: fileName, expected: 'a text file' });
  const lines = splitLines(text);
  let format: EisFormat;
  if (options.format && options.format !== 'auto') {
    if (!EIS_FORMATS.includes(options.format))
      throw new InputError('unknown impedance file format', {
        field: 'format',
        expected: EIS_FORMATS.join(', '),
        found: String(options.format),
      });
    format = options.format;
  } else format = detectEisFormat(lines, fileName);
  const out = PARSERS[format](lines, options);
  const metadata = { ...out.metadata };
  if (metadata.temperatureC === undefined && fileName) {
    const t = temperatureFromText(fileName.replace(/\.[A-Za-z0-9]+$/, ''));
    if (t !== undefined) {
      metadata.temperatureC = t;
      metadata.temperatureSource = 'file name';
    }
  }
  return {
    frequencyHz: out.frequencyHz,
    zReal: out.zReal,
    zImag: out.zImag,
    format,
    fileName,
    metadata,
    warnings: out.warnings,
  };
}
