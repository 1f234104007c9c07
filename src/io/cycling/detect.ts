/**
 * Which cycler wrote a file, from its first lines only (never from the file name alone, which users
 * rename). Ambiguity is an InputError that names the `format` option.
 */
import { InputError } from '../../core/errors.ts';
import { guessDelimiter, splitFields, splitLines } from './text.ts';
import type { CyclerFormat } from './types.ts';

const HEAD_LINES = 60;

/** Returns the detected format, or undefined when no signature matches. */
export function detectCyclerFormat(text: string): CyclerFormat | undefined {
  const head = splitLines(text.slice(0, 20000)).slice(0, HEAD_LINES);
  if (head.length === 0) return undefined;
  const first = head[0].trim();
  if (first === '[Summary]' || /Novonix/i.test(head.slice(0, 4).join('\n'))) return 'novonix';
  if (/^(EC-Lab|BT-Lab) ASCII FILE/i.test(first)) return 'biologic';
  if (head.slice(0, 5).some((l) => /^Rec#\t/.test(l)) || /^Today's Date/.test(first)) return 'maccor';
  const fields = new Set(splitFields(head[0], guessDelimiter(head[0])).map((f) => f.trim()));
  if (
    fields.has('Data_Point') &&
    (fields.has('Test_Time') || fields.has('Test_Time(s)')) &&
    fields.has('Cycle_Index')
  )
    return 'arbin';
  if (
    (fields.has('Ecell/V') || fields.has('Ewe/V') || fields.has('<Ewe>/V')) &&
    (fields.has('I/mA') || fields.has('<I>/mA'))
  )
    return 'biologic';
  // natrium's own canonical names or the Battery Data Format's: the generic reader maps them itself
  if (
    (fields.has('time_s') && fields.has('voltage_V') && fields.has('current_A')) ||
    (fields.has('test_time_second') && fields.has('voltage_volt') && fields.has('current_ampere'))
  )
    return 'generic';
  return undefined;
}

export function requireCyclerFormat(text: string, fileName?: string): CyclerFormat {
  const f = detectCyclerFormat(text);
  if (!f)
    throw new InputError('cannot tell which cycler wrote this file', {
      file: fileName,
      expected:
        'an Arbin CSV, Maccor text, BioLogic text/CSV or Novonix CSV export; for anything else choose the generic format with a column map',
    });
  return f;
}
