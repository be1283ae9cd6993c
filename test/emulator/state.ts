// The emulator's world: MPS media buckets and VOD apps, identities and app policies. The JSON shape
// (EmulatorStateJson) is what --state files, PUT /__emulator/state and startEmulator({state}) take; it is
// validated on load so a typo in a test fixture fails loudly instead of producing odd API answers.
import { Directory, parseDirectory, type AccountJson, type PrincipalJson } from './directory';
import { ActionTrailLog, parseTrailEvents, type TrailEventSeed } from './trail';
import { RamGrants, parseRamGrants, type RamGrantsJson } from './ramGrants';

export type BucketType = 'Input' | 'Output';
export type IdentityType = 'RamUser' | 'RamRole';
export type AppStatus = 'Normal' | 'Disable';

export interface MediaBucketJson { bucket: string; type: BucketType; referer?: string }
export interface AppJson {
  appId: string; appName: string; type?: 'System' | 'Custom'; status?: AppStatus; description?: string;
  resourceGroupId?: string; creationTime?: string; modificationTime?: string;
}
export interface CustomPolicyJson { appId: string; policyName: string; policyValue?: string; description?: string }
export interface IdentityJson {
  /** `name` is IdentityName as VOD takes it: the RAM user's UserId for RamUser, the role's name for RamRole. */
  type: IdentityType; name: string; appId: string; policies: string[];
  /** Policies that a detach must report in FailedPolicyNames (see README). */
  protectedPolicies?: string[];
}
export interface CallerJson {
  /** App administrators may name any identity in ListAppPoliciesForIdentity; default true (account keys). */
  appAdministrator?: boolean;
  /** The caller's own identity, listed by ListAppPoliciesForIdentity when it is not an administrator. */
  identity?: { type: IdentityType; name: string };
  /** Apps this key may not operate: Forbidden.OperateApp. */
  forbiddenApps?: string[];
  /** Actions this key's RAM policies do not allow (e.g. LookupEvents): NoPermission, naming `<product>:<Action>`. */
  deniedActions?: string[];
}
export interface EmulatorStateJson {
  region?: string;
  mediaBuckets: MediaBucketJson[];
  /** When present, BindOutputBucket/BindInputBucket only accept these names (or already-known media buckets). */
  ossBuckets?: string[];
  /**
   * An unbind of a bucket not bound as that type: `error` (default) answers Bucket.NotBind, `success` answers
   * success and changes nothing (Alibaba documents neither: clients must cope with both).
   */
  unbindUnbound?: 'error' | 'success';
  /** false → every VOD app action answers OperationDenied.NotOpenAppService. Default true. */
  appServiceOpen?: boolean;
  apps: AppJson[];
  customPolicies?: CustomPolicyJson[];
  identities: IdentityJson[];
  /** Keyed by AccessKeyId, or '*' for every key without its own entry. */
  callers?: Record<string, CallerJson>;
  /** RAM accounts; the first is the home account that owns the buckets and apps. Default: one empty account. */
  accounts?: AccountJson[];
  /** Which account (and RAM user) an AccessKeyId belongs to; unlisted keys are the home account's root. */
  principals?: Record<string, PrincipalJson>;
  /** ActionTrail events made by "someone else" before the emulator started (see README → ActionTrail). */
  trailEvents?: TrailEventSeed[];
  /** How long after a call its ActionTrail event becomes visible; default 3000 ms. */
  actionTrail?: { delayMs?: number };
  /** RAM groups, custom policies and attachments per account (ramGrants.ts); default none. */
  ramGrants?: RamGrantsJson;
}

export const SYSTEM_POLICIES: Readonly<Record<string, string>> = {
  VODAppFullAccess: 'Permissions to manage all resources in an application.',
  VODAppReadOnlyAccess: 'Permissions to access all resources in an application in read-only mode.',
  VODAppAdministratorAccess: 'Permissions of the application administrator.',
};
export const MAX_POLICIES_PER_IDENTITY = 10;
export const DEFAULT_APP_ID = 'app-1000000';
const FIXED_TIME = '2024-01-01T00:00:00Z';

export interface PolicyView {
  AppId: string; PolicyName: string; PolicyType: 'System' | 'Custom'; PolicyValue: string; Description: string;
  CreationTime: string; ModificationTime: string;
}
export interface IdentityRef { type: IdentityType; name: string; appId?: string }

export class StateError extends Error {}

function fail(path: string, why: string): never {
  throw new StateError(`invalid emulator state at ${path}: ${why}`);
}
function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: unknown, path: string, optional = false): string | undefined {
  // Optional strings may be empty (an empty Referer is meaningful); required ones may not.
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || (v === '' && !optional)) fail(path, optional ? 'expected a string' : 'expected a non-empty string');
  return v;
}
function strArray(v: unknown, path: string): string[] {
  if (!Array.isArray(v)) fail(path, 'expected an array of strings');
  return v.map((x, i) => str(x, `${path}[${i}]`) as string);
}
function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
  if (!allowed.includes(v as T)) fail(path, `expected one of ${allowed.join(', ')}`);
  return v as T;
}

