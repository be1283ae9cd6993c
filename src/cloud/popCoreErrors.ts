// How pop-core fails, and the errors only the request path makes. Loaded with the clients (dist/cloudClients.js),
// never by the activation bundle: rpc.ts passes everything pop-core throws through `fromPopCoreFailure`, so host
// code only ever sees CloudErrors from the clients (errors.ts's `toCloudError` handles the rest).
//
// pop-core 1.8.0 fails in five shapes: an Error carrying the parsed body (`data`) whose message ends with the
// request URL; a plain object `{ name: 'SyntaxError', message, at, text }` when the body is not JSON (an HTML 502
// page from a gateway); an Error named RequestTimeoutError; Node socket errors with the URL appended; and — not a
// throw at all — a resolved 4xx/5xx response whose body lacks `Code`, which rpc.ts detects and hands to
// `httpStatusError`.

import * as l10n from '@vscode/l10n';
import { CloudError, isObjectLike, stringOf, toCloudError } from './errors';
import { MAX_SERVER_ID, capText, cleanServerText, scrubSecrets } from './redact';
import type { CloudErrorKind } from './types';

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

/** Whatever pop-core, Node or an AbortSignal threw on the request path — or a CloudError — becomes a CloudError. */
export function fromPopCoreFailure(thrown: unknown, context: ErrorContext = {}): CloudError {
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
    if (name === 'RequestTimeoutError') {
      return new CloudError({
        kind: 'timeout',
        code: 'RequestTimeout',
        message:
          context.timeoutMs !== undefined
            ? l10n.t('No response within {0} ms.', context.timeoutMs)
            : clean(stringOf(thrown.message) ?? '') || l10n.t('The request timed out.'),
      });
    }
  }
  // Aborts, Node network errors and anything else, as host code reads them, with this call's secrets scrubbed.
  return toCloudError(thrown, clean);
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
    // The server's Message as it came; only a body without one gets our words.
    message: clean(body.Message) ?? l10n.t('Alibaba Cloud returned {0}.', code),
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
  const message =
    stringOf(fields.Message) ?? stringOf(fields.message) ?? l10n.t('The server answered HTTP {0} without an error code.', httpStatus);
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
    message:
      status !== undefined
        ? l10n.t('The server answered with a body that is not JSON (it looks like an HTTP {0} page).', status)
        : l10n.t('The server answered with a body that is not JSON.'),
    httpStatus: status,
    // Usually a gateway or load balancer page in front of a struggling service: worth another attempt,
    // unless the page itself says it is a client error.
    retryable: status === undefined || status >= 500,
  });
}

/** A success status with a body that lacks RequestId or is not an object, or an answer the clients cannot use. */
export function badResponseError(reason: string, httpStatus?: number): CloudError {
  return new CloudError({ kind: 'bad-response', code: 'InvalidResponse', message: reason, httpStatus, retryable: false });
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers for pop-core's shapes

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
