import { InputError } from '../core/errors.ts';
import type { Vec3 } from './lattice.ts';

/**
 * A space-group operation in fractional coordinates: x' = R·x + t. `rotation` is row-major with
 * integer entries; `translation` is reduced to [0, 1).
 */
export interface SymOp {
  rotation: [number, number, number, number, number, number, number, number, number];
  translation: Vec3;
}

export const IDENTITY: SymOp = { rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], translation: [0, 0, 0] };

const AXES: Record<string, number> = { x: 0, y: 1, z: 2 };

/**
 * Parses a Jones-faithful operation such as `x,1/2+y,1/2+z`, `-x+y, -x, z+1/3` or `X-Y,X,-Z`.
 * Accepts fractions and decimals for translations. Throws InputError naming the bad component.
 */
export function parseSymOp(text: string, where: { file?: string; line?: number } = {}): SymOp {
  const parts = text.trim().replace(/^'|'$/g, '').split(',');
  if (parts.length !== 3)
    throw new InputError('symmetry operation must have three comma-separated components', {
      ...where,
      field: 'symmetry operation',
      found: text,
      expected: "an operation like 'x, y+1/2, -z'",
    });
  const rotation = [0, 0, 0, 0, 0, 0, 0, 0, 0] as SymOp['rotation'];
  const translation: Vec3 = [0, 0, 0];
  for (let row = 0; row < 3; row++) {
    const comp = parts[row].replace(/\s+/g, '').toLowerCase();
    if (comp === '') throw bad(text, where);
    // Split into signed terms: +x, -y, +1/2, 0.25, 2x (rare), x/1 not allowed.
    const termRe = /([+-]?)([^+-]+)/g;
    let consumed = 0;
    let any = false;
    for (let m = termRe.exec(comp); m !== null; m = termRe.exec(comp)) {
      consumed += m[0].length;
      any = true;
      const sign = m[1] === '-' ? -1 : 1;
      const body = m[2];
      const axisMatch = /^(\d*\.?\d*)\*?([xyz])$/.exec(body);
      if (axisMatch) {
        const coef = axisMatch[1] === '' ? 1 : Number(axisMatch[1]);
        if (!Number.isFinite(coef)) throw bad(text, where);
        rotation[3 * row + AXES[axisMatch[2]]] += sign * coef;
        continue;
      }
      const value = parseFractionOrNumber(body);
      if (value === undefined) throw bad(text, where);
      translation[row] += sign * value;
    }
    if (!any || consumed !== comp.length) throw bad(text, where);
  }
  if (rotation.every((v) => v === 0)) throw bad(text, where);
  return { rotation, translation: translation.map(mod1) as Vec3 };
}

function parseFractionOrNumber(s: string): number | undefined {
  const frac = /^(\d+(?:\.\d*)?)\/(\d+(?:\.\d*)?)$/.exec(s);
  if (frac) {
    const d = Number(frac[2]);
    return d === 0 ? undefined : Number(frac[1]) / d;
  }
  if (/^(\d+\.?\d*|\.\d+)$/.test(s)) return Number(s);
  return undefined;
}

function bad(text: string, where: { file?: string; line?: number }): InputError {
  return new InputError('cannot read symmetry operation', {
    ...where,
    field: 'symmetry operation',
    found: text,
    expected: "x, y, z terms with optional fractional translations like '1/2+x'",
  });
}

/** Reduces a fractional coordinate to [0, 1), snapping values within 1e-10 of 1 to 0. */
export function mod1(v: number): number {
  let r = v - Math.floor(v);
  if (r > 1 - 1e-10) r = 0;
  return r;
}

export function applySymOp(op: SymOp, f: Vec3): Vec3 {
  const R = op.rotation;
  const t = op.translation;
  return [
    R[0] * f[0] + R[1] * f[1] + R[2] * f[2] + t[0],
    R[3] * f[0] + R[4] * f[1] + R[5] * f[2] + t[1],
    R[6] * f[0] + R[7] * f[1] + R[8] * f[2] + t[2],
  ];
}

/** Formats an operation as 'x-y,x,-z+1/2' (fractions with denominators up to 12 are written as such). */
export function formatSymOp(op: SymOp): string {
  const names = ['x', 'y', 'z'];
  const out: string[] = [];
  for (let row = 0; row < 3; row++) {
    let s = '';
    for (let col = 0; col < 3; col++) {
      const c = op.rotation[3 * row + col];
      if (c === 0) continue;
      const mag = Math.abs(c) === 1 ? '' : `${Math.abs(c)}*`;
      s += (c < 0 ? '-' : s === '' ? '' : '+') + mag + names[col];
    }
    const t = mod1(op.translation[row]);
    if (t !== 0) s += `+${formatFraction(t)}`;
    out.push(s === '' ? '0' : s);
  }
  return out.join(',');
}

function formatFraction(t: number): string {
  for (let d = 2; d <= 12; d++) {
    const n = Math.round(t * d);
    if (Math.abs(n / d - t) < 1e-8) return `${n}/${d}`;
  }
  return String(Number(t.toFixed(10)));
}

/** The product a∘b (apply b first, then a): R = R_a·R_b, t = R_a·t_b + t_a (translation not reduced). */
export function composeSymOps(a: SymOp, b: SymOp): SymOp {
  const A = a.rotation;
  const B = b.rotation;
  const rotation = [0, 0, 0, 0, 0, 0, 0, 0, 0] as SymOp['rotation'];
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++)
      rotation[3 * i + j] = A[3 * i] * B[j] + A[3 * i + 1] * B[3 + j] + A[3 * i + 2] * B[6 + j];
  const translation = [0, 1, 2].map(
    (i) =>
      A[3 * i] * b.translation[0] +
      A[3 * i + 1] * b.translation[1] +
      A[3 * i + 2] * b.translation[2] +
      a.translation[i],
  ) as Vec3;
  return { rotation, translation };
}
