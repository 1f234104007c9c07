import { boundaries, mergeShortRuns, runsOf } from './domains.ts';
import {
  type FanoCrossCheck,
  fanoCrossCheck,
  type InterphaseMetricDefinitions,
  interphaseGaps,
  PROPOSED_DEFINITIONS,
} from './metrics.ts';
import { interlayerSpacings, type SpacingTable } from './spacings.ts';
import {
  type Character,
  canonicalForm,
  type Environment,
  formatColumns,
  LOCAL_LABELS,
  type LocalLabel,
  type Stack,
  stackGeometry,
} from './stacking.ts';

export interface AnalyzeOptions {
  /** Merge χ-domains shorter than this many interlayers before finding interphases (default 1 = none). */
  minDomain?: number;
  /** Include the two censored end segments in β (default false). */
  includeEnds?: boolean;
  /** Interlayer spacing per label (Å), overriding data/layered/spacings.json. */
  spacingAngstrom?: Partial<SpacingTable>;
  /** Explicit spacing per interlayer (Å), e.g. measured from a STEM image. */
  spacingsAngstrom?: readonly number[];
  /** Window for the Fano cross-check (interlayers); default 5 mean spacings. */
  fanoWindow?: number;
  definitions?: InterphaseMetricDefinitions;
}

export type Polytype = 'P2' | 'P3' | 'O1' | 'O2' | 'O3' | 'OP4' | 'intergrowth' | 'single-slab';

export interface DomainStats {
  count: number;
  meanLength: number;
  stdLength: number;
  minLength: number;
  maxLength: number;
}

export interface StackAnalysis {
  slabs: number;
  labels: LocalLabel[];
  environments: Environment[];
  character: Character[];
  /** Slab indices (0-based) of the X2/Y3 interphases. */
  interphases: number[];
  /** Interphases per interlayer. */
  alpha: number;
  /** Interphases per nm along c. */
  alphaPerNm: number;
  /** CV of interphase spacings; null when fewer than 3 interphases. */
  beta: number | null;
  /** Fraction of interlayers per local label. */
  fractions: Record<LocalLabel, number>;
  polytype: Polytype;
  /** For OP4: the two alternating labels, e.g. 'P2/O2' (the OP4 formed by gliding P2). */
  polytypeDetail?: string;
  /** Fractions of 2-type and 3-type interlayers, φ₂ + φ₃ = 1. */
  phi2: number;
  phi3: number;
  /** Slab orientations ±1 and interlayer shifts (compact form). */
  orientation: number[];
  shift: number[];
  sequence: string;
  /** Canonical letters under A/B/C relabelling and reversal. */
  canonical: string;
  periodic: boolean;
  /** Mean interlayer spacing used for α per nm, Å. */
  meanSpacingAngstrom: number;
  /** Runs of equal character after minDomain merging (the X2/Y3 domains). */
  characterDomains: { character: Character; start: number; length: number }[];
  /** Runs of equal local label (polytype domains, unmerged). */
  labelDomains: { label: LocalLabel; start: number; length: number }[];
  domainStats: { character2: DomainStats | null; character3: DomainStats | null };
  /** Interphase gaps used for β. */
  gaps: number[];
  fano: FanoCrossCheck | null;
  definitions: string;
  minDomain: number;
  includeEnds: boolean;
}

