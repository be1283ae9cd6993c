// The parts of the cloud core that load instantly: shared types, errors, validators, endpoints, redaction and the
// bulk runner. The clients (src/cloud/mps.ts, vod.ts) pull in pop-core and its HTTP stack, about 20 ms to
// evaluate, so extension code imports values from here and reaches the clients only through
// profiles/cloudClients.ts, which loads them on the first call. Activation then costs about 1 ms instead of 20.

export * from './cloud/types';
export { CloudError, isCloudError, toCloudError, describeError } from './cloud/errors';
export { maskAccessKeyId, redactText } from './cloud/redact';
export {
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
  IDENTITY_TYPES,
  MAX_POLICIES_PER_CALL,
} from './cloud/validate';
export { MPS_REGIONS, VOD_REGIONS, PRODUCT_REGIONS, defaultEndpoint, resolveEndpoint, validateEndpoint, validateRegion } from './cloud/endpoints';
export { runBulk, type BulkOutcome, type BulkReport } from './cloud/bulk';
