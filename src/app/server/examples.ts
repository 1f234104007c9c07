/**
 * The bundled example structures (data/structures): a catalogue from index.json and the CIF text
 * of each. Only names listed in the catalogue are served, so a request cannot reach other files.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ExampleInfo, ExamplesResponse } from './schemas.ts';

export async function listExamples(dir: string): Promise<ExampleInfo[]> {
  const raw = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'));
  return ExamplesResponse.parse(raw).examples;
}

/** The CIF text of a listed example, or undefined when the name is not in the catalogue. */
export async function readExample(dir: string, name: string): Promise<string | undefined> {
  const examples = await listExamples(dir);
  if (!examples.some((e) => e.name === name)) return undefined;
  return readFile(join(dir, name), 'utf8');
}
