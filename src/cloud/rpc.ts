// The one place that calls Alibaba Cloud. For each logical call: validate, then per attempt fetch credentials,
// wait for a rate-limit slot and send one signed POST through pop-core; retry what is worth retrying (a write
// whose answer was lost is first settled by reading its state back: readBack.ts); report exactly one CallRecord
// to the observer, whatever happened.
//
// Cancellation stops a call only where nothing has reached the server: before it is validated, while it waits
// for a rate-limit slot, and before a retry. pop-core (through httpx) cannot take back a request it has
// sent, so what happens to one on the wire depends on what it is. A read's is abandoned (the call says cancelled;
// nothing changed). A write's is awaited — bounded by the request timeout — and if its answer is lost, settled by
// read-back under no caller's signal (readBack.ts): its record says what the server did (succeeded, failed or
// unknown), never "cancelled". A write cancelled before a retry keeps the last answer it had.

import { createHash, randomUUID } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import { CloudError, cancelledError, invalidInputError } from './errors';
import { agentFor, closeConnections, closeIdleConnectionsOnly, connectionSetupMs, requestHeaders } from './connections';
import { fromPopCoreFailure, httpStatusError } from './popCoreErrors';
import { PopRpcClient, type PopCoreClient, type PopCoreEntry } from './popCore';
import type { AttemptEnd, RateLimiterRegistry } from './rateLimiter';
import { isAmbiguous, settleByReadBack, type ReadBack } from './readBack';
import { maskAccessKeyId } from './redact';
import { requireRequestId, type ResponseBody } from './responses';
import { withRetries, type RetryPolicy } from './retry';
import type {
  AccessKeyCredentials,
  CallErrorInfo,
  CallObserver,
  CallOptions,
  CallRecord,
  CredentialOrigin,
  CredentialProvider,
  Product,
  ReadBackConfirmation,
  SigningCredential,
} from './types';
import { validateTimeout } from './requestValidation';
import { validateCredentials } from './validate';

export type ActionParams = Readonly<Record<string, string | number | boolean | undefined>>;

/** One API action as a client method describes it to the channel. */
export interface ActionRequest<T> {
  readonly action: string;
  /** For people: `my-bucket`, `RamUser alice (2037…0001) in app-1000000`. */
  readonly target: string;
  /** The action's own parameters; undefined values are not sent. */
  readonly params: ActionParams;
  /** Runs before anything else; a message means the call is refused with kind invalid-input. */
  readonly validate?: () => string | undefined;
  /**
   * Runs after validate, before anything is sent; the CloudError it throws fails the call, recorded as not sent. A
   * listing whose answer could not be the one asked for is refused this way (cloud/appAdministrator.ts).
   */
  readonly precheck?: () => Promise<void>;
  /** Turns a successful body (RequestId already checked) into the typed result. */
  readonly parse: (body: ResponseBody, requestId: string) => T;
  /** What the caller read before the write and an undo needs, kept with the record (CallRecord.before). */
  readonly before?: Readonly<Record<string, string>>;
  /** Extra record fields taken from the result. */
  readonly describe?: (result: T) => Pick<CallRecord, 'nonExistPolicyNames' | 'failedPolicyNames'>;
  /** Writes only: how to read the state back when an attempt's answer was lost (see readBack.ts). */
  readonly readBack?: ReadBack<T>;
}

export interface ChannelSettings {
  readonly product: Product;
  readonly apiVersion: string;
  readonly region: string;
  readonly endpoint: string;
  readonly credentials: CredentialProvider;
  readonly profile?: string;
  /** A label, or a lookup by the AccessKeyId an attempt signed with (see ClientOptions.account). */
  readonly account?: string | ((accessKeyId: string) => string | undefined);
  readonly observer?: CallObserver;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly limiters: RateLimiterRegistry;
}

interface ValidCredentials {
  readonly credentials: AccessKeyCredentials;
  readonly maskedAccessKeyId: string;
  readonly credential?: SigningCredential;
}

