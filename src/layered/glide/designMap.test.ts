import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { axisValues, checkAxes, type MapPoint, mapPoint, paretoFront, parseAxis } from './designMap.ts';
import { resolveParams } from './params.ts';

describe('α–β grid', () => {
  it('parses start:end:count axes and rejects bad ones', () => {
    expect(axisValues(parseAxis('0.1:0.3:3', 'alpha'))).toEqual(
      [0.1, 0.2, 0.3].map((v) => expect.closeTo(v, 12)),
    );
    expect(() => parseAxis('0.1:0.3', 'alpha')).toThrow(InputError);
    expect(() => parseAxis('a:0.3:2', 'alpha')).toThrow(InputError);
    expect(() => parseAxis('0:1:0', 'alpha')).toThrow(/whole number/);
    expect(() => checkAxes(parseAxis('0:1.2:3', 'alpha'), parseAxis('0:1:2', 'beta'))).toThrow(/α must lie/);
    expect(() => checkAxes(parseAxis('0:1:3', 'alpha'), parseAxis('-0.1:1:2', 'beta'))).toThrow(/β must be/);
  });

  it('Pareto front: retention ↑, α ↓, β ↑', () => {
    const pts: MapPoint[] = [
      { alpha: 0.1, beta: 0.5, retention: 0.8 },
      { alpha: 0.2, beta: 0.5, retention: 0.85 },
      { alpha: 0.2, beta: 0.3, retention: 0.84 }, // dominated by (0.2, 0.5, 0.85)
      { alpha: 0.3, beta: 0.5, retention: 0.82 }, // dominated by (0.2, 0.5, 0.85)
      { alpha: 0.1, beta: 0.9, retention: 0.8 }, // dominates (0.1, 0.5, 0.8)
      { alpha: 0.05, beta: 0.2, retention: null },
    ];
    expect(paretoFront(pts)).toEqual([1, 4]);
  });

  it('an infeasible (φ₂, α, β) point is reported as null with the reason, not thrown', () => {
    const p = resolveParams({});
    const pt = mapPoint(0.5, 0.2, 5, 50, p, { cycles: 2, particles: 1, seed: 1 });
    expect(pt.retention).toBeNull();
    expect(pt.reason).toMatch(/CV|spread|β/);
  });
});