/** Validates unknown JSON into a fresh EmulatorStateJson (deep copy: callers may keep mutating their input). */
export function parseState(input: unknown): EmulatorStateJson {
  if (!isObj(input)) fail('$', 'expected an object');
  const mediaBuckets = (Array.isArray(input.mediaBuckets) ? input.mediaBuckets : fail('$.mediaBuckets', 'expected an array'))
    .map((b, i): MediaBucketJson => {
      const p = `$.mediaBuckets[${i}]`;
      if (!isObj(b)) fail(p, 'expected an object');
      const bucket = str(b.bucket, `${p}.bucket`) as string;
      if (Buffer.byteLength(bucket) > 64) fail(`${p}.bucket`, 'longer than 64 bytes');
      return { bucket, type: oneOf(b.type, ['Input', 'Output'] as const, `${p}.type`), referer: str(b.referer, `${p}.referer`, true) };
    });
  const seen = new Set<string>();
  mediaBuckets.forEach((b, i) => {
    const k = `${b.type}/${b.bucket}`;
    if (seen.has(k)) fail(`$.mediaBuckets[${i}]`, `duplicate ${k}`);
    seen.add(k);
  });
  const apps = (Array.isArray(input.apps) ? input.apps : fail('$.apps', 'expected an array')).map((a, i): AppJson => {
    const p = `$.apps[${i}]`;
    if (!isObj(a)) fail(p, 'expected an object');
    return {
      appId: str(a.appId, `${p}.appId`) as string,
      appName: str(a.appName, `${p}.appName`) as string,
      type: a.type === undefined ? undefined : oneOf(a.type, ['System', 'Custom'] as const, `${p}.type`),
      status: a.status === undefined ? undefined : oneOf(a.status, ['Normal', 'Disable'] as const, `${p}.status`),
      description: str(a.description, `${p}.description`, true),
      resourceGroupId: str(a.resourceGroupId, `${p}.resourceGroupId`, true),
      creationTime: str(a.creationTime, `${p}.creationTime`, true),
      modificationTime: str(a.modificationTime, `${p}.modificationTime`, true),
    };
  });
  const appIds = new Set(apps.map((a) => a.appId));
  if (appIds.size !== apps.length) fail('$.apps', 'duplicate appId');
  const customPolicies = (input.customPolicies === undefined ? [] : Array.isArray(input.customPolicies)
    ? input.customPolicies : fail('$.customPolicies', 'expected an array')).map((c, i): CustomPolicyJson => {
    const p = `$.customPolicies[${i}]`;
    if (!isObj(c)) fail(p, 'expected an object');
    const appId = str(c.appId, `${p}.appId`) as string;
    if (!appIds.has(appId)) fail(`${p}.appId`, `unknown app ${appId}`);
    const policyName = str(c.policyName, `${p}.policyName`) as string;
    if (SYSTEM_POLICIES[policyName]) fail(`${p}.policyName`, 'clashes with a system policy');
    return { appId, policyName, policyValue: str(c.policyValue, `${p}.policyValue`, true), description: str(c.description, `${p}.description`, true) };
  });
  const identities = (Array.isArray(input.identities) ? input.identities : fail('$.identities', 'expected an array'))
    .map((d, i): IdentityJson => {
      const p = `$.identities[${i}]`;
      if (!isObj(d)) fail(p, 'expected an object');
      const appId = str(d.appId, `${p}.appId`) as string;
      if (!appIds.has(appId)) fail(`${p}.appId`, `unknown app ${appId}`);
      const policies = strArray(d.policies, `${p}.policies`);
      if (policies.length > MAX_POLICIES_PER_IDENTITY) fail(`${p}.policies`, `more than ${MAX_POLICIES_PER_IDENTITY}`);
      return {
        type: oneOf(d.type, ['RamUser', 'RamRole'] as const, `${p}.type`),
        name: str(d.name, `${p}.name`) as string,
        appId,
        policies: [...new Set(policies)],
        protectedPolicies: d.protectedPolicies === undefined ? undefined : strArray(d.protectedPolicies, `${p}.protectedPolicies`),
      };
    });
  let callers: Record<string, CallerJson> | undefined;
  if (input.callers !== undefined) {
    if (!isObj(input.callers)) fail('$.callers', 'expected an object');
    callers = {};
    for (const [key, c] of Object.entries(input.callers)) {
      const p = `$.callers[${JSON.stringify(key)}]`;
      if (!isObj(c)) fail(p, 'expected an object');
      if (c.appAdministrator !== undefined && typeof c.appAdministrator !== 'boolean') fail(`${p}.appAdministrator`, 'expected a boolean');
      let identity: CallerJson['identity'];
      if (c.identity !== undefined) {
        if (!isObj(c.identity)) fail(`${p}.identity`, 'expected an object');
        identity = { type: oneOf(c.identity.type, ['RamUser', 'RamRole'] as const, `${p}.identity.type`), name: str(c.identity.name, `${p}.identity.name`) as string };
      }
      callers[key] = {
        appAdministrator: c.appAdministrator as boolean | undefined,
        identity,
        forbiddenApps: c.forbiddenApps === undefined ? undefined : strArray(c.forbiddenApps, `${p}.forbiddenApps`),
        deniedActions: c.deniedActions === undefined ? undefined : strArray(c.deniedActions, `${p}.deniedActions`),
      };
    }
  }
  if (input.appServiceOpen !== undefined && typeof input.appServiceOpen !== 'boolean') fail('$.appServiceOpen', 'expected a boolean');
  if (input.unbindUnbound !== undefined && input.unbindUnbound !== 'error' && input.unbindUnbound !== 'success') fail('$.unbindUnbound', 'expected "error" or "success"');
  const { accounts, principals } = parseDirectory(input.accounts, input.principals, fail);
  // VOD addresses a user by UserId and a role by name; a fixture naming a user by login name is a typo to catch.
  const directory = new Directory(accounts);
  const checkIdentity = (t: IdentityType, name: string, path: string) => {
    if (t === 'RamUser' && !directory.anyUserId(name)) fail(path, `no RAM user has UserId ${name} (VOD names users by UserId)`);
    if (t === 'RamRole' && !directory.anyRoleName(name)) fail(path, `no RAM role is named ${name}`);
  };
  identities.forEach((d, i) => checkIdentity(d.type, d.name, `$.identities[${i}].name`));
  for (const [key, c] of Object.entries(callers ?? {})) if (c.identity) checkIdentity(c.identity.type, c.identity.name, `$.callers[${JSON.stringify(key)}].identity.name`);
  const out: EmulatorStateJson = {
    region: str(input.region, '$.region', true),
    mediaBuckets,
    ossBuckets: input.ossBuckets === undefined ? undefined : strArray(input.ossBuckets, '$.ossBuckets'),
    appServiceOpen: input.appServiceOpen as boolean | undefined,
    unbindUnbound: input.unbindUnbound as 'error' | 'success' | undefined,
    apps,
    customPolicies,
    identities,
    callers,
    accounts,
    principals,
    trailEvents: parseTrailEvents(input.trailEvents, fail),
    actionTrail: actionTrailSettings(input.actionTrail),
    ramGrants: parseRamGrants(input.ramGrants, accounts, fail),
  };
  // Drop the undefined optionals so the result equals its own JSON round-trip (what GET /__emulator/state sends).
  return JSON.parse(JSON.stringify(out)) as EmulatorStateJson;
}

