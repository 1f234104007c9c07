/** CIF 1.1: read (tokenizer → semantic) and write crystal structures. */

export type {
  CifStructure,
  CifToStructureOptions,
  CifUncertainties,
  CifWarning,
  CifWarningCode,
  ParseCifOptions,
} from './semantic.ts';
export {
  cifToStructure,
  parseCif,
  parseCifAll,
  parseFormulaSum,
  parseTypeSymbol,
  uEquivalent,
} from './semantic.ts';
export type { CifBlock, CifEntry, CifLoop, CifValue, NumberWithSu, TokenizeOptions } from './tokenizer.ts';
export {
  INAPPLICABLE,
  isNull,
  parseCifBlocks,
  parseNumberWithSu,
  tryParseNumberWithSu,
  UNKNOWN,
} from './tokenizer.ts';
export type { WriteCifOptions } from './writer.ts';
export { formatCifValue, formatNumber, writeCif } from './writer.ts';
