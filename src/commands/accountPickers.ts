// Add Identity's picks from the account: RAM users (ListUsers) or roles (ListRoles), all pages, and VOD
// applications (ListAppInfo). Each keeps manual entry, and a listing that fails (no permission, network, a region
// without VOD) says why in the input box that replaces it and in the log: the person is never blocked.
// A RAM user is returned as its UserId, which is what VOD addresses; a role by its name.

import * as vscode from 'vscode';
import { DEFAULT_APP_ID, describeError, isRamUserId, validateAppId, validateIdentityName, type IdentityType } from '../cloud';
import { inertText } from '../inertText';
import type { ProfileSession } from '../profiles/profileSessions';
import type { Profile } from '../settings/profileConfig';
import type { CommandDeps } from './deps';
import { pickFromListing, type Listed, type ListedItem } from './listingPick';

/** The listing a pick is filled from. */
type Listing = 'ListUsers' | 'ListRoles' | 'ListAppInfo';

/** The IdentityName to configure: a picked user's UserId, a picked role's name, or what the person typed. */
export async function pickIdentityName(deps: CommandDeps, profile: Profile, type: IdentityType, title: string): Promise<string | undefined> {
  const role = type === 'RamRole';
  const pick = await pickFromListing<string>(deps.ui, {
    title,
    loading: role ? vscode.l10n.t('Reading the RAM roles of the account…') : vscode.l10n.t('Reading the RAM users of the account…'),
    manualHint: role ? vscode.l10n.t('type a role name') : vscode.l10n.t('type a user name or UserId'),
    load: () => listed(deps, profile, role ? 'ListRoles' : 'ListUsers', (session) => (role ? roleItems(session) : userItems(session))),
  });
  if (!pick) return undefined;
  if (pick.kind === 'picked') return pick.value;
  const prompt = role ? vscode.l10n.t('RAM role name') : vscode.l10n.t('RAM user name (or user ID)');
  return deps.ui.showInputBox({
    title,
    // The problem is the server's error, and an input box's prompt draws links and icons.
    prompt: inertText(!pick.problem ? prompt : role ? vscode.l10n.t('Could not list the RAM roles ({0}) — {1}', pick.problem, prompt) : vscode.l10n.t('Could not list the RAM users ({0}) — {1}', pick.problem, prompt)),
    value: pick.typed || undefined,
    ignoreFocusOut: true,
    validateInput: (v) => validateIdentityName(type, v),
  });
}

/** The VOD application: picked by name from ListAppInfo, or typed (app-1000000 offered). */
export async function pickAppId(deps: CommandDeps, profile: Profile, title: string): Promise<string | undefined> {
  const pick = await pickFromListing<string>(deps.ui, {
    title,
    loading: vscode.l10n.t('Reading the VOD applications of the account…'),
    manualHint: vscode.l10n.t('type an application ID (app-…)'),
    load: () => listed(deps, profile, 'ListAppInfo', appItems),
  });
  if (!pick) return undefined;
  if (pick.kind === 'picked') return pick.value;
  const prompt = vscode.l10n.t('VOD application ID (app-1000000 is the default application)');
  return deps.ui.showInputBox({
    title,
    prompt: inertText(pick.problem ? vscode.l10n.t('Could not list the VOD applications ({0}) — {1}', pick.problem, prompt) : prompt),
    value: pick.typed || DEFAULT_APP_ID,
    ignoreFocusOut: true,
    validateInput: (v) => validateAppId(v),
  });
}

/**
 * Runs one listing for the pick. A failure is logged (the call's own record holds the details; a client that could
 * not be built sent nothing, and the log says so) and returned as the problem the input box shows.
 */
async function listed(
  deps: CommandDeps,
  profile: Profile,
  action: Listing,
  items: (session: ProfileSession) => Promise<Listed<string>>,
): Promise<Listed<string>> {
  const session = deps.sessions.get(profile.name);
  if (!session) return { problem: vscode.l10n.t('profile "{0}" is no longer configured', profile.name) };
  try {
    return await items(session);
  } catch (e) {
    deps.log.warn(logLine(action, profile.name, describeError(e)));
    return { problem: describeError(e) };
  }
}

async function userItems(session: ProfileSession): Promise<Listed<string>> {
  // Afresh: a user created a minute ago must be offered; the answer also names UserId rows.
  const { users } = await session.users.listAfresh();
  const items: ListedItem<string>[] = users
    // Stored as the identity's name, a UserId that is not digits would be taken for a login name and resolved to
    // whichever user has that name: only digits are offered.
    .filter((u) => isRamUserId(u.userId))
    .map((u) => ({ label: u.userName, description: u.displayName, detail: vscode.l10n.t('UserId {0}', u.userId), value: u.userId }));
  const n = items.length;
  return { items, placeholder: n === 1 ? vscode.l10n.t('1 RAM user: type to filter by name, display name or UserId') : vscode.l10n.t('{0} RAM users: type to filter by name, display name or UserId', n) };
}

async function roleItems(session: ProfileSession): Promise<Listed<string>> {
  const { roles } = await session.ram().listRoles();
  const items: ListedItem<string>[] = roles
    .filter((r) => validateIdentityName('RamRole', r.roleName) === undefined)
    .map((r) => ({ label: r.roleName, description: r.description, detail: r.arn || undefined, value: r.roleName }));
  const n = items.length;
  return { items, placeholder: n === 1 ? vscode.l10n.t('1 RAM role: type to filter by name, description or ARN') : vscode.l10n.t('{0} RAM roles: type to filter by name, description or ARN', n) };
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
  const n = items.length;
  return { items, placeholder: n === 1 ? vscode.l10n.t('1 VOD application: type to filter by name or AppId') : vscode.l10n.t('{0} VOD applications: type to filter by name or AppId', n) };
}

/** The log's line for a listing that failed, one whole sentence per listing. */
function logLine(action: Listing, profile: string, error: string): string {
  switch (action) {
    case 'ListRoles':
      return vscode.l10n.t('Add Identity: could not list the RAM roles of profile {0} ({1}): {2} Asking for the value instead.', profile, action, error);
    case 'ListUsers':
      return vscode.l10n.t('Add Identity: could not list the RAM users of profile {0} ({1}): {2} Asking for the value instead.', profile, action, error);
    case 'ListAppInfo':
      return vscode.l10n.t('Add Identity: could not list the VOD applications of profile {0} ({1}): {2} Asking for the value instead.', profile, action, error);
  }
}
