import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { makeOutputDir, writeOutputFile } from './outputFiles.ts';

const dir = mkdtempSync(join(tmpdir(), 'natrium-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('output files the user asked for', () => {
  it('writes text and bytes', () => {
    writeOutputFile(join(dir, 'a.txt'), 'hello');
    writeOutputFile(join(dir, 'b.bin'), new Uint8Array([1, 2, 3]));
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('hello');
    expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([1, 2, 3]);
  });

  it('a missing directory, a directory in the way or a file as directory give one InputError naming the path', () => {
    const cases: [() => void, string, RegExp][] = [
      [
        () => writeOutputFile(join(dir, 'no', 'such', 'x.grd'), 'x'),
        join(dir, 'no', 'such', 'x.grd'),
        /does not exist/,
      ],
      [() => writeOutputFile(dir, 'x'), dir, /is a directory/],
      [
        () => {
          writeFileSync(join(dir, 'plain'), '');
          makeOutputDir(join(dir, 'plain', 'figs'));
        },
        join(dir, 'plain', 'figs'),
        /not a directory/,
      ],
    ];
    for (const [run, path, reason] of cases) {
      let caught: unknown;
      try {
        run();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(InputError);
      expect((caught as InputError).file).toBe(path);
      expect((caught as InputError).message).toMatch(reason);
    }
  });
});
