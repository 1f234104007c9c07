/**
 * BioLogic EC-Lab / BT-Lab log file (.mpl, Latin-1 text): "key : value" lines (active mass, export
 * time format …) and the fixed-width protocol table (Ns, ctrl_type, charge/discharge, limits). The
 * log settles what the data export leaves open: the date order of absolute times ("Time format :
 * Absolute MMDDYYYY") and the programmed type of each step Ns.
 */
import { InputError } from '../../core/errors.ts';
import type { DateOrder } from './text.ts';
import { decodeCyclerText, splitLines } from './text.ts';

export interface BiologicProtocolStep {
  ns: number;
  /** Rest, CC, CV, Loop, … as programmed. */
  controlType: string;
  /** Charge or Discharge as programmed. */
  direction: string;
  controlValue: string;
  controlUnit: string;
  limitType: string;
  limitValue: string;
}

export interface BiologicLog {
  metadata: Record<string, string>;
  dateOrder?: DateOrder;
  protocol: BiologicProtocolStep[];
}

/** Width of the label and of each column of the protocol table. */
const COLUMN_WIDTH = 20;

export function parseBiologicLog(input: string | Uint8Array, fileName?: string): BiologicLog {
  const lines = splitLines(decodeCyclerText(input, fileName));
  if (!lines.some((l) => /LOG FILE/i.test(l)))
    throw new InputError('not a BioLogic log file', {
      file: fileName,
      expected: 'a .mpl file starting "… LOG FILE"',
    });
  const metadata: Record<string, string> = {};
  let dateOrder: DateOrder | undefined;
  for (const l of lines) {
    const kv = /^\s*([^:\t]{1,60}?)\s+:\s*(.*)$/.exec(l);
    if (!kv || kv[1].startsWith('Ns')) continue;
    if (!(kv[1] in metadata)) metadata[kv[1]] = kv[2].trim();
    if (kv[1] === 'Time format') {
      if (/MMDDYYYY/.test(kv[2])) dateOrder = 'MDY';
      else if (/DDMMYYYY/.test(kv[2])) dateOrder = 'DMY';
    }
  }
  const row = (label: string): string[] | undefined => {
    const l = lines.find((x) => x.startsWith(label) && x.slice(0, COLUMN_WIDTH).trim() === label);
    if (!l) return undefined;
    const out: string[] = [];
    for (let a = COLUMN_WIDTH; a < l.length; a += COLUMN_WIDTH) out.push(l.slice(a, a + COLUMN_WIDTH).trim());
    return out;
  };
  const ns = row('Ns');
  const protocol: BiologicProtocolStep[] = [];
  if (ns) {
    const type = row('ctrl_type') ?? [];
    const dir = row('charge/discharge') ?? [];
    const val = row('ctrl1_val') ?? [];
    const unit = row('ctrl1_val_unit') ?? [];
    const limType = row('lim1_type') ?? [];
    const limVal = row('lim1_value') ?? [];
    ns.forEach((n, k) => {
      if (n === '' || !Number.isFinite(Number(n))) return;
      protocol.push({
        ns: Number(n),
        controlType: type[k] ?? '',
        direction: dir[k] ?? '',
        controlValue: val[k] ?? '',
        controlUnit: unit[k] ?? '',
        limitType: limType[k] ?? '',
        limitValue: limVal[k] ?? '',
      });
    });
  }
  return { metadata, dateOrder, protocol };
}
