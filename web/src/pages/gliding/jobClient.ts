/**
 * Runs an operation as a platform job (`POST /api/jobs`, progress over server-sent events from
 * `/api/jobs/<id>/events`, result from `/api/jobs/<id>`, cancel by `/api/jobs/<id>/cancel`), so long
 * gliding runs show real progress and stop on the server when cancelled. When the server has no job
 * routes (started without a store: 404), the operation is called directly (`POST /api/ops/<id>`).
 */
import { ApiError } from '../../api.ts';
import { callOp } from '../../components/opsClient.ts';

/** Polling interval when the event stream was lost (ms). */
const POLL_MS = 500;

export interface JobProgress {
  done: number;
  total: number;
}

interface JobRow {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  result: unknown;
  error: string | null;
  progress: JobProgress;
}

async function readJson<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => null);
  if (!res.ok)
    throw new ApiError(
      typeof body?.message === 'string' ? body.message : `The server answered ${res.status}.`,
      res.status,
    );
  return body as T;
}

function abortError(): DOMException {
  return new DOMException('cancelled', 'AbortError');
}

export async function runJob<T>(
  operation: string,
  input: unknown,
  onProgress: (p: JobProgress) => void,
  signal: AbortSignal,
): Promise<T> {
  const res = await fetch('/api/jobs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operation, input, projectId: null }),
    signal,
  });
  if (res.status === 404) return callOp<T>(operation, input, signal);
  const job = await readJson<JobRow>(res);
  const cancel = () => {
    fetch(`/api/jobs/${job.id}/cancel`, { method: 'POST' }).catch(() => {});
  };
  signal.addEventListener('abort', cancel, { once: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const events = new EventSource(`/api/jobs/${job.id}/events`);
      const stop = (err?: Error | DOMException) => {
        events.close();
        signal.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve();
      };
      const onAbort = () => stop(abortError());
      signal.addEventListener('abort', onAbort, { once: true });
      events.addEventListener('progress', (e) => {
        const data = JSON.parse((e as MessageEvent).data) as {
          status: JobRow['status'];
          progress: JobProgress;
          error?: string;
        };
        if (data.progress) onProgress(data.progress);
        if (data.status === 'done') stop();
        else if (data.status === 'failed') stop(new ApiError(data.error ?? 'The job failed.', 500));
        else if (data.status === 'cancelled') stop(abortError());
      });
      // The stream ends after the final event; a dropped connection is read from the job row below.
      events.onerror = () => stop();
    });
    let final = await readJson<JobRow>(await fetch(`/api/jobs/${job.id}`, { signal }));
    // After a dropped event stream, poll until the job ends.
    while (final.status === 'queued' || final.status === 'running') {
      await new Promise((r) => setTimeout(r, POLL_MS));
      if (signal.aborted) throw abortError();
      final = await readJson<JobRow>(await fetch(`/api/jobs/${job.id}`, { signal }));
      onProgress(final.progress);
    }
    if (final.status === 'done') return final.result as T;
    if (final.status === 'cancelled') throw abortError();
    throw new ApiError(final.error ?? `The job ended as ${final.status}.`, 500);
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}
