/**
 * Small dense linear-programming solver: minimise cᵀλ subject to Aλ = b, λ ≥ 0, by the two-phase
 * simplex method with Bland's anti-cycling rule. Sized for phase-stability problems (tens of
 * phases, a handful of elements); exact enough in doubles with the tolerances below.
 */

export interface LpResult {
  status: 'optimal' | 'infeasible' | 'unbounded';
  /** Optimal objective value (NaN unless optimal). */
  value: number;
  /** Optimal λ (length = number of columns). */
  x: number[];
}

const EPS = 1e-10;

/**
 * Solves min cᵀx s.t. A x = b, x ≥ 0. `A` is rows × cols (array of rows), b any sign (rows with
 * negative b are negated first).
 */
export function solveLp(c: number[], A: number[][], b: number[]): LpResult {
  const m = A.length;
  const n = c.length;
  // Tableau with artificial variables: columns 0..n−1 real, n..n+m−1 artificial, last = rhs.
  const T: number[][] = [];
  for (let i = 0; i < m; i++) {
    const sign = b[i] < 0 ? -1 : 1;
    const row = new Array(n + m + 1).fill(0);
    for (let j = 0; j < n; j++) row[j] = sign * A[i][j];
    row[n + i] = 1;
    row[n + m] = sign * b[i];
    T.push(row);
  }
  const basis = Array.from({ length: m }, (_, i) => n + i);

  const pivot = (r: number, col: number) => {
    const pr = T[r];
    const pv = pr[col];
    for (let j = 0; j <= n + m; j++) pr[j] /= pv;
    for (let i = 0; i < m; i++) {
      if (i === r) continue;
      const f = T[i][col];
      if (f === 0) continue;
      const row = T[i];
      for (let j = 0; j <= n + m; j++) row[j] -= f * pr[j];
    }
    basis[r] = col;
  };

  /** Runs simplex on cost vector `cost` (length n+m) over allowed columns; returns false if unbounded. */
  const run = (cost: number[], allowed: (j: number) => boolean): boolean => {
    for (let iter = 0; iter < 10_000; iter++) {
      // Reduced costs r_j = cost_j − c_Bᵀ B⁻¹ A_j (tableau already holds B⁻¹A).
      let enter = -1;
      for (let j = 0; j < n + m; j++) {
        if (!allowed(j) || basis.includes(j)) continue;
        let r = cost[j];
        for (let i = 0; i < m; i++) r -= cost[basis[i]] * T[i][j];
        if (r < -EPS) {
          enter = j; // Bland: first improving column
          break;
        }
      }
      if (enter < 0) return true;
      let leave = -1;
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < m; i++) {
        const a = T[i][enter];
        if (a > EPS) {
          const ratio = T[i][n + m] / a;
          if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && basis[i] < basis[leave])) {
            best = ratio;
            leave = i;
          }
        }
      }
      if (leave < 0) return false;
      pivot(leave, enter);
    }
    throw new Error('simplex did not converge in 10 000 iterations');
  };

  // Phase 1: minimise the sum of artificials.
  const cost1 = new Array(n + m).fill(0);
  for (let i = 0; i < m; i++) cost1[n + i] = 1;
  run(cost1, () => true);
  let infeas = 0;
  for (let i = 0; i < m; i++) if (basis[i] >= n) infeas += T[i][n + m];
  const scale = Math.max(1, ...b.map(Math.abs));
  if (infeas > 1e-8 * scale) return { status: 'infeasible', value: Number.NaN, x: new Array(n).fill(0) };
  // Drive remaining (zero-valued) artificials out of the basis where possible.
  for (let i = 0; i < m; i++) {
    if (basis[i] < n) continue;
    const j = T[i].findIndex((v, k) => k < n && Math.abs(v) > EPS && !basis.includes(k));
    if (j >= 0) pivot(i, j);
  }
  // Phase 2 on real columns only.
  const cost2 = [...c, ...new Array(m).fill(0)];
  if (!run(cost2, (j) => j < n))
    return { status: 'unbounded', value: Number.NEGATIVE_INFINITY, x: new Array(n).fill(0) };
  const x = new Array(n).fill(0);
  for (let i = 0; i < m; i++) if (basis[i] < n) x[basis[i]] = Math.max(0, T[i][n + m]);
  let value = 0;
  for (let j = 0; j < n; j++) value += c[j] * x[j];
  return { status: 'optimal', value, x };
}
