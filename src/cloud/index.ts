// The cloud core's whole public API: the light half (basics.ts) plus the rate limiting, retries and the clients,
// which load pop-core.

export * from './basics';
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
export { closeIdleConnections } from './rpc';
export { DEFAULT_TIMEOUT_MS, type ClientOptions } from './clientOptions';
export { MpsClient } from './mps';
export { VodClient, describeIdentity, type AppInfoFilter } from './vod';
