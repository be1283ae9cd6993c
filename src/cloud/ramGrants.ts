// Who holds VOD or MPS access through RAM rather than through VOD app policies. Two routes:
//
// - an identity's picture: its own policies (ListPoliciesForUser/Role) and its groups' (ListGroupsForUser +
//   ListPoliciesForGroup), each policy's document read once (GetPolicy → DefaultPolicyVersion.PolicyDocument) and
//   passed through the reader (ramPolicy.ts);
// - the account-wide route Find Access needs: the policies that may grant VOD (the VOD-named and administrator
//   system policies, and every custom policy whose document says so), then who holds each (ListEntitiesForPolicy),
//   groups expanded with ListUsersForGroup — a few dozen calls instead of another walk over every identity.
//
// What could not be read is kept beside what was (a gap with its error), so nobody is ever told "no RAM grants"
// about an identity whose listing failed. Documents and group listings are shared between identities through the
// cache, which lives for the session and is forgotten on Refresh. Never rejects. No VS Code import.

import { runBulk, DEFAULT_BULK_CONCURRENCY } from './bulk';
import { toCloudError, type CloudError } from './errors';
import { mayGrant, readPolicyDocument, type PolicyReading, type RamService } from './ramPolicy';
import type {
  RamAttachedPolicy, RamAttachedPolicyList, RamGroupList, RamGroupMembers, RamPolicyCatalogue, RamPolicyDocument,
  RamPolicyEntities, RamPolicyType, RamPrincipalKind,
} from './ramGrantTypes';
import type { CallOptions } from './types';

/** The RAM reads both routes use (RamClient has them all). */
export interface RamGrantReads {
  listPoliciesFor(kind: RamPrincipalKind, name: string, options?: CallOptions): Promise<RamAttachedPolicyList>;
  listGroupsForUser(userName: string, options?: CallOptions): Promise<RamGroupList>;
  listUsersForGroup(groupName: string, options?: CallOptions): Promise<RamGroupMembers>;
  listPolicies(policyType: RamPolicyType, options?: CallOptions): Promise<RamPolicyCatalogue>;
  getPolicy(policyName: string, policyType: RamPolicyType, options?: CallOptions): Promise<RamPolicyDocument>;
  listEntitiesForPolicy(policyName: string, policyType: RamPolicyType, options?: CallOptions): Promise<RamPolicyEntities>;
}

/** A RAM identity as RAM names it: a user by login name, a role by name. */
export interface RamIdentity { readonly kind: 'User' | 'Role'; readonly name: string }

export type GrantRoute = { readonly kind: 'direct' } | { readonly kind: 'group'; readonly groupName: string };

export interface RamPolicyGrant {
  readonly policyName: string;
  readonly policyType: RamPolicyType | 'Unknown';
  /** How the identity holds it: attached directly, through one or more groups, or both. */
  readonly routes: readonly GrantRoute[];
  /** What the document says about VOD and MPS; undefined when it could not be read (the picture has the gap). */
  readonly reading?: PolicyReading;
}

/** A read that failed: which action, about what, and the error (code, RequestId) — the missing RAM permission. */
export interface RamReadGap {
  readonly action: string;
  readonly subject: string;
  readonly error: CloudError;
}

export interface RamPicture {
  readonly identity: RamIdentity;
  /** Policies whose documents touch VOD or MPS, could not be read, or are of an unknown type. Others are left out. */
  readonly grants: readonly RamPolicyGrant[];
  readonly gaps: readonly RamReadGap[];
}

type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CloudError };

async function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await p };
  } catch (e) {
    return { ok: false, error: toCloudError(e) };
  }
}

/** What one session has read: documents and group policies are shared by every identity that holds them. */
export class RamGrantCache {
  private readonly documents = new Map<string, Promise<Settled<PolicyReading>>>();
  private readonly groupPolicies = new Map<string, Promise<Settled<RamAttachedPolicyList>>>();
  private readonly pictures = new Map<string, Promise<RamPicture>>();

  document(reads: RamGrantReads, policy: RamAttachedPolicy & { policyType: RamPolicyType }): Promise<Settled<PolicyReading>> {
    const key = `${policy.policyType}/${policy.policyName}`;
    let p = this.documents.get(key);
    if (!p) {
      p = settle(reads.getPolicy(policy.policyName, policy.policyType).then((d) => readPolicyDocument(d.document)));
      this.documents.set(key, p);
    }
    return p;
  }

  policiesOfGroup(reads: RamGrantReads, groupName: string): Promise<Settled<RamAttachedPolicyList>> {
    let p = this.groupPolicies.get(groupName);
    if (!p) {
      p = settle(reads.listPoliciesFor('Group', groupName));
      this.groupPolicies.set(groupName, p);
    }
    return p;
  }

