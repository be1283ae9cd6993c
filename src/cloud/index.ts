// The light half of the cloud core, and the one import path for it: shared types, errors, validators, endpoints,
// redaction and the bulk runner. Nothing here loads pop-core. The clients (`./clients`, mps.ts, vod.ts) pull in
// pop-core and its HTTP stack, about 20 ms to evaluate, so the extension imports from here and reaches the clients
// only on the first call (see src/profiles/cloudClients.ts). Activation then costs about 1 ms instead of 20.

export * from './types';
export { CloudError, isCloudError, toCloudError, describeError, type CloudErrorInit } from './errors';
export { maskAccessKeyId, redactText } from './redact';
export {
  assertValid,
  validateBucketName,
  validateIdentityType,
  validateIdentityName,
  validateAppId,
  validatePolicyName,
  validatePolicyNames,
  validateAccessKeyId,
  validateAccessKeySecret,
  validateSecurityToken,
  validateCredentials,
  validateRegion,
  validateEndpoint,
  IDENTITY_TYPES,
  MAX_POLICIES_PER_CALL,
} from './validate';
export { MPS_REGIONS, VOD_REGIONS, PRODUCT_REGIONS, API_VERSIONS, defaultEndpoint, resolveEndpoint, isLoopbackHost } from './endpoints';
export { runBulk, DEFAULT_BULK_CONCURRENCY, type BulkOutcome, type BulkReport, type BulkOptions } from './bulk';
export { isPlainObject } from './plainObject';
export { describeIdentity, describeWho, identityText, isRamUserId, shortUserId } from './identity';
