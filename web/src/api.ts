/** Typed calls to the natrium HTTP API; every failure becomes an ApiError with a readable message. */
import type { CifResponse, ExampleInfo, XrdRequest, XrdResponse } from '../../src/app/server/schemas.ts';

export type { PowderPattern, StructureScene, StructureSummary } from '../../src/app/server/schemas.ts';
export type { CifResponse, ExampleInfo, XrdRequest, XrdResponse };

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function request(path: string, init?: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('Could not reach the natrium server; is `npm start` still running?', 0);
  }
  if (res.ok) return res;
  let message = `The server answered ${res.status} ${res.statusText}.`;
  try {
    const body = await res.json();
    if (typeof body?.message === 'string') message = body.message;
  } catch {
    // Not JSON (e.g. a proxy error page): keep the status line.
  }
  throw new ApiError(message, res.status);
}

function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  }).then((r) => r.json() as Promise<T>);
}

export const api = {
  analyseCif: (cif: string, fileName?: string, signal?: AbortSignal) =>
    postJson<CifResponse>('/api/cif', { cif, fileName }, signal),
  simulateXrd: (req: XrdRequest, signal?: AbortSignal) => postJson<XrdResponse>('/api/xrd', req, signal),
  listExamples: () =>
    request('/api/examples')
      .then((r) => r.json() as Promise<{ examples: ExampleInfo[] }>)
      .then((b) => b.examples),
  getExample: (name: string) => request(`/api/examples/${encodeURIComponent(name)}`).then((r) => r.text()),
};

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
