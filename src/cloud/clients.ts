// The heavy half of the cloud core: the clients and what only they use (rate limiting, retries, the RPC channel).
// Importing a value from here loads pop-core and its HTTP stack, so the extension reaches this module only through
// the lazy require in src/profiles/cloudClients.ts; everything else imports the light half, `src/cloud/index.ts`.

export { ACTION_QPS, DEFAULT_QPS, qpsFor } from './quotas';
export {
  PacedLimiter,
  RateLimiterRegistry,
  defaultRateLimiters,
  DEFAULT_SAFETY_MARGIN,
  type LimiterClock,
  type RateLimiterRegistryOptions,
} from './rateLimiter';
export { DEFAULT_RETRY_POLICY, backoffDelay, isRetryable, shouldRetry, type RetryPolicy } from './retry';
export { closeIdleConnections, forgetCachedClients } from './rpc';
export { proxyFor, useProxySettings } from './connections';
export { DEFAULT_TIMEOUT_MS, type ClientOptions } from './clientOptions';
export { MpsClient } from './mps';
export { VodClient, type AppInfoFilter } from './vod';
export { RamClient } from './ram';
export { ActionTrailClient, type TrailQuery, type TrailPage } from './actionTrail';
export { StsClient, type AssumedRole, type AssumeRoleRequest } from './sts';
export { AssumedRoleCredentials, RENEWAL_MARGIN_MS, type AssumeRoleCall, type RoleToAssume } from './assumedRole';
