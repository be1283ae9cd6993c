// The RAM grants of each account: groups and their members, custom policies with their versions, and which
// policies are attached to which user, group or role. Users are named by UserId, as in the directory, so a
// renamed user keeps its grants; the fixture helper withRamGrants takes login names for readable tests.
import { Directory, type AccountJson } from './directory';
import { RAM_SYSTEM_POLICIES, isRamSystemPolicy } from './ramSystemPolicies';

export type RamPolicyType = 'System' | 'Custom';
export type RamPrincipalType = 'User' | 'Group' | 'Role';

export interface RamGroupJson { groupName: string; groupId?: string; comments?: string; members: string[]; createDate?: string }
export interface RamPolicyVersionJson { versionId: string; document: string; createDate?: string }
export interface RamCustomPolicyJson { policyName: string; description?: string; defaultVersion: string; versions: RamPolicyVersionJson[]; createDate?: string }
export interface RamAttachmentJson {
  policyType: RamPolicyType; policyName: string;
  /** `principal` is the UserId for a User, the group name for a Group, the role name for a Role. */
  principalType: RamPrincipalType; principal: string;
  attachDate?: string;
}
export interface RamAccountGrantsJson { accountId: string; groups: RamGroupJson[]; policies: RamCustomPolicyJson[]; attachments: RamAttachmentJson[] }
export interface RamGrantsJson {
  accounts: RamAccountGrantsJson[];
  /**
   * Keyed by AccessKeyId (or '*'): the RAM policy reads (ListPoliciesFor*, ListGroupsForUser, ListUsersForGroup,
   * ListPolicies, GetPolicy, GetPolicyVersion, ListEntitiesForPolicy) this key is refused with NoPermission; '*'
   * in the list refuses all of them.
   */
  ramDenied?: Record<string, string[]>;
}

type Fail = (path: string, why: string) => never;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const FIXED_DATE = '2024-01-01T00:00:00Z';

function str(v: unknown, path: string, fail: Fail, optional = false): string | undefined {
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || v === '') fail(path, 'expected a non-empty string');
  return v;
}
function arr(v: unknown, path: string, fail: Fail): unknown[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : fail(path, 'expected an array');
}