/** What one logical call has done so far, for its CallRecord. */
interface CallTrace {
  /** HTTP attempts sent. */
  attempts: number;
  maskedAccessKeyId?: string;
  credential?: SigningCredential;
  /** The token the last attempt sent, to tell the user which source to refresh when the server rejects it. */
  origin?: CredentialOrigin;
  /** The account label for the key the last attempt signed with. */
  account?: string;
  /** Set when a read-back settled a lost answer as "took effect". */
  confirmedBy?: ReadBackConfirmation;
  /** Writes: the last sent attempt's failure, which stands when a cancel stops the retry. */
  lastAnswer?: CloudError;
}

/** The caller's label for the account of `accessKeyId`; a label function that throws gives no label. */
function accountLabel(account: ChannelSettings['account'], accessKeyId: string): string | undefined {
  if (typeof account === 'string') return account || undefined;
  try {
    return account?.(accessKeyId);
  } catch {
    return undefined;
  }
}

export class RpcChannel {
  /**
   * The credentials that last passed validation. Holds no more than the cached pop-core client for them does
   * (clientFor below), and is dropped with the channel.
   */
  private lastValid: ValidCredentials | undefined;

  constructor(private readonly settings: ChannelSettings) {}

  async call<T>(request: ActionRequest<T>, options: CallOptions = {}): Promise<T> {
    const { signal } = options;
    const startedAt = new Date();
    const started = performance.now();
    // Converted once: every attempt sends this object (pop-core copies it before signing) and the record keeps it.
    const params = sendableParams(request.params);
    const trace: CallTrace = { attempts: 0 };
    try {
      if (signal?.aborted) throw cancelledError();
      const problem = request.validate?.() ?? validateTimeout(options.timeoutMs);
      if (problem) throw invalidInputError(problem);
      if (request.precheck) await request.precheck();
      const timeoutMs = options.timeoutMs ?? this.settings.timeoutMs;
      const attempts = () =>
        withRetries(() => this.attemptOrReadBack(request, params, trace.attempts + 1, timeoutMs, trace, options), this.settings.retry, {
          signal,
          onRetry: (attempt, delayMs, err) =>
            this.notifyRetry({ action: request.action, target: request.target, attempt, delayMs, error: err.toInfo() }),
        });
      let result: { value: T; requestId: string };
      try {
        result = await attempts();
      } catch (thrown) {
        // A rejected token is never retried as such; a provider that can fetch a new one (an assumed role) gets one
        // chance to, and the call one more round with it.
        const err = fromPopCoreFailure(thrown);
        if (!isRejectedToken(err) || signal?.aborted || !(await this.renewCredentials())) throw err;
        this.notifyRetry({ action: request.action, target: request.target, attempt: trace.attempts, delayMs: 0, error: err.toInfo() });
        result = await attempts();
      }
      this.report(request, params, startedAt, started, trace, { outcome: 'succeeded', result });
      return result.value;
    } catch (thrown) {
      const failure = fromPopCoreFailure(thrown);
      // A write that went out is not "cancelled" by a cancel before its retry: the server's last answer stands.
      const err = withRefreshHint(failure.kind === 'cancelled' && trace.lastAnswer ? trace.lastAnswer : failure, trace.origin);
      this.report(request, params, startedAt, started, trace, { outcome: outcomeOf(err), err });
      throw err;
    }
  }

  /**
   * One attempt; when it fails in a way that may hide an executed write, the action's read-back decides what it
   * did (readBack.ts). Kept apart from attempt(), the hot path, which it only wraps.
   */
  private async attemptOrReadBack<T>(
    request: ActionRequest<T>,
    params: Record<string, string>,
    n: number,
    timeoutMs: number,
    trace: CallTrace,
    options: CallOptions,
  ): Promise<{ value: T; requestId: string }> {
    // Reads (most calls) go straight to the hot path.
    if (!request.readBack) return this.attempt(request, params, n, timeoutMs, trace, options.signal);
    try {
      return await this.attempt(request, params, n, timeoutMs, trace, options.signal);
    } catch (thrown) {
      const err = fromPopCoreFailure(thrown);
      if (trace.attempts === n) trace.lastAnswer = err;
      if (!isAmbiguous(err)) throw err;
      // Whatever the caller's signal says: the write may have happened, and only the state can tell.
      const { signal: _callerSignal, ...unsignalled } = options;
      const settled = await settleByReadBack(request.readBack, request, err, unsignalled);
      trace.confirmedBy = settled.confirmedBy;
      return settled;
    }
  }