  /** The identity's picture, read once per session (Refresh forgets it). */
  picture(reads: RamGrantReads, identity: RamIdentity): Promise<RamPicture> {
    const key = `${identity.kind}/${identity.name}`;
    let p = this.pictures.get(key);
    if (!p) {
      p = readPicture(reads, identity, this);
      this.pictures.set(key, p);
    }
    return p;
  }

  /** A picture already read (or being read), without asking. */
  peek(identity: RamIdentity): Promise<RamPicture> | undefined {
    return this.pictures.get(`${identity.kind}/${identity.name}`);
  }

  forget(): void {
    this.documents.clear();
    this.groupPolicies.clear();
    this.pictures.clear();
  }

  /** After a failure, so the next look asks again instead of repeating an old error. */
  forgetFailures(): void {
    for (const map of [this.documents, this.groupPolicies] as Map<string, Promise<Settled<unknown>>>[]) {
      for (const [key, p] of map) void p.then((s) => { if (!s.ok) map.delete(key); });
    }
  }
}

async function readPicture(reads: RamGrantReads, identity: RamIdentity, cache: RamGrantCache): Promise<RamPicture> {
  const gaps: RamReadGap[] = [];
  const held = new Map<string, { policy: RamAttachedPolicy; routes: GrantRoute[] }>();
  const hold = (policy: RamAttachedPolicy, route: GrantRoute) => {
    const key = `${policy.policyType}/${policy.policyName}`;
    const entry = held.get(key) ?? { policy, routes: [] };
    entry.routes.push(route);
    held.set(key, entry);
  };
  const [direct, groups] = await Promise.all([
    settle(reads.listPoliciesFor(identity.kind, identity.name)),
    identity.kind === 'User' ? settle(reads.listGroupsForUser(identity.name)) : Promise.resolve(undefined),
  ]);
  if (direct.ok) direct.value.policies.forEach((p) => hold(p, { kind: 'direct' }));
  else gaps.push({ action: `ListPoliciesFor${identity.kind}`, subject: identity.name, error: direct.error });
  if (groups && !groups.ok) gaps.push({ action: 'ListGroupsForUser', subject: identity.name, error: groups.error });
  if (groups?.ok) {
    const listed = await Promise.all(groups.value.groups.map(async (g) => [g, await cache.policiesOfGroup(reads, g)] as const));
    for (const [groupName, result] of listed) {
      if (result.ok) result.value.policies.forEach((p) => hold(p, { kind: 'group', groupName }));
      else gaps.push({ action: 'ListPoliciesForGroup', subject: groupName, error: result.error });
    }
  }
  const grants: RamPolicyGrant[] = [];
  for (const { policy, routes } of held.values()) {
    if (policy.policyType === 'Unknown') {
      grants.push({ policyName: policy.policyName, policyType: 'Unknown', routes });
      continue;
    }
    const doc = await cache.document(reads, { ...policy, policyType: policy.policyType });
    if (!doc.ok) {
      gaps.push({ action: 'GetPolicy', subject: policy.policyName, error: doc.error });
      grants.push({ policyName: policy.policyName, policyType: policy.policyType, routes });
    } else if (doc.value.statements.length > 0) {
      grants.push({ policyName: policy.policyName, policyType: policy.policyType, routes, reading: doc.value });
    }
  }
  return { identity, grants, gaps };
}

/** Pictures of many identities (a profile's configured ones), at the actions' pace. Never rejects. */
export async function readPictures(reads: RamGrantReads, identities: readonly RamIdentity[], cache: RamGrantCache, signal?: AbortSignal): Promise<RamPicture[]> {
  const report = await runBulk(identities, (identity) => cache.picture(reads, identity), { ...(signal ? { signal } : {}), concurrency: DEFAULT_BULK_CONCURRENCY });
  return report.outcomes.flatMap((o) => (o.status === 'succeeded' ? [o.result] : []));
}

// ---- the account-wide route (Find Access to App) ----

/**
 * System policies worth reading for VOD or MPS: those named after either service, the administrator and read-only
 * ones. RAM has hundreds of system policies; reading every document would cost more than the scan it completes.
 */
export function isCandidateSystemPolicy(name: string): boolean {
  return /vod|mts|mps/i.test(name) || name === 'AdministratorAccess' || name === 'ReadOnlyAccess';
}

/** An identity that holds a policy which may grant the service, and how. */
export interface RamGrantee {
  readonly identity: RamIdentity;
  /** RamUser: the UserId, when RAM or the directory gave it (VOD names users by it). */
  readonly userId?: string;
  readonly grants: readonly RamPolicyGrant[];
}

export interface RamGranteeResult {
  readonly grantees: readonly RamGrantee[];
  readonly gaps: readonly RamReadGap[];
  /** Calls made, for the summary line. */
  readonly policiesRead: number;
}

export interface RamGranteeOptions {
  readonly signal?: AbortSignal;
  /** Login name → UserId from the directory listing the scan already made (ListUsersForGroup gives no UserId). */
  readonly userIds?: ReadonlyMap<string, string>;
}