/** Validates `ramGrants` of a state file against the directory: every member, principal and policy must exist. */
export function parseRamGrants(input: unknown, accounts: readonly AccountJson[], fail: Fail): RamGrantsJson | undefined {
  if (input === undefined) return undefined;
  if (!isObj(input)) fail('$.ramGrants', 'expected an object');
  const directory = new Directory([...accounts]);
  const seen = new Set<string>();
  const out: RamAccountGrantsJson[] = arr(input.accounts, '$.ramGrants.accounts', fail).map((a, i) => {
    const p = `$.ramGrants.accounts[${i}]`;
    if (!isObj(a)) fail(p, 'expected an object');
    const accountId = str(a.accountId, `${p}.accountId`, fail) as string;
    if (!accounts.some((x) => x.accountId === accountId)) fail(`${p}.accountId`, `unknown account ${accountId}`);
    if (seen.has(accountId)) fail(`${p}.accountId`, `duplicate ${accountId}`);
    seen.add(accountId);
    const groupNames = new Set<string>();
    const groups = arr(a.groups, `${p}.groups`, fail).map((g, j): RamGroupJson => {
      const q = `${p}.groups[${j}]`;
      if (!isObj(g)) fail(q, 'expected an object');
      const groupName = str(g.groupName, `${q}.groupName`, fail) as string;
      if (groupNames.has(groupName.toLowerCase())) fail(`${q}.groupName`, `duplicate ${groupName}`);
      groupNames.add(groupName.toLowerCase());
      const members = arr(g.members, `${q}.members`, fail).map((m, k) => {
        const userId = str(m, `${q}.members[${k}]`, fail) as string;
        if (!directory.userById(accountId, userId)) fail(`${q}.members[${k}]`, `no user of account ${accountId} has UserId ${userId}`);
        return userId;
      });
      return { groupName, groupId: str(g.groupId, `${q}.groupId`, fail, true), comments: str(g.comments, `${q}.comments`, fail, true), members: [...new Set(members)], createDate: str(g.createDate, `${q}.createDate`, fail, true) };
    });
    const policyNames = new Set<string>();
    const policies = arr(a.policies, `${p}.policies`, fail).map((c, j): RamCustomPolicyJson => {
      const q = `${p}.policies[${j}]`;
      if (!isObj(c)) fail(q, 'expected an object');
      const policyName = str(c.policyName, `${q}.policyName`, fail) as string;
      if (isRamSystemPolicy(policyName)) fail(`${q}.policyName`, 'clashes with a system policy');
      if (policyNames.has(policyName)) fail(`${q}.policyName`, `duplicate ${policyName}`);
      policyNames.add(policyName);
      const versions = arr(c.versions, `${q}.versions`, fail).map((v, k): RamPolicyVersionJson => {
        const r = `${q}.versions[${k}]`;
        if (!isObj(v)) fail(r, 'expected an object');
        // The document is kept as given, valid JSON or not: RAM refuses malformed documents, but a client must
        // survive one from a proxy or a look-alike server, so tests need a way to serve it.
        if (typeof v.document !== 'string') fail(`${r}.document`, 'expected a string');
        return { versionId: str(v.versionId, `${r}.versionId`, fail) as string, document: v.document, createDate: str(v.createDate, `${r}.createDate`, fail, true) };
      });
      if (versions.length === 0) fail(`${q}.versions`, 'expected at least one version');
      const defaultVersion = str(c.defaultVersion, `${q}.defaultVersion`, fail) as string;
      if (!versions.some((v) => v.versionId === defaultVersion)) fail(`${q}.defaultVersion`, `no version ${defaultVersion}`);
      return { policyName, description: str(c.description, `${q}.description`, fail, true), defaultVersion, versions, createDate: str(c.createDate, `${q}.createDate`, fail, true) };
    });
    const attachments = arr(a.attachments, `${p}.attachments`, fail).map((t, j): RamAttachmentJson => {
      const q = `${p}.attachments[${j}]`;
      if (!isObj(t)) fail(q, 'expected an object');
      const policyType = t.policyType === 'System' || t.policyType === 'Custom' ? t.policyType : fail(`${q}.policyType`, 'expected System or Custom');
      const policyName = str(t.policyName, `${q}.policyName`, fail) as string;
      if (policyType === 'System' ? !isRamSystemPolicy(policyName) : !policyNames.has(policyName)) fail(`${q}.policyName`, `no ${policyType} policy ${policyName}`);
      const principalType = t.principalType === 'User' || t.principalType === 'Group' || t.principalType === 'Role' ? t.principalType : fail(`${q}.principalType`, 'expected User, Group or Role');
      const principal = str(t.principal, `${q}.principal`, fail) as string;
      const known = principalType === 'User' ? directory.userById(accountId, principal) !== undefined
        : principalType === 'Role' ? directory.role(accountId, principal) !== undefined
          : groupNames.has(principal.toLowerCase());
      if (!known) fail(`${q}.principal`, `no ${principalType} ${principal} in account ${accountId}${principalType === 'User' ? ' (users are named by UserId)' : ''}`);
      return { policyType, policyName, principalType, principal, attachDate: str(t.attachDate, `${q}.attachDate`, fail, true) };
    });
    return { accountId, groups, policies, attachments };
  });
  let ramDenied: Record<string, string[]> | undefined;
  if (input.ramDenied !== undefined) {
    if (!isObj(input.ramDenied)) fail('$.ramGrants.ramDenied', 'expected an object keyed by AccessKeyId');
    ramDenied = {};
    for (const [key, list] of Object.entries(input.ramDenied)) {
      ramDenied[key] = arr(list, `$.ramGrants.ramDenied[${JSON.stringify(key)}]`, fail).map((x, k) => str(x, `$.ramGrants.ramDenied[${JSON.stringify(key)}][${k}]`, fail) as string);
    }
  }
  return { accounts: out, ...(ramDenied ? { ramDenied } : {}) };
}

export interface PolicyRef { policyType: RamPolicyType; policyName: string }
export interface ResolvedPolicy extends PolicyRef { description: string; defaultVersion: string; versions: RamPolicyVersionJson[]; createDate: string }

