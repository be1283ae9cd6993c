// The vocabulary shared by the cloud core and everything above it. No VS Code, no I/O: just shapes.

/**
 * The products this project talks to: MPS and VOD for the resources, RAM to turn a RAM user's name into the
 * UserId VOD addresses it by, STS to say which account a key belongs to, ActionTrail to say who made a call.
 */
export type Product = 'mps' | 'vod' | 'ram' | 'sts' | 'actiontrail';

/** What a caller hands the core to sign with. The core never stores or prints it. */
export interface AccessKeyCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** Present for STS credentials. */
  readonly securityToken?: string;
  /** Where the pair came from, for records and messages. Holds nothing secret. */
  readonly origin?: CredentialOrigin;
}

/** Who handed out a pair of credentials: what audits need to know about the key that signed a call. */
export interface CredentialOrigin {
  /** `keychain`, `environment` or `aliyun-cli:<profile>`: where the long-lived key (or the token) lives. */
  readonly source: string;
  /** For temporary keys of an assumed role: the role and the session name STS was given. */
  readonly roleArn?: string;
  readonly sessionName?: string;
  /** ISO time a temporary key stops working, when known. */
  readonly expiration?: string;
  /** What the user should do when the server rejects the token: `run aliyun configure --profile dev`. */
  readonly refreshHint?: string;
}

/**
 * Where credentials come from. Called before every attempt, so a provider backed by a keychain or by
 * refreshing STS tokens always hands out the current pair.
 */
export interface CredentialProvider {
  getCredentials(): Promise<AccessKeyCredentials>;
  /**
   * Optional: forget the temporary key just rejected by the server (an expired or mismatched token), so the next
   * getCredentials() fetches a new one. Resolves true when that is worth one more attempt.
   */
  renew?(): Promise<boolean>;
}

/** The credential a CallRecord was signed with, as logs and history name it (the AccessKeyId stays masked apart). */
export interface SigningCredential {
  readonly source: string;
  readonly roleArn?: string;
  readonly sessionName?: string;
}

export type IdentityType = 'RamUser' | 'RamRole';

/** A RAM user or role inside one VOD application: the thing app policies are attached to. */
export interface AppIdentity {
  readonly identityType: IdentityType;
  /** What VOD receives: the RAM user's UserId (digits) for RamUser, the role's name for RamRole. */
  readonly identityName: string;
  /** Defaults to DEFAULT_APP_ID when omitted. */
  readonly appId?: string;
  /** For people only (never sent): the RAM user's login name, when known. */
  readonly userName?: string;
}

/** A RAM user as RAM's GetUser / ListUsers describe it. */
export interface RamUser {
  readonly userId: string;
  readonly userName: string;
  readonly displayName?: string;
}

export interface RamUserResult extends Acknowledged {
  readonly user: RamUser;
}

export interface RamUserList extends Acknowledged {
  readonly users: readonly RamUser[];
}

export interface RamRole {
  readonly roleId: string;
  readonly roleName: string;
  readonly arn: string;
  readonly description?: string;
}

export interface RamRoleResult extends Acknowledged {
  readonly role: RamRole;
}

export interface RamRoleList extends Acknowledged {
  readonly roles: readonly RamRole[];
}

/** STS GetCallerIdentity: whose key signs the requests. */
export interface CallerIdentity extends Acknowledged {
  readonly accountId: string;
  readonly arn: string;
  /** `Account`, `RAMUser` or `AssumedRoleUser`. */
  readonly identityType: string;
  readonly principalId?: string;
}

export const DEFAULT_APP_ID = 'app-1000000';

export const SYSTEM_APP_POLICIES = ['VODAppFullAccess', 'VODAppReadOnlyAccess', 'VODAppAdministratorAccess'] as const;

export type MediaBucketType = 'Input' | 'Output';

export interface MediaBucket {
  readonly bucket: string;
  readonly type: MediaBucketType;
  readonly referer?: string;
}

export interface AppPolicy {
  readonly appId: string;
  readonly policyName: string;
  readonly policyType: 'System' | 'Custom';
  readonly policyValue?: string;
  readonly description?: string;
  readonly creationTime?: string;
  readonly modificationTime?: string;
}

export interface AppInfo {
  readonly appId: string;
  readonly appName: string;
  readonly type?: string;
  readonly status?: string;
  readonly description?: string;
  readonly creationTime?: string;
  readonly modificationTime?: string;
}

/** Every successful call returns at least the RequestId: the one thing users need for audits and tickets. */
export interface Acknowledged {
  /**
   * The write's own RequestId. When its answer was lost and a read-back confirmed it, the server's answer for the
   * write may not exist: this is then the confirming read's RequestId (see confirmedBy).
   */
  readonly requestId: string;
  /** Present when the write's answer was lost and reading the state back showed it had taken effect. */
  readonly confirmedBy?: ReadBackConfirmation;
}

