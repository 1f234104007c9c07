import { InputError } from '../../core/errors.ts';
import type { FaultedModel, LayerAtom, LayerType, StackingMode, Transition } from './model.ts';
import type { Radiation } from './powder.ts';

/**
 * Reader for stacking-fault input files in the DIFFaX 1.813 format (Treacy, Deem & Newsam; format as
 * described in the DIFFaX manual): sections INSTRUMENTAL, STRUCTURAL, LAYER n (…), STACKING,
 * TRANSITIONS; `{…}` comments anywhere; keywords case-insensitive. Written from the format
 * description, not from DIFFaX code.
 */
export type InstrumentBroadening =
  | { kind: 'none' }
  | { kind: 'gaussian'; fwhmDeg: number }
  | { kind: 'lorentzian'; fwhmDeg: number }
  /** FWHM² = u·tan²θ + v·tanθ + w (deg²); sigma = Lorentzian fraction (DIFFaX γ). */
  | { kind: 'pseudo-voigt'; u: number; v: number; w: number; sigma: number };

export interface DiffaxInput {
  model: FaultedModel;
  radiation: Radiation;
  /** Å. */
  wavelength: number;
  broadening: InstrumentBroadening;
  /** TRIM flag (low-angle trimming before broadening). */
  trim: boolean;
  /** Laue symmetry as written (informational; natrium finds the rod symmetry numerically). */
  laue: string;
  /** Explicit stacking 'RANDOM N' (sequence drawn at simulation time). */
  randomLayers?: number;
}

interface Line {
  no: number;
  tokens: string[];
  text: string;
}

/** Splits into non-empty lines with comments removed (comments may span lines). */
function lex(text: string, file: string): Line[] {
  const out: Line[] = [];
  let depth = 0;
  let commentStart = 0;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, idx) => {
    let kept = '';
    for (const ch of raw) {
      if (ch === '{') {
        if (depth === 0) commentStart = idx + 1;
        depth++;
      } else if (ch === '}') {
        if (depth === 0) throw new InputError('unmatched }', { file, line: idx + 1 });
        depth--;
      } else if (depth === 0) kept += ch;
    }
    const t = kept.trim();
    if (t) out.push({ no: idx + 1, tokens: t.split(/[\s,]+/).filter(Boolean), text: t });
  });
  if (depth !== 0)
    throw new InputError('comment opened with { is never closed', { file, line: commentStart });
  return out;
}

