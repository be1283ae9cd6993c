// The caches the Resources tree renders from, made once at activation and handed both to the tree (which reads
// them) and to the cache owner (profiles/cacheOwner.ts, which alone clears them). No VS Code import.

import type { TreeCaches } from '../profiles/cacheOwner';
import { CredentialCheck, type CredentialPresence } from './credentialCheck';
import { NodeCache } from './nodeCache';

export interface ResourcesTreeCaches extends TreeCaches {
  readonly credentials: CredentialCheck;
  readonly nodes: NodeCache;
}

export function resourcesTreeCaches(presence: CredentialPresence): ResourcesTreeCaches {
  return { credentials: new CredentialCheck(presence), nodes: new NodeCache(), callerShown: new Map() };
}
