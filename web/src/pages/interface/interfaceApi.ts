/** Calls of the interface operations (POST /api/ops/interface.*) with the result types of the domain functions. */
import type {
  interfaceCcd,
  interfaceCompare,
  interfaceSimulate,
  membraneOperation,
} from '../../../../src/app/operations/interface.ts';
import { ApiError } from '../../api.ts';

export type SimulateResult = ReturnType<typeof interfaceSimulate>;
export type CompareResult = ReturnType<typeof interfaceCompare>;
export type MembraneResult = ReturnType<typeof membraneOperation>;
export type CcdResult = ReturnType<typeof interfaceCcd>;

export interface MitigationInfo {
  id: string;
  name: string;
  system: string;
  kind: string;
  tag: string;
  source: string;
  simulated: boolean;
  measured: Record<string, number | string | null> | null;
  effects: { parameter: string; value: number; how: string }[];
  notQuantified: string | null;
}

export interface ElectrolyteInfo {
  id: string;
  label: string;
  ion: string;
  sigma25C_mS_per_cm: number;
}

/** POST one operation; a failure becomes an ApiError carrying the server's one-sentence message. */
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

export const interfaceApi = {
  simulate: (body: unknown, signal?: AbortSignal) => op<SimulateResult>('interface.simulate', body, signal),
  compare: (body: unknown, signal?: AbortSignal) => op<CompareResult>('interface.compare', body, signal),
  mitigations: () =>
    op<{ mitigations: MitigationInfo[] }>('interface.mitigations', {}).then((r) => r.mitigations),
  electrolytes: () =>
    op<{ electrolytes: ElectrolyteInfo[] }>('interface.electrolytes', {}).then((r) => r.electrolytes),
  membrane: (body: { sigma_mS_per_cm: number[]; thickness_um: number[] }) =>
    op<MembraneResult>('interface.membrane', body),
  ccd: (csv: string, fileName: string, diameter_mm?: number) =>
    op<CcdResult>('interface.ccd', { csv, fileName, ...(diameter_mm === undefined ? {} : { diameter_mm }) }),
};

export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : String(err);
}
