/** Typed calls to the NASICON operations (POST /api/ops/nasicon.*); failures become ApiError. */
import type {
  NasiconBuildOutput,
  NasiconBvseOutput,
  NasiconCompositionInput,
  NasiconConductivityOutput,
  NasiconOptionsOutput,
  NasiconStabilityOutput,
} from '../../../../src/app/registry/ops/nasicon.ts';
import { callOp } from '../../components/opsClient.ts';

export type {
  NasiconBuildOutput,
  NasiconBvseOutput,
  NasiconCompositionInput,
  NasiconConductivityOutput,
  NasiconOptionsOutput,
  NasiconStabilityOutput,
};

/** Every call goes through the shared ops client (one error convention for all pages). */
const op = callOp;

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
