/** Calls of the interface operations (POST /api/ops/interface.*) with the result types of the domain functions. */
import type {
  interfaceCcd,
  interfaceCompare,
  interfaceSimulate,
  membraneOperation,
} from '../../../../src/app/operations/interface.ts';
import { callOp, messageOf } from '../../components/opsClient.ts';

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

/** Every call goes through the shared ops client (one error convention for all pages). */
const op = callOp;

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

export { messageOf };
