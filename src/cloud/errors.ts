// One error type for everything the core can fail with, and the single place that understands how pop-core fails.
//
// pop-core 1.8.0 fails in five shapes: an Error carrying the parsed body (`data`) whose message ends with the
// request URL; a plain object `{ name: 'SyntaxError', message, at, text }` when the body is not JSON (an HTML 502
// page from a gateway); an Error named RequestTimeoutError; Node socket errors with the URL appended; and — not a
// throw at all — a resolved 4xx/5xx response whose body lacks `Code`, which rpc.ts detects and hands to
// `httpStatusError`. CloudError keeps only normalized, redacted fields: never pop-core's error, its `entry`
// (request headers, URL) or its `url`.

import { inspect } from 'node:util';
import { MAX_SERVER_ID, capText, cleanServerText, scrubSecrets } from './redact';
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
// Classification

const AUTH_CODES = [
  /^InvalidAccessKeyId(\.|$)/,
  /^SignatureDoesNotMatch$/,
  /^IncompleteSignature$/,
  /^InvalidSecurityToken(\.|$)/,
  /^InvalidTimeStamp(\.|$)/,
  /^SignatureNonceUsed$/,
  /^InvalidAccessKeySecret$/,
];
const PERMISSION_CODES = [/^Forbidden/, /^OperationDenied/, /^NoPermission/, /^AccessDenied/, /^NotAuthorized/];
const SERVER_CODES = [/^InternalError$/, /^ServiceUnavailable$/, /^InternalServerError$/, /^UnknownError$/];

/**
 * Maps an Alibaba error code and HTTP status to a kind. The code wins over the status: it is more specific. A
 * numeric code (`"Code": 500`, seen from gateways) names no Alibaba error: it is read as a status.
 */
export function classify(code: string | undefined, httpStatus: number | undefined): CloudErrorKind {
  if (code && /^\d{3}$/.test(code)) {
    return classify(undefined, httpStatus ?? Number(code));
  }
  if (code) {
    if (/Throttling/i.test(code)) return 'throttled';
    if (AUTH_CODES.some((p) => p.test(code))) return 'auth';
    if (PERMISSION_CODES.some((p) => p.test(code))) return 'permission';
    if (SERVER_CODES.some((p) => p.test(code))) return 'server';
    if (/NotFound$/.test(code) || /\.NotExist$/.test(code)) return 'not-found';
    if (/^Missing/.test(code) || /^Invalid/.test(code)) return 'invalid-input';
  }
  if (httpStatus !== undefined) {
    if (httpStatus === 429) return 'throttled';
    if (httpStatus === 401) return 'auth';
    if (httpStatus === 403) return 'permission';
    if (httpStatus === 404) return 'not-found';
    if (httpStatus >= 500) return 'server';
    if (httpStatus >= 400) return 'invalid-input';
  }
  return code ? 'invalid-input' : 'server';
}

// ---------------------------------------------------------------------------------------------------------------
// Normalization

export interface ErrorContext {
  /** Secrets to scrub from any text taken from the thrown value (the current secret and token). */
  readonly secrets?: readonly (string | undefined)[];
  /** Per-attempt timeout, for a readable timeout message. */
  readonly timeoutMs?: number;
}

/** Whatever was thrown — pop-core, Node, AbortSignal, a CloudError — becomes a CloudError. */
export function toCloudError(thrown: unknown, context: ErrorContext = {}): CloudError {
  if (thrown instanceof CloudError) return thrown;
  // Secrets go before the cut (so it cannot split one), the cut before any regex (server text may be a megabyte).
  const clean = (text: string) => cleanServerText(stripUrlTail(capText(scrubSecrets(text, context.secrets))), context.secrets);

  if (isObjectLike(thrown)) {
    // pop-core: an error body with a Code outside its success list (a string, or a number from some gateways).
    if (isObjectLike(thrown.data) && stringOf(thrown.data.Code) !== undefined) {
      const response = responseOf(thrown);
      return fromErrorBody(thrown.data, response?.statusCode, response?.headers, context);
    }
    const name = stringOf(thrown.name);
    // pop-core / json-bigint: a body that is not JSON. Not an Error, so no stack and a `text` field.
    if (name === 'SyntaxError' && !(thrown instanceof Error) && 'text' in thrown) {
      return badBodyError(stringOf(thrown.text) ?? '');
    }
    if (name === 'AbortError' || name === 'CanceledError') {
      return cancelledError();
    }
    if (name === 'RequestTimeoutError') {
      return new CloudError({
        kind: 'timeout',
        code: 'RequestTimeout',
        message:
          context.timeoutMs !== undefined
            ? `No response within ${context.timeoutMs} ms.`
            : clean(stringOf(thrown.message) ?? 'The request timed out.'),
      });
    }
    const nodeCode = stringOf(thrown.code);
    const message = stringOf(thrown.message) ?? '';
    const network = networkError(nodeCode, message, clean);
    if (network) return network;
  }

  const message = isObjectLike(thrown) ? (stringOf(thrown.message) ?? '') : typeof thrown === 'string' ? thrown : '';
  return new CloudError({
    kind: 'bad-response',
    code: 'UnexpectedError',
    message: clean(message) || 'Unexpected failure while calling Alibaba Cloud.',
    retryable: false,
  });
}

