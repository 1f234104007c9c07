import { readFileSync } from 'node:fs';
import type { Structure } from '../src/crystal/structure.ts';
import { powderPattern } from '../src/diffraction/index.ts';
import { parseCif } from '../src/io/cif/index.ts';
import { pythonBaseline } from './pythonBaseline.ts';
import type { BenchCase } from './run.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../test/fixtures/xrd/${name}`, import.meta.url), 'utf8');
let si8000: Structure;
let nasicon: Structure;
const superText = fixture('Silicon_10x10x10_supercell.cif');

export const cases: BenchCase[] = [
  {
    name: 'CIF parse: Si 10×10×10 P1 supercell (8 000 atoms, 0.44 MB)',
    run: () => {
      si8000 = parseCif(superText).structure;
    },
  },
  {
    name: 'XRD Si 10×10×10 supercell, 10–90°, Cu Kα (auto translation reduction)',
    note: '',
    setup() {
      si8000 ??= parseCif(superText).structure;
      this.note = pythonBaseline(si8000, 4000)?.text ?? 'python3 + NumPy not available: no baseline';
    },
    run: () => powderPattern(si8000),
  },
  {
    name: 'XRD Si 10×10×10 supercell, direct sum over all 8 000 atoms',
    note: '2.6·10⁵ reflections (Friedel half) × 8 000 atoms',
    iterations: 1,
    run: () => powderPattern(si8000, { useTranslations: false }),
  },
  {
    name: 'XRD NASICON Na3Zr2Si2PO12 (R-3c, 126 sites), 10–90°, Cu Kα',
    note: '',
    setup() {
      nasicon = parseCif(fixture('Na3Zr2Si2PO12_R-3c_avg_model.cif')).structure;
      this.note = pythonBaseline(nasicon)?.text ?? 'python3 + NumPy not available: no baseline';
    },
    run: () => powderPattern(nasicon),
    iterations: 10,
  },
  {
    name: 'XRD NASICON + pseudo-Voigt profile, 0.01° step',
    run: () => powderPattern(nasicon, { profile: true }),
    iterations: 10,
  },
];
