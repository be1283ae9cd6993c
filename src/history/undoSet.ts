// Undo as a set (#21): a Revoke All Media Access run is one history entry (RUN_ACTION) naming its steps by
// RequestId; its undo plans each step exactly as a single undo would (planUndo: only what the step's record
// confirms removed), in reverse order — memberships and RAM policies come back before app policies, the opposite of
// the run — and says per step why one cannot be undone. Only the undo command needs this, so it is not in the
// activation bundle. No VS Code and no I/O.

import type { CallRecord } from '../cloud/types';
import { planUndo, type UndoPlan, type UndoRefusal, type UndoableRecord } from './undoPlan';

/** The history entry of one run (not an API action: no product answers it); undoPlan.ts marks it undoable. */
export { RUN_ACTION } from './undoPlan';
/** Its params: the steps' RequestIds, in run order, comma-separated (several params when long). */
export const RUN_STEPS_PARAM = 'Steps';

/** The RequestIds a run record names, in run order. */
export function runStepRequestIds(run: Pick<CallRecord, 'params'>): string[] {
  return Object.keys(run.params)
    .filter((k) => k === RUN_STEPS_PARAM || /^Steps\d+$/.test(k))
    .sort((a, b) => (Number(a.slice(5)) || 0) - (Number(b.slice(5)) || 0))
    .flatMap((k) => (run.params[k] ?? '').split(','))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The run's step RequestIds as params, each under the records' field length limit. */
export function runStepParams(requestIds: readonly string[], maxLength = 1900): Record<string, string> {
  const params: Record<string, string> = {};
  let chunk: string[] = [];
  let n = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    params[n === 0 ? RUN_STEPS_PARAM : `${RUN_STEPS_PARAM}${n + 1}`] = chunk.join(',');
    n++;
    chunk = [];
  };
  for (const id of requestIds) {
    if ([...chunk, id].join(',').length > maxLength) flush();
    chunk.push(id);
  }
  flush();
  return params;
}

export interface SetStep {
  readonly requestId: string;
  /** The step's record, when the history still holds it. */
  readonly record?: UndoableRecord;
  readonly decision: { readonly plan: UndoPlan } | { readonly refusal: UndoRefusal } | { readonly missing: true };
}

export interface UndoSetPlan {
  /** Every step, in undo order (the reverse of the run's). */
  readonly steps: readonly SetStep[];
  /** The ones that will be undone. */
  readonly plans: readonly UndoPlan[];
  /** Steps of another profile than the run's are refused: one confirmation names one profile's account. */
  readonly profile?: string;
}

/**
 * Plans the undo of a run from the history as it is: each step's record by RequestId, planned alone. A step whose
 * record is gone, failed, was already undone or was overtaken is listed with its reason and left alone.
 */
export function planUndoSet(run: UndoableRecord, records: readonly UndoableRecord[]): UndoSetPlan {
  const byRequestId = new Map<string, UndoableRecord>();
  for (const r of records) if (r.requestId && r.id !== run.id && !byRequestId.has(r.requestId)) byRequestId.set(r.requestId, r);
  const steps: SetStep[] = runStepRequestIds(run).reverse().map((requestId) => {
    const record = byRequestId.get(requestId);
    if (!record) return { requestId, decision: { missing: true } };
    if (record.profile !== run.profile) return { requestId, record, decision: { refusal: { why: 'noProfile' } } };
    return { requestId, record, decision: planUndo(record) };
  });
  const plans = steps.flatMap((s) => ('plan' in s.decision ? [s.decision.plan] : []));
  return { steps, plans, ...(run.profile ? { profile: run.profile } : {}) };
}