const NETWORK_CODES: Record<string, { retryable: boolean; text: string }> = {
  ECONNRESET: { retryable: true, text: 'The connection was reset.' },
  EPIPE: { retryable: true, text: 'The connection was closed while sending.' },
  ECONNABORTED: { retryable: true, text: 'The connection was aborted.' },
  ETIMEDOUT: { retryable: true, text: 'The connection timed out.' },
  EAI_AGAIN: { retryable: true, text: 'DNS lookup failed temporarily.' },
  // A refused connection or an unknown host is a configuration problem: retrying only delays the message.
  ECONNREFUSED: { retryable: false, text: 'The connection was refused.' },
  ENOTFOUND: { retryable: false, text: 'The host name could not be resolved.' },
  EHOSTUNREACH: { retryable: false, text: 'The host is unreachable.' },
  ENETUNREACH: { retryable: false, text: 'The network is unreachable.' },
};

function networkError(nodeCode: string | undefined, message: string, clean: (t: string) => string): CloudError | undefined {
  const known = nodeCode ? NETWORK_CODES[nodeCode] : undefined;
  if (known) {
    return new CloudError({ kind: 'network', code: nodeCode as string, message: known.text, retryable: known.retryable });
  }
  if (/socket hang up/i.test(message)) {
    return new CloudError({ kind: 'network', code: 'ECONNRESET', message: 'The server closed the connection (socket hang up).', retryable: true });
  }
  if (nodeCode && /^E[A-Z_]+$/.test(nodeCode)) {
    return new CloudError({ kind: 'network', code: nodeCode, message: clean(message) || nodeCode, retryable: false });
  }
  return undefined;
}

/** A CloudError from an Alibaba error body (`Code`, `Message`, `RequestId`, `Recommend`, `HostId`). */
export function fromErrorBody(
  body: Record<string, unknown>,
  httpStatus: number | undefined,
  headers: Record<string, unknown> | undefined,
  context: ErrorContext = {},
): CloudError {
  const clean = (value: unknown, max?: number) => {
    const text = stringOf(value);
    return text === undefined ? undefined : cleanServerText(text, context.secrets, max);
  };
  const code = clean(body.Code, MAX_SERVER_ID) ?? `HTTP${httpStatus ?? ''}`;
  const kind = classify(code, httpStatus);
  return new CloudError({
    kind,
    code,
    message: clean(body.Message) ?? `Alibaba Cloud returned ${code}.`,
    requestId: clean(body.RequestId, MAX_SERVER_ID),
    httpStatus,
    recommend: clean(body.Recommend),
    hostId: clean(body.HostId, MAX_SERVER_ID),
    retryAfterMs: retryAfterMs(headers),
  });
}

/**
 * pop-core resolves a 4xx/5xx response whose body has no `Code` (a gateway error in JSON, a bare 404): rpc.ts
 * sees the status in verbose mode and builds the error here.
 */
export function httpStatusError(
  httpStatus: number,
  body: unknown,
  headers: Record<string, unknown> | undefined,
  context: ErrorContext = {},
): CloudError {
  const fields = isObjectLike(body) ? body : {};
  const message = stringOf(fields.Message) ?? stringOf(fields.message) ?? `The server answered HTTP ${httpStatus} without an error code.`;
  const requestId = stringOf(fields.RequestId);
  return new CloudError({
    kind: classify(undefined, httpStatus),
    code: `HTTP${httpStatus}`,
    message: cleanServerText(message, context.secrets),
    requestId: requestId === undefined ? undefined : cleanServerText(requestId, context.secrets, MAX_SERVER_ID),
    httpStatus,
    retryAfterMs: retryAfterMs(headers),
  });
}

