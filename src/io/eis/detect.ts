import type { EisFormat } from './spectrum.ts';

/**
 * Recognises the format from the file's first lines (content signatures, not the extension; the
 * extension only breaks ties for plain tables). Returns 'csv' when nothing specific matches.
 */
export function detectEisFormat(lines: string[], fileName = ''): EisFormat {
  const first = (lines[0] ?? '').trim();
  const head = lines.slice(0, 40).join('\n');
  if (/^EC-Lab ASCII FILE/i.test(first)) return 'biologic';
  if (/^EXPLAIN$/.test(first) || /^ZCURVE\tTABLE/m.test(lines.join('\n'))) return 'gamry';
  if (/^ZPLOT2 ASCII/i.test(first)) return 'zplot';
  if (/Z60W Data File/i.test(first) || /Freq \(Hz\)\s+Ampl\s+Bias/.test(head)) return 'autolab';
  if (/^<Application>/.test(first) && /VersaStudio/.test(head)) return 'versastudio';
  if (/Potential \(V\)\tCurrent \(A\)\tElapsed Time \(s\)\tFrequency \(Hz\)/.test(head)) return 'parstat';
  if (/^Frequency\t\s*Zre\t\s*Zimg/m.test(head)) return 'powersuite';
  if (/A\.C\. Impedance/.test(head) || /^Freq\/Hz,\s*Z'\/ohm/m.test(head)) return 'chinstruments';
  if (/Freq\.\s*\[Hz\]\s*\tZs'/m.test(head) || /Zs''\s*\[ohm/i.test(head)) return 'novocontrol';
  void fileName;
  return 'csv';
}
