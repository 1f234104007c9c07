/**
 * The OpenAPI 3.1 description of the HTTP API, generated from the same zod schemas that validate
 * requests, so the document cannot drift from what the server accepts.
 */
import { z } from 'zod';
import { platformPaths } from './openapiPlatform.ts';
import * as S from './schemas.ts';

/** Schemas of this API, by component name (each carries `.meta({ id })` with the same name). */
const COMPONENTS = {
  CifRequest: S.CifRequest,
  XrdRequest: S.XrdRequest,
  ProfileParams: S.ProfileParams,
  ErrorResponse: S.ErrorResponse,
  StructureSummary: S.StructureSummary,
  StructureScene: S.StructureScene,
  PowderPattern: S.PowderPattern,
  CifResponse: S.CifResponse,
  XrdResponse: S.XrdResponse,
  HealthResponse: S.HealthResponse,
  ExampleInfo: S.ExampleInfo,
  ExamplesResponse: S.ExamplesResponse,
} as const;

type ComponentName = keyof typeof COMPONENTS;

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: ComponentName, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});

function componentSchemas(): Record<string, unknown> {
  // Converting the registry turns every schema with an id into a $ref, as OpenAPI wants. The
  // global registry may hold other modules' schemas too, so keep only ours.
  const all = z.toJSONSchema(z.globalRegistry, {
    uri: (id) => `#/components/schemas/${id}`,
    io: 'input',
    unrepresentable: 'any',
  }).schemas;
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(COMPONENTS)) {
    const { $schema: _s, $id: _i, ...schema } = all[name] as Record<string, unknown>;
    out[name] = schema;
  }
  return out;
}

const badRequest = json('ErrorResponse', 'Invalid input: one sentence naming the field or CIF line.');
const internal = json('ErrorResponse', 'Unexpected server failure (details in the server log).');
const tooLarge = json('ErrorResponse', 'Request body larger than the limit.');

export function openApiDocument(version: string, bodyLimitMb: number, withStore = false) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'natrium workbench API',
      version,
      description:
        'Crystal structures (CIF) and simulated powder X-ray diffraction for the natrium workbench. ' +
        `Request bodies are JSON, at most ${bodyLimitMb} MB.`,
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths: {
      '/api/health': {
        get: {
          operationId: 'health',
          summary: 'Liveness check',
          responses: { '200': json('HealthResponse', 'The server is up.') },
        },
      },
      '/api/cif': {
        post: {
          operationId: 'analyseCif',
          summary: 'Parse a CIF: structure summary and a 3-D scene',
          requestBody: { required: true, content: { 'application/json': { schema: ref('CifRequest') } } },
          responses: {
            '200': json('CifResponse', 'Summary (formula, cell, space group, density, sites) and scene.'),
            '400': badRequest,
            '413': tooLarge,
            '500': internal,
          },
        },
      },
      '/api/xrd': {
        post: {
          operationId: 'simulateXrd',
          summary: 'Simulate the powder X-ray diffraction pattern of a CIF',
          requestBody: { required: true, content: { 'application/json': { schema: ref('XrdRequest') } } },
          responses: {
            '200': json('XrdResponse', 'Structure summary and the powder pattern (peaks, optional profile).'),
            '400': badRequest,
            '413': tooLarge,
            '500': internal,
          },
        },
      },
      '/api/examples': {
        get: {
          operationId: 'listExamples',
          summary: 'Bundled example structures',
          responses: { '200': json('ExamplesResponse', 'Names, titles and descriptions.') },
        },
      },
      '/api/examples/{name}': {
        get: {
          operationId: 'getExample',
          summary: 'The CIF text of one bundled example',
          parameters: [
            { name: 'name', in: 'path', required: true, schema: { type: 'string' }, example: 'Silicon.cif' },
          ],
          responses: {
            '200': {
              description: 'CIF text.',
              content: { 'chemical/x-cif': { schema: { type: 'string' } } },
            },
            '404': json('ErrorResponse', 'No example of that name.'),
          },
        },
      },
      ...platformPaths(withStore),
      '/api/openapi.json': {
        get: {
          operationId: 'openApi',
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1 document.', content: { 'application/json': {} } } },
        },
      },
    },
    components: { schemas: componentSchemas() },
  };
}
