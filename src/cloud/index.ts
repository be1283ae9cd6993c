// The cloud core's public API. Everything above src/cloud imports from here.

export * from './types';
export {
  CloudError,
  isCloudError,
  toCloudError,
  describeError,
  classify,
  type CloudErrorInit,
} from './errors';
export { maskAccessKeyId, redactText } from './redact';
export {
  assertValid,
  validateBucketName,
  validateIdentityType,
  validateIdentityName,
  validateIdentity,
  validateAppId,
  validatePolicyName,
  validatePolicyNames,
  validateAccessKeyId,
  validateAccessKeySecret,
  validateSecurityToken,
  validateCredentials,
  validateRegion,
  validateEndpoint,
  canOmitAppId,
  IDENTITY_TYPES,
  MAX_POLICIES_PER_CALL,
} from './validate';
export {
  MPS_REGIONS,
  VOD_REGIONS,
  PRODUCT_REGIONS,
  API_VERSIONS,
  defaultEndpoint,
  resolveEndpoint,
  isLoopbackHost,
} from './endpoints';
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
export { runBulk, DEFAULT_BULK_CONCURRENCY, type BulkOutcome, type BulkReport, type BulkOptions } from './bulk';
