// alicloudMedia.addFoundIdentity — a RAM user or role that Find Access to App found becomes a configured identity
// of the profile (settings only), stored as VOD addresses it: a user by its UserId, a role by its name, with the
// scanned app. From a found identity row; programmatic callers use addIdentity with the same fields.

import { addIdentity } from '../settings/profileEdits';
import { isResourceNode } from '../tree/nodes';
import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';
import { editProfiles, invalidArgument } from './settingsEdit';

export function addFoundIdentityCommand(deps: CommandDeps): CommandHandlers {
  return {
    ui: async (node, selected) => {
      const rows = (Array.isArray(selected) && selected.includes(node) ? selected : [node]).filter(
        (r): r is Extract<typeof r, { kind: 'foundIdentity' }> => isResourceNode(r) && r.kind === 'foundIdentity',
      );
      if (rows.length === 0) return invalidArgument('Add to Profile works on identities found by Find Access to App.');
      for (const row of rows) {
        const result = await editProfiles(deps, (raw) => addIdentity(raw, row.profile.name, { ...row.identity }), true);
        if (!result.ok) return result;
      }
      return { ok: true };
    },
  };
}
