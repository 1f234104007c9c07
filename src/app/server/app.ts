/**
 * The HTTP app: JSON API under /api, the built workbench everywhere else. `createApp()` returns a
 * Hono app that tests drive with `app.request(...)`; main.ts binds it to a socket.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { loadSpaceGroupsNode } from '../../crystal/spacegroup.node.ts';
import { analyseCif, simulateXrd } from './compute.ts';
import { listExamples, readExample } from './examples.ts';
import { handleError, inputErrorResponse, zodIssueMessage } from './httpErrors.ts';
import { openApiDocument } from './openapi.ts';
import { EXAMPLES_DIR, REPO_ROOT, WEB_DIST_DIR } from './paths.ts';
import { mountOperations, mountPlatform, type Platform } from './platformRoutes.ts';
import { CifRequest, XrdRequest } from './schemas.ts';
import { staticHandler } from './staticFiles.ts';

export interface AppOptions {
  /** Built front end (default web/dist). */
  distDir?: string;
  /** Example CIFs with index.json (default data/structures). */
  examplesDir?: string;
  /** Largest accepted request body in MB (default 20). */
  bodyLimitMb?: number;
  /** Store and job runner: enables the project, upload, job and report routes. */
  platform?: Platform;
}

const VERSION: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version;

export function createApp(options: AppOptions = {}) {
  const distDir = options.distDir ?? WEB_DIST_DIR;
  const examplesDir = options.examplesDir ?? EXAMPLES_DIR;
  const limitMb = options.bodyLimitMb ?? 20;
  // Symmetry analysis (space group, Wyckoff letters) needs moyo's WASM; loading it is idempotent.
  loadSpaceGroupsNode();

  const app = new Hono();
  app.onError(handleError);

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: limitMb * 1024 * 1024,
      onError: (c) =>
        c.json(
          {
            error: 'PayloadTooLarge',
            message: `The request body is larger than the ${limitMb} MB limit; send a smaller file or fewer files at once.`,
          },
          413,
        ),
    }),
  );

  app.get('/api/health', (c) => c.json({ status: 'ok', name: 'natrium', version: VERSION }));

  app.get('/api/openapi.json', (c) => c.json(openApiDocument(VERSION, limitMb, Boolean(options.platform))));

  mountOperations(app);
  if (options.platform) mountPlatform(app, options.platform);

  app.post('/api/cif', async (c) => {
    const body = await readBody(c, CifRequest);
    if (!body.ok) return body.response;
    return c.json(analyseCif(body.value));
  });

  app.post('/api/xrd', async (c) => {
    const body = await readBody(c, XrdRequest);
    if (!body.ok) return body.response;
    return c.json(simulateXrd(body.value));
  });

  app.get('/api/examples', async (c) => c.json({ examples: await listExamples(examplesDir) }));

  app.get('/api/examples/:name', async (c) => {
    const name = c.req.param('name');
    const text = await readExample(examplesDir, name);
    if (text === undefined)
      return c.json({ error: 'NotFound', message: `There is no bundled example called "${name}".` }, 404);
    return c.body(text, 200, { 'content-type': 'chemical/x-cif; charset=utf-8' });
  });

  app.all('/api/*', (c) =>
    c.json({ error: 'NotFound', message: `No API endpoint ${c.req.method} ${c.req.path}.` }, 404),
  );

  app.get('*', staticHandler(distDir));

  return app;
}

type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

/** Parse and validate a JSON body; a failure becomes a 400 naming the problem. */
async function readBody<T>(c: Context, schema: z.ZodType<T>): Promise<BodyResult<T>> {
  const text = await c.req.text();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      ok: false,
      response: inputErrorResponse(
        c,
        'The request body is not valid JSON; send an object such as {"cif": "..."}.',
      ),
    };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.map(String).join('.') || undefined;
    return { ok: false, response: inputErrorResponse(c, zodIssueMessage(parsed.error, raw), field) };
  }
  return { ok: true, value: parsed.data };
}
