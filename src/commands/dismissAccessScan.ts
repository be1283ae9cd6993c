// alicloudMedia.dismissAccessScan — removes an "Access to <app>" group from the tree (stopping its scan if it still
// runs). Only the view changes: nothing is sent. Programmatic: { profile, appId } → { ok }.

import { validateAppId } from '../cloud';
import { isResourceNode } from '../tree/nodes';
import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';
import { invalidArgument } from './results';

export function dismissAccessScanCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: (arg) => {
      if (typeof arg.profile !== 'string') return invalidArgument('profile is required.', 'UnknownProfile');
      const problem = validateAppId(arg.appId);
      if (problem) return invalidArgument(problem);
      return deps.scans.dismiss(arg.profile, arg.appId as string) ? { ok: true } : invalidArgument(`No Find Access result for ${String(arg.appId)} in profile ${arg.profile}.`, 'UnknownScan');
    },
    ui: (node) => {
      if (isResourceNode(node) && node.kind === 'accessScan') deps.scans.dismiss(node.profile.name, node.appId);
      return undefined;
    },
  };
}
