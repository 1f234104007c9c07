/**
 * Figures as SVG strings, rendered in Node (no DOM): line, point and stick plots with nice axis
 * ticks, and an equal-aspect option for Nyquist plots (1 Ω on x is as long as 1 Ω on y).
 */
export interface Series {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  label?: string;
  kind?: 'line' | 'points' | 'sticks';
}

export interface ChartOptions {
  title?: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** Same scale on both axes (Nyquist plots). */
  equalAxes?: boolean;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
const MARGIN = { left: 64, right: 16, top: 28, bottom: 44 };

export function escapeXml(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );
}

/** About `count` round tick values (1, 2, 5 × 10ⁿ) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

function extent(values: ArrayLike<number>[], includeZero: boolean): [number, number] {
  let lo = includeZero ? 0 : Number.POSITIVE_INFINITY;
  let hi = includeZero ? 0 : Number.NEGATIVE_INFINITY;
  for (const a of values)
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  if (!Number.isFinite(lo)) return [0, 1];
  if (hi === lo) return [lo - 0.5, hi + 0.5];
  const pad = (hi - lo) * 0.04;
  return [includeZero && lo === 0 ? 0 : lo - pad, hi + pad];
}

export function chartSvg(series: Series[], o: ChartOptions): string {
  const width = o.width ?? 640;
  const height = o.height ?? 360;
  const pw = width - MARGIN.left - MARGIN.right;
  const ph = height - MARGIN.top - MARGIN.bottom;
  let [x0, x1] = extent(
    series.map((s) => s.x),
    false,
  );
  let [y0, y1] = extent(
    series.map((s) => s.y),
    series.some((s) => s.kind === 'sticks'),
  );
  if (o.equalAxes) {
    // Widen the shorter range so one data unit has the same length in pixels on both axes.
    const perPx = Math.max((x1 - x0) / pw, (y1 - y0) / ph);
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    [x0, x1] = [cx - (perPx * pw) / 2, cx + (perPx * pw) / 2];
    [y0, y1] = [cy - (perPx * ph) / 2, cy + (perPx * ph) / 2];
  }
  const sx = (v: number) => MARGIN.left + ((v - x0) / (x1 - x0)) * pw;
  const sy = (v: number) => MARGIN.top + ph - ((v - y0) / (y1 - y0)) * ph;
  const f = (v: number) => v.toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${pw}" height="${ph}" fill="none" stroke="#444"/>`,
  ];
  for (const t of niceTicks(x0, x1))
    parts.push(
      `<line x1="${f(sx(t))}" y1="${MARGIN.top + ph}" x2="${f(sx(t))}" y2="${MARGIN.top + ph + 4}" stroke="#444"/>`,
      `<text x="${f(sx(t))}" y="${MARGIN.top + ph + 16}" text-anchor="middle">${t}</text>`,
    );
  for (const t of niceTicks(y0, y1))
    parts.push(
      `<line x1="${MARGIN.left - 4}" y1="${f(sy(t))}" x2="${MARGIN.left}" y2="${f(sy(t))}" stroke="#444"/>`,
      `<text x="${MARGIN.left - 6}" y="${f(sy(t) + 4)}" text-anchor="end">${t}</text>`,
    );
  parts.push(
    `<text x="${MARGIN.left + pw / 2}" y="${height - 8}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`,
    `<text transform="translate(14 ${MARGIN.top + ph / 2}) rotate(-90)" text-anchor="middle">${escapeXml(o.yLabel)}</text>`,
  );
  if (o.title) parts.push(`<text x="${MARGIN.left}" y="18" font-weight="bold">${escapeXml(o.title)}</text>`);
  parts.push(
    `<clipPath id="plot"><rect x="${MARGIN.left}" y="${MARGIN.top}" width="${pw}" height="${ph}"/></clipPath>`,
  );
  series.forEach((s, k) => {
    const color = COLORS[k % COLORS.length];
    const n = Math.min(s.x.length, s.y.length);
    if (s.kind === 'sticks') {
      const d: string[] = [];
      for (let i = 0; i < n; i++) d.push(`M${f(sx(s.x[i]))} ${f(sy(0))}V${f(sy(s.y[i]))}`);
      parts.push(`<path clip-path="url(#plot)" d="${d.join('')}" stroke="${color}" fill="none"/>`);
    } else if (s.kind === 'points') {
      for (let i = 0; i < n; i++)
        parts.push(
          `<circle clip-path="url(#plot)" cx="${f(sx(s.x[i]))}" cy="${f(sy(s.y[i]))}" r="2.5" fill="${color}"/>`,
        );
    } else {
      const d: string[] = [];
      for (let i = 0; i < n; i++) d.push(`${i ? 'L' : 'M'}${f(sx(s.x[i]))} ${f(sy(s.y[i]))}`);
      parts.push(
        `<path clip-path="url(#plot)" d="${d.join('')}" stroke="${color}" fill="none" stroke-width="1.5"/>`,
      );
    }
    if (s.label)
      parts.push(
        `<text x="${MARGIN.left + pw - 8}" y="${MARGIN.top + 14 + 14 * k}" text-anchor="end" fill="${color}">${escapeXml(s.label)}</text>`,
      );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
