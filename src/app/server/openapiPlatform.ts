/**
 * OpenAPI paths of the platform routes. The operation paths are generated from the registry: one
 * POST /api/ops/<id> per operation, its request and response schemas converted from the same zod
 * schemas that validate the input, so the document and the server cannot drift.
 */
import { listOperations } from '../registry/registry.ts';
import { jsonSchemaOf } from './platformRoutes.ts';

const err = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
});
const anyJson = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
});
const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

export function platformPaths(withStore: boolean): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    '/api/ops': {
      get: {
        operationId: 'listOps',
        summary:
          'Registered operations: {operations: [{id, title, description, sweep, long, inputSchema, outputSchema}]} (the workbench builds its forms from inputSchema)',
        responses: { '200': anyJson('Operations with input and output JSON Schemas.') },
      },
    },
    '/api/operations': {
      get: {
        operationId: 'listOperations',
        summary: 'Registered operations with their input JSON Schemas (forms are built from these)',
        responses: { '200': anyJson('Operations.') },
      },
    },
  };
  for (const op of listOperations())
    paths[`/api/ops/${op.id}`] = {
      post: {
        operationId: `op_${op.id.replace(/\./g, '_')}`,
        summary: op.title,
        description: op.description,
        parameters: [{ name: 'seed', in: 'query', required: false, schema: { type: 'integer' } }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: jsonSchemaOf(op.input, 'input') } },
        },
        responses: {
          '200': {
            description: 'Result.',
            content: { 'application/json': { schema: jsonSchemaOf(op.output, 'output') } },
          },
          '400': err('Invalid input: one sentence naming the field.'),
        },
      },
    };
  if (!withStore) return paths;
  const unavailable = err('The database is unreachable, read-only or full.');
  Object.assign(paths, {
    '/api/projects': {
      get: {
        operationId: 'listProjects',
        summary: 'Projects',
        responses: { '200': anyJson('Projects.'), '503': unavailable },
      },
      post: {
        operationId: 'createProject',
        summary: 'Create a project',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name'],
                properties: { name: { type: 'string' }, description: { type: 'string' } },
              },
            },
          },
        },
        responses: {
          '201': anyJson('The project.'),
          '400': err('Missing or duplicate name.'),
          '503': unavailable,
        },
      },
    },
    '/api/projects/{id}': {
      parameters: [idParam('id')],
      get: {
        operationId: 'showProject',
        summary: 'A project with datasets, structures, analyses',
        responses: { '200': anyJson('Project.'), '400': err('No such project.') },
      },
      patch: { operationId: 'renameProject', summary: 'Rename', responses: { '200': anyJson('Project.') } },
      delete: {
        operationId: 'deleteProject',
        summary: 'Delete with everything in it',
        responses: { '200': anyJson('Deleted.') },
      },
    },
    '/api/projects/{id}/datasets': {
      parameters: [idParam('id')],
      post: {
        operationId: 'uploadDatasets',
        summary: 'Upload files (multipart, field "file", many allowed); same bytes are stored once',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } },
              },
            },
          },
        },
        responses: {
          '200': anyJson('{imported, failed}.'),
          '400': err('No file accepted.'),
          '413': err('Too large.'),
          '503': unavailable,
        },
      },
    },
    '/api/projects/{id}/report': {
      parameters: [idParam('id')],
      get: {
        operationId: 'projectReport',
        summary: 'Self-contained HTML report',
        responses: { '200': { description: 'HTML.', content: { 'text/html': {} } } },
      },
    },
    '/api/datasets/{id}': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getDataset',
        summary: 'Dataset info and parsed columns',
        responses: { '200': anyJson('Dataset.') },
      },
    },
    '/api/datasets/{id}/raw': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getDatasetRaw',
        summary: 'The uploaded bytes',
        responses: { '200': { description: 'Bytes.', content: { 'application/octet-stream': {} } } },
      },
    },
    '/api/structures/{id}/cif': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getStructureCif',
        summary: 'Structure as P1 CIF',
        responses: { '200': { description: 'CIF.', content: { 'chemical/x-cif': {} } } },
      },
    },
    '/api/jobs': {
      get: {
        operationId: 'listJobs',
        summary:
          'Jobs/analyses (query: projectId, status); `distributed` tells whether mode "distributed" is available',
        responses: { '200': anyJson('Jobs.') },
      },
      post: {
        operationId: 'submitJob',
        summary: 'Run an operation as a stored job on the worker pool',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['operation', 'input'],
                properties: {
                  operation: { type: 'string' },
                  input: { type: 'object' },
                  projectId: { type: 'string' },
                  seed: { type: 'integer' },
                  mode: {
                    type: 'string',
                    enum: ['local', 'distributed'],
                    description:
                      "Default 'local' (this server's worker threads). 'distributed': a sweep split into chunks on the BullMQ queue of NATRIUM_REDIS_URL, computed by `natrium worker`s; 400 when the server has no Redis or the operation is not a sweep.",
                  },
                  chunkSize: {
                    type: 'integer',
                    minimum: 1,
                    description: 'Points per chunk of a distributed sweep (default: about 8 chunks).',
                  },
                },
              },
            },
          },
        },
        responses: {
          '202': anyJson('The queued job (with its mode).'),
          '400': err('Unknown operation or invalid input.'),
        },
      },
    },
    '/api/jobs/{id}': {
      parameters: [idParam('id')],
      get: { operationId: 'getJob', summary: 'Job with result', responses: { '200': anyJson('Job.') } },
    },
    '/api/jobs/{id}/cancel': {
      parameters: [idParam('id')],
      post: {
        operationId: 'cancelJob',
        summary:
          'Cancel: a local job is aborted; a distributed sweep is marked cancelled on Redis, its waiting chunks removed and its running chunks stopped by their workers; no result is stored',
        responses: { '200': anyJson('Job.') },
      },
    },
    '/api/jobs/{id}/events': {
      parameters: [idParam('id')],
      get: {
        operationId: 'jobEvents',
        summary: 'Progress as server-sent events (event: progress)',
        responses: { '200': { description: 'SSE stream.', content: { 'text/event-stream': {} } } },
      },
    },
  });
  return paths;
}
