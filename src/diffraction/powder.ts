import { InputError } from '../core/errors.ts';
import type { Lattice } from '../crystal/lattice.ts';
import type { Structure } from '../crystal/structure.ts';
import { defaultFormFactors, type FormFactorProvider } from './formFactors.ts';
import { type HklFamily, isHexagonal, pickFamilies } from './hklFamilies.ts';
import { type LorentzPolarizationMode, lorentzPolarization } from './lorentzPolarization.ts';
import {
  DEFAULT_PROFILE,
  type ProfileAxis,
  type ProfileParameters,
  sumPseudoVoigt,
  validateProfile,
} from './profile.ts';
import { enumerateReflections, type ReflectionSums } from './reflections.ts';
import { buildScatterers, type ScattererSet, subsetScatterers } from './scatterers.ts';
import { findPureTranslations } from './translations.ts';
import { type Radiation, resolveRadiation, type WavelengthSpec } from './wavelengths.ts';

export interface PowderOptions {
  /** 'CuKa' (default, λ = 1.54184 Å), 'CuKa1', 'CuKa12' (Kα1+Kα2), 'MoKa', 'CoKa', 'AgKa', … or λ in Å. */
  wavelength?: WavelengthSpec;
  /** Kα2/Kα1 intensity ratio for doublets (default 0.5). */
  kAlpha2Ratio?: number;
  /** 2θ window in degrees (default 10–90). */
  twoThetaRange?: [number, number];
  lorentzPolarization?: LorentzPolarizationMode;
  /** Monochromator Bragg angle 2θm in degrees for 'lab' LP (0 = none). */
  monochromatorTwoTheta?: number;
  /** Apply isotropic Debye–Waller factors exp(−B s²) from the sites' displacements. Default false. */
  debyeWaller?: boolean;
  /** Add f′ + i f″ (tabulated at Cu Kα and Mo Kα). Default false. */
  anomalous?: boolean;
  /** Use ionic form factors for sites with oxidation states. Default false (neutral atoms). */
  ionicFormFactors?: boolean;
  /** Continuous pattern: pseudo-Voigt profile parameters, or true for defaults. */
  profile?: Partial<ProfileParameters> | boolean;
  /** Axis of the returned profile. Default '2θ'. */
  profileAxis?: ProfileAxis;
  /** Peaks below this relative intensity (max = 100) are dropped. Default 1e-3 (as pymatgen). */
  minRelativeIntensity?: number;
  /**
   * Detect pure translations (supercells, centred cells) and sum over one atom per translation orbit.
   * Exact for periodic cells; default true. False forces the direct sum over every atom.
   */
  useTranslations?: boolean;
  formFactors?: FormFactorProvider;
  onProgress?: (done: number, total: number) => void;
}

export interface PowderPeak {
  /** Peak position in degrees 2θ. */
  twoTheta: number;
  /** d-spacing in Å. */
  d: number;
  /** Integrated intensity relative to the strongest peak (= 100). */
  intensity: number;
  /** One representative (h, k, l) per family of reflections in this peak. */
  hkl: [number, number, number][];
  /** Number of contributing (not systematically absent) reflections. */
  multiplicity: number;
  families: HklFamily[];
  /** Family labels, 4-index (h k i l) for hexagonal cells, e.g. '(1 0 -1 4)'. */
  label: string;
  /** Emission line ('Kα', 'Kα1', 'Kα2', 'λ'). */
  line: string;
  /** Squared structure-factor modulus per reflection, electrons² (first family). */
  structureFactorSquared: number;
}

export interface PowderPattern {
  /** Nominal wavelength in Å (Kα1 for doublets). */
  wavelength: number;
  radiation: Radiation;
  twoThetaRange: [number, number];
  peaks: PowderPeak[];
  profile?: { axis: ProfileAxis; x: number[]; y: number[]; parameters: ProfileParameters };
  /** Number of reciprocal-lattice points kept (after Friedel halving and translation extinctions). */
  reflectionsEvaluated: number;
  /** Order of the pure-translation group used (1 = direct sum over all atoms). */
  translationOrder: number;
}

/** Reflections closer than this in 2θ (degrees) are one peak (same tolerance as pymatgen's XRDCalculator). */
export const TWO_THETA_MERGE_DEG = 1e-5;
/** |F|² below this fraction of the largest |F|² counts as systematically absent. */
const ABSENT_FRACTION = 1e-9;
const DEG = Math.PI / 180;