function actionTrailSettings(v: unknown): EmulatorStateJson['actionTrail'] {
  if (v === undefined) return undefined;
  if (!isObj(v)) fail('$.actionTrail', 'expected an object');
  if (v.delayMs !== undefined && (typeof v.delayMs !== 'number' || !(v.delayMs >= 0))) fail('$.actionTrail.delayMs', 'expected a non-negative number of ms');
  return { delayMs: v.delayMs as number | undefined };
}

function identityKey(appId: string, type: string, name: string): string {
  return `${appId}\n${type}\n${name}`;
}

/**
 * Mutable model with the few helpers the actions and tests need. Lookups are by Map so per-request work stays
 * O(1)-ish even with thousands of buckets (the QPS tests bind hundreds).
 */
export class EmulatorState {
  private data!: EmulatorStateJson;
  private buckets!: Map<string, MediaBucketJson>; // key `${type}/${bucket}`
  private identityIndex!: Map<string, IdentityJson>;
  private dir!: Directory;
  /** ActionTrail's events: the seeded ones again on every replace (and reset), plus one per call handled since. */
  readonly trail: ActionTrailLog;
  private grants!: RamGrants;

  constructor(json: unknown, now: () => number = Date.now) {
    this.trail = new ActionTrailLog(now);
    this.replace(json);
  }

  /** Replaces everything with a validated copy of `json`; throws StateError on bad input. */
  replace(json: unknown): void {
    const data = parseState(json);
    this.data = data;
    this.buckets = new Map(data.mediaBuckets.map((b) => [`${b.type}/${b.bucket}`, b]));
    this.identityIndex = new Map(data.identities.map((d) => [identityKey(d.appId, d.type, d.name), d]));
    this.dir = new Directory(data.accounts ?? [], data.principals);
    this.trail.reset(data.trailEvents ?? [], this.dir.homeAccountId, data.actionTrail?.delayMs);
    this.grants = new RamGrants(data.ramGrants, (g) => { this.data.ramGrants = g; });
  }

