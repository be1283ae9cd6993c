// alicloudMedia.copy ("Copy…") on Resources rows: the values people paste into a policy, a ticket or a CLI call,
// offered by what the row is —
//   - a bucket: its name;
//   - a RAM user (configured or found by Find Access): its login name and its UserId;
//   - a RAM role: its name and its ARN;
//   - a profile: the account ID.
// One value is copied at once; several are offered in a pick that shows each value already known. One command
// rather than one per value: every contributed command is registered at activation, and the choice reads better
// in a pick that shows the values than in four menu items. The values are what Alibaba Cloud says, asked the way
// the rest of the extension asks (each a normal call, logged and recorded):
//   - a login name and a UserId: the identity resolver (GetUser for a name; the account's user list names a UserId);
//   - a role's ARN: RAM GetRole (the row holds only the role name);
//   - the account ID: STS GetCallerIdentity, as the profile row shows it.
// Nothing is copied that was not seen: when RAM cannot name a UserId, or a call fails, the notification says so
// (with code and RequestId) and the clipboard is left alone.

import * as vscode from 'vscode';
import { CloudError, describeError } from '../cloud';
import { siteOf } from '../cloud/sites';
import { inertItem, inertText } from '../inertText';
import type { ProfileSession } from '../profiles/profileSessions';
import type { ProfileIdentity } from '../settings/profileConfig';
import { isResourceNode, type AnyResourceNode } from '../tree/nodes';
import type { CommandHandlers } from './commandHandlers';
import type { CommandDeps } from './deps';
import { notify } from './notify';
import { failed } from './results';

/** What the command can copy. */
export type RowValue = 'name' | 'userId' | 'arn' | 'accountId';

interface Copied {
  readonly value: string;
  /** For the status bar: `Copied UserId 2037…`. */
  readonly what: string;
}

/** The values a row offers, in the order the pick lists them. */
export function rowValues(node: AnyResourceNode): RowValue[] {
  switch (node.kind) {
    case 'bucket':
      return ['name'];
    case 'identity':
    case 'foundIdentity':
      return ['name', node.identity.identityType === 'RamRole' ? 'arn' : 'userId'];
    case 'profile':
      return ['accountId'];
    default:
      return [];
  }
}

export function copyRowValueCommand(deps: CommandDeps): CommandHandlers {
  return {
    ui: async (arg) => {
      if (!isResourceNode(arg)) return undefined;
      const profile = arg.profile && deps.settings.find(arg.profile.name);
      const offered = rowValues(arg);
      if (!profile || offered.length === 0) return undefined;
      const session = () => sessionOf(deps, profile.name);
      const value = offered.length === 1 ? offered[0] : await pickValue(deps, arg, offered, session());
      if (!value) return undefined;
      try {
        const copied = await valueOf(value, arg, session);
        if (!copied) return undefined;
        await vscode.env.clipboard.writeText(copied.value);
        vscode.window.setStatusBarMessage(`$(check) ${inertText(vscode.l10n.t('Copied {0} {1}', copied.what, copied.value))}`, 3000);
        return copied.value;
      } catch (e) {
        await notify(deps, 'error', vscode.l10n.t('Nothing copied: {0}', describeError(e)), { ...failed(e).error, site: siteOf(profile) });
        return undefined;
      }
    },
  };
}

const LABELS: Record<RowValue, () => string> = {
  name: () => vscode.l10n.t('Name'),
  userId: () => 'UserId',
  arn: () => 'ARN',
  accountId: () => vscode.l10n.t('Account ID'),
};

/** The pick shows what is known without a call; the ARN says where it will come from. Server text is inert. */
async function pickValue(deps: CommandDeps, node: AnyResourceNode, offered: readonly RowValue[], session: ProfileSession): Promise<RowValue | undefined> {
  const known = (value: RowValue): string => {
    if (node.kind !== 'identity' && node.kind !== 'foundIdentity') return '';
    const peeked = session.identities.peek(node.identity);
    if (value === 'name') return node.identity.identityType === 'RamRole' ? node.identity.identityName : (peeked?.userName ?? (node.kind === 'foundIdentity' ? node.found.userName : undefined) ?? '');
    if (value === 'userId') return peeked?.userId ?? '';
    return vscode.l10n.t('asks RAM GetRole');
  };
  const items = offered.map((value) => inertItem({ label: LABELS[value](), description: known(value), value }));
  return (await deps.ui.showQuickPick(items, { title: vscode.l10n.t('Copy') }))?.value;
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
