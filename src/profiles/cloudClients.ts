// The cloud clients, loaded on first use (see src/cloud/index.ts for why). Type-only imports are erased, so nothing
// here runs pop-core until a profile actually makes a call.

import type * as Cloud from '../cloud/clients';

type Clients = Pick<typeof Cloud, 'MpsClient' | 'VodClient' | 'RamClient' | 'StsClient' | 'ActionTrailClient' | 'AssumedRoleCredentials' | 'closeIdleConnections' | 'forgetCachedClients'>;

let clients: Clients | undefined;

export function cloudClients(): Clients {
  clients ??= require('../cloud/clients') as Clients;
  return clients;
}

/** On deactivate: close keep-alive sockets, but do not load the clients just to find there are none. */
export function closeIdleConnectionsIfLoaded(): void {
  clients?.closeIdleConnections();
}

/** When a key or a profile changes: no cached client may keep the old secret. Nothing to do before the first call. */
export function forgetCachedClientsIfLoaded(): void {
  clients?.forgetCachedClients();
}
