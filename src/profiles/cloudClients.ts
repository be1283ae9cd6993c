// The cloud clients, loaded on first use (see src/cloud/index.ts for why). Type-only imports are erased, so nothing
// here runs pop-core until a profile actually makes a call. The clients come with VS Code's proxy settings applied
// (src/settings/proxySettings.ts), followed from then on.

import type * as vscode from 'vscode';
import type * as Cloud from '../cloud/clients';
import type * as ProxySettings from '../settings/proxySettings';

type Clients = Pick<
  typeof Cloud,
  'MpsClient' | 'VodClient' | 'RamClient' | 'StsClient' | 'ActionTrailClient' | 'AssumedRoleCredentials' | 'closeIdleConnections' | 'forgetCachedClients' | 'useProxySettings' | 'proxyFor'
>;

let clients: Clients | undefined;
let proxyWatch: vscode.Disposable | undefined;
let reportRoute: (text: string) => void = () => undefined;

/** Where the clients say which way calls go (the log), once they load and whenever it changes. */
export function reportNetworkRouteTo(report: (text: string) => void): void {
  reportRoute = report;
}

export function cloudClients(): Clients {
  if (!clients) {
    const loaded = require('../cloud/clients') as Clients;
    proxyWatch = (require('../settings/proxySettings') as typeof ProxySettings).followProxySettings(loaded.useProxySettings, (text) => reportRoute(text));
    clients = loaded;
  }
  return clients;
}

/** On deactivate: close keep-alive sockets, but do not load the clients just to find there are none. */
export function closeIdleConnectionsIfLoaded(): void {
  proxyWatch?.dispose();
  clients?.closeIdleConnections();
}

/** When a key or a profile changes: no cached client may keep the old secret. Nothing to do before the first call. */
export function forgetCachedClientsIfLoaded(): void {
  clients?.forgetCachedClients();
}
