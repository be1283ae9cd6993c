// Remembers one listing per key (a profile's media buckets, an identity's policies) until it is refreshed, and
// shares an in-progress load so that rendering a row twice never sends two list calls.

import { toCloudError, type CloudError } from '../cloud';

export type Listing<T> =
  | { readonly status: 'loading'; readonly promise: Promise<Listing<T>> }
  | { readonly status: 'loaded'; readonly value: T }
  | { readonly status: 'failed'; readonly error: CloudError };

export class ListingCache<T> {
  private readonly entries = new Map<string, Listing<T>>();
  /** Bumped on forget, so a load that finishes after a refresh cannot overwrite the newer state. */
  private readonly generations = new Map<string, number>();

  peek(key: string): Listing<T> | undefined {
    return this.entries.get(key);
  }

  /** The settled listing; starts `fetch` only when nothing is cached or loading. Never rejects. */
  load(key: string, fetch: () => Promise<T>): Promise<Listing<T>> {
    const current = this.entries.get(key);
    if (current?.status === 'loading') return current.promise;
    if (current) return Promise.resolve(current);
    const generation = this.generations.get(key) ?? 0;
    const promise = fetch().then(
      (value): Listing<T> => ({ status: 'loaded', value }),
      (thrown: unknown): Listing<T> => ({ status: 'failed', error: toCloudError(thrown) }),
    ).then((settled) => {
      if ((this.generations.get(key) ?? 0) === generation) this.entries.set(key, settled);
      return settled;
    });
    this.entries.set(key, { status: 'loading', promise });
    return promise;
  }

  /**
   * A value someone else just fetched (another command's listing of the same thing) replaces what was known; a
   * load in flight is left to finish and answer its waiters.
   */
  remember(key: string, value: T): void {
    if (this.entries.get(key)?.status !== 'loading') this.entries.set(key, { status: 'loaded', value });
  }

  forget(key: string): void {
    this.entries.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
  }

  forgetAll(): void {
    for (const key of [...this.entries.keys()]) this.forget(key);
  }
}
