/**
 * Compiles a circuit tree into an evaluator for a fixed frequency grid: every node owns two
 * preallocated Float64Arrays, so repeated evaluation inside a fit allocates nothing.
 */
import type { Circuit, CircuitNode } from './circuit.ts';
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
