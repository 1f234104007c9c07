/**
 * Compiles a circuit tree into an evaluator for a fixed frequency grid: every node owns two
 * preallocated Float64Arrays, so repeated evaluation inside a fit allocates nothing.
 */
import type { Circuit, CircuitNode } from './circuit.ts';
import { DERIVATIVE_KERNELS } from './derivatives.ts';
import { ELEMENTS } from './elements.ts';

export type CircuitEvaluator = (params: ArrayLike<number>, re: Float64Array, im: Float64Array) => void;

export function compileCircuit(circuit: Circuit, frequencyHz: ArrayLike<number>): CircuitEvaluator {
  const n = frequencyHz.length;
  const omega = new Float64Array(n);
  for (let k = 0; k < n; k++) omega[k] = 2 * Math.PI * frequencyHz[k];
  const offsets = new Map(circuit.elements.map((e) => [e.label, e.offset]));

  const build = (node: CircuitNode): CircuitEvaluator => {
    if (node.type === 'element') {
      const kernel = ELEMENTS[node.symbol].kernel;
      const off = offsets.get(node.label)!;
      return (p, re, im) => kernel(p, off, omega, re, im);
    }
    const kids = node.children.map(build);
    const cre = new Float64Array(n);
    const cim = new Float64Array(n);
    if (node.type === 'series')
      return (p, re, im) => {
        re.fill(0);
        im.fill(0);
        for (const kid of kids) {
          kid(p, cre, cim);
          for (let k = 0; k < n; k++) {
            re[k] += cre[k];
            im[k] += cim[k];
          }
        }
      };
    // Parallel: sum admittances 1/Z, then invert.
    return (p, re, im) => {
      re.fill(0);
      im.fill(0);
      for (const kid of kids) {
        kid(p, cre, cim);
        for (let k = 0; k < n; k++) {
          const d = cre[k] * cre[k] + cim[k] * cim[k];
          re[k] += cre[k] / d;
          im[k] -= cim[k] / d;
        }
      }
      for (let k = 0; k < n; k++) {
        const d = re[k] * re[k] + im[k] * im[k];
        re[k] = re[k] / d;
        im[k] = -im[k] / d;
      }
    };
  };
  return build(circuit.root);
}

/**
 * Evaluator of Z and of every ∂Z/∂p_i (rows i of dRe/dIm, n frequencies each, row-major). Series:
 * derivatives pass through; parallel: Z = 1/Σ 1/Z_c, so ∂Z/∂p = (Z/Z_c)² ∂Z_c/∂p for the parameters
 * of child c (rows scaled in place on the way up the tree). Nothing is allocated per call.
 */
export type CircuitJacobianEvaluator = (
  params: ArrayLike<number>,
  re: Float64Array,
  im: Float64Array,
  dRe: Float64Array,
  dIm: Float64Array,
) => void;

export function compileCircuitJacobian(
  circuit: Circuit,
  frequencyHz: ArrayLike<number>,
): CircuitJacobianEvaluator {
  const n = frequencyHz.length;
  const omega = new Float64Array(n);
  for (let k = 0; k < n; k++) omega[k] = 2 * Math.PI * frequencyHz[k];
  const elementOf = new Map(circuit.elements.map((e) => [e.label, e]));

  /** Parameter indices of a subtree. */
  const paramsOf = (node: CircuitNode): number[] => {
    if (node.type === 'element') {
      const e = elementOf.get(node.label)!;
      const count = ELEMENTS[node.symbol].params.length;
      return Array.from({ length: count }, (_, i) => e.offset + i);
    }
    return node.children.flatMap(paramsOf);
  };

  const build = (node: CircuitNode): CircuitJacobianEvaluator => {
    if (node.type === 'element') {
      const kernel = DERIVATIVE_KERNELS[node.symbol];
      const off = elementOf.get(node.label)!.offset;
      return (p, re, im, dRe, dIm) => kernel(p, off, omega, re, im, dRe, dIm);
    }
    const kids = node.children.map(build);
    if (node.type === 'series') {
      const cre = new Float64Array(n);
      const cim = new Float64Array(n);
      return (p, re, im, dRe, dIm) => {
        re.fill(0);
        im.fill(0);
        for (const kid of kids) {
          kid(p, cre, cim, dRe, dIm);
          for (let k = 0; k < n; k++) {
            re[k] += cre[k];
            im[k] += cim[k];
          }
        }
      };
    }
    const kidParams = node.children.map((c) => Int32Array.from(paramsOf(c)));
    const cre = node.children.map(() => new Float64Array(n));
    const cim = node.children.map(() => new Float64Array(n));
    return (p, re, im, dRe, dIm) => {
      re.fill(0);
      im.fill(0);
      for (let c = 0; c < kids.length; c++) {
        const zr = cre[c];
        const zi = cim[c];
        kids[c](p, zr, zi, dRe, dIm);
        for (let k = 0; k < n; k++) {
          const d = zr[k] * zr[k] + zi[k] * zi[k];
          re[k] += zr[k] / d;
          im[k] -= zi[k] / d;
        }
      }
      for (let k = 0; k < n; k++) {
        const d = re[k] * re[k] + im[k] * im[k];
        re[k] = re[k] / d;
        im[k] = -im[k] / d;
      }
      // ∂Z/∂p = (Z/Z_c)² ∂Z_c/∂p
      for (let c = 0; c < kids.length; c++) {
        const zr = cre[c];
        const zi = cim[c];
        const rows = kidParams[c];
        for (let k = 0; k < n; k++) {
          const d = zr[k] * zr[k] + zi[k] * zi[k];
          const qr = (re[k] * zr[k] + im[k] * zi[k]) / d; // Z/Z_c
          const qi = (im[k] * zr[k] - re[k] * zi[k]) / d;
          const fr = qr * qr - qi * qi;
          const fi = 2 * qr * qi;
          for (let j = 0; j < rows.length; j++) {
            const idx = rows[j] * n + k;
            const ar = dRe[idx];
            const ai = dIm[idx];
            dRe[idx] = ar * fr - ai * fi;
            dIm[idx] = ar * fi + ai * fr;
          }
        }
      }
    };
  };
  return build(circuit.root);
}

/** One-shot evaluation: Z(f) for given parameters (in the circuit's parameter order). */
export function circuitImpedance(
  circuit: Circuit,
  params: ArrayLike<number>,
  frequencyHz: ArrayLike<number>,
): { zReal: Float64Array; zImag: Float64Array } {
  if (params.length !== circuit.parameters.length)
    throw new RangeError(
      `circuit ${circuit.source} needs ${circuit.parameters.length} parameters, got ${params.length}`,
    );
  const zReal = new Float64Array(frequencyHz.length);
  const zImag = new Float64Array(frequencyHz.length);
  compileCircuit(circuit, frequencyHz)(params, zReal, zImag);
  return { zReal, zImag };
}
