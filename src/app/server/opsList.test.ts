/**
 * GET /api/ops: the operations with the input and output JSON Schemas the workbench builds its
 * forms from (web/src/components/OpForm.tsx), converted from the registry's zod schemas.
 */
import { describe, expect, it } from 'vitest';
import { listOperations, loadOperations } from '../registry/registry.ts';
import { createApp } from './app.ts';
import { jsonSchemaOf } from './platformRoutes.ts';

await loadOperations();
const app = createApp();

interface OpDoc {
  id: string;
  title: string;
  description: string;
  sweep: boolean;
  inputSchema: { type: string; properties: Record<string, Record<string, unknown>>; required?: string[] };
  outputSchema: Record<string, unknown>;
}

async function ops(): Promise<OpDoc[]> {
  const r = await app.request('/api/ops');
  expect(r.status).toBe(200);
  return (await r.json()).operations;
}

describe('GET /api/ops', () => {
  it('lists every registered operation with its input and output JSON Schemas, exactly as converted from zod', async () => {
    const list = await ops();
    expect(list.map((o) => o.id)).toEqual(listOperations().map((o) => o.id));
    for (const op of listOperations()) {
      const doc = list.find((o) => o.id === op.id);
      expect(doc?.title).toBe(op.title);
      expect(doc?.inputSchema).toEqual(jsonSchemaOf(op.input, 'input'));
      expect(doc?.outputSchema).toEqual(jsonSchemaOf(op.output, 'output'));
      expect(doc?.inputSchema.type).toBe('object');
      // Forms need no resolver: every $ref is inlined.
      expect(JSON.stringify(doc?.inputSchema)).not.toContain('"$ref"');
    }
  });

  it('carries what a form needs: required fields, enums, bounds, descriptions, file shapes', async () => {
    const fit = (await ops()).find((o) => o.id === 'eis.fit');
    expect(fit?.inputSchema.required).toEqual(['file', 'circuit']);
    const props = fit?.inputSchema.properties ?? {};
    // The uploaded file: an object with text/base64/fileName (the form's file field).
    expect(Object.keys(props.file.properties as object)).toEqual(
      expect.arrayContaining(['fileName', 'text', 'base64', 'format']),
    );
    expect(props.weight.enum).toEqual(['unit', 'modulus', 'proportional']);
    expect(props.multiStart).toMatchObject({ type: 'integer', minimum: 1, maximum: 50 });
    expect(props.circuit.description).toMatch(/R0-p\(R1,CPE1\)/);
    const sweep = (await ops()).find((o) => o.id === 'xrd.strainSweep');
    expect(sweep?.sweep).toBe(true);
    expect(sweep?.inputSchema.properties.cif.description).toMatch(/Contents of a CIF file/);
  });

  it('is described in the OpenAPI document, as is mode "distributed" of POST /api/jobs', async () => {
    // The platform paths are documented when the app has a store (routes are only mounted here).
    const withPlatform = createApp({ platform: { store: {} as never, runner: {} as never } });
    const doc = await (await withPlatform.request('/api/openapi.json')).json();
    expect(doc.paths['/api/ops'].get.operationId).toBe('listOps');
    const body = doc.paths['/api/jobs'].post.requestBody.content['application/json'].schema;
    expect(body.properties.mode.enum).toEqual(['local', 'distributed']);
    expect(body.properties.chunkSize).toMatchObject({ type: 'integer', minimum: 1 });
  });
});
