// Where a resource lives in Alibaba Cloud's web console. No VS Code, so the URL shapes are unit-tested.
//
// The page addresses are the ones Alibaba's consoles use: RAM's user page wants the UserId (not the login name),
// its role page the role name; MPS and VOD have overview pages (MPS media buckets sit under Workflows → Media
// Buckets, which has no address of its own). Those two consoles are regional: the region goes in as `regionId`,
// the parameter Alibaba's consoles read to pick the region; a console that ignores it opens on the region chosen
// last. RAM is global and takes none. The host is the profile's site's (sites.ts): the same pages live under
// `*.console.aliyun.com` and `*.console.alibabacloud.com`.

import * as l10n from '@vscode/l10n';
import { isRamUserId } from './identity';
import { consoleOrigin, type Site } from './sites';
import type { IdentityType } from './types';

export type ConsolePage =
  | { readonly page: 'mps'; readonly region: string }
  | { readonly page: 'vod'; readonly region: string }
  /** A RAM user's detail page: by UserId only (the console does not look users up by name). */
  | { readonly page: 'ramUser'; readonly userId: string }
  | { readonly page: 'ramRole'; readonly roleName: string };

const REGION = /^[a-z]{2}(-[a-z]+)+-?\d*$/;

export function consoleUrl(target: ConsolePage, site: Site): string {
  switch (target.page) {
    case 'mps':
      return `${consoleOrigin(site, 'mps')}/overview?regionId=${regionParam(target.region)}`;
    case 'vod':
      // A hash-routed page: the query goes before the fragment, where the server and the app both see it.
      return `${consoleOrigin(site, 'vod')}/?regionId=${regionParam(target.region)}#/overview`;
    case 'ramUser':
      if (!isRamUserId(target.userId)) throw new Error(l10n.t('"{0}" is not a RAM UserId.', String(target.userId)));
      return `${consoleOrigin(site, 'ram')}/users/detail?userId=${encodeURIComponent(target.userId)}`;
    case 'ramRole':
      if (!target.roleName) throw new Error(l10n.t('A role name is required.'));
      return `${consoleOrigin(site, 'ram')}/roles/detail?roleName=${encodeURIComponent(target.roleName)}`;
  }
}

/** The page of an identity as VOD knows it: a user by its UserId, a role by its name. */
export function identityConsolePage(identityType: IdentityType, identityName: string): ConsolePage {
  return identityType === 'RamRole' ? { page: 'ramRole', roleName: identityName } : { page: 'ramUser', userId: identityName };
}

function regionParam(region: string): string {
  if (!REGION.test(region)) throw new Error(l10n.t('"{0}" is not a region id.', String(region)));
  return region;
}
