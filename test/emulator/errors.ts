// Alibaba-shaped error responses. Every failure the emulator reports goes through ApiError so that the body
// ({RequestId, HostId, Code, Message, Recommend}) and the HTTP status stay consistent with the notes' table.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
}

/**
 * `recommend` (a fault's) replaces Alibaba's link; `{RequestId}` and `{Code}` in it become this answer's values, so
 * a test can tell which call a link off Alibaba's domains belongs to.
 */
export function errorBody(err: ApiError, requestId: string, hostId: string, product?: string, recommend?: string): ErrorBody {
  return {
    RequestId: requestId,
    HostId: hostId,
    Code: err.code,
    Message: err.message,
    // Alibaba points at its troubleshooting page; the shape is kept, the link is not followed by anything.
    Recommend: recommend !== undefined
      ? recommend.replaceAll('{RequestId}', requestId).replaceAll('{Code}', err.code)
      : `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}`
        + `${product ? `&product=${encodeURIComponent(product)}` : ''}&requestId=${requestId}`,
  };
}

// One constructor per code, so the code/status pairs live in one place.
export const E = {
  apiNotFound: (action: string, version?: string) =>
    new ApiError(404, 'InvalidApi.NotFound', `Specified api is not found, please check your url and method.${action ? ` (${action}${version ? ` ${version}` : ''})` : ''}`),
  /** Missing<Param>: the emulator's documented choice for every missing required parameter. */
  missing: (param: string) => new ApiError(400, `Missing${param}`, `${param} is mandatory for this action.`),
  invalidParam: (param: string, why: string) =>
    new ApiError(400, 'InvalidParameter', `The specified parameter ${param} is not valid. ${why}`),
  invalidVersion: (version: string, action: string) =>
    new ApiError(400, 'InvalidVersion', `Specified parameter Version ${version} is not valid for action ${action}.`),
  unsupportedFormat: (format: string) =>
    new ApiError(400, 'InvalidParameter.Format', `Specified parameter Format ${format} is not supported; use JSON.`),
  signatureMethod: (m: string) =>
    new ApiError(400, 'InvalidSignatureMethod', `Specified signature method ${m} is not supported; use HMAC-SHA1.`),
  signatureVersion: (v: string) =>
    new ApiError(400, 'InvalidSignatureVersion', `Specified signature version ${v} is not supported; use 1.0.`),
  incompleteSignature: (why: string) =>
    new ApiError(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards. ${why}`),
  signatureMismatch: (serverStringToSign: string) =>
    new ApiError(400, 'SignatureDoesNotMatch',
      `Specified signature is not matched with our calculation. server string to sign is:${serverStringToSign}`),
  keyNotFound: () => new ApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'),
  keyInactive: () => new ApiError(400, 'InvalidAccessKeyId.Inactive', 'Specified access key is disabled.'),
  tokenMismatch: () =>
    new ApiError(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'The security token does not match the access key.'),
  tokenMalformed: () => new ApiError(400, 'InvalidSecurityToken.Malformed', 'Specified SecurityToken is malformed.'),
  tokenExpired: () => new ApiError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.'),
  timestampFormat: (ts: string) =>
    new ApiError(400, 'InvalidTimeStamp.Format', `Specified time stamp or date header ${ts} is not well formatted.`),
  timestampExpired: (ts: string, serverTs: string) =>
    new ApiError(400, 'InvalidTimeStamp.Expired',
      `Specified time stamp or date header is expired. Request time ${ts}, server time ${serverTs}.`),
  nonceUsed: () => new ApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.'),
  throttled: () => new ApiError(400, 'Throttling.User', 'Request was denied due to user flow control.'),
  internal: () => new ApiError(500, 'InternalError', 'The request processing has failed due to some unknown error, exception or failure.'),
  unavailable: () => new ApiError(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'),
  // MPS
  bucketAlreadyBound: (b: string) => new ApiError(400, 'Bucket.AlreadyBind', `The bucket ${b} is already bound.`),
  /** Undocumented by Alibaba; the emulator's choice (see README). */
  bucketNotBound: (b: string, type: 'Input' | 'Output') => new ApiError(400, 'Bucket.NotBind', `The bucket ${b} is not bound as an ${type.toLowerCase()} bucket.`),
  /** Used only when the state lists ossBuckets and the name is not among them. */
  bucketNotFound: (b: string) => new ApiError(404, 'InvalidBucket.NotFound', `The bucket ${b} does not exist in this region.`),
  // VOD
  appServiceNotOpen: () => new ApiError(403, 'OperationDenied.NotOpenAppService', 'The app service is not open.'),
  forbiddenApp: () => new ApiError(403, 'Forbidden.OperateApp', 'User not authorized to operate app.'),
  appNotFound: (appId: string) => new ApiError(404, 'InvalidAppId.NotFound', `The app ${appId} does not exist.`),
  /** Attach/Detach take system policies only (the API reference says so; the code is the emulator's choice). */
  notSystemPolicy: (names: string[]) =>
    new ApiError(400, 'InvalidParameter.PolicyNames', `The specified PolicyNames ${names.join(',')} are not system policies. Only system policies are supported.`),
  // RAM / STS
  userNotFound: (what: string) => new ApiError(404, 'EntityNotExist.User', `The user does not exist: ${what}.`),
  roleNotFound: (what: string) => new ApiError(404, 'EntityNotExist.Role', `The role does not exist: ${what}.`),
  /** AssumeRole by a principal the role's trust policy does not name, or with the wrong ExternalId. */
  noPermission: (why: string) => new ApiError(403, 'NoPermission', `You are not authorized to do this action. ${why}`),
  /** A caller whose state entry lists the action in deniedActions (its RAM policy does not allow it). */
  actionDenied: (ramAction: string) => new ApiError(403, 'NoPermission', `You are not authorized to do this action. You should be authorized by RAM: ${ramAction}.`),
};
