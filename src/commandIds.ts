// Every command the extension contributes, in one place. package.json's `contributes.commands` must list exactly
// these (a unit test checks both directions), so a renamed id cannot leave a menu pointing at nothing.

export const COMMANDS = {
  refresh: 'alicloudMedia.refresh',
  showOutput: 'alicloudMedia.showOutput',
  copyRequestId: 'alicloudMedia.copyRequestId',
  addProfile: 'alicloudMedia.addProfile',
  removeProfile: 'alicloudMedia.removeProfile',
  importCliProfiles: 'alicloudMedia.importCliProfiles',
  setCredentials: 'alicloudMedia.setCredentials',
  clearCredentials: 'alicloudMedia.clearCredentials',
  addOutputBucket: 'alicloudMedia.addOutputBucket',
  addOutputBucketsFromAccount: 'alicloudMedia.addOutputBucketsFromAccount',
  removeOutputBucket: 'alicloudMedia.removeOutputBucket',
  addInputBucket: 'alicloudMedia.addInputBucket',
  addInputBucketsFromAccount: 'alicloudMedia.addInputBucketsFromAccount',
  removeInputBucket: 'alicloudMedia.removeInputBucket',
  addIdentity: 'alicloudMedia.addIdentity',
  removeIdentity: 'alicloudMedia.removeIdentity',
  rewriteIdentityIds: 'alicloudMedia.rewriteIdentityIds',
  unbindOutputBucket: 'alicloudMedia.unbindOutputBucket',
  unbindInputBucket: 'alicloudMedia.unbindInputBucket',
  detachAppPolicy: 'alicloudMedia.detachAppPolicy',
  findAccessToApp: 'alicloudMedia.findAccessToApp',
  cancelAccessScan: 'alicloudMedia.cancelAccessScan',
  dismissAccessScan: 'alicloudMedia.dismissAccessScan',
  addFoundIdentity: 'alicloudMedia.addFoundIdentity',
  undo: 'alicloudMedia.undo',
  openRequestInspector: 'alicloudMedia.openRequestInspector',
  exportRequestHistory: 'alicloudMedia.exportRequestHistory',
  clearHistory: 'alicloudMedia.clearHistory',
  openInConsole: 'alicloudMedia.openInConsole',
  openWalkthrough: 'alicloudMedia.openWalkthrough',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
