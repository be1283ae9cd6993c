// Deciding how to reverse a recorded revocation, from the record alone. No VS Code and no I/O, so every rule here
// is unit-tested; the undo command checks the profile as it is now (undoChecks.ts), asks for confirmation and runs
// the plan through the same mutation pipeline as the revocations. Which actions are revocations and what reverses
// them is the registry's (cloud/operations.ts, reversals.ts): nothing here names an operation. This file is in the
// activation bundle (the history view marks undoable rows with isUndoable): what only the undo command needs lives
// in undoChecks.ts.

import { CLOUD_OPERATIONS, isRevocation, type RevocationAction } from '../cloud/operations';
import type { CallRecord, Product } from '../cloud/types';
import { REVERSALS } from './reversals';
import type { UndoRefusal } from './undoRefusal';

export type { UndoRefusal } from './undoRefusal';

interface PlanScope {
  readonly profile: string;
  readonly region: string;
  /** Where the revocation went; the undo must go to the same place. */
  readonly endpoint: string;
  readonly product: Product;
  /** Masked, as the record keeps it. */
  readonly maskedAccessKeyId?: string;
  /** The role whose temporary key signed the revocation, when one did: its key is renewed, the role stays. */
  readonly roleArn?: string;
  /** The AccountId the revocation's key belonged to (STS), when the record says. */
  readonly account?: string;
  /** The revocation's own RequestId, for the confirmation and the mark on the record. */
  readonly requestId?: string;
}

export interface UndoPlan extends PlanScope {
  /** The recorded revocation: its registry entry (REVERSALS, commands/mutations/operations.ts) runs the undo. */
  readonly revocation: RevocationAction;
  /** The undo twin's action (the revocation's `undoneBy`). */
  readonly action: string;
  /** What the twin acts on, as the revocation's Reversal planned it (ReversalTarget of `revocation`). */
  readonly target: unknown;
}

export type UndoDecision = { readonly plan: UndoPlan } | { readonly refusal: UndoRefusal };

/** A record as the history keeps it: the call, plus the mark an undo leaves on it. */
export type UndoableRecord = CallRecord & {
  readonly undoneBy?: { readonly requestId: string; readonly time: string };
  /** A later call that changed the same target (laterChange.ts): undoing this one would overrule it. */
  readonly supersededBy?: { readonly action: string; readonly time: string; readonly requestId?: string };
};

/** What a record's undo would do, or why it cannot be undone. */
export function planUndo(record: UndoableRecord): UndoDecision {
  if (record.outcome !== 'succeeded') return { refusal: { why: 'notSucceeded' } };
  if (record.undoneBy) return { refusal: { why: 'alreadyUndone', requestId: record.undoneBy.requestId } };
  if (record.supersededBy) return { refusal: { why: 'superseded', ...record.supersededBy } };
  if (!record.profile) return { refusal: { why: 'noProfile' } };
  const revocation = record.action;
  if (!isRevocation(revocation) || CLOUD_OPERATIONS[revocation].product !== record.product) {
    return { refusal: { why: 'notRevocation', action: record.action } };
  }
  const planned = REVERSALS[revocation].plan(record);
  if ('refusal' in planned) return planned;
  return {
    plan: {
      profile: record.profile,
      region: record.region,
      endpoint: record.endpoint,
      product: record.product,
      ...(record.maskedAccessKeyId ? { maskedAccessKeyId: record.maskedAccessKeyId } : {}),
      ...(record.credential?.roleArn ? { roleArn: record.credential.roleArn } : {}),
      ...(record.account ? { account: record.account } : {}),
      ...(record.requestId ? { requestId: record.requestId } : {}),
      revocation,
      action: CLOUD_OPERATIONS[revocation].undoneBy,
      target: planned.target,
    },
  };
}

/** The history entry of one Revoke All Media Access run (#21): its undo is its steps' (undoSet.ts), once. */
export const RUN_ACTION = 'RevokeAllMediaAccess';

export function isUndoable(record: UndoableRecord): boolean {
  return 'plan' in planUndo(record) || (record.action === RUN_ACTION && !record.undoneBy);
}
