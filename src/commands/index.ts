// Every command this folder implements, as one table. Loaded on the first command (commands/loadCommands.ts), not
// at activation: esbuild.js bundles it into dist/commands.js, so opening the view costs none of this code.

import { COMMANDS, type CommandId } from '../commandIds';
import { registerAddFoundIdentity } from './addFoundIdentity';
import { registerAddIdentity } from './addIdentity';
import { registerAddBucket } from './addBucket';
import { registerAddBucketsFromAccount } from './addBucketsFromAccount';
import { registerAddProfile } from './addProfile';
import { registerCancelAccessScan } from './cancelAccessScan';
import { registerClearCredentials } from './clearCredentials';
import { registerImportCliProfiles } from './importCliProfiles';
import { registerCopyRequestId } from './copyRequestId';
import type { CommandDeps } from './deps';
import { registerDismissAccessScan } from './dismissAccessScan';
import { registerFindAccessToApp } from './findAccessToApp';
import { REVOCATIONS } from './mutations/operations';
import { registerOpenInConsole } from './openInConsole';
import { registerOpenWalkthrough } from './openWalkthrough';
import { registerRefresh } from './refresh';
import type { CommandTable } from './registerCommand';
import { registerRemoveIdentity } from './removeIdentity';
import { registerRemoveBucket } from './removeBucket';
import { registerRemoveProfile } from './removeProfile';
import { registerRewriteIdentityIds } from './rewriteIdentityIds';
import { registerSetCredentials } from './setCredentials';
import { registerShowOutput } from './showOutput';
import { registerUndo } from './undo';

/** The ids registered at activation as stubs that load this table; it must implement exactly these. */
export const LAZY_COMMAND_IDS: readonly CommandId[] = [
  COMMANDS.refresh,
  COMMANDS.showOutput,
  COMMANDS.copyRequestId,
  COMMANDS.setCredentials,
  COMMANDS.clearCredentials,
  COMMANDS.addProfile,
  COMMANDS.removeProfile,
  COMMANDS.importCliProfiles,
  COMMANDS.addOutputBucket,
  COMMANDS.addOutputBucketsFromAccount,
  COMMANDS.removeOutputBucket,
  COMMANDS.addInputBucket,
  COMMANDS.addInputBucketsFromAccount,
  COMMANDS.removeInputBucket,
  COMMANDS.addIdentity,
  COMMANDS.removeIdentity,
  COMMANDS.rewriteIdentityIds,
  COMMANDS.unbindOutputBucket,
  COMMANDS.unbindInputBucket,
  COMMANDS.detachAppPolicy,
  COMMANDS.findAccessToApp,
  COMMANDS.cancelAccessScan,
  COMMANDS.dismissAccessScan,
  COMMANDS.addFoundIdentity,
  COMMANDS.undo,
  COMMANDS.openInConsole,
  COMMANDS.openWalkthrough,
];

export function commandTable(deps: CommandDeps): CommandTable {
  const table: CommandTable = new Map();
  registerRefresh(table, deps);
  registerShowOutput(table, deps);
  registerCopyRequestId(table, deps);
  registerSetCredentials(table, deps);
  registerClearCredentials(table, deps);
  registerAddProfile(table, deps);
  registerRemoveProfile(table, deps);
  registerImportCliProfiles(table, deps);
  for (const type of ['Output', 'Input'] as const) {
    registerAddBucket(table, deps, type);
    registerAddBucketsFromAccount(table, deps, type);
    registerRemoveBucket(table, deps, type);
  }
  registerAddIdentity(table, deps);
  registerRemoveIdentity(table, deps);
  registerRewriteIdentityIds(table, deps);
  for (const operation of Object.values(REVOCATIONS)) operation.register(table, deps);
  registerFindAccessToApp(table, deps);
  registerCancelAccessScan(table, deps);
  registerDismissAccessScan(table, deps);
  registerAddFoundIdentity(table, deps);
  registerUndo(table, deps);
  registerOpenInConsole(table, deps);
  registerOpenWalkthrough(table);
  return table;
}
