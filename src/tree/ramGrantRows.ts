// The RAM grant rows under a configured identity, beside its app policies: `RAM policy AliyunVODFullAccess — every
// VOD app (via group media-devs)`, a row for what could not be read (with the missing RAM permission and the
// RequestId), and, when no app policy is left but RAM still grants access, a row that says so instead of "No app
// policies attached". Loaded on first use (esbuild.js LAZY_BUNDLES): a session that never expands an identity
// never loads it. Names in the rows come from RAM: messageItem shows them as plain labels and tooltips.
//
// The app policy rows never wait for RAM: until the identity's RAM picture is read, a "Reading RAM grants…" row
// stands in, and the identity is redrawn once it is (then from the session's cache, at once). A tree whose
// children took RAM's round trips to arrive would leave rows on screen that VS Code can no longer hand to a menu.

import * as vscode from 'vscode';
import type { CloudError } from '../cloud';
import { grantsEverything } from '../cloud/ramPolicy';
import { describeGap, describeGrantRow, describeRemaining, remainingGrants } from '../cloud/ramGrantText';
import type { RamPicture } from '../cloud/ramGrants';
import { ramGrantSession, ramIdentityOf } from '../profiles/ramGrantSession';
import type { ResolvedIdentity } from '../profiles/identityResolver';
import type { ProfileSessions } from '../profiles/profileSessions';
import type { Profile, ProfileIdentity } from '../settings/profileConfig';
import { MessageNode, rowIds, type AnyResourceNode } from './nodes';
import type { NodeCache } from './nodeCache';

/** What the rows need of the Resources tree: its sessions, its rows, and a redraw once a picture is read. */
export interface RamRowsTree {
  readonly sources: { readonly sessions: ProfileSessions };
  readonly nodes: NodeCache;
  redrawWhenIdle(id: string): void;
}

/** Pictures that have been read, by the cache's promise: a Refresh makes a new promise, so nothing stale is found. */
const settled = new WeakMap<Promise<RamPicture>, RamPicture>();

/** The identity's rows: its app policy rows (or the "none" row), then its RAM grants. Never rejects. */
export async function ramRows(tree: RamRowsTree, profile: Profile, identity: ProfileIdentity, appRows: AnyResourceNode[]): Promise<AnyResourceNode[]> {
  const session = tree.sources.sessions.get(profile.name);
  // Still loading (no rows yet), or no AccessKey (the profile's credentials row): nothing to read RAM with.
  if (!session || appRows.length === 0 || appRows.some((r) => r.id === rowIds.message(rowIds.profile(profile.name), 'credentials'))) return appRows;
  const base = rowIds.identity(profile.name, identity);
  const intern = (node: AnyResourceNode) => tree.nodes.intern(node);
  let named: ResolvedIdentity;
  try {
    named = session.identities.peek(identity) ?? (await session.identities.named(identity));
  } catch {
    // The identity itself could not be resolved: its app policy rows already say why.
    return appRows;
  }
  const who = named.userName ?? named.identityName;
  const ram = ramIdentityOf(named);
  let picture: RamPicture | CloudError;
  if (!ram) {
    picture = { message: vscode.l10n.t('The login name of RAM user {0} is unknown (ListUsers did not name this UserId): its RAM grants were not read.', named.identityName) } as CloudError;
  } else {
    const s = ramGrantSession(session);
    const pending = s.cache.picture(s.reads, ram);
    const done = settled.get(pending);
    if (!done) {
      void pending.then((p) => {
        settled.set(pending, p);
        tree.redrawWhenIdle(base);
      }, () => undefined);
      return [...appRows, intern(new MessageNode(rowIds.message(base, 'ram/reading'), 'info', vscode.l10n.t('Reading RAM grants…'), 'showLog', profile))];
    }
    picture = done;
  }
  if (!('grants' in picture)) {
    return [...appRows, intern(new MessageNode(rowIds.message(base, `ram/error/${picture.message}`), 'warning', vscode.l10n.t('RAM grants not read: {0}', picture.message), 'showLog', profile))];
  }
  const onlyNone = appRows.length === 1 && appRows[0].id === rowIds.message(base, 'empty');
  const remaining = remainingGrants(picture);
  const rows = onlyNone && remaining.length > 0
    // An id of its own: the node cache keeps non-error message rows by id, and this one replaces "No app policies attached".
    ? [intern(new MessageNode(rowIds.message(base, 'ram/remain'), 'warning', vscode.l10n.t('No app policies; RAM grants remain'), 'showLog', profile, describeRemaining(who, picture).join('\n')))]
    : [...appRows];
  for (const grant of picture.grants) {
    const strong = grant.reading?.statements.some((s) => grantsEverything(s, 'vod') || grantsEverything(s, 'mts')) ?? false;
    const label = describeGrantRow(grant);
    // The label is part of the id so that a changed document (after Refresh) is a new row, not the cached one.
    rows.push(intern(new MessageNode(rowIds.message(base, `ram/${grant.policyType}/${grant.policyName}/${label}`), strong || !grant.reading ? 'warning' : 'info', label, 'showLog', profile,
      vscode.l10n.t('{0}\nRAM grants this whatever the VOD app policies say; detaching app policies does not remove it.', label))));
  }
  for (const gap of picture.gaps) {
    rows.push(intern(new MessageNode(rowIds.message(base, `ram/gap/${gap.action}/${gap.subject}`), 'error', describeGap(gap), 'showLog', profile, undefined, gap.error.requestId)));
  }
  return rows;
}
