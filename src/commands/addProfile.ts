// alicloudMedia.addProfile: name, region, site, where the AccessKey comes from; then offers "Set AccessKey…".
// Programmatic: executeCommand('alicloudMedia.addProfile', { name, region, site?, credentialSource?, endpoints? })
// → { ok }.
// Endpoint overrides (for an emulator or a VPC endpoint) are set in settings.json: rarely needed, easy to get wrong.

import * as vscode from 'vscode';
import { MPS_REGIONS, VOD_REGIONS } from '../cloud';
import { addProfile, type NewProfile } from '../settings/profileEdits';
import { PROFILE_REGIONS, parseProfiles, validateProfileName } from '../settings/parseProfiles';
import { CREDENTIAL_SOURCES, CREDENTIAL_SOURCE_STRATEGIES } from '../credentials/sources';
import { COMMANDS } from '../commandIds';
import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';
import { editProfiles, invalidArgument, type EditResult } from './settingsEdit';

export function addProfileCommand(deps: CommandDeps): CommandHandlers {
  return { caller: (arg) => addForCaller(deps, arg), ui: () => addFromUi(deps) };
}

function addForCaller(deps: CommandDeps, arg: Record<string, unknown>): Promise<EditResult> | EditResult {
  const profile = arg as unknown as NewProfile;
  // Parse the profile exactly as the settings reader will, so nothing is written that would then be ignored.
  const { problems } = parseProfiles([{ ...profile, outputBuckets: [], identities: [] }]);
  const existing = deps.settings.profiles().map((p) => p.name);
  const problem = problems[0] ?? validateProfileName(profile.name, existing);
  if (problem) return invalidArgument(problem);
  return editProfiles(deps, (raw) => addProfile(raw, profile), false);
}

async function addFromUi(deps: CommandDeps): Promise<void> {
  const title = vscode.l10n.t('Add Alibaba Cloud Profile');
  const existing = deps.settings.profiles().map((p) => p.name);
  const name = await deps.ui.showInputBox({
    title,
    prompt: vscode.l10n.t('Profile name (a label for one account and region)'),
    // eslint-disable-next-line local/localized-text -- an example value, the same in every language
    placeHolder: 'production',
    ignoreFocusOut: true,
    validateInput: (v) => validateProfileName(v, existing),
  });
  if (!name) return;
  const region = await deps.ui.showQuickPick(
    PROFILE_REGIONS.map((r) => ({
      label: r,
      description:
        (MPS_REGIONS as readonly string[]).includes(r) && (VOD_REGIONS as readonly string[]).includes(r)
          ? vscode.l10n.t('MPS and VOD')
          : (MPS_REGIONS as readonly string[]).includes(r)
            ? vscode.l10n.t('MPS only')
            : vscode.l10n.t('VOD only'),
    })),
    { title, placeHolder: vscode.l10n.t('Region') },
  );
  if (!region) return;
  // Asked, not guessed from the region: either site's accounts use every region.
  const site = await deps.ui.showQuickPick(
    [
      { label: vscode.l10n.t('China site (aliyun.com)'), description: 'console.aliyun.com', value: 'china' as const },
      { label: vscode.l10n.t('International site (alibabacloud.com)'), description: 'console.alibabacloud.com', value: 'international' as const },
    ],
    { title, placeHolder: vscode.l10n.t('Which Alibaba Cloud site is the account on? (The consoles and pages that open are this site\'s.)') },
  );
  if (!site) return;
  // The sources that need nothing more than their name (an aliyun CLI profile is added by Import, which names one).
  const source = await deps.ui.showQuickPick(
    CREDENTIAL_SOURCES.filter((id) => CREDENTIAL_SOURCE_STRATEGIES[id].offeredByAddProfile).map((id) => ({
      label: CREDENTIAL_SOURCE_STRATEGIES[id].label(),
      description: CREDENTIAL_SOURCE_STRATEGIES[id].description(),
      value: id,
    })),
    { title, placeHolder: vscode.l10n.t('Where does the AccessKey come from?') },
  );
  if (!source) return;
  const result = await editProfiles(deps, (raw) => addProfile(raw, { name, region: region.label, site: site.value, credentialSource: source.value }), true);
  if (!result.ok || !CREDENTIAL_SOURCE_STRATEGIES[source.value].canStoreKey) return;
  const set = vscode.l10n.t('Set AccessKey…');
  if ((await deps.ui.showInformationMessage(vscode.l10n.t('Profile {0} added to your user settings.', name), set)) === set) {
    await vscode.commands.executeCommand(COMMANDS.setCredentials, name);
  }
}
