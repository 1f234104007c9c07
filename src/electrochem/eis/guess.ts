/**
 * Data-driven initial guesses (impedance.py issue #2): the high-frequency intercept for the series
 * resistance, arc apexes of −Z'' for the R and C (or CPE) of each parallel block, the low-frequency
 * tail for diffusion and blocking elements. Heuristic by nature: the fit refines them and the
 * multi-start explores around them.
 */
import type { Circuit, CircuitNode } from './circuit.ts';
import type { SpectrumData } from './spectrumTypes.ts';

export interface ArcEstimate {
  apexFrequencyHz: number;
  /** Estimated diameter 2·(−Z'')max, Ω (ideal semicircle). */
  diameter: number;
}

/** Local maxima of −Z'' (frequency-sorted), strongest kept first in frequency order (high → low). */
export function findArcs(data: SpectrumData): ArcEstimate[] {
  const n = data.frequencyHz.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => data.frequencyHz[b] - data.frequencyHz[a],
  );
  const y = idx.map((i) => -data.zImag[i]);
  const arcs: ArcEstimate[] = [];
  const ymax = Math.max(...y, 0);
  for (let k = 1; k < n - 1; k++) {
    if (y[k] > 0 && y[k] >= y[k - 1] && y[k] > y[k + 1] && y[k] > 0.02 * ymax)
      arcs.push({ apexFrequencyHz: data.frequencyHz[idx[k]], diameter: 2 * y[k] });
  }
  return arcs;
}

export function initialGuess(circuit: Circuit, data: SpectrumData): Float64Array {
  const n = data.frequencyHz.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => data.frequencyHz[b] - data.frequencyHz[a],
  );
  const hi = order[0];
  const lo = order[n - 1];
  const fMin = data.frequencyHz[lo];
  const fMax = data.frequencyHz[hi];
  // HF intercept: Z' where Z'' first turns capacitive, else at the highest frequency.
  let rInf = Math.max(data.zReal[hi], 0);
  for (const i of order)
    if (data.zImag[i] <= 0) {
      rInf = Math.max(data.zReal[i], 0);
      break;
    }
  const span = Math.max(data.zReal[lo] - rInf, 1e-12 * Math.max(Math.abs(rInf), 1));
  const arcs = findArcs(data);
  let arcIndex = 0;
  const fGeo = Math.sqrt(fMin * fMax);
  const guess = Float64Array.from(circuit.parameters, (p) => p.default);
  const offsetOf = new Map(circuit.elements.map((e) => [e.label, e.offset]));
  const usedIntercept = { done: false };

  const setElement = (
    node: Extract<CircuitNode, { type: 'element' }>,
    r: number,
    f: number,
    inSeriesTop: boolean,
  ) => {
    const o = offsetOf.get(node.label)!;
    const w = 2 * Math.PI * f;
    switch (node.symbol) {
      case 'R':
        if (inSeriesTop && !usedIntercept.done) {
          usedIntercept.done = true;
          guess[o] = rInf || span * 1e-3;
        } else guess[o] = r;
        break;
      case 'C':
        guess[o] = 1 / (w * r);
        break;
      case 'CPE':
        guess[o] = (1 / (w * r)) ** 0.9 / r ** 0.1;
        guess[o + 1] = 0.9;
        break;
      case 'L':
        guess[o] = Math.max(data.zImag[hi], 1e-3 * span) / (2 * Math.PI * fMax);
        break;
      case 'La':
        guess[o] = Math.max(data.zImag[hi], 1e-3 * span) / (2 * Math.PI * fMax);
        guess[o + 1] = 1;
        break;
      case 'W':
        guess[o] = Math.max(-data.zImag[lo], 1e-3 * span) * Math.sqrt(2 * Math.PI * fMin);
        break;
      case 'Wo':
      case 'Ws':
      case 'G':
        guess[o] = r;
        guess[o + 1] = 1 / w;
        break;
    }
  };

  const visit = (node: CircuitNode, top: boolean) => {
    if (node.type === 'element') {
      // Series element at the top level: R → intercept; blocking C/CPE → low-frequency tail.
      const fLow = node.symbol === 'C' || node.symbol === 'CPE' ? fMin : fGeo;
      const rLow =
        node.symbol === 'C' || node.symbol === 'CPE' ? Math.max(-data.zImag[lo], 1e-3 * span) : span;
      setElement(node, rLow, fLow, top);
      return;
    }
    if (node.type === 'series') {
      for (const c of node.children) visit(c, top);
      return;
    }
    // A parallel block: take the next arc (high → low frequency).
    const arc = arcs[arcIndex++];
    const f = arc ? arc.apexFrequencyHz : fGeo;
    const d = arc ? Math.min(arc.diameter, span) : span / Math.max(1, arcs.length + 1);
    const leaves: Extract<CircuitNode, { type: 'element' }>[] = [];
    const collect = (c: CircuitNode) => (c.type === 'element' ? leaves.push(c) : c.children.forEach(collect));
    node.children.forEach(collect);
    const resistive = leaves.filter((l) => ['R', 'Wo', 'Ws', 'G'].includes(l.symbol)).length || 1;
    for (const l of leaves)
      setElement(l, l.symbol === 'C' || l.symbol === 'CPE' ? d : d / resistive, f, false);
  };
  visit(circuit.root, true);
  for (let i = 0; i < guess.length; i++) {
    const p = circuit.parameters[i];
    if (!Number.isFinite(guess[i]) || guess[i] <= p.lower) guess[i] = p.default;
    if (guess[i] >= p.upper) guess[i] = p.kind === 'exponent' ? 0.95 * p.upper : p.default;
  }
  return guess;
}
