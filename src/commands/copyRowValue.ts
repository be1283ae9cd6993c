// Copy Name / Copy UserId / Copy ARN / Copy Account ID on Resources rows: the values people paste into a policy, a
// ticket or a CLI call. A bucket's name is on its row; the rest is what Alibaba Cloud says, asked the way the rest of
// the extension asks it (each a normal call, logged and recorded):
//   - a RAM user's login name and UserId: the identity resolver (GetUser for a name; the account's user list
//     names a UserId, as on the row);
//   - a RAM role's ARN: RAM GetRole (the row holds only the role name);
//   - the profile's account ID: STS GetCallerIdentity, as the profile row shows it.
// Nothing is copied that was not seen: when RAM cannot name a UserId, or a call fails, the notification says so
// (with code and RequestId) and the clipboard is left alone.

import * as vscode from 'vscode';
import { CloudError, describeError } from '../cloud';
import { inertText } from '../inertText';
import type { ProfileSession } from '../profiles/profileSessions';
import { siteOf, type ProfileIdentity } from '../settings/profileConfig';
import { isResourceNode, type AnyResourceNode } from '../tree/nodes';
import type { CommandHandlers } from './commandHandlers';
import type { CommandDeps } from './deps';
import { notify } from './notify';
import { failed } from './results';

/** What a copy command copies. */
export type RowValue = 'name' | 'userId' | 'arn' | 'accountId';

interface Copied {
  readonly value: string;
  /** For the status bar: `Copied UserId 2037…`. */
  readonly what: string;
}

export function copyRowValueCommand(value: RowValue): (deps: CommandDeps) => CommandHandlers {
  return (deps) => ({
    ui: async (arg) => {
      if (!isResourceNode(arg)) return undefined;
      const profile = arg.profile && deps.settings.find(arg.profile.name);
      if (!profile) return undefined;
      try {
        const copied = await valueOf(value, arg, () => sessionOf(deps, profile.name));
        if (!copied) return undefined;
        await vscode.env.clipboard.writeText(copied.value);
        vscode.window.setStatusBarMessage(`$(check) ${inertText(vscode.l10n.t('Copied {0} {1}', copied.what, copied.value))}`, 3000);
        return copied.value;
      } catch (e) {
        await notify(deps, 'error', vscode.l10n.t('Nothing copied: {0}', describeError(e)), { ...failed(e).error, site: siteOf(profile) });
        return undefined;
      }
    },
  });
}

async function valueOf(value: RowValue, node: AnyResourceNode, session: () => ProfileSession): Promise<Copied | undefined> {
  switch (value) {
    case 'name':
      if (node.kind === 'bucket') return { value: node.bucket, what: vscode.l10n.t('bucket name') };
      if (node.kind === 'identity' || node.kind === 'foundIdentity') return identityName(session(), node.identity, node.kind === 'foundIdentity' ? node.found.userName : undefined);
      return undefined;
    case 'userId':
      if ((node.kind === 'identity' || node.kind === 'foundIdentity') && node.identity.identityType === 'RamUser') {
        const resolved = await session().identities.resolve(node.identity);
        return { value: resolved.userId ?? resolved.identityName, what: 'UserId' };
      }
      return undefined;
    case 'arn':
      if ((node.kind === 'identity' || node.kind === 'foundIdentity') && node.identity.identityType === 'RamRole') {
        const { role, requestId } = await session().ram().getRole(node.identity.identityName);
        if (!role.arn) {
          const message = vscode.l10n.t('{0} answered without {1}.', 'GetRole', 'Role.Arn');
          throw new CloudError({ kind: 'bad-response', code: 'InvalidResponse', message, requestId, retryable: false });
        }
        return { value: role.arn, what: 'ARN' };
      }
      return undefined;
    case 'accountId':
      if (node.kind === 'profile') return accountId(session());
      return undefined;
  }
}

/** A role's name is its row's; a user's login name is RAM's (a row may hold only the UserId). */
async function identityName(session: ProfileSession, identity: ProfileIdentity, scannedName: string | undefined): Promise<Copied> {
  const what = vscode.l10n.t('name');
  if (identity.identityType === 'RamRole') return { value: identity.identityName, what };
  if (scannedName) return { value: scannedName, what };
  const resolved = await session.identities.named(identity);
  if (resolved.userName) return { value: resolved.userName, what };
  const naming = session.users.naming(identity.identityName);
  const why = naming.status === 'failed' ? describeError(naming.error) : vscode.l10n.t('no user of the account has this UserId in ListUsers');
  throw new CloudError({
    kind: 'invalid-input',
    code: naming.status === 'failed' ? naming.error.code : 'UserNotNamed',
    message: vscode.l10n.t('RAM did not name UserId {0}: {1}', identity.identityName, why),
    ...(naming.status === 'failed' && naming.error.requestId ? { requestId: naming.error.requestId } : {}),
    retryable: false,
  });
}

async function accountId(session: ProfileSession): Promise<Copied> {
  const caller = await session.caller();
  if (!caller) throw new CloudError({ kind: 'invalid-input', code: 'NoAccessKey', message: vscode.l10n.t('profile {0} has no AccessKey, so its account is not known.', session.profile.name), retryable: false });
  const settled = caller.status === 'loading' ? await caller.promise : caller;
  if (settled.status === 'failed') throw settled.error;
  if (settled.status !== 'loaded') throw new CloudError({ kind: 'invalid-input', code: 'AccountUnknown', message: vscode.l10n.t('the account is not known yet.'), retryable: false });
  return { value: settled.value.accountId, what: vscode.l10n.t('account ID') };
}

function sessionOf(deps: CommandDeps, profile: string): ProfileSession {
  const session = deps.sessions.get(profile);
  if (!session) throw new CloudError({ kind: 'invalid-input', code: 'UnknownProfile', message: vscode.l10n.t('Profile "{0}" is not configured.', profile), retryable: false });
  return session;
}
