// Writes whose answer was lost. A timeout or a reset after the request went out can hide a write the server
// already did; retrying it blindly then reports the retry's answer (`Bucket.NotBind`, "not attached") as the
// outcome, and the record says "failed" for a revocation that happened. So a write declares a read-back: after an
// ambiguous attempt the channel reads the state and lets it decide:
//   - it shows the write took effect → the call succeeds, confirmed by the read (Acknowledged.confirmedBy);
//   - it shows it did not → the original error stands, and the retry policy may try again (that is now safe);
//   - the read fails too → OutcomeUnknown, with both RequestIds, and no further attempt.
// The read is an ordinary call through the client: rate-limited, retried on its own budget, its own CallRecord.
// It runs even after the caller cancelled, under no caller's signal (rpc.ts): a cancel never turns a write that
// may have happened into "cancelled"; only the state can say what it did.

import * as l10n from '@vscode/l10n';
import { CloudError } from './errors';
import { capText } from './redact';
import type { Acknowledged, CallOptions, ReadBackConfirmation } from './types';

/** What the read showed. `confirm` is present only when the state shows the write took effect. */
export interface ReadBackResult<T> {
  /** The read's RequestId (the first page's for a paged listing). */
  readonly requestId: string;
  /** Builds the call's result from the acknowledgement the channel composes (RequestIds, confirmedBy). */
  readonly confirm?: (ack: Acknowledged & { readonly confirmedBy: ReadBackConfirmation }) => T;
}

export interface ReadBack<T> {
  /** The read action, for records and messages: `ListAllMediaBucket`, `ListAppPoliciesForIdentity`. */
  readonly action: string;
  /** Reads the state; throws (a CloudError) when the read fails. */
  readonly read: (options: CallOptions) => Promise<ReadBackResult<T>>;
}

/** Network codes after which the request may have reached the server. A refused connection never did. */
const MAYBE_SENT = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT']);

/**
 * Whether a failed attempt may hide an executed write: no authoritative answer from the service came back. A
 * timeout or a reset; a gateway's answer instead of the service's (an HTML page, a body without RequestId, a 5xx
 * without an Alibaba Code). An Alibaba error body, throttling included, is the service saying it did not do it.
 */
export function isAmbiguous(err: CloudError): boolean {
  switch (err.kind) {
    case 'timeout':
      return true;
    case 'network':
      return MAYBE_SENT.has(err.code);
    case 'bad-response':
      return err.code === 'InvalidResponse';
    case 'server':
      return /^HTTP5\d\d$/.test(err.code);
    default:
      return false;
  }
}

export interface Settled<T> {
  readonly value: T;
  /** The write's own RequestId, '' when its answer was lost entirely. */
  readonly requestId: string;
  readonly confirmedBy: ReadBackConfirmation;
}

/**
 * Settles an ambiguous attempt by reading the state back. Resolves when the state shows the write took effect;
 * rethrows `writeErr` when it shows it did not (the caller's retry policy decides whether to try again); throws
 * OutcomeUnknown when the read fails.
 */
export async function settleByReadBack<T>(
  readBack: ReadBack<T>,
  write: { readonly action: string; readonly target: string },
  writeErr: CloudError,
  options: CallOptions,
): Promise<Settled<T>> {
  let shown: ReadBackResult<T>;
  try {
    shown = await readBack.read(options);
  } catch (thrown) {
    throw outcomeUnknownError(write, writeErr, readBack.action, thrown);
  }
  if (!shown.confirm) throw writeErr;
  const confirmedBy: ReadBackConfirmation = { action: readBack.action, requestId: shown.requestId };
  const value = shown.confirm({ requestId: writeErr.requestId ?? shown.requestId, confirmedBy });
  return { value, requestId: writeErr.requestId ?? '', confirmedBy };
}

/** The write may or may not have happened: say so, with every RequestId a support ticket needs. */
export function outcomeUnknownError(
  write: { readonly action: string; readonly target: string },
  writeErr: CloudError,
  readAction: string,
  readThrown: unknown,
): CloudError {
  const readErr =
    readThrown instanceof CloudError
      ? readThrown
      : new CloudError({ kind: 'bad-response', code: 'UnexpectedError', message: l10n.t('The read-back failed.'), retryable: false });
  const writeId = writeErr.requestId ?? l10n.t('none (no answer)');
  const readId = readErr.requestId ?? l10n.t('none');
  return new CloudError({
    kind: 'unknown-outcome',
    code: 'OutcomeUnknown',
    // Both causes are cut short so the RequestIds at the end survive the message cap.
    message: l10n.t(
      '{0} {1} may or may not have taken effect: its answer was lost ({2}: {3}) and reading the state back with {4} failed too ({5}: {6}). Refresh before trying again. {0} RequestId {7}; {4} RequestId {8}.',
      write.action,
      write.target,
      writeErr.code,
      capText(writeErr.message, 600),
      readAction,
      readErr.code,
      capText(readErr.message, 600),
      writeId,
      readId,
    ),
    ...(writeErr.requestId !== undefined ? { requestId: writeErr.requestId } : {}),
    retryable: false,
    readBack: { action: readAction, code: readErr.code, ...(readErr.requestId !== undefined ? { requestId: readErr.requestId } : {}) },
  });
}
