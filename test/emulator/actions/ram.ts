// RAM (ram 2015-05-01): the read side of the directory — GetUser, ListUsers, GetRole, ListRoles. Each caller sees
// its own account's users and roles. Lists page with an opaque Marker while IsTruncated is true; the Marker
// encodes the last name served, so paging stays consistent if the state is replaced between pages.
import { E } from '../errors';
import { roleView, userView } from '../directory';
import type { ActionSpec } from './types';
import { intParam, required } from './params';

export const RAM_VERSION = '2015-05-01';

function encodeMarker(lastName: string): string {
  return Buffer.from(JSON.stringify(['ram', lastName]), 'utf8').toString('base64url');
}
function decodeMarker(marker: string): string {
  try {
    const v: unknown = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && v[0] === 'ram' && typeof v[1] === 'string') return v[1];
  } catch {
    // fall through
  }
  throw E.invalidParam('Marker', 'The marker is not one this service issued.');
}

/** One page of `items` sorted by `key`, after the Marker's name: `{IsTruncated, Marker?}` plus the page. */
export function page<T>(params: Readonly<Record<string, string>>, items: readonly T[], key: (t: T) => string): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const max = intParam(params, 'MaxItems', 100, 1, 1000);
  let sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (params.Marker) {
    const after = decodeMarker(params.Marker);
    sorted = sorted.filter((t) => key(t) > after);
  }
  const out = sorted.slice(0, max);
  const truncated = sorted.length > max;
  return { items: out, IsTruncated: truncated, ...(truncated ? { Marker: encodeMarker(key(out[out.length - 1])) } : {}) };
}

export const ramActions: Record<string, ActionSpec> = {
  GetUser: {
    product: 'ram', version: RAM_VERSION,
    handler: ({ state, params, caller }) => {
      // UserName is the login name; a UserId here finds nothing, as in RAM.
      const name = required(params, 'UserName');
      const user = state.directory.user(caller.accountId, name);
      if (!user) throw E.userNotFound(name);
      return { User: { ...userView(user), LastLoginDate: user.lastLoginDate ?? '' } };
    },
  },
  ListUsers: {
    product: 'ram', version: RAM_VERSION,
    handler: ({ state, params, caller }) => {
      const { items, ...paging } = page(params, state.directory.users(caller.accountId), (u) => u.userName);
      return { ...paging, Users: { User: items.map(userView) } };
    },
  },
  GetRole: {
    product: 'ram', version: RAM_VERSION,
    handler: ({ state, params, caller }) => {
      const name = required(params, 'RoleName');
      const role = state.directory.role(caller.accountId, name);
      if (!role) throw E.roleNotFound(name);
      return { Role: { ...roleView(caller.accountId, role), AssumeRolePolicyDocument: trustPolicy(caller.accountId, role.trustedAccounts ?? []) } };
    },
  },
  ListRoles: {
    product: 'ram', version: RAM_VERSION,
    handler: ({ state, params, caller }) => {
      const { items, ...paging } = page(params, state.directory.roles(caller.accountId), (r) => r.roleName.toLowerCase());
      return { ...paging, Roles: { Role: items.map((r) => roleView(caller.accountId, r)) } };
    },
  },
};

/** The trust policy GetRole shows: the role's own account and any trusted ones may assume it. */
function trustPolicy(accountId: string, trusted: readonly string[]): string {
  const principals = [accountId, ...trusted].map((a) => `acs:ram::${a}:root`);
  return JSON.stringify({
    Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { RAM: principals } }],
    Version: '1',
  });
}
