/**
 * Routes of the platform: operations generated from the registry (POST /api/ops/<id>), projects,
 * dataset upload, jobs with server-sent progress, and reports. The project/job routes exist when
 * the app is given a store and a job runner (main.ts does; unit tests of the old routes do not).
 */
import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { InputError } from '../../core/errors.ts';
import type { JobEvent, JobRunner } from '../jobs/runner.ts';
import {
  DEFAULT_SEED,
  getOperation,
  listOperations,
  loadOperations,
  makeContext,
  parseInput,
} from '../registry/registry.ts';
import { projectReportHtml } from '../report/html.ts';
import type { AnalysisStatus } from '../store/schema.ts';
import type { Store } from '../store/store.ts';

await loadOperations();

export interface Platform {
  store: Store;
  runner: JobRunner;
}

/** Largest single uploaded file (bytes); larger files get a 413 naming the limit. */
export const MAX_UPLOAD_FILE_BYTES = 50 * 1024 * 1024;

/** Entries of the operation-result cache (least recently used evicted first). */
const RESULT_CACHE_ENTRIES = 128;
/** Results larger than this (characters of JSON) are not cached. */
const MAX_CACHED_RESULT_CHARS = 2_000_000;

const JSON_SCHEMA_OPTIONS = { io: 'input', unrepresentable: 'any' } as const;

/** JSON Schema of a zod schema, without the $schema/$id keys OpenAPI does not want. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const {
    $schema: _s,
    $id: _i,
    $defs,
    ...rest
  } = z.toJSONSchema(schema, { ...JSON_SCHEMA_OPTIONS, io }) as Record<string, unknown>;
  // Schemas with an id come out as {$ref: '#/$defs/Id'}; inline them so the schema stands alone
  // inside an OpenAPI path and a form generator needs no resolver (our schemas have no cycles).
  const defs = ($defs ?? {}) as Record<string, unknown>;
  // A recursive schema (e.g. a circuit tree) is cut at its second appearance: any JSON there.
  const inline = (node: unknown, open: string[]): unknown => {
    if (Array.isArray(node)) return node.map((n) => inline(n, open));
    if (!node || typeof node !== 'object') return node;
    const o = node as Record<string, unknown>;
    if (typeof o.$ref === 'string' && o.$ref.startsWith('#/$defs/')) {
      const { $ref, ...others } = o;
      const name = $ref.slice(8);
      if (open.includes(name)) return { description: `(recursive: ${name})`, ...others };
      return { ...(inline(defs[name], [...open, name]) as object), ...others };
    }
    if (typeof o.$ref === 'string' && o.$ref === '#') return { description: '(recursive)' };
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, inline(v, open)]));
  };
  return inline(rest, []) as Record<string, unknown>;
}

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return JSON.parse(await c.req.text());
  } catch {
    throw new InputError('the request body is not valid JSON', { expected: 'a JSON object' });
  }
}

function seedFrom(value: unknown): number {
  if (value === undefined || value === null || value === '') return DEFAULT_SEED;
  const n = Number(value);
  if (!Number.isInteger(n))
    throw new InputError('the seed must be an integer', { field: 'seed', found: String(value) });
  return n;
}

const STATUSES: AnalysisStatus[] = ['queued', 'running', 'done', 'failed', 'cancelled'];

/** One registered operation as the workbench's form generator needs it. */
export function describeOperation(op: ReturnType<typeof listOperations>[number]) {
  return {
    id: op.id,
    title: op.title,
    description: op.description,
    sweep: Boolean(op.sweep),
    long: Boolean(op.long),
    inputSchema: jsonSchemaOf(op.input, 'input'),
    outputSchema: jsonSchemaOf(op.output, 'output'),
  };
}