/** The read that settled a write whose answer was lost: `ListAllMediaBucket`, `ListAppPoliciesForIdentity`. */
export interface ReadBackConfirmation {
  readonly action: string;
  /** The read's RequestId (the first page's for a paged listing). */
  readonly requestId: string;
}

/** A read-back that failed, leaving a write's outcome unknown. */
export interface ReadBackFailure {
  readonly action: string;
  readonly code: string;
  readonly requestId?: string;
}

export interface PolicyChangeResult extends Acknowledged {
  readonly nonExistPolicyNames: readonly string[];
  readonly failedPolicyNames: readonly string[];
}

export interface MediaBucketList extends Acknowledged {
  readonly buckets: readonly MediaBucket[];
}

export interface AppPolicyList extends Acknowledged {
  readonly policies: readonly AppPolicy[];
}

export interface AppInfoList extends Acknowledged {
  readonly total: number;
  readonly apps: readonly AppInfo[];
}

/** Per-call knobs. */
export interface CallOptions {
  /**
   * Stops the call where nothing has reached the server (kind 'cancelled') and prevents further attempts. A read
   * on the wire is abandoned; a write on the wire finishes (bounded by the timeout) or is settled by read-back,
   * and keeps the outcome the server's state gives it (rpc.ts).
   */
  readonly signal?: AbortSignal;
  /** Per-attempt timeout in milliseconds; overrides the client default. */
  readonly timeoutMs?: number;
}

/**
 * `unknown`: a write whose answer was lost (timeout, reset) and whose read-back failed too; it may or may not
 * have taken effect.
 */
export type CallOutcome = 'succeeded' | 'failed' | 'cancelled' | 'unknown';

/** The normalized view of an error, as stored in a CallRecord (CloudError carries the same fields). */
export interface CallErrorInfo {
  readonly kind: CloudErrorKind;
  readonly code: string;
  readonly message: string;
  readonly httpStatus?: number;
  readonly recommend?: string;
  /** For kind unknown-outcome: the read-back that failed. */
  readonly readBack?: ReadBackFailure;
}

export type CloudErrorKind =
  | 'auth'
  | 'permission'
  | 'throttled'
  | 'invalid-input'
  | 'not-found'
  | 'server'
  | 'network'
  | 'timeout'
  | 'bad-response'
  | 'cancelled'
  /** A write's answer was lost and reading the state back failed: it may or may not have taken effect. */
  | 'unknown-outcome';

/**
 * One logical call (after all its retries), as the core reports it to observers. This is the single record the
 * log, the request history and the tree read: it holds no secret, and the AccessKeyId only masked.
 */
export interface CallRecord {
  /** Unique per record (not the RequestId, which failed-before-sending calls lack). */
  readonly id: string;
  /** ISO time the call started. */
  readonly time: string;
  readonly product: Product;
  readonly action: string;
  readonly region: string;
  readonly endpoint: string;
  /** Opaque label of the caller (the extension passes its profile name). */
  readonly profile?: string;
  /** Opaque label of the account the signing key belongs to (the extension passes STS's AccountId), when known. */
  readonly account?: string;
  /** Human-readable target, e.g. `my-bucket` or `RamUser alice (2037…0001) in app-1000000`. */
  readonly target: string;
  /** The action's own parameters (no common or signature parameters). */
  readonly params: Readonly<Record<string, string>>;
  /**
   * The state the caller read before a write, which the write's undo needs and no parameter carries: for
   * UnbindInputBucket the bucket's Referer as ListAllMediaBucket showed it. Not sent.
   */
  readonly before?: Readonly<Record<string, string>>;
  readonly maskedAccessKeyId?: string;
  /** Where the signing key came from (and the role it assumed), when the provider said. */
  readonly credential?: SigningCredential;
  readonly outcome: CallOutcome;
  readonly requestId?: string;
  readonly latencyMs: number;
  /** How many HTTP attempts were made (0 when validation stopped the call before sending). */
  readonly attempts: number;
  readonly error?: CallErrorInfo;
  readonly nonExistPolicyNames?: readonly string[];
  readonly failedPolicyNames?: readonly string[];
  /** A write whose answer was lost, confirmed by reading the state back (its own record has the read's details). */
  readonly confirmedBy?: ReadBackConfirmation;
}

export interface CallObserver {
  /** Called once per logical call, success or failure. Must not throw; exceptions are swallowed. */
  onCall(record: CallRecord): void;
  /** Optional: called for each retry, for debug logging. */
  onRetry?(info: { action: string; target: string; attempt: number; delayMs: number; error: CallErrorInfo }): void;
}
