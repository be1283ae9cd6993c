// alicloudMedia.openInConsole — a Resources row's page in Alibaba Cloud's web console, in the browser:
//   profile row → a pick of its MPS and VOD consoles; the MPS bucket groups and bucket rows → the MPS console;
//   "VOD Identities" → the VOD console (both in the profile's region); a RAM user → its RAM page (by UserId: a
//   user configured by name is resolved with RAM GetUser first); a RAM role → its RAM page. Every page is on the
//   profile's site (china or international).
// Programmatic: { profile, page?: 'mps' | 'vod', bucket?, identityType?, identityName? } → { ok, url }.
// A documentation topic as the argument ("accessKey", "ram", "mps", "vod": the walkthrough's links) opens that page
// of Alibaba Cloud's documentation on the profiles' site (asked when the profiles are on both sites, or there are
// none).

import * as vscode from 'vscode';
import { IDENTITY_TYPES, VOD_REGIONS, describeError, type IdentityType } from '../cloud';
// Not through ../cloud: that index is in the activation bundle, and the console links are needed only here.
import { consoleUrl, identityConsolePage, type ConsolePage } from '../cloud/consoleLinks';
import { SITES, documentationUrl, isDocumentationTopic, siteOf, type DocumentationTopic, type Site } from '../cloud/sites';
import type { Profile, ProfileIdentity } from '../settings/profileConfig';
import { isResourceNode, type AnyResourceNode } from '../tree/nodes';
import type { CommandDeps } from './deps';
import { notify } from './notify';
import type { CommandHandlers } from './commandHandlers';
import { failed, invalidArgument } from './results';
import { profileArgument } from './commandArgs';

export function openInConsoleCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: async (arg) => {
      const profile = profileArgument(deps.settings, arg.profile);
      if ('error' in profile) return profile;
      try {
        const page = await callerPage(deps, profile, arg);
        if (typeof page === 'string') return invalidArgument(page);
        return { ok: true, url: await open(page, siteOf(profile)) };
      } catch (e) {
        return failed(e);
      }
    },
    ui: async (arg) => {
      if (isDocumentationTopic(arg)) return openDocumentation(deps, arg);
      if (!isResourceNode(arg)) return undefined;
      const profile = arg.profile && deps.settings.find(arg.profile.name);
      if (!profile) return undefined;
      try {
        const page = await rowPage(deps, profile, arg);
        if (page) await open(page, siteOf(profile));
      } catch (e) {
        await notify(deps, 'error', vscode.l10n.t('Cannot open the console page: {0}', describeError(e)), { ...failed(e).error, site: siteOf(profile) });
      }
      return undefined;
    },
  };
}

async function rowPage(deps: CommandDeps, profile: Profile, node: AnyResourceNode): Promise<ConsolePage | undefined> {
  switch (node.kind) {
    case 'profile':
      return pickProductPage(deps, profile);
    case 'bucketGroup':
    case 'bucket':
      return { page: 'mps', region: profile.region };
    case 'identityGroup':
      return { page: 'vod', region: profile.region };
    case 'identity':
    case 'appPolicy':
      return identityPage(deps, profile, node.identity);
    case 'message':
      return undefined;
  }
}

async function callerPage(deps: CommandDeps, profile: Profile, arg: Record<string, unknown>): Promise<ConsolePage | string> {
  if (arg.identityType !== undefined || arg.identityName !== undefined) {
    const identityType = IDENTITY_TYPES.find((t) => t === arg.identityType);
    if (!identityType || typeof arg.identityName !== 'string' || !arg.identityName) return 'identityType (RamUser or RamRole) and identityName are required.';
    return identityPage(deps, profile, { identityType, identityName: arg.identityName, appId: '' });
  }
  if (arg.page === 'vod') return { page: 'vod', region: profile.region };
  if (arg.page === 'mps' || typeof arg.bucket === 'string') return { page: 'mps', region: profile.region };
  return 'Name a page ("mps" or "vod"), a bucket or an identity.';
}

/** RAM's user page takes a UserId: the same resolver as every VOD call turns a configured name into one. */
async function identityPage(deps: CommandDeps, profile: Profile, identity: ProfileIdentity): Promise<ConsolePage> {
  if (identity.identityType === 'RamRole') return identityConsolePage('RamRole', identity.identityName);
  const session = deps.sessions.get(profile.name);
  if (!session) throw new Error(`Profile "${profile.name}" is not configured.`);
  const resolved = await session.identities.resolve(identity);
  return identityConsolePage('RamUser' satisfies IdentityType, resolved.userId ?? resolved.identityName);
}

async function pickProductPage(deps: CommandDeps, profile: Profile): Promise<ConsolePage | undefined> {
  const items: (vscode.QuickPickItem & { page: ConsolePage })[] = [
    { label: vscode.l10n.t('MPS console'), description: vscode.l10n.t('Media Processing, {0}', profile.region), page: { page: 'mps', region: profile.region } },
  ];
  if ((VOD_REGIONS as readonly string[]).includes(profile.region)) {
    items.push({ label: vscode.l10n.t('VOD console'), description: vscode.l10n.t('ApsaraVideo VOD, {0}', profile.region), page: { page: 'vod', region: profile.region } });
  }
  const picked = await deps.ui.showQuickPick(items, { title: vscode.l10n.t('Open {0} in the Alibaba Cloud console', profile.name) });
  return picked?.page;
}

/** On the profile's site: an international account cannot sign in to the China site's console, nor the reverse. */
async function open(page: ConsolePage, site: Site): Promise<string> {
  const url = consoleUrl(page, site);
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
  return url;
}

/** The site every profile is on; asked when they differ or there is no profile yet (the walkthrough's first steps). */
async function openDocumentation(deps: CommandDeps, topic: DocumentationTopic): Promise<undefined> {
  const sites = [...new Set(deps.settings.profiles().map((p) => siteOf(p)))];
  const site =
    sites.length === 1
      ? sites[0]
      : (
          await deps.ui.showQuickPick(
            SITES.map((value) => ({ label: value === 'china' ? vscode.l10n.t('China site (aliyun.com)') : vscode.l10n.t('International site (alibabacloud.com)'), value })),
            { title: vscode.l10n.t('Alibaba Cloud documentation'), placeHolder: vscode.l10n.t('Which Alibaba Cloud site is the account on? (The consoles and pages that open are this site\'s.)') },
          )
        )?.value;
  if (site) await vscode.env.openExternal(vscode.Uri.parse(documentationUrl(site, topic), true));
  return undefined;
}