/** Kinematic powder pattern of a structure. */
export function powderPattern(structure: Structure, options: PowderOptions = {}): PowderPattern {
  const radiation = resolveRadiation(options.wavelength ?? 'CuKa', options.kAlpha2Ratio);
  const [tMin, tMax] = validateRange(options.twoThetaRange ?? [10, 90]);
  const lpMode = options.lorentzPolarization ?? 'lab';
  if (!['lab', 'synchrotron', 'none'].includes(lpMode))
    throw new InputError('unknown Lorentz–polarisation mode', {
      field: 'lorentzPolarization',
      found: String(lpMode),
      expected: 'lab, synchrotron or none',
    });
  const mono = (options.monochromatorTwoTheta ?? 0) * DEG;
  const provider = options.formFactors ?? defaultFormFactors;
  const anomalous = options.anomalous ?? false;
  const atoms = buildScatterers(structure, {
    debyeWaller: options.debyeWaller,
    ionicFormFactors: options.ionicFormFactors,
  });
  if (atoms.count === 0) throw new InputError('structure has no atoms to scatter', { field: 'sites' });
  // Supercells and centred cells: sum over one atom per pure-translation orbit (exact, see translations.ts).
  const translations =
    options.useTranslations === false ? undefined : findPureTranslations(structure.lattice, atoms);
  const kernelAtoms =
    translations && translations.order > 1
      ? subsetScatterers(atoms, translations.representatives, translations.order)
      : atoms;

  const lambdas = radiation.lines.map((l) => l.wavelength);
  const gMin = (2 * Math.sin((tMin / 2) * DEG)) / Math.max(...lambdas);
  const gMax = (2 * Math.sin((tMax / 2) * DEG)) / Math.min(...lambdas);
  const sums = enumerateReflections(structure.lattice, kernelAtoms, {
    gMin,
    gMax,
    friedelHalf: !anomalous,
    translationGenerators: translations?.generators,
    onProgress: options.onProgress,
  });

  const raw: RawPeak[] = [];
  for (const line of radiation.lines) {
    const f2 = structureFactorsSquared(sums, kernelAtoms, provider, anomalous ? line.wavelength : undefined);
    collectLine(raw, sums, f2, line.wavelength, line.weight, line.label, tMin, tMax, lpMode, mono);
  }
  const peaks = mergePeaks(raw, structure.lattice, sums.friedelHalf, options.minRelativeIntensity ?? 1e-3);
  const result: PowderPattern = {
    wavelength: radiation.wavelength,
    radiation,
    twoThetaRange: [tMin, tMax],
    peaks,
    reflectionsEvaluated: sums.count,
    translationOrder: translations?.order ?? 1,
  };
  if (options.profile) {
    const params: ProfileParameters = {
      ...DEFAULT_PROFILE,
      ...(typeof options.profile === 'object' ? options.profile : {}),
    };
    result.profile = continuousProfile(
      peaks,
      params,
      tMin,
      tMax,
      options.profileAxis ?? 'twoTheta',
      radiation,
    );
  }
  return result;
}

function validateRange(range: [number, number]): [number, number] {
  const [a, b] = range;
  if (!(Number.isFinite(a) && Number.isFinite(b)))
    throw new InputError('2θ range must be two numbers', { field: 'twoThetaRange', found: `${a}:${b}` });
  if (!(a >= 0 && b <= 180 && b > a))
    throw new InputError('2θ range is empty or outside 0–180°', {
      field: 'twoThetaRange',
      found: `${a}:${b}`,
      expected: 'min < max within 0–180 degrees',
    });
  return [a, b];
}

/** |F_hkl|² for every enumerated reflection (electrons²). */
function structureFactorsSquared(
  sums: ReflectionSums,
  atoms: ScattererSet,
  provider: FormFactorProvider,
  anomalousWavelength: number | undefined,
): Float64Array {
  const nT = sums.nTypes;
  const f1 = new Float64Array(nT);
  const f2 = new Float64Array(nT);
  if (anomalousWavelength !== undefined)
    for (let t = 0; t < nT; t++) {
      const a = provider.anomalous(atoms.types[t].element, anomalousWavelength);
      f1[t] = a.f1;
      f2[t] = a.f2;
    }
  const out = new Float64Array(sums.count);
  for (let r = 0; r < sums.count; r++) {
    const s = sums.g[r] / 2; // sinθ/λ = 1/(2d)
    const s2 = s * s;
    let fr = 0;
    let fi = 0;
    const base = r * nT;
    for (let t = 0; t < nT; t++) {
      const type = atoms.types[t];
      const dw = type.b > 0 ? Math.exp(-type.b * s2) : 1;
      const real = (provider.f0(type.formFactorKey, s) + f1[t]) * dw;
      const imag = f2[t] * dw;
      const sr = sums.sumRe[base + t];
      const si = sums.sumIm[base + t];
      fr += real * sr - imag * si;
      fi += real * si + imag * sr;
    }
    out[r] = fr * fr + fi * fi;
  }
  return out;
}