/** Full classification and interphase metrics of a stack (brief §1.3, §2.5). */
export function analyzeStack(stack: Stack, options: AnalyzeOptions = {}): StackAnalysis {
  const defs = options.definitions ?? PROPOSED_DEFINITIONS;
  const minDomain = options.minDomain ?? 1;
  const includeEnds = options.includeEnds ?? false;
  const g = stackGeometry(stack);
  const m = g.labels.length;
  const merged = mergeShortRuns(g.character, minDomain);
  const interphases = boundaries(merged);
  const spacings = interlayerSpacings(g.labels, options.spacingAngstrom, options.spacingsAngstrom);
  let meanSpacing = 0;
  for (const s of spacings) meanSpacing += s;
  meanSpacing = m > 0 ? meanSpacing / m : interlayerSpacings(['P2'], options.spacingAngstrom)[0];
  const fractions = Object.fromEntries(LOCAL_LABELS.map((l) => [l, 0])) as Record<LocalLabel, number>;
  for (const l of g.labels) fractions[l] += 1;
  for (const l of LOCAL_LABELS) fractions[l] = m > 0 ? fractions[l] / m : 0;
  let n2 = 0;
  for (const c of g.character) if (c === 2) n2++;
  const charRuns = runsOf(merged);
  const { polytype, detail } = recognisePolytype(g.labels, g.environments);
  const result: StackAnalysis = {
    slabs: g.slabs,
    labels: g.labels,
    environments: g.environments,
    character: g.character,
    interphases,
    alpha: defs.alphaPerInterlayer(interphases.length, m),
    alphaPerNm: defs.alphaPerNm(interphases.length, g.slabs, meanSpacing / 10),
    beta: defs.beta(interphases, m, includeEnds),
    fractions,
    polytype,
    phi2: m > 0 ? n2 / m : 0,
    phi3: m > 0 ? 1 - n2 / m : 0,
    orientation: Array.from(g.orientation),
    shift: Array.from(g.shift),
    sequence: formatColumns(stack),
    canonical: canonicalForm(stack),
    periodic: stack.periodic,
    meanSpacingAngstrom: meanSpacing,
    characterDomains: charRuns.map((r) => ({ character: r.value, start: r.start, length: r.length })),
    labelDomains: runsOf(g.labels).map((r) => ({ label: r.value, start: r.start, length: r.length })),
    domainStats: {
      character2: lengthStats(charRuns.filter((r) => r.value === 2).map((r) => r.length)),
      character3: lengthStats(charRuns.filter((r) => r.value === 3).map((r) => r.length)),
    },
    gaps: interphaseGaps(interphases, m, includeEnds),
    fano: fanoCrossCheck(interphases, m, options.fanoWindow),
    definitions: defs.name,
    minDomain,
    includeEnds,
  };
  if (detail) result.polytypeDetail = detail;
  return result;
}

/**
 * §2.5 step 8: one label everywhere → that polytype; strict P/O alternation with period 4
 * (labels repeat every second interlayer) → OP4 with the two labels as detail; else intergrowth.
 */
export function recognisePolytype(
  labels: readonly LocalLabel[],
  env: readonly Environment[],
): { polytype: Polytype; detail?: string } {
  if (labels.length === 0) return { polytype: 'single-slab' };
  if (labels.every((l) => l === labels[0])) return { polytype: labels[0] };
  if (labels.length >= 2) {
    let alternating = true;
    for (let i = 0; i + 1 < labels.length && alternating; i++) if (env[i] === env[i + 1]) alternating = false;
    for (let i = 0; i + 2 < labels.length && alternating; i++)
      if (labels[i] !== labels[i + 2]) alternating = false;
    if (alternating) {
      const p = env[0] === 'P' ? labels[0] : labels[1];
      const o = env[0] === 'O' ? labels[0] : labels[1];
      return { polytype: 'OP4', detail: `${p}/${o}` };
    }
  }
  return { polytype: 'intergrowth' };
}

function lengthStats(lengths: number[]): DomainStats | null {
  if (lengths.length === 0) return null;
  let mean = 0;
  for (const l of lengths) mean += l;
  mean /= lengths.length;
  let v = 0;
  for (const l of lengths) v += (l - mean) ** 2;
  return {
    count: lengths.length,
    meanLength: mean,
    stdLength: Math.sqrt(v / lengths.length),
    minLength: lengths.reduce((a, b) => Math.min(b, a), lengths[0]),
    maxLength: lengths.reduce((a, b) => Math.max(b, a), lengths[0]),
  };
}
