// alicloudMedia.openWalkthrough — "Get Started": the walkthrough package.json contributes (contributes.walkthroughs),
// from a profile, its key and the Resources view to a confirmed revocation and its RequestId.

import * as vscode from 'vscode';
import type { CommandHandlers } from './commandHandlers';

/** `<publisher>.<name>#<walkthrough id>`, as VS Code names contributed walkthroughs. */
export const WALKTHROUGH_ID = 'alicloud-media-tools.alicloud-media-access#gettingStarted';

export function openWalkthroughCommand(): CommandHandlers {
  const open = () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
  return { ui: open };
}