export function parseDiffax(text: string, options: { fileName?: string } = {}): DiffaxInput {
  const file = options.fileName ?? 'input';
  const lines = lex(text, file);
  let pos = 0;
  const title = /^\s*\{([^}]*)\}/.exec(text)?.[1]?.trim();
  const next = (what: string): Line => {
    if (pos >= lines.length)
      throw new InputError(`file ends early: ${what} is missing`, { file, expected: what });
    return lines[pos++];
  };
  const num = (line: Line, i: number, field: string): number => {
    const tok = line.tokens[i];
    const v = tok === undefined ? Number.NaN : Number(tok);
    if (!Number.isFinite(v))
      throw new InputError('not a number', { file, line: line.no, field, found: tok ?? '(nothing)' });
    return v;
  };
  const keyword = (line: Line, expected: string) => {
    if (line.tokens[0]?.toUpperCase() !== expected)
      throw new InputError(`section ${expected} expected`, {
        file,
        line: line.no,
        found: line.text,
        expected,
      });
  };

  // INSTRUMENTAL
  keyword(next('INSTRUMENTAL'), 'INSTRUMENTAL');
  const radLine = next('radiation');
  const rad = radLine.tokens[0].toUpperCase();
  const radiation: Radiation | undefined =
    rad === 'X-RAY' ? 'x-ray' : rad === 'NEUTRON' ? 'neutron' : rad === 'ELECTRON' ? 'electron' : undefined;
  if (!radiation)
    throw new InputError('unknown radiation', {
      file,
      line: radLine.no,
      found: radLine.text,
      expected: 'X-RAY, NEUTRON or ELECTRON',
    });
  if (radiation !== 'x-ray')
    throw new InputError(
      'only X-RAY inputs are supported by natrium for now (no neutron lengths or electron factors tabulated)',
      {
        file,
        line: radLine.no,
        found: rad,
      },
    );
  const wlLine = next('wavelength');
  const wavelength = num(wlLine, 0, 'wavelength');
  if (!(wavelength > 0))
    throw new InputError('wavelength must be > 0 Å', { file, line: wlLine.no, field: 'wavelength' });
  const brLine = next('instrumental broadening');
  const br = brLine.tokens[0].toUpperCase();
  const trim = brLine.tokens.some((t) => t.toUpperCase() === 'TRIM');
  let broadening: InstrumentBroadening;
  if (br === 'NONE') broadening = { kind: 'none' };
  else if (br === 'GAUSSIAN') broadening = { kind: 'gaussian', fwhmDeg: num(brLine, 1, 'Gaussian FWHM') };
  else if (br === 'LORENTZIAN')
    broadening = { kind: 'lorentzian', fwhmDeg: num(brLine, 1, 'Lorentzian FWHM') };
  else if (br === 'PSEUDO-VOIGT')
    broadening = {
      kind: 'pseudo-voigt',
      u: num(brLine, 1, 'u'),
      v: num(brLine, 2, 'v'),
      w: num(brLine, 3, 'w'),
      sigma: num(brLine, 4, 'sigma'),
    };
  else
    throw new InputError('unknown instrumental broadening', {
      file,
      line: brLine.no,
      found: brLine.tokens[0],
      expected: 'NONE, GAUSSIAN, LORENTZIAN or PSEUDO-VOIGT',
    });
  if (broadening.kind === 'gaussian' || broadening.kind === 'lorentzian')
    if (!(broadening.fwhmDeg >= 0))
      throw new InputError('FWHM must be ≥ 0°', { file, line: brLine.no, field: 'FWHM' });
  if (broadening.kind === 'pseudo-voigt' && !(broadening.sigma >= 0 && broadening.sigma <= 1))
    throw new InputError('pseudo-Voigt mixing must lie in 0 … 1', { file, line: brLine.no, field: 'sigma' });

  // STRUCTURAL
  keyword(next('STRUCTURAL'), 'STRUCTURAL');
  const cellLine = next('cell a b c gamma');
  const cell = {
    a: num(cellLine, 0, 'a'),
    b: num(cellLine, 1, 'b'),
    c: num(cellLine, 2, 'c'),
    gammaDeg: num(cellLine, 3, 'gamma'),
  };
  for (const [k, v] of Object.entries(cell))
    if (!(v > 0))
      throw new InputError('cell parameter must be positive', {
        file,
        line: cellLine.no,
        field: k,
        found: String(v),
      });
  const laue = next('Laue symmetry').tokens[0].toUpperCase();
  const nLine = next('number of layer types');
  const nTypes = num(nLine, 0, 'number of layer types');
  if (!(Number.isInteger(nTypes) && nTypes >= 1 && nTypes <= 64))
    throw new InputError('number of layer types must be a whole number 1 … 64', {
      file,
      line: nLine.no,
      found: String(nTypes),
    });
  const wLine = next('lateral width');
  let lateralWidth: FaultedModel['lateralWidth'];
  if (wLine.tokens[0].toUpperCase() !== 'INFINITE') {
    const wa = num(wLine, 0, 'width a');
    const wb = wLine.tokens.length > 1 ? num(wLine, 1, 'width b') : wa;
    if (!(wa > 0 && wb > 0)) throw new InputError('lateral width must be > 0 Å', { file, line: wLine.no });
    lateralWidth = { a: wa, b: wb };
  }

  // LAYERS
  const layers: LayerType[] = [];
  const layerOfState: number[] = [];
  for (let li = 0; li < nTypes; li++) {
    const head = next(`LAYER ${li + 1}`);
    if (head.tokens[0].toUpperCase() !== 'LAYER' || Number(head.tokens[1]) !== li + 1)
      throw new InputError(`LAYER ${li + 1} expected`, { file, line: head.no, found: head.text });
    const eq = /=\s*(\d+)/.exec(head.text);
    if (eq) {
      const ref = Number(eq[1]);
      if (!(ref >= 1 && ref <= li))
        throw new InputError('LAYER n = m must refer to an earlier layer', {
          file,
          line: head.no,
          found: head.text,
        });
      layerOfState.push(layerOfState[ref - 1]);
      continue;
    }
    const symLine = next('layer symmetry');
    const sym = symLine.tokens[0].toUpperCase();
    if (sym !== 'NONE' && sym !== 'CENTROSYMMETRIC')
      throw new InputError('layer symmetry must be NONE or CENTROSYMMETRIC', {
        file,
        line: symLine.no,
        found: symLine.text,
      });
    const atoms: LayerAtom[] = [];
    while (pos < lines.length) {
      const l = lines[pos];
      const first = l.tokens[0].toUpperCase();
      if (first === 'LAYER' || first === 'STACKING') break;
      pos++;
      if (l.tokens.length < 7)
        throw new InputError('atom line needs: name number x y z B occupancy', {
          file,
          line: l.no,
          found: l.text,
        });
      atoms.push({
        species: speciesKey(l.tokens[0]),
        x: num(l, 2, 'x'),
        y: num(l, 3, 'y'),
        z: num(l, 4, 'z'),
        b: num(l, 5, 'B'),
        occupancy: num(l, 6, 'occupancy'),
      });
      if (atoms[atoms.length - 1].occupancy < 0 || atoms[atoms.length - 1].b < 0)
        throw new InputError('B and occupancy must be ≥ 0', { file, line: l.no, found: l.text });
    }
    if (atoms.length === 0) throw new InputError(`LAYER ${li + 1} has no atoms`, { file, line: head.no });
    layerOfState.push(layers.length);
    layers.push({ atoms, centrosymmetric: sym === 'CENTROSYMMETRIC' });
  }

  // STACKING
  keyword(next('STACKING'), 'STACKING');
  const kindLine = next('RECURSIVE or EXPLICIT');
  const kind = kindLine.tokens[0].toUpperCase();
  let stacking: StackingMode;
  let randomLayers: number | undefined;
  if (kind === 'RECURSIVE') {
    const nl = next('INFINITE or number of layers');
    if (nl.tokens[0].toUpperCase() === 'INFINITE') stacking = { kind: 'infinite' };
    else {
      const n = num(nl, 0, 'number of layers');
      if (!(Number.isInteger(n) && n >= 1))
        throw new InputError('number of layers must be a positive integer', { file, line: nl.no });
      stacking = { kind: 'finite', layers: n };
    }
  } else if (kind === 'EXPLICIT') {
    const seq: number[] = [];
    while (pos < lines.length && lines[pos].tokens[0].toUpperCase() !== 'TRANSITIONS') {
      const l = lines[pos++];
      if (l.tokens[0].toUpperCase() === 'RANDOM') {
        randomLayers = num(l, 1, 'RANDOM number of layers');
        if (!(Number.isInteger(randomLayers) && randomLayers >= 1))
          throw new InputError('RANDOM needs a positive whole number of layers', {
            file,
            line: l.no,
            found: l.text,
          });
        continue;
      }
      for (let i = 0; i < l.tokens.length; i++) {
        const v = num(l, i, 'layer number');
        if (!(Number.isInteger(v) && v >= 1 && v <= nTypes))
          throw new InputError('explicit sequence refers to a missing layer', {
            file,
            line: l.no,
            found: l.tokens[i],
            expected: `1 … ${nTypes}`,
          });
        seq.push(v - 1);
      }
    }
    if (randomLayers !== undefined) stacking = { kind: 'finite', layers: randomLayers };
    else {
      if (seq.length === 0)
        throw new InputError('explicit stacking gives no layers', { file, line: kindLine.no });
      stacking = { kind: 'explicit', sequence: seq };
    }
  } else
    throw new InputError('stacking must be RECURSIVE or EXPLICIT', {
      file,
      line: kindLine.no,
      found: kindLine.text,
    });

  // TRANSITIONS
  keyword(next('TRANSITIONS'), 'TRANSITIONS');
  const transitions: Transition[][] = [];
  for (let i = 0; i < nTypes; i++) {
    const row: Transition[] = [];
    let sum = 0;
    let firstLine = 0;
    for (let j = 0; j < nTypes; j++) {
      const l = next(`transition ${i + 1}→${j + 1}`);
      if (j === 0) firstLine = l.no;
      const t: Transition = {
        probability: num(l, 0, `α ${i + 1}→${j + 1}`),
        vector: [
          num(l, 1, `Rx ${i + 1}→${j + 1}`),
          num(l, 2, `Ry ${i + 1}→${j + 1}`),
          num(l, 3, `Rz ${i + 1}→${j + 1}`),
        ],
      };
      if (!(t.probability >= 0 && t.probability <= 1))
        throw new InputError('transition probability must lie in 0 … 1', {
          file,
          line: l.no,
          found: l.tokens[0],
        });
      sum += t.probability;
      row.push(t);
    }
    if (Math.abs(sum - 1) > 1e-4)
      throw new InputError(`probabilities leaving layer ${i + 1} must sum to 1`, {
        file,
        line: firstLine,
        found: sum.toFixed(6),
        expected: '1',
      });
    transitions.push(row);
  }
  const model: FaultedModel = {
    title,
    cell,
    layers,
    layerOfState,
    transitions,
    stacking,
    ...(lateralWidth ? { lateralWidth } : {}),
  };
  return { model, radiation, wavelength, broadening, trim, laue, randomLayers };
}

/** DIFFaX atom names ('Co', 'O', 'O-2', 'Na+1', 'NA') → natrium form-factor keys ('Co', 'O', 'O2-', 'Na1+'). */
function speciesKey(name: string): string {
  const m = /^([A-Za-z]{1,2})([+-]?)(\d*)([+-]?)$/.exec(name);
  if (!m) return name;
  const el = m[1][0].toUpperCase() + m[1].slice(1).toLowerCase();
  const sign = m[2] || m[4];
  if (!sign || !m[3]) return el;
  return `${el}${m[3]}${sign}`;
}
