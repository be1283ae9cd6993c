// alicloudMedia.importCliProfiles: pick aliyun CLI profiles from ~/.aliyun/config.json; each becomes an extension
// profile named after it, in its region_id, that refers to it (`credentialSource: "aliyun-cli"`, `cliProfile`).
// Only names, modes, regions and oauth_site_type are read here: keys stay in the CLI's file and are read at call time.
// Programmatic: executeCommand('alicloudMedia.importCliProfiles', { profiles: ['dev', 'ops'] })
//   → { ok, imported: [{ cliProfile, name, region, site }], skipped: [{ cliProfile, reason }] }. The site is the
//   file's `oauth_site_type` where it has one, else china (settings/cliImport.ts).

import * as os from 'node:os';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { inertItem, inertText } from '../inertText';
import { checkEntry, cliConfigPath, describeCliProblem, parseCliConfig, shownPath, type CliProfileEntry } from '../credentials/cliConfig';
import { planCliImport, type ImportPlan } from '../settings/cliImport';
import { addProfile } from '../settings/profileEdits';
import { siteOf, type Site } from '../cloud/sites';
import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';
import { editProfiles, invalidArgument } from './settingsEdit';
import type { Failed } from './results';

export interface ImportResult {
  readonly ok: true;
  readonly imported: readonly { readonly cliProfile: string; readonly name: string; readonly region: string; readonly site: Site }[];
  readonly skipped: ImportPlan['skipped'];
}

export function importCliProfilesCommand(deps: CommandDeps): CommandHandlers {
  return { caller: (arg) => importForCaller(deps, arg), ui: () => importFromUi(deps) };
}

/**
 * The CLI's profiles, or a sentence naming the file and what is wrong with it: in the display language for a person
 * (`forUi`), in English for a programmatic caller, as the API's messages are.
 */
async function readCliProfiles(forUi: boolean): Promise<{ profiles: readonly CliProfileEntry[] } | { problem: string }> {
  const home = os.homedir();
  const file = cliConfigPath(home);
  const shown = shownPath(file, home);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (forUi) {
      return {
        problem:
          code === 'ENOENT'
            ? vscode.l10n.t('{0} does not exist: configure the aliyun CLI first (aliyun configure).', shown)
            : vscode.l10n.t('{0} cannot be read ({1}).', shown, code ?? 'error'),
      };
    }
    return { problem: code === 'ENOENT' ? `${shown} does not exist: configure the aliyun CLI first (aliyun configure).` : `${shown} cannot be read (${code ?? 'error'}).` };
  }
  const parsed = parseCliConfig(text, shown);
  return parsed.ok ? { profiles: parsed.value.profiles } : { problem: describeCliProblem(parsed.problem) };
}

async function apply(deps: CommandDeps, plan: ImportPlan, fromUi: boolean): Promise<ImportResult | Failed> {
  if (plan.add.length > 0) {
    const written = await editProfiles(
      deps,
      (raw) => plan.add.reduce<unknown>((list, p) => addProfile(list, { name: p.name, region: p.region, site: p.site, credentialSource: 'aliyun-cli', cliProfile: p.cliProfile }), raw) as unknown[],
      fromUi,
    );
    if (!written.ok) return written;
  }
  return { ok: true, imported: plan.add.map((p) => ({ cliProfile: p.cliProfile, name: p.name, region: p.region, site: siteOf(p) })), skipped: plan.skipped };
}

async function importForCaller(deps: CommandDeps, arg: Record<string, unknown>): Promise<ImportResult | Failed> {
  const names = arg.profiles;
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string')) {
    return invalidArgument('profiles must be a non-empty list of aliyun CLI profile names.');
  }
  const read = await readCliProfiles(false);
  if ('problem' in read) return invalidArgument(read.problem, 'CliProfileUnusable');
  const unknown = names.filter((n) => !read.profiles.some((p) => p.name === n));
  if (unknown.length) return invalidArgument(`No aliyun CLI profile named ${unknown.map((n) => `"${n}"`).join(', ')}.`);
  const chosen = read.profiles.filter((p) => names.includes(p.name));
  return apply(deps, planCliImport(chosen, deps.settings.profiles()), false);
}

async function importFromUi(deps: CommandDeps): Promise<void> {
  const read = await readCliProfiles(true);
  if ('problem' in read) {
    void deps.ui.showErrorMessage(inertText(read.problem));
    return;
  }
  // Names, modes and regions are whatever config.json holds: shown inert, our warning icon put in front after.
  const items = read.profiles.map((p) => {
    const problem = checkEntry(p);
    const item = inertItem({ label: p.name, description: [p.mode || vscode.l10n.t('no mode'), p.regionId].filter(Boolean).join(' · '), entry: p });
    return problem ? { ...item, detail: `$(warning) ${inertText(problem)}` } : item;
  });
  const picked = await deps.ui.showQuickPick(items, {
    title: vscode.l10n.t('Import aliyun CLI Profiles'),
    placeHolder: vscode.l10n.t("Profiles to add; each refers to the CLI profile, whose keys stay in the CLI's file"),
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked || picked.length === 0) return;
  const result = await apply(deps, planCliImport(picked.map((p) => p.entry), deps.settings.profiles()), true);
  if (!result.ok) return;
  const added = result.imported.map((p) => (p.name === p.cliProfile ? p.name : vscode.l10n.t('{0} (from {1})', p.name, p.cliProfile)));
  const skipped = result.skipped.map((s) => `${s.cliProfile}: ${s.reason}`);
  const first = added.length ? vscode.l10n.t('Added {0}.', added.join(', ')) : vscode.l10n.t('Nothing added.');
  void deps.ui.showInformationMessage(inertText(skipped.length ? vscode.l10n.t('{0} Skipped {1}.', first, skipped.join('; ')) : first));
}