  private async attempt<T>(
    request: ActionRequest<T>,
    params: Record<string, string>,
    n: number,
    timeoutMs: number,
    trace: CallTrace,
    signal: AbortSignal | undefined,
  ): Promise<{ value: T; requestId: string }> {
    const { credentials, maskedAccessKeyId, credential } = await this.currentCredentials();
    trace.maskedAccessKeyId = maskedAccessKeyId;
    trace.credential = credential;
    trace.origin = credentials.origin;
    trace.account = accountLabel(this.settings.account, credentials.accessKeyId);
    const limiter = this.settings.limiters.limiterFor(credentials.accessKeyId, request.action);
    const grantedAt = await limiter.acquire(signal, () => connectionSetupMs(this.settings.endpoint));
    if (signal?.aborted) {
      limiter.end(grantedAt, 'lost');
      throw cancelledError();
    }
    trace.attempts = n;
    let body: unknown;
    let entry: PopCoreEntry;
    try {
      let sending: Promise<[unknown, PopCoreEntry]>;
      try {
        const client = clientFor(this.settings.endpoint, this.settings.apiVersion, credentials);
        sending = client.request(request.action, params, {
          method: 'POST',
          timeout: timeoutMs,
          formatParams: false,
          agent: agentFor(this.settings.endpoint),
          headers: requestHeaders(request.action, this.settings.apiVersion),
        });
      } catch (thrown) {
        limiter.end(grantedAt, 'lost');
        throw thrown;
      }
      // The place in flight is the request's until it settles, even when a cancel abandons a read.
      sending.then(
        ([, answered]) => limiter.end(grantedAt, answered.response?.statusCode === 429 ? 'throttled' : 'answered'),
        (thrown: unknown) => limiter.end(grantedAt, attemptEndOf(thrown)),
      );
      // A write on the wire is awaited (pop-core's timeout bounds it); only a read may be abandoned.
      [body, entry] = await (request.readBack ? sending : untilAborted(sending, signal));
    } catch (thrown) {
      throw fromPopCoreFailure(thrown, { secrets: secretsOf(credentials), timeoutMs });
    }
    const status = entry.response?.statusCode;
    // pop-core resolves error statuses whose body has no Code; they are failures all the same.
    if (status !== undefined && status >= 400) {
      throw httpStatusError(status, body, entry.response?.headers, { secrets: secretsOf(credentials) });
    }
    const requestId = requireRequestId(body, status);
    return { value: request.parse(body as ResponseBody, requestId), requestId };
  }

  private async currentCredentials(): Promise<ValidCredentials> {
    let credentials: AccessKeyCredentials;
    try {
      credentials = await this.settings.credentials.getCredentials();
    } catch (thrown) {
      if (thrown instanceof CloudError) throw thrown;
      // The provider's message may name a keychain entry or a file, never the secret it failed to read.
      throw new CloudError({
        kind: 'auth',
        code: 'CredentialsUnavailable',
        message: l10n.t('Could not get AccessKey credentials: {0}', fromPopCoreFailure(thrown).message),
        retryable: false,
      });
    }
    // Validation depends only on the three strings, and a bulk run asks with the same key every time.
    const last = this.lastValid;
    if (last && sameKey(credentials, last.credentials) && sameOrigin(credentials.origin, last.credentials.origin)) {
      return { credentials, maskedAccessKeyId: last.maskedAccessKeyId, credential: last.credential };
    }
    const problem = validateCredentials(credentials);
    if (problem) throw invalidInputError(problem, 'InvalidInput.Credentials');
    const { accessKeyId, accessKeySecret, securityToken, origin } = credentials;
    // The strings, not the provider's object, which it may change later.
    this.lastValid = {
      credentials: { accessKeyId, accessKeySecret, securityToken, origin },
      maskedAccessKeyId: maskAccessKeyId(accessKeyId),
      credential: signingCredentialOf(origin),
    };
    return { credentials, maskedAccessKeyId: this.lastValid.maskedAccessKeyId, credential: this.lastValid.credential };
  }

  /** Asks the provider for a fresh temporary key; false when it cannot (or failed to say). */
  private async renewCredentials(): Promise<boolean> {
    const provider = this.settings.credentials;
    if (typeof provider.renew !== 'function') return false;
    try {
      const renewed = await provider.renew();
      if (renewed) this.lastValid = undefined;
      return renewed;
    } catch {
      return false;
    }
  }