interface RawPeak {
  twoTheta: number;
  d: number;
  intensity: number;
  f2: number;
  hkl: [number, number, number];
  line: string;
}

function collectLine(
  out: RawPeak[],
  sums: ReflectionSums,
  f2: Float64Array,
  lambda: number,
  weight: number,
  label: string,
  tMin: number,
  tMax: number,
  lpMode: LorentzPolarizationMode,
  mono: number,
): void {
  for (let r = 0; r < sums.count; r++) {
    const sinT = (lambda * sums.g[r]) / 2;
    if (sinT > 1) continue;
    const theta = Math.asin(sinT);
    const twoTheta = (2 * theta) / DEG;
    if (twoTheta < tMin || twoTheta > tMax) continue;
    const lp = lorentzPolarization(theta, lpMode, mono);
    out.push({
      twoTheta,
      d: 1 / sums.g[r],
      intensity: weight * f2[r] * lp,
      f2: f2[r],
      hkl: [sums.h[r], sums.k[r], sums.l[r]],
      line: label,
    });
  }
}

function mergePeaks(raw: RawPeak[], lattice: Lattice, friedelHalf: boolean, minRel: number): PowderPeak[] {
  if (raw.length === 0) return [];
  raw.sort((a, b) => a.twoTheta - b.twoTheta);
  let maxF2 = 0;
  for (const p of raw) if (p.f2 > maxF2) maxF2 = p.f2;
  const absent = maxF2 * ABSENT_FRACTION;
  const hex = isHexagonal(lattice);
  const groups: RawPeak[][] = [];
  let current: RawPeak[] = [];
  for (const p of raw) {
    if (
      current.length > 0 &&
      (p.twoTheta - current[0].twoTheta > TWO_THETA_MERGE_DEG || p.line !== current[0].line)
    ) {
      groups.push(current);
      current = [];
    }
    current.push(p);
  }
  groups.push(current);

  const peaks: PowderPeak[] = [];
  let maxI = 0;
  for (const grp of groups) {
    let intensity = 0;
    for (const p of grp) intensity += p.intensity;
    if (intensity > maxI) maxI = intensity;
  }
  if (!(maxI > 0)) return [];
  for (const grp of groups) {
    const present = grp.filter((p) => p.f2 > absent);
    if (present.length === 0) continue;
    let intensity = 0;
    for (const p of present) intensity += p.intensity;
    const rel = (100 * intensity) / maxI;
    if (rel < minRel) continue;
    const families = pickFamilies(
      present.map((p) => p.hkl),
      friedelHalf,
      hex,
    );
    peaks.push({
      twoTheta: grp[0].twoTheta,
      d: grp[0].d,
      intensity: rel,
      hkl: families.map((f) => f.hkl),
      multiplicity: families.reduce((s, f) => s + f.multiplicity, 0),
      families,
      label: families.map((f) => f.label).join(' '),
      line: grp[0].line,
      structureFactorSquared: present[0].f2,
    });
  }
  return peaks;
}

/** Sums pseudo-Voigt peaks on a uniform 2θ grid and converts the abscissa to the requested axis. */
function continuousProfile(
  peaks: PowderPeak[],
  params: ProfileParameters,
  tMin: number,
  tMax: number,
  axis: ProfileAxis,
  radiation: Radiation,
): NonNullable<PowderPattern['profile']> {
  validateProfile(params);
  const n = Math.floor((tMax - tMin) / params.step + 1e-9) + 1;
  if (n > 2_000_000)
    throw new InputError('profile grid is too fine', {
      field: 'step',
      found: String(params.step),
      expected: 'at most 2 000 000 points over the 2θ range',
    });
  const centers = new Float64Array(peaks.length);
  const areas = new Float64Array(peaks.length);
  peaks.forEach((p, i) => {
    centers[i] = p.twoTheta;
    areas[i] = p.intensity;
  });
  const y = sumPseudoVoigt(centers, areas, params, tMin, n);
  let max = 0;
  for (let i = 0; i < n; i++) if (y[i] > max) max = y[i];
  const scale = max > 0 ? 100 / max : 1;
  const lambda = radiation.wavelength;
  const xs: number[] = new Array(n);
  const ys: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const tt = tMin + i * params.step;
    const sinT = Math.sin((tt / 2) * DEG);
    xs[i] =
      axis === 'twoTheta' ? round(tt, 6) : axis === 'd' ? lambda / (2 * sinT) : (4 * Math.PI * sinT) / lambda;
    ys[i] = y[i] * scale;
  }
  return { axis, x: xs, y: ys, parameters: params };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
