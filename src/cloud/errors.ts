// One error type for everything the core can fail with, and what host code needs of it: the CloudError class, the
// errors the light half makes (cancelled, invalid input), `toCloudError` for whatever host code catches, and
// `describeError`. This module is in the activation bundle (and the only copy of CloudError: esbuild.js).
//
// How pop-core fails (error bodies, non-JSON bodies, timeouts, URL tails) is understood in popCoreErrors.ts, which
// only the lazily loaded clients load: rpc.ts normalizes everything pop-core throws there, so no pop-core shape
// ever leaves the clients. CloudError keeps only normalized, redacted fields: never pop-core's error, its `entry`
// (request headers, URL) or its `url`.

import * as l10n from '@vscode/l10n';
import { inspect } from 'node:util';
import { MAX_SERVER_ID, cleanServerText } from './redact';
import type { CallErrorInfo, CloudErrorKind, ReadBackFailure } from './types';

export interface CloudErrorInit {
  readonly kind: CloudErrorKind;
  readonly code: string;
  readonly message: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
  readonly recommend?: string;
  readonly hostId?: string;
  /** Defaults from the kind and code (see isRetryableByDefault). */
  readonly retryable?: boolean;
  readonly retryAfterMs?: number;
  /** For kind unknown-outcome: the read-back that failed. */
  readonly readBack?: ReadBackFailure;
}

export class CloudError extends Error {
  readonly kind: CloudErrorKind;
  readonly code: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
  readonly recommend?: string;
  readonly hostId?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly readBack?: ReadBackFailure;

  constructor(init: CloudErrorInit) {
    // Cleaned here as well as at every call site: server text is never trusted to be one bounded, secret-free
    // line, and every field below may have come from a server.
    super(cleanServerText(init.message));
    this.name = 'CloudError';
    this.kind = init.kind;
    this.code = cleanServerText(init.code, [], MAX_SERVER_ID);
    if (init.requestId !== undefined) this.requestId = cleanServerText(init.requestId, [], MAX_SERVER_ID);
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    if (init.recommend !== undefined) this.recommend = cleanServerText(init.recommend);
    if (init.hostId !== undefined) this.hostId = cleanServerText(init.hostId, [], MAX_SERVER_ID);
    this.retryable = init.retryable ?? isRetryableByDefault(init.kind, init.code);
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.readBack !== undefined) this.readBack = init.readBack;
  }

  /** The normalized view stored in CallRecords. */
  toInfo(): CallErrorInfo {
    return {
      kind: this.kind,
      code: this.code,
      message: this.message,
      ...(this.httpStatus !== undefined ? { httpStatus: this.httpStatus } : {}),
      ...(this.recommend !== undefined ? { recommend: this.recommend } : {}),
      ...(this.readBack !== undefined ? { readBack: this.readBack } : {}),
    };
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      code: this.code,
      message: this.message,
      requestId: this.requestId,
      httpStatus: this.httpStatus,
      recommend: this.recommend,
      hostId: this.hostId,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      readBack: this.readBack,
    };
  }

  [inspect.custom](): string {
    return `${this.stack ?? `${this.name}: ${this.message}`} ${inspect(this.toJSON(), { breakLength: Infinity })}`;
  }
}

export function isCloudError(value: unknown): value is CloudError {
  return value instanceof CloudError;
}

/** Kinds worth another attempt by default. Throttling and 5xx are the server asking us to come back later. */
function isRetryableByDefault(kind: CloudErrorKind, code: string): boolean {
  if (code === 'SignatureNonceUsed') return true; // the next attempt is signed with a fresh nonce
  return kind === 'throttled' || kind === 'server' || kind === 'timeout';
}

// ---------------------------------------------------------------------------------------------------------------
// Normalization of what host code catches

/**
 * Whatever host code catches becomes a CloudError: a CloudError as it is, an abort as kind cancelled, a Node
 * network error (the credentials library's, a socket's) as kind network, anything else as UnexpectedError.
 * pop-core's own failure shapes never get here: the clients normalize them first (popCoreErrors.ts), passing
 * their own `clean` (secrets scrubbed, URL tails dropped) for the text taken from the thrown value.
 */
