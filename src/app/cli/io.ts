import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../../core/errors.ts';

/** Reads a user's text file; a missing file, a directory or binary content becomes an InputError. */
export function readTextFile(path: string): { text: string; fileName: string } {
  const fileName = basename(path);
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    throw new InputError('file not found', { file: path, expected: 'a path to an existing file' });
  }
  if (stat.isDirectory()) throw new InputError('is a directory, not a file', { file: path });
  const bytes = readFileSync(path);
  if (bytes.includes(0))
    throw new InputError('file is binary, not text', { file: fileName, expected: 'a text file (CIF)' });
  // CIF 1.1 is ASCII; decode as UTF-8 and fall back to Latin-1 for old files with accented names.
  let text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) text = bytes.toString('latin1');
  return { text, fileName };
}
