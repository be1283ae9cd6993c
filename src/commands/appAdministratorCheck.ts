// Find Access to App asks VOD about every RAM user and role of the account. With a key that is not a VOD app
// administrator each answer would be the caller's own policies (cloud/appAdministrator.ts), and the scan would
// report them as everyone's: so it is refused before anything of the scan is sent (no ListAppInfo, no directory,
// no listing), with the same explanation the Resources view gives.

import * as vscode from 'vscode';
import { describeError } from '../cloud';
import type * as Admins from '../profiles/appAdministrators';
import type { Profile } from '../settings/profileConfig';
import type { CommandDeps } from './deps';
import { notify } from './notify';
import { failed, type Failed } from './results';

/** The refusal (logged, and shown when `interactive`), or undefined when the key is an app administrator. */
export async function refuseUnlessAppAdministrator(deps: CommandDeps, profile: Profile, interactive: boolean): Promise<Failed | undefined> {
  const session = deps.sessions.get(profile.name);
  // No session: the scan itself says the profile is gone.
  if (!session) return undefined;
  const refusal = await (require('../profiles/appAdministrators') as typeof Admins).appAdministratorRefusalFor(session);
  if (!refusal) return undefined;
  deps.log.error(vscode.l10n.t('Not sent: Find Access to App [profile {0}]: {1}', profile.name, describeError(refusal)));
  if (interactive) await notify(deps, 'error', vscode.l10n.t('Cannot find access in profile {0}: {1}', profile.name, describeError(refusal)), refusal);
  return failed(refusal);
}