export function mountOperations(app: Hono): void {
  // Input and output JSON Schemas of every operation (converted once: the registry is fixed after
  // loading). The workbench builds its forms (web/src/components/OpForm.tsx) from `inputSchema`.
  let described: ReturnType<typeof describeOperation>[] | undefined;
  app.get('/api/ops', (c) => {
    described ??= listOperations().map(describeOperation);
    return c.json({ operations: described });
  });

  app.get('/api/operations', (c) =>
    c.json({
      operations: listOperations().map((op) => ({
        id: op.id,
        title: op.title,
        description: op.description,
        sweep: Boolean(op.sweep),
        long: Boolean(op.long),
        input: jsonSchemaOf(op.input, 'input'),
        citations: op.citations ?? [],
      })),
    }),
  );

  // One route serves every registered operation, so HTTP cannot drift from the registry. Results
  // are pure functions of (operation, validated input, seed), so repeated requests are answered
  // from a small in-memory cache keyed by their SHA-256.
  const cache = new Map<string, string>();
  app.post('/api/ops/:id', async (c) => {
    const op = getOperation(c.req.param('id'));
    const input = parseInput(op, await jsonBody(c));
    const seed = seedFrom(c.req.query('seed'));
    const key = createHash('sha256')
      .update(JSON.stringify([op.id, seed, input]))
      .digest('hex');
    let body = cache.get(key);
    if (body === undefined) {
      body = JSON.stringify(await op.run(makeContext(seed), input));
      if (body.length <= MAX_CACHED_RESULT_CHARS) {
        if (cache.size >= RESULT_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
        cache.set(key, body);
      }
    } else {
      // Refresh recency: Map keeps insertion order, so re-inserting makes this entry the newest.
      cache.delete(key);
      cache.set(key, body);
    }
    return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
}

export function mountPlatform(app: Hono, { store, runner }: Platform): void {
  app.get('/api/projects', async (c) => c.json({ projects: await store.listProjects() }));

  app.post('/api/projects', async (c) => {
    const body = z
      .object({ name: z.string(), description: z.string().optional() })
      .safeParse(await jsonBody(c));
    if (!body.success)
      throw new InputError('a project needs a name', { field: 'name', expected: 'a string' });
    return c.json(await store.createProject(body.data.name, body.data.description ?? ''), 201);
  });

  app.get('/api/projects/:id', async (c) => c.json(await store.showProject(c.req.param('id'))));

  app.patch('/api/projects/:id', async (c) => {
    const body = z.object({ name: z.string() }).safeParse(await jsonBody(c));
    if (!body.success) throw new InputError('a new name is needed', { field: 'name', expected: 'a string' });
    return c.json(await store.renameProject(c.req.param('id'), body.data.name));
  });

  app.delete('/api/projects/:id', async (c) => {
    await store.deleteProject(c.req.param('id'));
    return c.json({ deleted: true });
  });

  // Upload: multipart/form-data with one or more "file" fields. Each file is imported on its own;
  // one bad file does not stop the others, and each gets its own message.
  app.post('/api/projects/:id/datasets', async (c) => {
    const project = await store.getProject(c.req.param('id'));
    const form = await c.req.parseBody({ all: true }).catch(() => {
      throw new InputError('the upload is not multipart/form-data', { expected: 'form fields named "file"' });
    });
    const files = ([] as unknown[]).concat(form.file ?? []).filter((f): f is File => f instanceof File);
    if (!files.length)
      throw new InputError('no files in the upload', { field: 'file', expected: 'one or more files' });
    const imported = [];
    const failed = [];
    for (const f of files) {
      try {
        if (f.size > MAX_UPLOAD_FILE_BYTES)
          throw new InputError('the file is larger than the upload limit', {
            file: f.name,
            expected: `at most ${MAX_UPLOAD_FILE_BYTES / 1024 / 1024} MB per file`,
          });
        const r = await store.importFile(project.id, {
          name: f.name,
          bytes: new Uint8Array(await f.arrayBuffer()),
        });
        imported.push({ ...r.dataset, deduplicated: r.deduplicated, structureId: r.structureId });
      } catch (err) {
        if (!(err instanceof InputError) || err.name === 'DatabaseError') throw err;
        failed.push({ file: f.name, error: err.message });
      }
    }
    return c.json({ imported, failed }, imported.length ? 200 : 400);
  });

  app.get('/api/datasets/:id', async (c) => {
    const { info, columns } = await store.loadDataset(c.req.param('id'));
    return c.json({
      ...info,
      data: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Array.from(v)])),
    });
  });

  app.get('/api/datasets/:id/raw', async (c) => {
    const { info, raw } = await store.loadDataset(c.req.param('id'));
    return c.body(new Uint8Array(raw), 200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${info.name.replace(/"/g, '')}"`,
    });
  });

  app.get('/api/structures/:id/cif', async (c) => {
    const s = await store.getStructureCif(c.req.param('id'));
    return c.body(s.cif, 200, { 'content-type': 'chemical/x-cif; charset=utf-8' });
  });

  app.post('/api/jobs', async (c) => {
    const body = z
      .object({
        operation: z.string(),
        input: z.unknown(),
        projectId: z.string().nullable().optional(),
        seed: z.number().int().optional(),
        mode: z.enum(['local', 'distributed']).optional(),
        chunkSize: z.number().int().min(1).optional(),
      })
      .safeParse(await jsonBody(c));
    if (!body.success)
      throw new InputError('a job needs an operation and its input', {
        field: String(body.error.issues[0]?.path[0] ?? 'operation'),
        expected:
          '{"operation": "xrd.pattern", "input": {…}, "projectId"?: "…", "seed"?: 1, "mode"?: "local" | "distributed", "chunkSize"?: 100}',
      });
    const job = await runner.submit({
      operationId: body.data.operation,
      input: body.data.input,
      projectId: body.data.projectId,
      seed: body.data.seed,
      mode: body.data.mode,
      chunkSize: body.data.chunkSize,
    });
    return c.json({ ...job, mode: body.data.mode ?? 'local' }, 202);
  });

  app.get('/api/jobs', async (c) => {
    const status = c.req.query('status');
    if (status && !STATUSES.includes(status as AnalysisStatus))
      throw new InputError('unknown status', {
        field: 'status',
        found: status,
        expected: STATUSES.join(', '),
      });
    const jobs = await store.listAnalyses({
      projectId: c.req.query('projectId') || undefined,
      status: status ? [status as AnalysisStatus] : undefined,
      withResult: false,
    });
    return c.json({ jobs, distributed: runner.distributedAvailable });
  });

  app.get('/api/jobs/:id', async (c) => {
    const id = c.req.param('id');
    const a = await store.getAnalysis(id);
    // Mode and BullMQ run id are known while the job runs in this server process.
    return c.json({ ...a, ...runner.runningInfo(id) });
  });

  app.post('/api/jobs/:id/cancel', async (c) => {
    await runner.cancel(c.req.param('id'));
    return c.json(await store.getAnalysis(c.req.param('id')));
  });

  // Server-sent events: the current state at once, then every change until the job ends.
  app.get('/api/jobs/:id/events', async (c) => {
    const id = c.req.param('id');
    const first = await store.getAnalysis(id);
    return streamSSE(c, async (stream) => {
      const final = (s: string) => s === 'done' || s === 'failed' || s === 'cancelled';
      await stream.writeSSE({
        event: 'progress',
        data: JSON.stringify({ id, status: first.status, progress: first.progress }),
      });
      if (final(first.status)) return;
      await new Promise<void>((resolve) => {
        // Writes are chained so the final event is flushed before the stream closes.
        let pending: Promise<void> = Promise.resolve();
        const onEvent = (e: JobEvent) => {
          pending = pending
            .then(() => stream.writeSSE({ event: 'progress', data: JSON.stringify(e) }))
            .catch(() => {});
          if (final(e.status)) pending.then(finish);
        };
        const finish = () => {
          runner.off(`job:${id}`, onEvent);
          resolve();
        };
        runner.on(`job:${id}`, onEvent);
        stream.onAbort(finish);
        // The job may have ended between the first read and the subscription.
        store
          .getAnalysis(id)
          .then((a) => final(a.status) && onEvent({ id, status: a.status, progress: a.progress }))
          .catch(() => {});
      });
    });
  });

  app.get('/api/projects/:id/report', async (c) => {
    const html = await projectReportHtml(store, c.req.param('id'));
    return c.html(html);
  });
}
