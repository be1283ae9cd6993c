// The cache owner loads on the first event that makes something stale (a settings or key change, a Refresh, a
// mutation's rows), as its own bundle (esbuild.js LAZY_BUNDLES): a window that only looks never loads it. Type-only
// import: erased. No VS Code import.

import type * as Owner from './cacheOwner';

export function lazyCacheOwner(parts: Owner.CacheOwnerParts): () => Owner.CacheOwner {
  let owner: Owner.CacheOwner | undefined;
  return () => (owner ??= new (require('./cacheOwner') as typeof Owner).CacheOwner(parts));
}
