// The RAM side of the emulator's world: accounts, their RAM users and roles, and which account (and RAM user)
// each AccessKey belongs to. RAM and STS answer from here, and VOD checks identities against it: VOD names a RAM
// user by its UserId (a digit string) and a role by its name, so both must be real entries of the directory.

export interface RamUserJson {
  userId: string; userName: string; displayName: string;
  comments?: string; email?: string; mobilePhone?: string; createDate?: string; updateDate?: string; lastLoginDate?: string;
}
export interface RamRoleJson {
  roleId: string; roleName: string;
  /** Derived (`acs:ram::<AccountId>:role/<lower-cased name>`); accepted in JSON only if it equals the derived one. */
  arn?: string;
  description?: string;
  /** Longest DurationSeconds AssumeRole grants (3600–43200; default 3600). */
  maxSessionDuration?: number;
  /** Other accounts whose principals the trust policy lets assume the role (its own account always may). */
  trustedAccounts?: string[];
  /** When set, AssumeRole must send this ExternalId. */
  externalId?: string;
  createDate?: string; updateDate?: string;
}
export interface AccountJson { accountId: string; users: RamUserJson[]; roles: RamRoleJson[] }
/** Who an AccessKey is: an account's root (no userId) or one of its RAM users. */
export interface PrincipalJson { accountId: string; userId?: string }

export const DEFAULT_ACCOUNT_ID = '1000000000000001';
export const DEFAULT_MAX_SESSION_SECONDS = 3600;
const FIXED_DATE = '2024-01-01T00:00:00Z';

export function roleArn(accountId: string, roleName: string): string {
  return `acs:ram::${accountId}:role/${roleName.toLowerCase()}`;
}

type Fail = (path: string, why: string) => never;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown, path: string, fail: Fail, optional = false): string | undefined {
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || (v === '' && !optional)) fail(path, optional ? 'expected a string' : 'expected a non-empty string');
  return v;
}
function digits(v: unknown, path: string, fail: Fail): string {
  const s = text(v, path, fail) as string;
  if (!/^\d{1,32}$/.test(s)) fail(path, 'expected a string of digits');
  return s;
}

/** Validates `accounts` and `principals` of a state file; `undefined` accounts → one empty default account. */
export function parseDirectory(accountsIn: unknown, principalsIn: unknown, fail: Fail): { accounts: AccountJson[]; principals?: Record<string, PrincipalJson> } {
  const raw = accountsIn === undefined ? [{ accountId: DEFAULT_ACCOUNT_ID, users: [], roles: [] }] : accountsIn;
  if (!Array.isArray(raw) || raw.length === 0) fail('$.accounts', 'expected a non-empty array (the first is the home account)');
  const userIds = new Set<string>();
  const roleIds = new Set<string>();
  const accounts = raw.map((a, i): AccountJson => {
    const p = `$.accounts[${i}]`;
    if (!isObj(a)) fail(p, 'expected an object');
    const accountId = digits(a.accountId, `${p}.accountId`, fail);
    const names = new Set<string>();
    const users = (Array.isArray(a.users) ? a.users : fail(`${p}.users`, 'expected an array')).map((u, j): RamUserJson => {
      const q = `${p}.users[${j}]`;
      if (!isObj(u)) fail(q, 'expected an object');
      const userId = digits(u.userId, `${q}.userId`, fail);
      if (userIds.has(userId)) fail(`${q}.userId`, `duplicate ${userId}`);
      userIds.add(userId);
      const userName = text(u.userName, `${q}.userName`, fail) as string;
      if (names.has(userName)) fail(`${q}.userName`, `duplicate ${userName}`);
      names.add(userName);
      const opt = (k: string) => text(u[k], `${q}.${k}`, fail, true);
      return {
        userId, userName, displayName: text(u.displayName, `${q}.displayName`, fail) as string,
        comments: opt('comments'), email: opt('email'), mobilePhone: opt('mobilePhone'),
        createDate: opt('createDate'), updateDate: opt('updateDate'), lastLoginDate: opt('lastLoginDate'),
      };
    });
    const roleNames = new Set<string>();
    const roles = (Array.isArray(a.roles) ? a.roles : fail(`${p}.roles`, 'expected an array')).map((r, j): RamRoleJson => {
      const q = `${p}.roles[${j}]`;
      if (!isObj(r)) fail(q, 'expected an object');
      const roleId = digits(r.roleId, `${q}.roleId`, fail);
      if (roleIds.has(roleId)) fail(`${q}.roleId`, `duplicate ${roleId}`);
      roleIds.add(roleId);
      const roleName = text(r.roleName, `${q}.roleName`, fail) as string;
      // Role names are unique regardless of case: the ARN lower-cases them.
      if (roleNames.has(roleName.toLowerCase())) fail(`${q}.roleName`, `duplicate ${roleName}`);
      roleNames.add(roleName.toLowerCase());
      if (r.arn !== undefined && r.arn !== roleArn(accountId, roleName)) fail(`${q}.arn`, `expected ${roleArn(accountId, roleName)}`);
      const max = r.maxSessionDuration;
      if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 3600 || max > 43200)) {
        fail(`${q}.maxSessionDuration`, 'expected an integer 3600-43200');
      }
      const trusted = r.trustedAccounts === undefined ? undefined : Array.isArray(r.trustedAccounts)
        ? r.trustedAccounts.map((t, k) => digits(t, `${q}.trustedAccounts[${k}]`, fail)) : fail(`${q}.trustedAccounts`, 'expected an array');
      const opt = (k: string) => text(r[k], `${q}.${k}`, fail, true);
      return {
        roleId, roleName, description: opt('description'), maxSessionDuration: max as number | undefined,
        trustedAccounts: trusted, externalId: opt('externalId'), createDate: opt('createDate'), updateDate: opt('updateDate'),
      };
    });
    return { accountId, users, roles };
  });
  if (new Set(accounts.map((a) => a.accountId)).size !== accounts.length) fail('$.accounts', 'duplicate accountId');
  let principals: Record<string, PrincipalJson> | undefined;
  if (principalsIn !== undefined) {
    if (!isObj(principalsIn)) fail('$.principals', 'expected an object keyed by AccessKeyId');
    principals = {};
    for (const [key, v] of Object.entries(principalsIn)) {
      const p = `$.principals[${JSON.stringify(key)}]`;
      if (!isObj(v)) fail(p, 'expected an object');
      const account = accounts.find((a) => a.accountId === v.accountId);
      if (!account) fail(`${p}.accountId`, `unknown account ${String(v.accountId)}`);
      if (v.userId !== undefined && !account.users.some((u) => u.userId === v.userId)) fail(`${p}.userId`, `no such user in account ${account.accountId}`);
      principals[key] = { accountId: account.accountId, ...(v.userId !== undefined ? { userId: v.userId as string } : {}) };
    }
  }
  return { accounts, principals };
}

