/** Peak list → CSV text and a browser download. */
import type { PowderPattern } from '../../api.ts';

type Peak = PowderPattern['peaks'][number];

export const CSV_HEADER = 'twoTheta_deg,d_A,intensity,hkl,multiplicity';

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function peaksToCsv(peaks: Peak[]): string {
  const rows = peaks.map((p) =>
    [
      p.twoTheta.toFixed(4),
      p.d.toFixed(5),
      p.intensity.toFixed(2),
      csvField(p.label),
      String(p.multiplicity),
    ].join(','),
  );
  return `${[CSV_HEADER, ...rows].join('\n')}\n`;
}

export function downloadText(text: string, fileName: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
