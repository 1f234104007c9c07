import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { applySymOp, formatSymOp, parseSymOp } from './symop.ts';

describe('symmetry operations', () => {
  it('parses the common spellings', () => {
    expect(parseSymOp('x,y,z')).toEqual({ rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], translation: [0, 0, 0] });
    const op = parseSymOp("'-x+y, -x, z+1/3'");
    expect(op.rotation).toEqual([-1, 1, 0, -1, 0, 0, 0, 0, 1]);
    expect(op.translation[2]).toBeCloseTo(1 / 3, 12);
    expect(parseSymOp('1/2+X,-Y,0.25-Z').translation).toEqual([0.5, 0, 0.25]);
    expect(parseSymOp('3/4+z,1/4-x,3/4+y').rotation).toEqual([0, 0, 1, -1, 0, 0, 0, 1, 0]);
    expect(parseSymOp('x-y,x,-z+1/2').translation[2]).toBe(0.5);
  });

  it('applies operations to coordinates', () => {
    const op = parseSymOp('-y,x-y,z+2/3');
    const r = applySymOp(op, [0.1, 0.3, 0.2]);
    expect(r[0]).toBeCloseTo(-0.3, 12);
    expect(r[1]).toBeCloseTo(-0.2, 12);
    expect(r[2]).toBeCloseTo(0.2 + 2 / 3, 12);
  });

  it('format → parse round-trips random operations', () => {
    const entry = fc.constantFrom(-1, 0, 1);
    const trans = fc.constantFrom(0, 1 / 2, 1 / 3, 2 / 3, 1 / 4, 3 / 4, 1 / 6, 5 / 6);
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 9, maxLength: 9 }),
        fc.array(trans, { minLength: 3, maxLength: 3 }),
        (rot, t) => {
          for (let row = 0; row < 3; row++)
            if (rot.slice(3 * row, 3 * row + 3).every((v) => v === 0)) rot[4 * row] = 1;
          const op = { rotation: rot as never, translation: t as [number, number, number] };
          const back = parseSymOp(formatSymOp(op));
          expect(back.rotation).toEqual(rot.map((v) => v + 0));
          for (const [i, v] of back.translation.entries()) expect(v).toBeCloseTo(t[i], 10);
        },
      ),
    );
  });

  it.each(['x,y', 'x,y,z,w', 'a,b,c', 'x,,z', 'x+1/0,y,z', '1/2,1/2,1/2', 'x*y,y,z'])('refuses %s', (s) => {
    expect(() => parseSymOp(s)).toThrow(InputError);
  });
});
