import { InputError } from '../../core/errors.ts';

/** Exit codes of the CLI contract. */
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 1;

/** Prints exactly one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, jsonReplacer, 2)}\n`);
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Float64Array || value instanceof Int32Array) return Array.from(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** Turns any thrown value into one sentence on stderr and the contract's exit code. */
export function failWith(err: unknown): never {
  if (err instanceof InputError) {
    process.stderr.write(`natrium: ${err.message}\n`);
    process.exit(EXIT_BAD_INPUT);
  }
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`natrium: internal error: ${msg}\n`);
  if (process.env.NATRIUM_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exit(EXIT_INTERNAL);
}

/** Fixed-width text table for terminal output. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((v, c) => v.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

export function fmt(v: number | undefined, digits = 4): string {
  return v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits);
}
