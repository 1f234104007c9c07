/** Calls to the project, upload and job routes of the natrium server. */
import { ApiError } from '../../api.ts';
import type { JsonSchema } from '../../components/OpForm.tsx';

/** A registered operation as `GET /api/ops` describes it (forms are generated from inputSchema). */
export interface OpInfo {
  id: string;
  title: string;
  description: string;
  sweep: boolean;
  long: boolean;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
}

export type JobMode = 'local' | 'distributed';

export interface Project {
  id: string;
  name: string;
  description: string;
  datasets?: number;
  analyses?: number;
}

export interface Dataset {
  id: string;
  name: string;
  format: string;
  sizeBytes: number;
  sha256: string;
}

export interface StructureRow {
  id: string;
  name: string;
  formula: string;
  datasetId: string | null;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Analysis {
  id: string;
  operationId: string;
  params: Record<string, unknown>;
  result: unknown;
  status: JobStatus;
  error: string | null;
  progress: { done: number; total: number };
  seed: number;
  natriumVersion: string;
  createdAt: string;
  durationMs: number | null;
}

export interface ProjectDetail extends Omit<Project, 'datasets' | 'analyses'> {
  datasets: Dataset[];
  structures: StructureRow[];
  analyses: Analysis[];
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError('Could not reach the natrium server; is `npm start` still running?', 0);
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok)
    throw new ApiError(
      typeof body?.message === 'string' ? body.message : `The server answered ${res.status}.`,
      res.status,
    );
  return body as T;
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const platformApi = {
  listProjects: () => call<{ projects: Project[] }>('/api/projects').then((b) => b.projects),
  createProject: (name: string) => call<Project>('/api/projects', json('POST', { name })),
  renameProject: (id: string, name: string) => call<Project>(`/api/projects/${id}`, json('PATCH', { name })),
  deleteProject: (id: string) => call<{ deleted: boolean }>(`/api/projects/${id}`, { method: 'DELETE' }),
  showProject: (id: string) => call<ProjectDetail>(`/api/projects/${id}`),
  upload: (id: string, files: File[]) => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    return call<{ imported: Dataset[]; failed: { file: string; error: string }[] }>(
      `/api/projects/${id}/datasets`,
      {
        method: 'POST',
        body: form,
      },
    );
  },
  structureCif: (id: string) =>
    fetch(`/api/structures/${id}/cif`).then((r) => {
      if (!r.ok) throw new ApiError('The structure could not be loaded.', r.status);
      return r.text();
    }),
  submitJob: (operation: string, input: unknown, projectId: string, seed?: number, mode?: JobMode) =>
    call<Analysis>('/api/jobs', json('POST', { operation, input, projectId, seed, mode })),
  listOps: () => call<{ operations: OpInfo[] }>('/api/ops').then((b) => b.operations),
  /** Whether the server can run sweeps on distributed workers (started with NATRIUM_REDIS_URL). */
  distributedAvailable: () =>
    call<{ distributed?: boolean }>('/api/jobs?status=running').then((b) => Boolean(b.distributed)),
  datasetBytes: (id: string) =>
    fetch(`/api/datasets/${id}/raw`).then(async (r) => {
      if (!r.ok) throw new ApiError('The dataset could not be loaded.', r.status);
      return new Uint8Array(await r.arrayBuffer());
    }),
  getJob: (id: string) => call<Analysis>(`/api/jobs/${id}`),
  cancelJob: (id: string) => call<Analysis>(`/api/jobs/${id}/cancel`, { method: 'POST' }),
};
