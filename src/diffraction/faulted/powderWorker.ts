/**
 * Body of a faulted-powder worker thread: computes one orbit's contribution from plain data with
 * the same function the single-threaded path uses (default X-ray scattering factors).
 * Errors cross the thread boundary as plain objects so an InputError keeps its message and field.
 */
import { InputError, type InputErrorTransfer } from '../../core/errors.ts';
import { defaultFormFactors } from '../formFactors.ts';
import type { FaultedModel } from './model.ts';
import { type OrbitContribution, orbitContribution, type PowderPlan } from './powder.ts';

export interface OrbitTask {
  model: FaultedModel;
  plan: PowderPlan;
  index: number;
}

export type OrbitReply =
  | { ok: true; contribution: OrbitContribution }
  | {
      ok: false;
      message: string;
      input?: InputErrorTransfer;
    };

export function orbitTask(task: OrbitTask): OrbitReply {
  try {
    const contribution = orbitContribution(task.model, task.plan, task.index, (sp, s) =>
      defaultFormFactors.f0(sp, s),
    );
    return { ok: true, contribution };
  } catch (e) {
    if (e instanceof InputError)
      return {
        ok: false,
        message: e.message,
        input: e.toTransfer(),
      };
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
