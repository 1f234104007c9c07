/**
 * Turning failures into HTTP answers: anything the user can fix is a 400 with one clear sentence;
 * everything else is a 500 whose details stay in the server log.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { InputError } from '../../core/errors.ts';

/** One sentence naming the first offending field of a failed zod parse of `input`. */
export function zodIssueMessage(error: z.ZodError, input: unknown, what = 'request body'): string {
  const issue = error.issues[0];
  if (!issue) return `The ${what} is not valid.`;
  const field = issue.path.map(String).join('.');
  const where = field ? `field "${field}"` : `the ${what}`;
  const detail = issue.message.replace(/^Invalid input:\s*/, '');
  let problem: string;
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    problem = `is missing (${detail.replace(/,?\s*received undefined/, '')})`;
  } else if (issue.code === 'unrecognized_keys') {
    problem = `has ${detail.toLowerCase()}`;
  } else {
    problem = `is not valid: ${detail}`;
  }
  const sentence = `In the ${what}, ${where} ${problem}`;
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

export function inputErrorResponse(c: Context, message: string, field?: string) {
  return c.json({ error: 'InputError', message, ...(field ? { field } : {}) }, 400);
}

export function handleError(err: Error, c: Context) {
  // The database is unreachable, read-only or full: the request may succeed later; say why now.
  if (err instanceof InputError && err.name === 'DatabaseError')
    return c.json({ error: 'DatabaseUnavailable', message: err.message }, 503);
  if (err instanceof InputError) {
    return c.json({ ...err.toJSON(), error: 'InputError', message: err.message }, 400);
  }
  // Unexpected: keep the stack in the log, give the client nothing it could misuse.
  console.error(`[natrium] ${c.req.method} ${c.req.path} failed:`, err);
  return c.json(
    {
      error: 'InternalError',
      message: 'The server failed while handling this request; details are in its log.',
    },
    500,
  );
}
