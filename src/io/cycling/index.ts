/** Cycler exports → normalised time series (see types.ts for columns and the sign convention). */
import { InputError } from '../../core/errors.ts';
import { type BiologicLog, parseBiologicLog } from './biologicLog.ts';
import { requireCyclerFormat } from './detect.ts';
import {
  parseArbin,
  parseArbinMetadata,
  parseBiologic,
  parseGenericCsv,
  parseMaccor,
  parseNovonix,
  type ReaderOptions,
} from './readers.ts';
import { decodeCyclerText } from './text.ts';
import { CYCLER_FORMATS, type CyclerFormat, type CyclingData, type UserColumnMap } from './types.ts';

export { type BiologicLog, type BiologicProtocolStep, parseBiologicLog } from './biologicLog.ts';
export { detectCyclerFormat } from './detect.ts';
export type { ReaderOptions } from './readers.ts';
export {
  parseArbin,
  parseArbinMetadata,
  parseBiologic,
  parseGenericCsv,
  parseMaccor,
  parseNovonix,
} from './readers.ts';
export { type DateOrder, decodeCyclerText } from './text.ts';
/**
 * @deprecated Old name of {@link decodeCyclerText} (renamed so `src/io/index.ts` can re-export every
 * reader without a generic `decodeText` that another format could also define).
 */
export const decodeText = decodeCyclerText;
export * from './types.ts';

export interface CyclingReadOptions extends ReaderOptions {
  /** Override auto-detection. */
  format?: CyclerFormat;
  /** Generic format: canonical column → vendor column (optionally with a scale). */
  columnMap?: UserColumnMap;
  /** Arbin: text of the companion *_Metadata.csv. */
  metadataText?: string;
  /** BioLogic: the run's .mpl log (settles the date order, adds the programmed protocol). */
  logText?: string | Uint8Array;
}

/**
 * Reads any supported cycler export (text or bytes). The format is detected from the content unless
 * given; a column map alone selects the generic reader.
 */
export function parseCyclingFile(input: string | Uint8Array, opts: CyclingReadOptions = {}): CyclingData {
  const text = decodeCyclerText(input, opts.fileName);
  if (text.trim() === '') throw new InputError('empty file', { file: opts.fileName });
  if (opts.format !== undefined && !CYCLER_FORMATS.includes(opts.format))
    throw new InputError('unknown cycler format', {
      field: 'format',
      found: String(opts.format),
      expected: CYCLER_FORMATS.join(', '),
    });
  const format = opts.format ?? (opts.columnMap ? 'generic' : requireCyclerFormat(text, opts.fileName));
  let log: BiologicLog | undefined;
  if (opts.logText !== undefined) {
    log = parseBiologicLog(opts.logText);
    if (opts.dateOrder === undefined && log.dateOrder) opts = { ...opts, dateOrder: log.dateOrder };
  }
  let data: CyclingData;
  switch (format) {
    case 'arbin':
      data = parseArbin(text, opts);
      break;
    case 'maccor':
      data = parseMaccor(text, opts);
      break;
    case 'biologic':
      data = parseBiologic(text, opts);
      break;
    case 'novonix':
      data = parseNovonix(text, opts);
      break;
    default:
      data = parseGenericCsv(text, opts);
  }
  if (opts.metadataText !== undefined) Object.assign(data.metadata, parseArbinMetadata(opts.metadataText));
  if (log) {
    for (const [k, v] of Object.entries(log.metadata)) data.metadata[`log: ${k}`] = v;
    data.protocol = log.protocol.map((p) => ({
      step: p.ns,
      controlType: p.controlType,
      direction: p.direction,
      limit: `${p.limitType} ${p.limitValue}`.trim(),
    }));
  }
  return data;
}
