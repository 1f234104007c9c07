/** Small display helpers: chemical formulae, space-group symbols and numbers. */
import type { ReactNode } from 'react';

/** 'Na0.8CoO2' → Na<sub>0.8</sub>CoO<sub>2</sub> (numbers after an element become subscripts). */
export function Formula({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  const re = /([A-Z][a-z]?)|(\d+(?:\.\d+)?)|([^A-Za-z\d]+|[a-z]+)/g;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(text))) {
    if (m[2]) parts.push(<sub key={i++}>{m[2]}</sub>);
    else parts.push(<span key={i++}>{m[0]}</span>);
  }
  return <>{parts}</>;
}

/**
 * Hermann–Mauguin symbol in print style: 'P 6_3/m m c' → 'P6₃/mmc', 'F d -3 m' → 'Fd3̄m'
 * (combining overline for the bar).
 */
export function spaceGroupText(symbol: string): string {
  const SUB = '₀₁₂₃₄₅₆₇₈₉';
  return symbol
    .trim()
    .replace(/_(\d)/g, (_, d: string) => SUB[Number(d)])
    .replace(/-(\d)/g, '$1\u0305')
    .replace(/\s+/g, '');
}

export function fmt(value: number | undefined, digits: number): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  return value.toFixed(digits);
}