  private report<T>(
    request: ActionRequest<T>,
    params: Readonly<Record<string, string>>,
    startedAt: Date,
    started: number,
    trace: CallTrace,
    end: { outcome: 'succeeded'; result: { value: T; requestId: string } } | { outcome: 'failed' | 'cancelled' | 'unknown'; err: CloudError },
  ): void {
    const observer = this.settings.observer;
    if (!observer) return;
    const error: CallErrorInfo | undefined = end.outcome === 'succeeded' ? undefined : end.err.toInfo();
    const requestId = end.outcome === 'succeeded' ? end.result.requestId : end.err.requestId;
    // Built by assignment rather than conditional spreads (one temporary object each), in the same key order.
    // The rest, required ones included, is assigned below.
    const record = {
      id: randomUUID(),
      time: startedAt.toISOString(),
      product: this.settings.product,
      action: request.action,
      region: this.settings.region,
      endpoint: this.settings.endpoint,
    } as Mutable<CallRecord>;
    if (this.settings.profile !== undefined) record.profile = this.settings.profile;
    if (trace.account) record.account = trace.account;
    record.target = request.target;
    record.params = params;
    if (request.before) record.before = request.before;
    if (trace.maskedAccessKeyId) record.maskedAccessKeyId = trace.maskedAccessKeyId;
    if (trace.credential) record.credential = trace.credential;
    record.outcome = end.outcome;
    if (requestId) record.requestId = requestId;
    record.latencyMs = Math.round(performance.now() - started);
    record.attempts = trace.attempts;
    if (error) record.error = error;
    if (end.outcome === 'succeeded' && request.describe) Object.assign(record, request.describe(end.result.value));
    if (end.outcome === 'succeeded' && trace.confirmedBy) record.confirmedBy = trace.confirmedBy;
    try {
      observer.onCall(record);
    } catch {
      // An observer (a log, a tree refresh) must never turn a finished call into a failure.
    }
  }

  private notifyRetry(info: Parameters<NonNullable<CallObserver['onRetry']>>[0]): void {
    try {
      this.settings.observer?.onRetry?.(info);
    } catch {
      // Same rule as onCall.
    }
  }
}

/** For the limiter: an answer is a latency sample, a throttled one also slows the pace; a lost one is neither. */
function attemptEndOf(thrown: unknown): AttemptEnd {
  const kind = fromPopCoreFailure(thrown).kind;
  if (kind === 'throttled') return 'throttled';
  return kind === 'timeout' || kind === 'network' ? 'lost' : 'answered';
}

function outcomeOf(err: CloudError): 'failed' | 'cancelled' | 'unknown' {
  if (err.kind === 'cancelled') return 'cancelled';
  return err.kind === 'unknown-outcome' ? 'unknown' : 'failed';
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** pop-core would send `undefined` as the string "undefined". */
function sendableParams(params: ActionParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (value !== undefined) out[key] = String(value);
  }
  return out;
}

/** The server's ways of saying the security token is not (or no longer) the one for this key. */
const REJECTED_TOKEN = /^InvalidSecurityToken\./;

function isRejectedToken(err: CloudError): boolean {
  return REJECTED_TOKEN.test(err.code);
}

/** A rejected token's message names what to refresh, as the provider that handed the token out put it. */
function withRefreshHint(err: CloudError, origin: CredentialOrigin | undefined): CloudError {
  if (!isRejectedToken(err) || !origin?.refreshHint) return err;
  return new CloudError({
    kind: err.kind,
    code: err.code,
    message: `${err.message} ${origin.refreshHint}`,
    retryable: false,
    ...(err.requestId !== undefined ? { requestId: err.requestId } : {}),
    ...(err.httpStatus !== undefined ? { httpStatus: err.httpStatus } : {}),
    ...(err.recommend !== undefined ? { recommend: err.recommend } : {}),
    ...(err.hostId !== undefined ? { hostId: err.hostId } : {}),
  });
}

