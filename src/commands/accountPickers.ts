// Add Identity's picks from the account: RAM users (ListUsers) or roles (ListRoles), all pages, and VOD
// applications (ListAppInfo). Each keeps manual entry, and a listing that fails (no permission, network, a region
// without VOD) says why in the input box that replaces it and in the log: the person is never blocked.
// A RAM user is returned as its UserId, which is what VOD addresses; a role by its name.

import * as vscode from 'vscode';
import { DEFAULT_APP_ID, describeError, validateAppId, validateIdentityName, type IdentityType } from '../cloud';
import type { ProfileSession } from '../profiles/profileSessions';
import type { Profile } from '../settings/profiles';
import type { CommandDeps } from './deps';
import { pickFromListing, type Listed, type ListedItem } from './listingPick';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The IdentityName to configure: a picked user's UserId, a picked role's name, or what the person typed. */
export async function pickIdentityName(deps: CommandDeps, profile: Profile, type: IdentityType, title: string): Promise<string | undefined> {
  const what = type === 'RamRole' ? 'RAM roles' : 'RAM users';
  const pick = await pickFromListing<string>({
    title,
    loading: `Reading the ${what} of the account…`,
    manualHint: type === 'RamRole' ? 'type a role name' : 'type a user name or UserId',
    load: () => listed(deps, profile, type === 'RamRole' ? 'ListRoles' : 'ListUsers', what, (session) => (type === 'RamRole' ? roleItems(session) : userItems(session))),
  });
  if (!pick) return undefined;
  if (pick.kind === 'picked') return pick.value;
  return vscode.window.showInputBox({
    title,
    prompt: withProblem(pick.problem, what, type === 'RamRole' ? 'RAM role name' : 'RAM user name (or user ID)'),
    value: pick.typed || undefined,
    ignoreFocusOut: true,
    validateInput: (v) => validateIdentityName(type, v),
  });
}

/** The VOD application: picked by name from ListAppInfo, or typed (app-1000000 offered). */
export async function pickAppId(deps: CommandDeps, profile: Profile, title: string): Promise<string | undefined> {
  const what = 'VOD applications';
  const pick = await pickFromListing<string>({
    title,
    loading: `Reading the ${what} of the account…`,
    manualHint: 'type an application ID (app-…)',
    load: () => listed(deps, profile, 'ListAppInfo', what, appItems),
  });
  if (!pick) return undefined;
  if (pick.kind === 'picked') return pick.value;
  return vscode.window.showInputBox({
    title,
    prompt: withProblem(pick.problem, what, 'VOD application ID (app-1000000 is the default application)'),
    value: pick.typed || DEFAULT_APP_ID,
    ignoreFocusOut: true,
    validateInput: (v) => validateAppId(v),
  });
}

function withProblem(problem: string | undefined, what: string, prompt: string): string {
  return problem ? `Could not list the ${what} (${problem}) — ${prompt}` : prompt;
}

/**
 * Runs one listing for the pick. A failure is logged (the call's own record holds the details; a client that could
 * not be built sent nothing, and the log says so) and returned as the problem the input box shows.
 */
async function listed(
  deps: CommandDeps,
  profile: Profile,
  action: string,
  what: string,
  items: (session: ProfileSession) => Promise<Listed<string>>,
): Promise<Listed<string>> {
  const session = deps.sessions.get(profile.name);
  if (!session) return { problem: `profile "${profile.name}" is no longer configured` };
  try {
    return await items(session);
  } catch (e) {
    deps.log.warn(`Add Identity: could not list the ${what} of profile ${profile.name} (${action}): ${describeError(e)} Asking for the value instead.`);
    return { problem: describeError(e) };
  }
}

async function userItems(session: ProfileSession): Promise<Listed<string>> {
  const { users } = await session.ram().listUsers();
  const items: ListedItem<string>[] = users
    .filter((u) => validateIdentityName('RamUser', u.userId) === undefined)
    .map((u) => ({ label: u.userName, description: u.displayName, detail: vscode.l10n.t('UserId {0}', u.userId), value: u.userId }));
  return { items, placeholder: `${plural(items.length, 'RAM user', 'RAM users')}: type to filter by name, display name or UserId` };
}

async function roleItems(session: ProfileSession): Promise<Listed<string>> {
  const { roles } = await session.ram().listRoles();
  const items: ListedItem<string>[] = roles
    .filter((r) => validateIdentityName('RamRole', r.roleName) === undefined)
    .map((r) => ({ label: r.roleName, description: r.description, detail: r.arn || undefined, value: r.roleName }));
  return { items, placeholder: `${plural(items.length, 'RAM role', 'RAM roles')}: type to filter by name, description or ARN` };
}

async function appItems(session: ProfileSession): Promise<Listed<string>> {
  const { apps } = await session.vod().listAppInfo();
  const items: ListedItem<string>[] = apps
    .filter((a) => validateAppId(a.appId) === undefined)
    .map((a) => ({
      label: a.appName || a.appId,
      description: a.description,
      // A disabled application can still hold policies worth seeing, so it is offered, marked.
      detail: a.status && a.status !== 'Normal' ? `${a.appId} · ${a.status}` : a.appId,
      value: a.appId,
    }));
  return { items, placeholder: `${plural(items.length, 'VOD application', 'VOD applications')}: type to filter by name or AppId` };
}
