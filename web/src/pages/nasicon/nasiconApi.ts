/** Typed calls to the NASICON operations (POST /api/ops/nasicon.*); failures become ApiError. */
import type {
  NasiconBuildOutput,
  NasiconBvseOutput,
  NasiconCompositionInput,
  NasiconConductivityOutput,
  NasiconOptionsOutput,
  NasiconStabilityOutput,
} from '../../../../src/app/registry/ops/nasicon.ts';
import { ApiError } from '../../api.ts';

export type {
  NasiconBuildOutput,
  NasiconBvseOutput,
  NasiconCompositionInput,
  NasiconConductivityOutput,
  NasiconOptionsOutput,
  NasiconStabilityOutput,
};

async function op<T>(id: string, body: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/ops/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('Could not reach the natrium server; is `npm start` still running?', 0);
  }
  if (!res.ok) {
    let message = `The server answered ${res.status} ${res.statusText}.`;
    try {
      const b = await res.json();
      if (typeof b?.message === 'string') message = b.message;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(message, res.status);
  }
  return (await res.json()) as T;
}

export const nasiconApi = {
  options: () => op<NasiconOptionsOutput>('nasicon.options', {}),
  build: (c: NasiconCompositionInput, signal?: AbortSignal) =>
    op<NasiconBuildOutput>('nasicon.build', c, signal),
  bvse: (c: NasiconCompositionInput & { grid: number; landscape: boolean }, signal?: AbortSignal) =>
    op<NasiconBvseOutput>('nasicon.bvse', c, signal),
  conductivity: (c: NasiconCompositionInput & { temperatureC: number }, signal?: AbortSignal) =>
    op<NasiconConductivityOutput>('nasicon.conductivity', c, signal),
  stability: (c: NasiconCompositionInput, signal?: AbortSignal) =>
    op<NasiconStabilityOutput>('nasicon.stability', c, signal),
};
