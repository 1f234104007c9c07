/** Colours of the local stacking labels, shared by the Layered oxides and Gliding pages (P blue, O orange). */
import type { LocalLabel } from '../pages/layered/layeredApi.ts';

export const LABEL_COLORS: Record<LocalLabel, string> = {
  P2: '#1d4e89',
  P3: '#6aa8e0',
  O2: '#c2410c',
  O3: '#f2a97f',
  O1: '#7c3aed',
};