  /** RAM groups, policies and attachments; RAM's attach/detach and group-membership actions change them. */
  get ramGrants(): RamGrants { return this.grants; }

  /** RAM accounts, users, roles and key owners (read-only: RAM writes are not emulated). */
  get directory(): Directory { return this.dir; }

  toJSON(): EmulatorStateJson {
    return parseState(JSON.parse(JSON.stringify(this.data)));
  }

  get region(): string { return this.data.region ?? 'cn-shanghai'; }
  get appServiceOpen(): boolean { return this.data.appServiceOpen !== false; }
  set appServiceOpen(open: boolean) { this.data.appServiceOpen = open; }

  // ---- MPS ----
  /** All media buckets sorted by name then type: the order ListAllMediaBucket pages through. */
  mediaBuckets(): MediaBucketJson[] {
    return [...this.buckets.values()].sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  }
  outputBuckets(): string[] { return this.mediaBuckets().filter((b) => b.type === 'Output').map((b) => b.bucket); }
  inputBuckets(): string[] { return this.mediaBuckets().filter((b) => b.type === 'Input').map((b) => b.bucket); }
  isBound(bucket: string, type: BucketType = 'Output'): boolean { return this.buckets.has(`${type}/${bucket}`); }
  /** False when ossBuckets is configured and the name is neither there nor already a media bucket. */
  bucketExists(bucket: string): boolean {
    if (!this.data.ossBuckets) return true;
    return this.data.ossBuckets.includes(bucket) || this.isBound(bucket, 'Input') || this.isBound(bucket, 'Output');
  }
  get unbindUnbound(): 'error' | 'success' { return this.data.unbindUnbound ?? 'error'; }
  set unbindUnbound(answer: 'error' | 'success') { this.data.unbindUnbound = answer; }
  bind(bucket: string, type: BucketType, referer?: string): void {
    const b: MediaBucketJson = { bucket, type, referer };
    this.buckets.set(`${type}/${bucket}`, b);
    this.data.mediaBuckets.push(b);
  }
  /** The bucket's entry as it was, or undefined when it was not bound as that type. */
  unbind(bucket: string, type: BucketType): MediaBucketJson | undefined {
    const b = this.buckets.get(`${type}/${bucket}`);
    if (!b) return undefined;
    this.buckets.delete(`${type}/${bucket}`);
    this.data.mediaBuckets.splice(this.data.mediaBuckets.indexOf(b), 1);
    // The name still exists in OSS; remember it so it can be bound again when ossBuckets is enforced.
    if (this.data.ossBuckets && !this.data.ossBuckets.includes(bucket)) this.data.ossBuckets.push(bucket);
    return b;
  }

  // ---- VOD ----
  apps(): AppJson[] { return this.data.apps.map((a) => ({ ...a })); }
  app(appId: string): AppJson | undefined { return this.data.apps.find((a) => a.appId === appId); }
  caller(accessKeyId: string): CallerJson { return this.data.callers?.[accessKeyId] ?? this.data.callers?.['*'] ?? {}; }
  isSystemPolicy(name: string): boolean { return Object.prototype.hasOwnProperty.call(SYSTEM_POLICIES, name); }
  customPolicy(appId: string, name: string): CustomPolicyJson | undefined {
    return this.data.customPolicies?.find((c) => c.appId === appId && c.policyName === name);
  }
  identity(ref: IdentityRef): IdentityJson | undefined {
    return this.identityIndex.get(identityKey(ref.appId ?? DEFAULT_APP_ID, ref.type, ref.name));
  }
  /** Identity entry, created empty on first attach: RAM identities live in RAM, not in VOD. */
  ensureIdentity(ref: IdentityRef): IdentityJson {
    const appId = ref.appId ?? DEFAULT_APP_ID;
    let d = this.identity(ref);
    if (!d) {
      d = { type: ref.type, name: ref.name, appId, policies: [] };
      this.data.identities.push(d);
      this.identityIndex.set(identityKey(appId, ref.type, ref.name), d);
    }
    return d;
  }
  /** Names of the policies attached to an identity in an app (default app-1000000). */
  policiesOf(ref: IdentityRef): string[] { return [...(this.identity(ref)?.policies ?? [])]; }
  policyView(appId: string, name: string): PolicyView {
    const custom = this.customPolicy(appId, name);
    return {
      AppId: appId,
      PolicyName: name,
      PolicyType: custom ? 'Custom' : 'System',
      PolicyValue: custom?.policyValue ?? (custom ? '' : name),
      Description: custom?.description ?? SYSTEM_POLICIES[name] ?? '',
      CreationTime: FIXED_TIME,
      ModificationTime: FIXED_TIME,
    };
  }
}
