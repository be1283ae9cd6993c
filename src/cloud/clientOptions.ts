// What the product clients (MPS, VOD, RAM, STS) share: their options and how those become an RpcChannel.

import * as l10n from '@vscode/l10n';
import { API_VERSIONS, resolveEndpoint } from './endpoints';
import { invalidInputError } from './errors';
import { defaultRateLimiters, type RateLimiterRegistry } from './rateLimiter';
import { retryPolicy, type RetryPolicy } from './retry';
import { RpcChannel } from './rpc';
import type { AppIdentity, CallObserver, CredentialProvider, Product } from './types';
import { validateTimeout } from './requestValidation';

export interface ClientOptions {
  readonly region: string;
  /** Overrides `https://<product>.<region>.aliyuncs.com`; plain http only for loopback hosts. */
  readonly endpoint?: string;
  readonly credentials: CredentialProvider;
  /** Opaque label copied into every CallRecord (the extension passes its profile name). */
  readonly profile?: string;
  /**
   * Opaque label of the account the signing key belongs to, copied into every CallRecord: a fixed string, or a
   * lookup by the AccessKeyId each attempt signs with (the extension answers from STS once it has asked).
   */
  readonly account?: string | ((accessKeyId: string) => string | undefined);
  readonly observer?: CallObserver;
  /** Per-attempt timeout; default 10 000 ms. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Defaults to the process-wide registry, so all clients of one AccessKey share one pace. */
  readonly limiters?: RateLimiterRegistry;
  /**
   * VOD: asked before every ListAppPoliciesForIdentity naming an identity (a row's listing, a read-back after a lost
   * answer). Rejects, and nothing is sent, when VOD would answer with the caller's own policies instead of the
   * identity's: the key is not an application administrator (cloud/appAdministrator.ts).
   */
  readonly beforePolicyListing?: (identity: AppIdentity) => Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** What both product clients are: a channel opened for their product, and where it points. */
export abstract class ProductClient {
  readonly endpoint: string;
  readonly region: string;
  protected readonly channel: RpcChannel;

  /** Throws CloudError invalid-input for a bad region, endpoint, timeout or credential provider. */
  protected constructor(product: Product, options: ClientOptions) {
    if (typeof options !== 'object' || options === null) throw invalidInputError(l10n.t('Client options are required.'));
    const endpoint = resolveEndpoint(product, options.region, options.endpoint);
    if (typeof options.credentials?.getCredentials !== 'function') {
      throw invalidInputError(l10n.t('A credential provider with getCredentials() is required.'));
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeoutProblem = validateTimeout(timeoutMs);
    if (timeoutProblem) throw invalidInputError(timeoutProblem);
    let retry: RetryPolicy;
    try {
      retry = retryPolicy(options.retry);
    } catch (e) {
      throw invalidInputError((e as Error).message);
    }
    this.channel = new RpcChannel({
      product,
      apiVersion: API_VERSIONS[product],
      region: options.region,
      endpoint,
      credentials: options.credentials,
      profile: options.profile,
      account: options.account,
      observer: options.observer,
      timeoutMs,
      retry,
      limiters: options.limiters ?? defaultRateLimiters,
    });
    this.endpoint = endpoint;
    this.region = options.region;
  }
}

/** Guards list loops against a server that never says "last page". */
export const MAX_PAGES = 1000;
