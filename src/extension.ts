// Entry point. Activation comes only from contributions (opening the view, running a command) and does no I/O:
// it builds a few small objects and lists registrations. Settings, secrets and the network are touched only when
// the view renders or a command runs.

import * as vscode from 'vscode';
import { CallEvents } from './calls';
import type { ActivationDeps } from './commands/deps';
import { registerLazyCommands } from './commands/loadCommands';
import { windowUi } from './commands/uiPort';
import { AccessKeyStore } from './credentials/accessKeyStore';
import { forgetCliProvidersIfLoaded, retainCliProvidersIfLoaded } from './credentials/cliSource';
import { flushRequestHistories, registerRequestHistory } from './history/registerRequestHistory';
import { CallLog } from './log/callLog';
import { closeIdleConnectionsIfLoaded, forgetCachedClientsIfLoaded, reportNetworkRouteTo } from './profiles/cloudClients';
import { AccessScans } from './profiles/accessScans';
import { lazyCacheOwner } from './profiles/lazyCacheOwner';
import { ProfileSessions } from './profiles/profileSessions';
import { ResourceListings } from './profiles/resourceListings';
import { ProfileSettings } from './settings/profileSettings';
import { StartupClock } from './startupTimings';
import { ResourcesTree } from './tree/resourcesTree';
import { registerResourcesView } from './tree/resourcesView';
import { resourcesTreeCaches } from './tree/treeCaches';

/** What other parts of the extension (and other extensions) can subscribe to. */
export interface AlicloudMediaApi {
  readonly onDidRecordCall: CallEvents['onDidRecordCall'];
  /**
   * The Resources view's rows exactly as VS Code gets them (getChildren from the root, then getTreeItem), so tests
   * and tools can read what the view shows. Elements are opaque: pass them back, don't look inside.
   */
  readonly resources: Pick<vscode.TreeDataProvider<unknown>, 'getChildren' | 'getTreeItem' | 'onDidChangeTreeData'>;
}

export function activate(context: vscode.ExtensionContext): AlicloudMediaApi {
  const clock = new StartupClock();
  const calls = new CallEvents();
  const log = new CallLog(calls);
  reportNetworkRouteTo((text) => log.info(text));
  const settings = new ProfileSettings((text) => log.warn(text));
  const accessKeys = new AccessKeyStore(context.secrets);
  const sessions = new ProfileSessions({
    profile: (name) => settings.find(name),
    secrets: context.secrets,
    observer: calls,
    timeoutMs: () => settings.timeoutMs(),
  });
  const listings = new ResourceListings(sessions, (text) => log.error(text));
  const scans = new AccessScans();
  const treeCaches = resourcesTreeCaches(accessKeys);
  const lazy = { forgetCachedClients: forgetCachedClientsIfLoaded, retainCliProviders: retainCliProvidersIfLoaded };
  const caches = lazyCacheOwner({ settings, listings, sessions, scans, tree: treeCaches, lazy });
  // The tree tells the cache owner of settings and key changes, then redraws.
  const tree = new ResourcesTree({ settings, accessKeys, sessions, listings, scans, treeCaches, caches, warnOnce: (text) => log.warnOnce(text) });
  context.subscriptions.push(calls, log, settings, accessKeys);
  const history = registerRequestHistory(context, { onDidRecordCall: calls.onDidRecordCall, log, ui: windowUi });

  const deps: ActivationDeps = { settings, accessKeys, sessions, listings, scans, tree, log, history, ui: windowUi };
  clock.watchFirstRoots(tree);
  registerResourcesView(context, tree);
  // The command code loads on the first command; history and inspector commands were registered with the history.
  registerLazyCommands(context, deps);

  clock.register(context);
  clock.activated();
  return { onDidRecordCall: calls.onDidRecordCall, resources: tree as vscode.TreeDataProvider<unknown> };
}

export function deactivate(): Promise<void> {
  closeIdleConnectionsIfLoaded();
  forgetCliProvidersIfLoaded();
  // The history coalesces its writes; VS Code awaits this promise, so the last records reach storage.
  return flushRequestHistories();
}
