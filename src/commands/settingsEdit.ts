// Shared by the commands that add and remove profiles, buckets and identities: they only write user settings
// (ConfigurationTarget.Global) and never call the cloud.

import { inertText } from '../inertText';
import type { CommandDeps } from './deps';
import { invalidArgument, type EditResult } from './results';

export { invalidArgument, type EditResult } from './results';

/** Writes the edit; a refused edit (duplicate, unknown profile) becomes an error result, and a message in the UI. */
export async function editProfiles(deps: CommandDeps, edit: (raw: unknown) => unknown[], fromUi: boolean): Promise<EditResult> {
  try {
    await deps.settings.updateProfiles(edit);
    return { ok: true };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // It may quote a name from the aliyun CLI's file or VS Code's own error about the settings file.
    if (fromUi) void deps.ui.showErrorMessage(inertText(message));
    return invalidArgument(message, 'SettingsNotChanged');
  }
}