/**
 * Lookups over validated grants, and the writes RAM's attach/detach and group-membership actions make. Writes
 * change the state's own JSON (created through `adopt` when the state had no `ramGrants`), so toJSON shows them.
 */
export class RamGrants {
  private readonly byAccount: Map<string, RamAccountGrantsJson>;
  constructor(private json: RamGrantsJson | undefined, private readonly adopt: (json: RamGrantsJson) => void = () => undefined) {
    this.byAccount = new Map((json?.accounts ?? []).map((a) => [a.accountId, a]));
  }
  /** The account's entry in the state, created on its first write. */
  private writable(accountId: string): RamAccountGrantsJson {
    let a = this.byAccount.get(accountId);
    if (!a) {
      if (!this.json) {
        this.json = { accounts: [] };
        this.adopt(this.json);
      }
      a = { accountId, groups: [], policies: [], attachments: [] };
      this.json.accounts.push(a);
      this.byAccount.set(accountId, a);
    }
    return a;
  }
  private attachmentIndex(accountId: string, ref: PolicyRef, principalType: RamPrincipalType, principal: string): number {
    return this.of(accountId).attachments.findIndex((t) => t.policyType === ref.policyType && t.policyName === ref.policyName
      && t.principalType === principalType && (principalType === 'Group' ? t.principal.toLowerCase() === principal.toLowerCase() : t.principal === principal));
  }
  /** False when the policy was attached to that principal already. */
  attach(accountId: string, ref: PolicyRef, principalType: RamPrincipalType, principal: string, attachDate: string): boolean {
    if (this.attachmentIndex(accountId, ref, principalType, principal) >= 0) return false;
    this.writable(accountId).attachments.push({ policyType: ref.policyType, policyName: ref.policyName, principalType, principal, attachDate });
    return true;
  }
  /** False when the policy was not attached to that principal. */
  detach(accountId: string, ref: PolicyRef, principalType: RamPrincipalType, principal: string): boolean {
    const i = this.attachmentIndex(accountId, ref, principalType, principal);
    if (i < 0) return false;
    this.writable(accountId).attachments.splice(i, 1);
    return true;
  }
  /** False when the user was a member already (or is not, for remove). */
  setMember(accountId: string, groupName: string, userId: string, member: boolean): boolean {
    const g = this.group(accountId, groupName);
    if (!g || g.members.includes(userId) === member) return false;
    if (member) g.members.push(userId);
    else g.members.splice(g.members.indexOf(userId), 1);
    return true;
  }
  private of(accountId: string): RamAccountGrantsJson {
    return this.byAccount.get(accountId) ?? { accountId, groups: [], policies: [], attachments: [] };
  }

  /** True when this key may not call `action` (the state's `ramDenied`). */
  denied(accessKeyId: string, action: string): boolean {
    const list = this.json?.ramDenied?.[accessKeyId] ?? this.json?.ramDenied?.['*'] ?? [];
    return list.includes('*') || list.includes(action);
  }

  groups(accountId: string): readonly RamGroupJson[] { return this.of(accountId).groups; }
  /** Group names are unique regardless of case in RAM; lookups follow that. */
  group(accountId: string, groupName: string): RamGroupJson | undefined {
    return this.groups(accountId).find((g) => g.groupName.toLowerCase() === groupName.toLowerCase());
  }
  groupsOfUser(accountId: string, userId: string): RamGroupJson[] { return this.groups(accountId).filter((g) => g.members.includes(userId)); }