export async function findRamGrantees(reads: RamGrantReads, service: RamService, cache: RamGrantCache, options: RamGranteeOptions = {}): Promise<RamGranteeResult> {
  const gaps: RamReadGap[] = [];
  const call: CallOptions = options.signal ? { signal: options.signal } : {};
  const [system, custom] = await Promise.all([settle(reads.listPolicies('System', call)), settle(reads.listPolicies('Custom', call))]);
  const candidates: (RamAttachedPolicy & { policyType: RamPolicyType })[] = [];
  if (system.ok) candidates.push(...system.value.policies.filter((p) => p.policyType === 'System' && isCandidateSystemPolicy(p.policyName)).map((p) => ({ ...p, policyType: 'System' as const })));
  else gaps.push({ action: 'ListPolicies', subject: 'System', error: system.error });
  if (custom.ok) candidates.push(...custom.value.policies.filter((p) => p.policyType === 'Custom').map((p) => ({ ...p, policyType: 'Custom' as const })));
  else gaps.push({ action: 'ListPolicies', subject: 'Custom', error: custom.error });

  const documents = await runBulk(candidates, (p) => cache.document(reads, p), { ...(options.signal ? { signal: options.signal } : {}) });
  const granting: { policy: RamAttachedPolicy & { policyType: RamPolicyType }; reading?: PolicyReading }[] = [];
  for (const o of documents.outcomes) {
    if (o.status !== 'succeeded') continue;
    const doc = o.result;
    if (!doc.ok) {
      gaps.push({ action: 'GetPolicy', subject: o.target.policyName, error: doc.error });
      granting.push({ policy: o.target }); // unread: it may grant, so who holds it is still asked
    } else if (doc.value.statements.some((s) => mayGrant(s, service))) {
      granting.push({ policy: o.target, reading: doc.value });
    }
  }

  interface Entry { identity: RamIdentity; userId?: string; grants: Map<string, { grant: Omit<RamPolicyGrant, 'routes'>; routes: GrantRoute[] }> }
  const byIdentity = new Map<string, Entry>();
  const add = (identity: RamIdentity, userId: string | undefined, policy: (typeof granting)[number], route: GrantRoute) => {
    const key = `${identity.kind}/${identity.name}`;
    const entry: Entry = byIdentity.get(key) ?? { identity, grants: new Map() };
    entry.userId ??= userId ?? (identity.kind === 'User' ? options.userIds?.get(identity.name) : undefined);
    const pkey = `${policy.policy.policyType}/${policy.policy.policyName}`;
    const g = entry.grants.get(pkey) ?? { grant: { policyName: policy.policy.policyName, policyType: policy.policy.policyType, ...(policy.reading ? { reading: policy.reading } : {}) }, routes: [] };
    g.routes.push(route);
    entry.grants.set(pkey, g);
    byIdentity.set(key, entry);
  };
  const entities = await runBulk(granting, (g) => reads.listEntitiesForPolicy(g.policy.policyName, g.policy.policyType, call), { ...(options.signal ? { signal: options.signal } : {}) });
  const groups = new Map<string, (typeof granting)[number][]>();
  for (const o of entities.outcomes) {
    if (o.status === 'failed') gaps.push({ action: 'ListEntitiesForPolicy', subject: o.target.policy.policyName, error: o.error });
    if (o.status !== 'succeeded') continue;
    for (const u of o.result.users) add({ kind: 'User', name: u.userName }, u.userId, o.target, { kind: 'direct' });
    for (const r of o.result.roles) add({ kind: 'Role', name: r }, undefined, o.target, { kind: 'direct' });
    for (const g of o.result.groups) groups.set(g, [...(groups.get(g) ?? []), o.target]);
  }
  const members = await runBulk([...groups.keys()], (g) => reads.listUsersForGroup(g, call), { ...(options.signal ? { signal: options.signal } : {}) });
  for (const o of members.outcomes) {
    if (o.status === 'failed') gaps.push({ action: 'ListUsersForGroup', subject: o.target, error: o.error });
    if (o.status !== 'succeeded') continue;
    for (const userName of o.result.userNames) {
      for (const policy of groups.get(o.target) ?? []) add({ kind: 'User', name: userName }, undefined, policy, { kind: 'group', groupName: o.target });
    }
  }
  const grantees: RamGrantee[] = [...byIdentity.values()].map((e) => ({
    identity: e.identity, ...(e.userId ? { userId: e.userId } : {}),
    grants: [...e.grants.values()].map((g) => ({ ...g.grant, routes: g.routes })),
  }));
  grantees.sort((a, b) => (a.identity.kind !== b.identity.kind ? (a.identity.kind === 'User' ? -1 : 1) : a.identity.name < b.identity.name ? -1 : a.identity.name > b.identity.name ? 1 : 0));
  return { grantees, gaps, policiesRead: candidates.length };
}
