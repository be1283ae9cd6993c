// Every command this folder implements (the manifest's 'commands' loader, in commandIds.ts), as one table. Loaded on
// the first command (commands/loadCommands.ts), not at activation: esbuild.js bundles it into dist/commands.js, so
// opening the view costs none of this code. A command added to the manifest but not here, or here but not there,
// does not compile.

import type { CommandImplementations } from './commandHandlers';
import type { ActivationDeps, CommandDeps } from './deps';
import { InFlightCalls } from './inFlight';
import { addFoundIdentityCommand } from './addFoundIdentity';
import { addIdentityCommand } from './addIdentity';
import { addBucketCommand } from './addBucket';
import { addBucketsFromAccountCommand } from './addBucketsFromAccount';
import { addProfileCommand } from './addProfile';
import { cancelAccessScanCommand } from './cancelAccessScan';
import { clearCredentialsCommand } from './clearCredentials';
import { copyRequestIdCommand } from './copyRequestId';
import { copyRowValueCommand } from './copyRowValue';
import { dismissAccessScanCommand } from './dismissAccessScan';
import { findAccessToAppCommand } from './findAccessToApp';
import { importCliProfilesCommand } from './importCliProfiles';
import { REVOCATIONS } from './mutations/operations';
import { revokeAllMediaAccessCommand } from './incident/revokeAllMediaAccess';
import { openInConsoleCommand } from './openInConsole';
import { openWalkthroughCommand } from './openWalkthrough';
import { refreshCommand } from './refresh';
import { removeIdentityCommand } from './removeIdentity';
import { removeBucketCommand } from './removeBucket';
import { removeProfileCommand } from './removeProfile';
import { rewriteIdentityIdsCommand } from './rewriteIdentityIds';
import { setCredentialsCommand } from './setCredentials';
import { showOutputCommand } from './showOutput';
import { undoCommand } from './undo';
import { lookUpInActionTrailCommand } from './trail/lookUpInActionTrail';
import { lookUpRequestIdCommand } from './trail/lookUpRequestId';
import { recentChangesCommand } from './trail/recentChanges';

export const COMMAND_IMPLEMENTATIONS: CommandImplementations<'commands', CommandDeps> = {
  refresh: refreshCommand,
  showOutput: showOutputCommand,
  copyRequestId: copyRequestIdCommand,
  copy: copyRowValueCommand,
  addProfile: addProfileCommand,
  removeProfile: removeProfileCommand,
  importCliProfiles: importCliProfilesCommand,
  setCredentials: setCredentialsCommand,
  clearCredentials: clearCredentialsCommand,
  addOutputBucket: addBucketCommand('Output'),
  addOutputBucketsFromAccount: addBucketsFromAccountCommand('Output'),
  removeOutputBucket: removeBucketCommand('Output'),
  addInputBucket: addBucketCommand('Input'),
  addInputBucketsFromAccount: addBucketsFromAccountCommand('Input'),
  removeInputBucket: removeBucketCommand('Input'),
  addIdentity: addIdentityCommand,
  removeIdentity: removeIdentityCommand,
  rewriteIdentityIds: rewriteIdentityIdsCommand,
  // The revocations come from the operation registry, which also holds their undo.
  unbindOutputBucket: REVOCATIONS.UnbindOutputBucket.handlers,
  unbindInputBucket: REVOCATIONS.UnbindInputBucket.handlers,
  detachAppPolicy: REVOCATIONS.DetachAppPolicyFromIdentity.handlers,
  revokeAllMediaAccess: revokeAllMediaAccessCommand,
  findAccessToApp: findAccessToAppCommand,
  cancelAccessScan: cancelAccessScanCommand,
  dismissAccessScan: dismissAccessScanCommand,
  addFoundIdentity: addFoundIdentityCommand,
  undo: undoCommand,
  openInConsole: openInConsoleCommand,
  openWalkthrough: openWalkthroughCommand,
  actionTrail: lookUpInActionTrailCommand,
  recentChanges: recentChangesCommand,
  lookUpRequestId: lookUpRequestIdCommand,
};

/** The commands' dependencies: activation's, plus the calls in flight that identical calls join (only commands make calls). */
export function commandDeps(deps: ActivationDeps): CommandDeps {
  return { ...deps, inFlight: new InFlightCalls() };
}