  policy(accountId: string, ref: PolicyRef): ResolvedPolicy | undefined {
    if (ref.policyType === 'System') {
      const sys = RAM_SYSTEM_POLICIES[ref.policyName];
      if (!sys || !Object.prototype.hasOwnProperty.call(RAM_SYSTEM_POLICIES, ref.policyName)) return undefined;
      return { ...ref, description: sys.description, defaultVersion: sys.defaultVersion, versions: [{ versionId: sys.defaultVersion, document: sys.document }], createDate: FIXED_DATE };
    }
    const c = this.of(accountId).policies.find((p) => p.policyName === ref.policyName);
    return c ? { ...ref, description: c.description ?? '', defaultVersion: c.defaultVersion, versions: c.versions, createDate: c.createDate ?? FIXED_DATE } : undefined;
  }
  /** System policies first (by name), then the account's custom ones (by name): the order ListPolicies pages. */
  policies(accountId: string): ResolvedPolicy[] {
    const system = Object.keys(RAM_SYSTEM_POLICIES).sort().map((name) => this.policy(accountId, { policyType: 'System', policyName: name }) as ResolvedPolicy);
    const custom = [...this.of(accountId).policies].sort((a, b) => (a.policyName < b.policyName ? -1 : 1))
      .map((c) => this.policy(accountId, { policyType: 'Custom', policyName: c.policyName }) as ResolvedPolicy);
    return [...system, ...custom];
  }
  attachmentsOf(accountId: string, principalType: RamPrincipalType, principal: string): RamAttachmentJson[] {
    return this.of(accountId).attachments.filter((t) => t.principalType === principalType
      && (principalType === 'Group' ? t.principal.toLowerCase() === principal.toLowerCase() : t.principal === principal));
  }
  attachmentsTo(accountId: string, ref: PolicyRef): RamAttachmentJson[] {
    return this.of(accountId).attachments.filter((t) => t.policyType === ref.policyType && t.policyName === ref.policyName);
  }
}

// ---- fixture helper ----

export interface RamGrantsFixture {
  groups?: { name: string; members: string[]; comments?: string }[];
  /** Custom policies: one document, or several versions (v1, v2, … in order; the last is the default). */
  policies?: { name: string; document?: string | object; versions?: (string | object)[]; defaultVersion?: string; description?: string }[];
  /** Attach a policy (System unless it is one of `policies`) to a user (login name), a role or a group. */
  attachments?: { policy: string; user?: string; role?: string; group?: string }[];
  ramDenied?: Record<string, string[]>;
}

/**
 * A copy of `state` whose first (home) account holds these grants, by login name: tests say `alice`, the state
 * stores her UserId. Unknown names throw here rather than producing a state that fails validation later.
 */
export function withRamGrants<S extends { accounts?: AccountJson[]; ramGrants?: RamGrantsJson }>(state: S, fixture: RamGrantsFixture): S {
  const copy = JSON.parse(JSON.stringify(state)) as S;
  const account = copy.accounts?.[0];
  if (!account) throw new Error('withRamGrants: the state has no account');
  const userId = (name: string): string => {
    const u = account.users.find((x) => x.userName === name);
    if (!u) throw new Error(`withRamGrants: no user ${name} in account ${account.accountId}`);
    return u.userId;
  };
  const text = (d: string | object): string => (typeof d === 'string' ? d : JSON.stringify(d));
  const customNames = new Set((fixture.policies ?? []).map((p) => p.name));
  const grants: RamAccountGrantsJson = {
    accountId: account.accountId,
    groups: (fixture.groups ?? []).map((g) => ({ groupName: g.name, members: g.members.map(userId), ...(g.comments ? { comments: g.comments } : {}) })),
    policies: (fixture.policies ?? []).map((p) => {
      const docs = p.versions ?? (p.document !== undefined ? [p.document] : []);
      const versions = docs.map((d, i) => ({ versionId: `v${i + 1}`, document: text(d) }));
      return { policyName: p.name, defaultVersion: p.defaultVersion ?? `v${versions.length}`, versions, ...(p.description ? { description: p.description } : {}) };
    }),
    attachments: (fixture.attachments ?? []).map((t) => {
      const policyType: RamPolicyType = customNames.has(t.policy) ? 'Custom' : 'System';
      if (t.user) return { policyType, policyName: t.policy, principalType: 'User' as const, principal: userId(t.user) };
      if (t.role) return { policyType, policyName: t.policy, principalType: 'Role' as const, principal: t.role };
      if (t.group) return { policyType, policyName: t.policy, principalType: 'Group' as const, principal: t.group };
      throw new Error(`withRamGrants: attachment of ${t.policy} names no user, role or group`);
    }),
  };
  copy.ramGrants = {
    accounts: [grants, ...(copy.ramGrants?.accounts ?? []).filter((a) => a.accountId !== account.accountId)],
    ...(fixture.ramDenied ?? copy.ramGrants?.ramDenied ? { ramDenied: fixture.ramDenied ?? copy.ramGrants?.ramDenied } : {}),
  };
  return copy;
}