function signingCredentialOf(origin: CredentialOrigin | undefined): SigningCredential | undefined {
  if (!origin?.source) return undefined;
  return {
    source: origin.source,
    ...(origin.roleArn ? { roleArn: origin.roleArn } : {}),
    ...(origin.sessionName ? { sessionName: origin.sessionName } : {}),
  };
}

function sameOrigin(a: CredentialOrigin | undefined, b: CredentialOrigin | undefined): boolean {
  return a === b || (a?.source === b?.source && a?.roleArn === b?.roleArn && a?.sessionName === b?.sessionName);
}

function sameKey(a: AccessKeyCredentials, b: AccessKeyCredentials): boolean {
  return a?.accessKeyId === b.accessKeyId && a.accessKeySecret === b.accessKeySecret && a.securityToken === b.securityToken;
}

/** What an error message is scrubbed of; only built when an attempt fails. */
function secretsOf(credentials: AccessKeyCredentials): (string | undefined)[] {
  return [credentials.accessKeySecret, credentials.securityToken];
}

/** Rejects with kind cancelled as soon as the signal aborts; the abandoned promise's outcome is ignored. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  promise.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError(true));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------------------------
// pop-core clients, reused so their keep-alive agents are. Keyed by a hash of the secret and token so the key
// itself holds nothing sensitive and a rotated secret gets a fresh client.

const MAX_CACHED_CLIENTS = 32;
const clients = new Map<string, PopCoreClient>();

// Hashing costs about a third of the core's own per-call CPU, and a bulk run asks with the same pair every time:
// remember the last pair's hash (the strings are held by the cached client anyway).
let lastHashed: { secret: string; token: string; hash: string } | undefined;

function secretHashOf(credentials: AccessKeyCredentials): string {
  const secret = credentials.accessKeySecret;
  const token = credentials.securityToken ?? '';
  if (lastHashed?.secret === secret && lastHashed.token === token) return lastHashed.hash;
  const hash = createHash('sha256').update(secret).update('\u0000').update(token).digest('hex');
  lastHashed = { secret, token, hash };
  return hash;
}

// The client handed out last, which is always the newest entry of `clients`: asked for again (every attempt of a
// bulk run is), it needs no key, no hash and no move in the LRU order.
let lastClient: { endpoint: string; apiVersion: string; accessKeyId: string; secret: string; token: string; client: PopCoreClient } | undefined;

function clientFor(endpoint: string, apiVersion: string, credentials: AccessKeyCredentials): PopCoreClient {
  const token = credentials.securityToken ?? '';
  const last = lastClient;
  if (
    last &&
    last.endpoint === endpoint &&
    last.apiVersion === apiVersion &&
    last.accessKeyId === credentials.accessKeyId &&
    last.secret === credentials.accessKeySecret &&
    last.token === token
  ) {
    return last.client;
  }
  const secretHash = secretHashOf(credentials);
  const key = [endpoint, apiVersion, credentials.accessKeyId, secretHash].join('|');
  let client = clients.get(key);
  if (client) {
    // Least recently used goes first: re-insert to move to the end.
    clients.delete(key);
  } else {
    client = new PopRpcClient(
      {
        endpoint,
        apiVersion,
        accessKeyId: credentials.accessKeyId,
        accessKeySecret: credentials.accessKeySecret,
        ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
      },
      true,
    );
    if (clients.size >= MAX_CACHED_CLIENTS) {
      const oldest = clients.keys().next().value as string;
      clients.delete(oldest);
    }
  }
  clients.set(key, client);
  lastClient = { endpoint, apiVersion, accessKeyId: credentials.accessKeyId, secret: credentials.accessKeySecret, token, client };
  return client;
}

/**
 * Forgets every cached pop-core client — each holds an AccessKey secret and token — when credentials or settings
 * change (Clear AccessKey, Remove Profile, a rotated key), and closes their idle keep-alive sockets. Sockets with a
 * request in flight are left to finish; their client is unreachable from here on and is collected with its secret.
 */
export function forgetCachedClients(): void {
  closeIdleConnectionsOnly();
  clients.clear();
  lastHashed = undefined;
  lastClient = undefined;
}

/** Drops cached pop-core clients and closes all their keep-alive sockets (on deactivate, and in tests). */
export function closeIdleConnections(): void {
  closeConnections();
  clients.clear();
  lastHashed = undefined;
  lastClient = undefined;
}
