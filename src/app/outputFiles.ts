/**
 * Writing files the user asked for (--cif, --grd, --out, --figures …): a path that cannot be
 * written (missing directory, no permission, a directory in its place, full disk) becomes one
 * InputError naming the file, instead of an internal error with a stack trace.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { InputError } from '../core/errors.ts';

const REASONS: Record<string, string> = {
  ENOENT: 'its directory does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
};

function asInputError(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code && code in REASONS)
    return new InputError(`cannot write the file: ${REASONS[code]}`, {
      file: path,
      expected: 'a writable path',
    });
  return err;
}

export function writeOutputFile(path: string, content: string | Uint8Array): void {
  try {
    writeFileSync(path, content);
  } catch (err) {
    throw asInputError(err, path);
  }
}

export function makeOutputDir(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (err) {
    throw asInputError(err, path);
  }
}
