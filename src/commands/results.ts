// What commands return to programmatic callers (tests, tasks, other extensions). Plain JSON, so it crosses
// executeCommand unchanged; errors carry the fields people need for a ticket, never a secret. The one place error
// results are built.

import { CloudError, toCloudError, type CallErrorInfo } from '../cloud';

/** The core's normalized error plus the RequestId, when the server gave one. */
export interface ResultError extends CallErrorInfo {
  readonly requestId?: string;
}

export interface Failed {
  readonly ok: false;
  readonly error: ResultError;
}

export interface Succeeded {
  readonly ok: true;
  readonly requestId: string;
}

export type TargetStatus = 'succeeded' | 'failed' | 'skipped';

/** One target of a bulk run: its naming fields, what happened, and the RequestId or error. */
export type TargetOutcome<F> = F & {
  readonly status: TargetStatus;
  readonly requestId?: string;
  readonly error?: ResultError;
};

export interface BulkResult<F> {
  /** True only when every target succeeded (and none only partly). */
  readonly ok: boolean;
  readonly profile: string;
  readonly cancelled: boolean;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  readonly results: readonly TargetOutcome<F>[];
}

export interface BucketFields {
  readonly profile: string;
  readonly bucket: string;
}

export interface PolicyFields {
  readonly profile: string;
  readonly identityType: string;
  readonly identityName: string;
  readonly appId?: string;
  readonly policyNames: readonly string[];
}

/** Names the server reported it did not detach/attach; `ok: true` callers check these too. */
export interface PolicyNamesOutcome {
  readonly nonExistPolicyNames: readonly string[];
  readonly failedPolicyNames: readonly string[];
}

/** Fields are absent only when the argument itself was rejected. */
export type UnbindResult = Partial<BucketFields> & (Succeeded | Failed);
export type BulkUnbindResult = BulkResult<BucketFields>;
export type DetachResult = Partial<PolicyFields> & ((Succeeded & PolicyNamesOutcome) | Failed);
export type BulkDetachResult = BulkResult<PolicyFields & Partial<PolicyNamesOutcome>>;

/** Settings edits and credential commands. */
export type EditResult = { readonly ok: true } | Failed;

export function resultError(thrown: unknown): ResultError {
  const e = toCloudError(thrown);
  return {
    kind: e.kind,
    code: e.code,
    message: e.message,
    ...(e.requestId !== undefined ? { requestId: e.requestId } : {}),
    ...(e.httpStatus !== undefined ? { httpStatus: e.httpStatus } : {}),
    ...(e.recommend !== undefined ? { recommend: e.recommend } : {}),
  };
}

export function failed(thrown: unknown): Failed {
  return { ok: false, error: resultError(thrown) };
}

/** A refusal before anything is sent: a malformed argument, an unknown profile, a duplicate setting. */
export function invalidArgument(message: string, code = 'InvalidArgument'): Failed {
  return failed(new CloudError({ kind: 'invalid-input', code, message, retryable: false }));
}
