// alicloudMedia.rewriteIdentityIds "Use RAM User IDs in Settings…": replaces the login names of a profile's RamUser
// identities with their UserIds (RAM GetUser, through the same resolver the listings use), after a confirmation.
// Settings only; nothing in the cloud changes. Programmatic: { profile } → { ok, profile, rewritten, unresolved },
// without a prompt.

import * as vscode from 'vscode';
import { describeError, isRamUserId } from '../cloud';
import { inertText } from '../inertText';
import type { ProfileSession } from '../profiles/profileSessions';
import { useRamUserIds } from '../settings/profileEdits';
import type { Profile } from '../settings/profileConfig';
import { rewriteConfirmation, type UserIdRewrite } from './confirmation';
import { confirmationWords } from './confirmationWords';
import type { CommandDeps } from './deps';
import { profileFor } from './pickers';
import type { CommandHandlers } from './commandHandlers';
import { failed, invalidArgument } from './results';
import { editProfiles } from './settingsEdit';
import { profileArgument } from './commandArgs';

interface Unresolved {
  readonly userName: string;
  readonly code: string;
  readonly message: string;
  readonly requestId?: string;
}

export function rewriteIdentityIdsCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: async (arg) => {
      const profile = profileArgument(deps.settings, arg.profile);
      if ('error' in profile) return profile;
      return rewrite(deps, profile, false);
    },
    ui: async (arg) => {
      const profile = await profileFor(deps, arg, vscode.l10n.t('Use RAM User IDs in Settings'));
      if (!profile) return undefined;
      return rewrite(deps, profile, true);
    },
  };
}

async function rewrite(deps: CommandDeps, profile: Profile, interactive: boolean) {
  const names = [...new Set(profile.identities.filter((i) => i.identityType === 'RamUser' && !isRamUserId(i.identityName)).map((i) => i.identityName))];
  if (names.length === 0) {
    if (interactive) void deps.ui.showInformationMessage(vscode.l10n.t('Every RAM user of profile {0} is already configured by UserId.', profile.name));
    return { ok: true, profile: profile.name, rewritten: [], unresolved: [] };
  }
  const session = deps.sessions.get(profile.name);
  if (!session) return invalidArgument(`Profile "${profile.name}" is not configured.`, 'UnknownProfile');
  const lookup = () => resolveAll(session, profile, names);
  const { rewrites, unresolved } = interactive
    ? await deps.ui.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the UserIds of {0} RAM users…', names.length) }, lookup)
    : await lookup();
  for (const u of unresolved) deps.log.warn(vscode.l10n.t('Use RAM User IDs: {0}', u.message));
  const summary = { profile: profile.name, rewritten: rewrites, unresolved };
  if (rewrites.length === 0) {
    const who = unresolved.map((u) => `${u.userName} (${u.code})`).join(', ');
    // The result for callers stays English, as the programmatic API's messages do; the notification is localized.
    const text = `No UserId could be read for profile ${profile.name}: ${who}. See the log.`;
    if (interactive) void deps.ui.showErrorMessage(inertText(vscode.l10n.t('No UserId could be read for profile {0}: {1}. See the log.', profile.name, who)));
    return { ...failed(new Error(text)), ...summary };
  }
  if (interactive) {
    const confirmation = rewriteConfirmation(profile.name, rewrites, unresolved, confirmationWords);
    const answer = await deps.ui.showWarningMessage(confirmation.message, { modal: true, detail: confirmation.detail }, confirmation.accept);
    if (answer !== confirmation.accept) return undefined;
  }
  const edit = await editProfiles(deps, (raw) => useRamUserIds(raw, profile.name, new Map(rewrites.map((r) => [r.userName, r.userId]))), interactive);
  if (!edit.ok) return { ...edit, ...summary };
  deps.log.info(vscode.l10n.t('Profile {0} now names {1}.', profile.name, rewrites.map((r) => vscode.l10n.t('{0} by UserId {1}', r.userName, r.userId)).join(', ')));
  if (interactive) {
    const done =
      rewrites.length === 1
        ? vscode.l10n.t('Profile {0} now names 1 RAM user by UserId.', profile.name)
        : vscode.l10n.t('Profile {0} now names {1} RAM users by UserId.', profile.name, rewrites.length);
    const rest = unresolved.length ? ` ${vscode.l10n.t('{0} could not be read (see the log).', unresolved.length)}` : '';
    void deps.ui.showInformationMessage(`${done}${rest}`);
  }
  return { ok: unresolved.length === 0, ...summary };
}

/** One GetUser per name (the session's resolver: the tree's lookups are reused, failures are kept apart). */
async function resolveAll(session: ProfileSession, profile: Profile, names: readonly string[]): Promise<{ rewrites: UserIdRewrite[]; unresolved: Unresolved[] }> {
  const rewrites: UserIdRewrite[] = [];
  const unresolved: Unresolved[] = [];
  for (const userName of names) {
    const identity = profile.identities.find((i) => i.identityType === 'RamUser' && i.identityName === userName);
    if (!identity) continue;
    try {
      const resolved = await session.identities.resolve(identity);
      rewrites.push({ userName, userId: resolved.identityName });
    } catch (e) {
      const err = failed(e).error;
      unresolved.push({ userName, code: err.code, message: describeError(e), ...(err.requestId ? { requestId: err.requestId } : {}) });
    }
  }
  return { rewrites, unresolved };
}
