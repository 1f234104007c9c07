/**
 * Typed errors. `InputError` is for anything a user supplied that natrium cannot accept: it names
 * where the problem is (file, line, field) and what was expected, so the CLI and API can print one
 * clear sentence instead of a stack trace. Anything else thrown is an internal failure.
 */
export interface InputErrorLocation {
  /** File name as the user gave it (no directories added). */
  file?: string;
  /** 1-based line number in the file. */
  line?: number;
  /** Field, column, tag or option name. */
  field?: string;
  /** What would have been accepted, in words. */
  expected?: string;
  /** What was found instead (shortened). */
  found?: string;
}

/** What a worker posts back for an InputError (structured clone drops the class). */
export interface InputErrorTransfer extends InputErrorLocation {
  problem: string;
}

export class InputError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
  readonly expected?: string;
  readonly found?: string;
  /** The problem itself, without the location prefix. */
  readonly problem: string;

  constructor(problem: string, where: InputErrorLocation = {}) {
    super(formatInputError(problem, where));
    this.name = 'InputError';
    this.problem = problem;
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
    this.expected = where.expected;
    this.found = where.found;
  }

  /** A copy of this error with a file name (and optionally more location) filled in. */
  withLocation(where: InputErrorLocation): InputError {
    return new InputError(this.problem, {
      file: this.file ?? where.file,
      line: this.line ?? where.line,
      field: this.field ?? where.field,
      expected: this.expected ?? where.expected,
      found: this.found ?? where.found,
    });
  }

  /** Plain copy (problem + location) that survives a thread or process boundary; see `fromTransfer`. */
  toTransfer(): InputErrorTransfer {
    return {
      problem: this.problem,
      file: this.file,
      line: this.line,
      field: this.field,
      expected: this.expected,
      found: this.found,
    };
  }

  /** Rebuilds the error on the other side of a worker boundary. */
  static fromTransfer(t: InputErrorTransfer): InputError {
    return new InputError(t.problem, t);
  }

  toJSON(): Record<string, unknown> {
    return {
      error: 'InputError',
      message: this.message,
      file: this.file,
      line: this.line,
      field: this.field,
      expected: this.expected,
      found: this.found,
    };
  }
}

function formatInputError(problem: string, w: InputErrorLocation): string {
  const place = [w.file, w.line !== undefined ? `line ${w.line}` : undefined].filter(Boolean).join(', ');
  let msg = place ? `${place}: ` : '';
  if (w.field) msg += `${w.field}: `;
  msg += problem;
  if (w.found !== undefined) msg += ` (found ${JSON.stringify(shorten(w.found))})`;
  if (w.expected) msg += `; expected ${w.expected}`;
  return msg.endsWith('.') ? msg : `${msg}.`;
}

function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Throws an InputError unless `value` is a finite number. Returns it for chaining. */
export function requireFinite(value: number, field: string, expected = 'a finite number'): number {
  if (!Number.isFinite(value))
    throw new InputError('not a usable number', { field, expected, found: String(value) });
  return value;
}
