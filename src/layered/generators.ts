import { InputError } from '../core/errors.ts';
import type { Rng } from '../core/rng.ts';
import { type LocalLabel, type Stack, stackFromLabels } from './stacking.ts';

/**
 * Seeded generators of stacking sequences (brief §1.3). All of them decide the 2/3 character of each
 * interlayer; the environment ("glide state") then picks the label: P → P2/P3, O → O2/O3.
 */
export type GlideState = 'P' | 'O';

export interface Block {
  label: LocalLabel;
  /** Number of interlayers. */
  count: number;
}

/** A deterministic stack from blocks of labels (the block shorthand as data). */
export function blockStack(blocks: readonly Block[]): Stack {
  const labels: LocalLabel[] = [];
  for (const b of blocks) {
    if (!(Number.isInteger(b.count) && b.count >= 1))
      throw new InputError('block count must be a positive integer', {
        field: 'count',
        found: String(b.count),
      });
    for (let i = 0; i < b.count; i++) labels.push(b.label);
  }
  if (labels.length === 0) throw new InputError('no blocks given', { field: 'blocks' });
  return stackFromLabels(labels);
}

/** Label of an interlayer with character χ in glide state g. */
export function labelFor(character: 2 | 3, glideState: GlideState): LocalLabel {
  if (glideState === 'P') return character === 2 ? 'P2' : 'P3';
  return character === 2 ? 'O2' : 'O3';
}

function requireProbability(p: number, field: string, open = false): number {
  if (!(Number.isFinite(p) && p >= 0 && p <= 1) || (open && p === 0))
    throw new InputError('probability must be a number in (0, 1]', { field, found: String(p) });
  return p;
}

function requireLayers(n: number, field = 'layers'): number {
  if (!(Number.isInteger(n) && n >= 2 && n <= 10_000_000))
    throw new InputError('number of slabs must be a whole number from 2 to 10⁷', { field, found: String(n) });
  return n;
}

export interface MarkovParams {
  /** Probability that a 2-type interlayer is followed by a 3-type one. */
  q2: number;
  /** Probability that a 3-type interlayer is followed by a 2-type one. */
  q3: number;
  /** Number of slabs. */
  slabs: number;
  glideState?: GlideState;
}

/** Two-state Markov chain over the interlayer character, started from its stationary law φ₂ = q₃/(q₂+q₃). */
export function markovCharacters(p: MarkovParams, rng: Rng): (2 | 3)[] {
  requireProbability(p.q2, 'q2', true);
  requireProbability(p.q3, 'q3', true);
  const n = requireLayers(p.slabs, 'slabs');
  const phi2 = p.q3 / (p.q2 + p.q3);
  const chi: (2 | 3)[] = new Array(n - 1);
  let c: 2 | 3 = rng.next() < phi2 ? 2 : 3;
  for (let i = 0; i < n - 1; i++) {
    chi[i] = c;
    const q = c === 2 ? p.q2 : p.q3;
    if (rng.next() < q) c = c === 2 ? 3 : 2;
  }
  return chi;
}

export function markovStack(p: MarkovParams, rng: Rng): Stack {
  const g = p.glideState ?? 'P';
  return stackFromLabels(markovCharacters(p, rng).map((c) => labelFor(c, g)));
}

/** Markov predictions (brief §1.3): φ₂ = q₃/(q₂+q₃), α = 2q₂q₃/(q₂+q₃), β = √(1−q) when q₂ = q₃ = q. */
export function markovTheory(
  q2: number,
  q3: number,
): { phi2: number; alpha: number; betaEqualQ: number | null } {
  return {
    phi2: q3 / (q2 + q3),
    alpha: (2 * q2 * q3) / (q2 + q3),
    betaEqualQ: q2 === q3 ? Math.sqrt(1 - q2) : null,
  };
}

