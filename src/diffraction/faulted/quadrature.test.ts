import { describe, expect, it } from 'vitest';
import { gaussLegendre } from './quadrature.ts';

describe('Gauss–Legendre', () => {
  it('integrates polynomials of degree 2n−1 exactly and sums weights to 2', () => {
    for (const n of [1, 2, 5, 8, 16]) {
      const { nodes, weights } = gaussLegendre(n);
      let w = 0;
      for (const x of weights) w += x;
      expect(w).toBeCloseTo(2, 13);
      const deg = 2 * n - 2; // even power below the limit
      let s = 0;
      for (let i = 0; i < n; i++) s += weights[i] * nodes[i] ** deg;
      expect(s).toBeCloseTo(2 / (deg + 1), 12);
    }
  });
});