export function toCloudError(thrown: unknown, clean: (text: string) => string = cleanServerText): CloudError {
  if (thrown instanceof CloudError) return thrown;
  let message = typeof thrown === 'string' ? thrown : '';
  if (isObjectLike(thrown)) {
    const name = stringOf(thrown.name);
    if (name === 'AbortError' || name === 'CanceledError') return cancelledError();
    message = stringOf(thrown.message) ?? '';
    const network = networkError(stringOf(thrown.code), message, clean);
    if (network) return network;
  }
  return new CloudError({
    kind: 'bad-response',
    code: 'UnexpectedError',
    message: clean(message) || l10n.t('Unexpected failure while calling Alibaba Cloud.'),
    retryable: false,
  });
}

/** The network codes people are told about in words, and whether each is worth another attempt. */
function knownNetworkError(code: string): [text: string, retryable: boolean] | undefined {
  switch (code) {
    case 'ECONNRESET':
      return [l10n.t('The connection was reset.'), true];
    case 'EPIPE':
      return [l10n.t('The connection was closed while sending.'), true];
    case 'ECONNABORTED':
      return [l10n.t('The connection was aborted.'), true];
    case 'ETIMEDOUT':
      return [l10n.t('The connection timed out.'), true];
    case 'EAI_AGAIN':
      return [l10n.t('DNS lookup failed temporarily.'), true];
    // A refused connection or an unknown host is a configuration problem: retrying only delays the message.
    case 'ECONNREFUSED':
      return [l10n.t('The connection was refused.'), false];
    case 'ENOTFOUND':
      return [l10n.t('The host name could not be resolved.'), false];
    case 'EHOSTUNREACH':
      return [l10n.t('The host is unreachable.'), false];
    case 'ENETUNREACH':
      return [l10n.t('The network is unreachable.'), false];
    default:
      return undefined;
  }
}

function networkError(nodeCode: string | undefined, message: string, clean: (t: string) => string): CloudError | undefined {
  const known = nodeCode ? knownNetworkError(nodeCode) : undefined;
  if (known) {
    return new CloudError({ kind: 'network', code: nodeCode as string, message: known[0], retryable: known[1] });
  }
  if (/socket hang up/i.test(message)) {
    return new CloudError({ kind: 'network', code: 'ECONNRESET', message: l10n.t('The server closed the connection (socket hang up).'), retryable: true });
  }
  if (nodeCode && /^E[A-Z_]+$/.test(nodeCode)) {
    return new CloudError({ kind: 'network', code: nodeCode, message: clean(message) || nodeCode, retryable: false });
  }
  return undefined;
}

/**
 * `readInFlight`: a read's request had been sent and not answered when the cancel came; its answer is not waited
 * for (a read changes nothing). A write on the wire is never cancelled this way: rpc.ts awaits it or reads back.
 */
export function cancelledError(readInFlight = false): CloudError {
  return new CloudError({
    kind: 'cancelled',
    code: 'Cancelled',
    message: readInFlight
      ? l10n.t('The read was cancelled while its request was in flight; its answer was not waited for.')
      : l10n.t('The call was cancelled before a request was in flight.'),
    retryable: false,
  });
}

export function invalidInputError(message: string, code = 'InvalidInput'): CloudError {
  return new CloudError({ kind: 'invalid-input', code, message, retryable: false });
}

/**
 * One line for people: `SignatureDoesNotMatch (HTTP 400): Specified signature is not matched with our calculation.
 * RequestId 4AEA0480-…`.
 */
export function describeError(err: unknown): string {
  const e = toCloudError(err);
  const head = e.httpStatus !== undefined ? `${e.code} (HTTP ${e.httpStatus})` : e.code;
  const message = e.message.trim();
  // A Chinese message ends in its own full stop.
  const sentence = message && !/[.!?。！？]$/.test(message) ? `${message}.` : message;
  return `${head}: ${sentence}${e.requestId ? ` RequestId ${e.requestId}` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading thrown values (parsed JSON has a null prototype: only plain property reads are safe)

/** Any object, arrays and class instances included: thrown values are Errors or pop-core's plain objects. */
export function isObjectLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}