/** Inverse of the Markov identities: switching probabilities for target φ₂ and α. */
export function markovFromTargets(phi2: number, alpha: number): { q2: number; q3: number } {
  requireProbability(phi2, 'phi2');
  requireProbability(alpha, 'alpha', true);
  if (phi2 <= 0 || phi2 >= 1)
    throw new InputError('φ₂ must lie strictly between 0 and 1 for a two-phase Markov stack', {
      field: 'phi2',
      found: String(phi2),
    });
  // α = 2 q₂ q₃/(q₂+q₃), φ₂ = q₃/(q₂+q₃) ⇒ q₂ = α/(2φ₂), q₃ = α/(2(1−φ₂)).
  const q2 = alpha / (2 * phi2);
  const q3 = alpha / (2 * (1 - phi2));
  if (q2 > 1 || q3 > 1)
    throw new InputError('α is too large for this φ₂ (a switching probability would exceed 1)', {
      field: 'alpha',
      found: String(alpha),
      expected: `α ≤ ${(2 * Math.min(phi2, 1 - phi2)).toFixed(4)}`,
    });
  return { q2, q3 };
}

/**
 * Phase-type domain length of one character type: L = offset + Σ_{j=1..k} Geom_j(q), each geometric on
 * {1, 2, …}. In state-space form this is a chain of `offset` deterministic counter states followed by
 * k counter states left with probability q per interlayer — a Reichweite-1 model on enlarged states
 * (brief §1.3, §5.2). `offset` is split between ⌊a⌋ and ⌈a⌉ so the mean can be any real number.
 */
export interface DomainLengthLaw {
  stages: number;
  exitProbability: number;
  /** Mean deterministic offset a ≥ 0 (interlayers). */
  offset: number;
}

export function domainLengthMoments(law: DomainLengthLaw): { mean: number; variance: number } {
  const { stages: k, exitProbability: q, offset: a } = law;
  const f = a - Math.floor(a);
  return { mean: a + k / q, variance: (k * (1 - q)) / (q * q) + f * (1 - f) };
}

/** Draws one domain length. */
export function sampleDomainLength(law: DomainLengthLaw, rng: Rng): number {
  const a = law.offset;
  let len = Math.floor(a) + (rng.next() < a - Math.floor(a) ? 1 : 0);
  const q = law.exitProbability;
  for (let j = 0; j < law.stages; j++) {
    // Geometric on {1,2,…}: number of trials to the first success.
    if (q >= 1) len += 1;
    else len += 1 + Math.floor(Math.log(1 - rng.next()) / Math.log(1 - q));
  }
  return len;
}

/**
 * A law with the given mean m and coefficient of variation c: k = max(1, ⌊1/(c² + 1/m)⌋) Erlang
 * stages (pure Erlang has CV² = 1/k − 1/m ≥ c²), then the deterministic offset absorbs the rest:
 * with μ = k/q the Erlang mean, var = μ²/k − μ + f(1−f) (f = frac(m − μ)) is solved by fixed point.
 */
export function lawFromMoments(mean: number, cv: number, field = 'domain'): DomainLengthLaw {
  if (!(mean >= 1))
    throw new InputError('mean domain length must be at least one interlayer', {
      field,
      found: String(mean),
    });
  if (!(cv >= 0 && cv * cv <= 1 - 1 / mean + 1e-12))
    throw new InputError(
      'this spread of domain lengths cannot be made with counter states (CV² ≤ 1 − 1/mean)',
      {
        field,
        found: `CV ${cv}`,
        expected: `CV ≤ ${Math.sqrt(Math.max(0, 1 - 1 / mean)).toFixed(4)}`,
      },
    );
  const variance = cv * cv * mean * mean;
  if (variance < 1e-12) {
    // Deterministic length: one stage with q = 1 gives length 1, the offset the rest.
    return { stages: 1, exitProbability: 1, offset: mean - 1 };
  }
  const k = Math.max(1, Math.floor(1 / (cv * cv + 1 / mean)));
  let mu = mean;
  for (let it = 0; it < 50; it++) {
    const a = mean - mu;
    const f = a - Math.floor(a);
    const target = Math.max(variance - f * (1 - f), 0);
    // μ²/k − μ = target ⇒ μ = (k/2)(1 + √(1 + 4 target/k))
    const next = (k / 2) * (1 + Math.sqrt(1 + (4 * target) / k));
    if (Math.abs(next - mu) < 1e-12) break;
    mu = Math.min(next, mean);
  }
  return { stages: k, exitProbability: Math.min(1, k / mu), offset: Math.max(0, mean - mu) };
}

