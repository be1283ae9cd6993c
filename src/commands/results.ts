// What the revocation commands return to programmatic callers (tests, tasks, other extensions). Plain JSON, so it
// crosses executeCommand unchanged; errors carry the fields people need for a ticket, never a secret.

import { toCloudError, type CallErrorInfo, type PolicyChangeResult } from '../cloud';

/** The core's normalized error plus the RequestId, when the server gave one. */
export interface ResultError extends CallErrorInfo {
  readonly requestId?: string;
}

export interface Failed {
  readonly ok: false;
  readonly error: ResultError;
}

export type UnbindResult = ({ readonly ok: true; readonly requestId: string } | Failed) & {
  readonly profile?: string;
  readonly bucket?: string;
};

export interface BucketOutcome {
  readonly bucket: string;
  readonly status: 'succeeded' | 'failed' | 'skipped';
  readonly requestId?: string;
  readonly error?: ResultError;
}

export interface BulkUnbindResult {
  /** True only when every bucket was unbound. */
  readonly ok: boolean;
  readonly profile: string;
  readonly cancelled: boolean;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  readonly results: readonly BucketOutcome[];
}

export interface DetachTargetFields {
  readonly profile?: string;
  readonly identityType?: string;
  readonly identityName?: string;
  readonly appId?: string;
  readonly policyNames?: readonly string[];
}

/**
 * `ok: true` means the call succeeded and has a RequestId; the server may still list names it did not detach in
 * failedPolicyNames (and names the identity never had in nonExistPolicyNames), so callers check those too.
 */
export type DetachResult = DetachTargetFields &
  (
    | { readonly ok: true; readonly requestId: string; readonly nonExistPolicyNames: readonly string[]; readonly failedPolicyNames: readonly string[] }
    | Failed
  );

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

export function detachSucceeded(result: PolicyChangeResult) {
  return {
    ok: true as const,
    requestId: result.requestId,
    nonExistPolicyNames: [...result.nonExistPolicyNames],
    failedPolicyNames: [...result.failedPolicyNames],
  };
}