/** Read-only lookups over a validated directory. */
export class Directory {
  private readonly byAccount: Map<string, AccountJson>;
  constructor(private readonly accounts: AccountJson[], private readonly principals: Record<string, PrincipalJson> = {}) {
    this.byAccount = new Map(accounts.map((a) => [a.accountId, a]));
  }

  /** The account that owns the MPS buckets and VOD apps of the state (the first one listed). */
  get homeAccountId(): string { return this.accounts[0].accountId; }

  /** Keys without an entry in `principals` are the home account's root (the demo key, test keys). */
  principal(accessKeyId: string): PrincipalJson {
    return this.principals[accessKeyId] ?? { accountId: this.homeAccountId };
  }
  users(accountId: string): readonly RamUserJson[] { return this.byAccount.get(accountId)?.users ?? []; }
  roles(accountId: string): readonly RamRoleJson[] { return this.byAccount.get(accountId)?.roles ?? []; }
  user(accountId: string, userName: string): RamUserJson | undefined { return this.users(accountId).find((u) => u.userName === userName); }
  userById(accountId: string, userId: string): RamUserJson | undefined { return this.users(accountId).find((u) => u.userId === userId); }
  /** Exact name (the emulator's choice: a client that changes a role name's case is told so, not humoured). */
  role(accountId: string, roleName: string): RamRoleJson | undefined {
    return this.roles(accountId).find((r) => r.roleName === roleName);
  }
  /** ARNs carry the role name lower-cased, and the name is unique regardless of case, so this is unambiguous. */
  roleByArn(arn: string): { accountId: string; role: RamRoleJson } | undefined {
    const m = /^acs:ram::(\d+):role\/([^/]+)$/.exec(arn);
    if (!m) return undefined;
    const role = this.roles(m[1]).find((r) => r.roleName.toLowerCase() === m[2].toLowerCase());
    return role ? { accountId: m[1], role } : undefined;
  }
  anyUserId(userId: string): boolean { return this.accounts.some((a) => a.users.some((u) => u.userId === userId)); }
  anyRoleName(roleName: string): boolean { return this.accounts.some((a) => this.role(a.accountId, roleName) !== undefined); }
}

export function userView(u: RamUserJson): Record<string, string> {
  return {
    UserId: u.userId, UserName: u.userName, DisplayName: u.displayName, Comments: u.comments ?? '',
    Email: u.email ?? '', MobilePhone: u.mobilePhone ?? '',
    CreateDate: u.createDate ?? FIXED_DATE, UpdateDate: u.updateDate ?? u.createDate ?? FIXED_DATE,
  };
}

export function roleView(accountId: string, r: RamRoleJson): Record<string, string | number> {
  return {
    RoleId: r.roleId, RoleName: r.roleName, Arn: roleArn(accountId, r.roleName), Description: r.description ?? '',
    MaxSessionDuration: r.maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS,
    CreateDate: r.createDate ?? FIXED_DATE, UpdateDate: r.updateDate ?? r.createDate ?? FIXED_DATE,
  };
}