export interface PhaseTypeParams {
  /** Fraction of 2-type interlayers. */
  phi2: number;
  /** Interphases per interlayer. */
  alpha: number;
  /** Coefficient of variation of the interphase spacings. */
  beta: number;
  slabs: number;
  glideState?: GlideState;
}

export interface PhaseTypeDesign {
  /** Mean domain lengths (interlayers). */
  mean2: number;
  mean3: number;
  /** CV used for both domain types. */
  cv: number;
  law2: DomainLengthLaw;
  law3: DomainLengthLaw;
  /** Smallest β reachable for this φ₂ (deterministic lengths): |2φ₂ − 1|. */
  betaMin: number;
}

/**
 * The inverse "give me φ₂, α, β" (brief §1.3). Domains alternate 2, 3, 2, 3 … so the spacings are a
 * mixture of the two length laws: mean m̄ = (m₂+m₃)/2 = 1/α, φ₂ = m₂/(m₂+m₃) and
 * β² m̄² = ½ c² (m₂² + m₃²) + ¼ (m₂ − m₃)² with one CV c for both types.
 */
export function designPhaseType(phi2: number, alpha: number, beta: number): PhaseTypeDesign {
  requireProbability(phi2, 'phi2');
  if (phi2 <= 0 || phi2 >= 1)
    throw new InputError('φ₂ must lie strictly between 0 and 1', { field: 'phi2', found: String(phi2) });
  requireProbability(alpha, 'alpha', true);
  if (!(Number.isFinite(beta) && beta >= 0))
    throw new InputError('β must be a non-negative number', { field: 'beta', found: String(beta) });
  const mean2 = (2 * phi2) / alpha;
  const mean3 = (2 * (1 - phi2)) / alpha;
  if (mean2 < 1 || mean3 < 1)
    throw new InputError('α is too large for this φ₂: a domain would be shorter than one interlayer', {
      field: 'alpha',
      found: String(alpha),
      expected: `α ≤ ${(2 * Math.min(phi2, 1 - phi2)).toFixed(4)}`,
    });
  const mbar = (mean2 + mean3) / 2;
  const betaMin = Math.abs(mean2 - mean3) / (mean2 + mean3);
  if (beta < betaMin - 1e-12)
    throw new InputError('β is below the smallest value reachable for this φ₂ (unequal domain lengths)', {
      field: 'beta',
      found: String(beta),
      expected: `β ≥ |2φ₂ − 1| = ${betaMin.toFixed(4)}`,
    });
  const c2 = Math.max(
    0,
    (beta * beta * mbar * mbar - 0.25 * (mean2 - mean3) ** 2) / (0.5 * (mean2 ** 2 + mean3 ** 2)),
  );
  const cv = Math.sqrt(c2);
  return {
    mean2,
    mean3,
    cv,
    law2: lawFromMoments(mean2, cv, 'beta'),
    law3: lawFromMoments(mean3, cv, 'beta'),
    betaMin,
  };
}

/** Characters of a phase-type stack; the first domain type is drawn from φ₂. */
export function phaseTypeCharacters(
  p: PhaseTypeParams,
  rng: Rng,
): { characters: (2 | 3)[]; design: PhaseTypeDesign } {
  const design = designPhaseType(p.phi2, p.alpha, p.beta);
  const n = requireLayers(p.slabs, 'slabs');
  const chi: (2 | 3)[] = [];
  let type: 2 | 3 = rng.next() < p.phi2 ? 2 : 3;
  // Start inside a domain: a uniform fraction of the first domain is cut off (stationary start).
  let first = true;
  while (chi.length < n - 1) {
    let len = sampleDomainLength(type === 2 ? design.law2 : design.law3, rng);
    if (first) {
      len = 1 + Math.floor(rng.next() * len);
      first = false;
    }
    for (let i = 0; i < len && chi.length < n - 1; i++) chi.push(type);
    type = type === 2 ? 3 : 2;
  }
  return { characters: chi, design };
}

export function phaseTypeStack(p: PhaseTypeParams, rng: Rng): { stack: Stack; design: PhaseTypeDesign } {
  const { characters, design } = phaseTypeCharacters(p, rng);
  const g = p.glideState ?? 'P';
  return { stack: stackFromLabels(characters.map((c) => labelFor(c, g))), design };
}
