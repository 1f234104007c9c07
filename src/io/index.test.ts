import { describe, expect, it } from 'vitest';
import * as cif from './cif/index.ts';
import * as cycling from './cycling/index.ts';
import * as eis from './eis/index.ts';
import * as io from './index.ts';
import * as xy from './xy/index.ts';

describe('src/io/index.ts re-exports every reader', () => {
  it('has every name of every format module (ESM drops names two star-exports both define)', () => {
    const all = [cif, cycling, eis, xy].flatMap((m) => Object.keys(m));
    expect(new Set(all).size).toBe(all.length); // no name defined by two modules
    for (const k of all) expect(Object.keys(io), k).toContain(k);
  });

  it('exposes the cycling and impedance readers', () => {
    expect(io.parseCyclingFile).toBe(cycling.parseCyclingFile);
    expect(io.parseNovonix).toBe(cycling.parseNovonix);
    expect(io.decodeCyclerText).toBe(cycling.decodeCyclerText);
    expect(io.parseImpedance).toBe(eis.parseImpedance);
    expect(io.parseCif).toBe(cif.parseCif);
  });
});