/** A body that is not JSON, or JSON without the fields every answer has. */
function badBodyError(text: string): CloudError {
  // A status sits in the first lines of a gateway page; a megabyte body is never searched.
  const status = statusInHtml(capText(text));
  return new CloudError({
    kind: 'bad-response',
    code: 'InvalidResponse',
    message: `The server answered with a body that is not JSON${status ? ` (it looks like an HTTP ${status} page)` : ''}.`,
    httpStatus: status,
    // Usually a gateway or load balancer page in front of a struggling service: worth another attempt,
    // unless the page itself says it is a client error.
    retryable: status === undefined || status >= 500,
  });
}

/** A success status with a body that lacks RequestId or is not an object. */
export function badResponseError(reason: string, httpStatus?: number): CloudError {
  return new CloudError({ kind: 'bad-response', code: 'InvalidResponse', message: reason, httpStatus, retryable: false });
}

/**
 * `requestInFlight`: whether a request had been sent and not answered when the cancel came. Such a request may
 * still be executed by the server (the HTTP client cannot take it back), and people need to know that.
 */
export function cancelledError(requestInFlight = false): CloudError {
  return new CloudError({
    kind: 'cancelled',
    code: 'Cancelled',
    message: requestInFlight
      ? 'The call was cancelled while its request was in flight; the server may still complete it.'
      : 'The call was cancelled before a request was in flight.',
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
  const sentence = message && !/[.!?]$/.test(message) ? `${message}.` : message;
  return `${head}: ${sentence}${e.requestId ? ` RequestId ${e.requestId}` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers for pop-core's shapes (parsed JSON has a null prototype: only plain property reads are safe)

/** Any object, arrays and class instances included: thrown values are Errors or pop-core's plain objects. */
function isObjectLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

/** The status and headers pop-core keeps in `err.entry.response`, each only when it has the expected type. */
function responseOf(err: Record<string, unknown>): { statusCode?: number; headers?: Record<string, unknown> } | undefined {
  const response = isObjectLike(err.entry) ? err.entry.response : undefined;
  if (!isObjectLike(response)) return undefined;
  return {
    statusCode: typeof response.statusCode === 'number' ? response.statusCode : undefined,
    headers: isObjectLike(response.headers) ? response.headers : undefined,
  };
}

/** `x-acs-retry-after` carries the wait in milliseconds; anything unparsable is ignored. */
export function retryAfterMs(headers: Record<string, unknown> | undefined): number | undefined {
  if (!headers) return undefined;
  const raw = headers['x-acs-retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const ms = typeof value === 'string' || typeof value === 'number' ? Number(value) : NaN;
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms) : undefined;
}

/**
 * pop-core appends `, URL: <url>` and httpx appends `GET <url> failed.`: neither belongs in a message. The space
 * (and comma) before each is trimmed by hand: a leading `\s*` in the pattern made every space of a long run a
 * new start, and a run of 160 KB of spaces took minutes.
 */
function stripUrlTail(text: string): string {
  return removeWithLeadingSpace(removeWithLeadingSpace(text, /URL:\s*\S+/g, true), /(?:GET|POST|PUT|DELETE)\s+https?:\/\/\S*\s+failed\.?/g, false).trim();
}

function removeWithLeadingSpace(text: string, pattern: RegExp, comma: boolean): string {
  let out = '';
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    let kept = text.slice(last, match.index).trimEnd();
    if (comma && kept.endsWith(',')) kept = kept.slice(0, -1);
    out += kept;
    last = match.index + match[0].length;
  }
  return out + text.slice(last);
}

function statusInHtml(text: string): number | undefined {
  const match = /<title>\s*(\d{3})\b/i.exec(text) ?? /<h1>\s*(\d{3})\b/i.exec(text) ?? /^\s*(\d{3})\s/.exec(text);
  const status = match ? Number(match[1]) : NaN;
  return status >= 400 && status <= 599 ? status : undefined;
}
