// alicloudMedia.cancelAccessScan — stops a running Find Access to App (the group row's inline action, or the
// palette, which stops every running scan). What was learnt so far stays in the tree, marked partial.
// Programmatic: { profile, appId? } → { ok: true, cancelled: <scans stopped> }.

import { isResourceNode } from '../tree/nodes';
import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';
import { profileArgument } from './commandArgs';
import { invalidArgument } from './results';

export function cancelAccessScanCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: (arg) => {
      const profile = profileArgument(deps.settings, arg.profile);
      if ('error' in profile) return profile;
      if (arg.appId !== undefined && typeof arg.appId !== 'string') return invalidArgument('appId must be a string.');
      return { ok: true, cancelled: deps.scans.cancel(profile.name, arg.appId as string | undefined) };
    },
    ui: (node) => {
      if (isResourceNode(node) && node.kind === 'accessScan') deps.scans.cancel(node.profile.name, node.appId);
      else deps.scans.cancel(undefined);
      return undefined;
    },
  };
}
