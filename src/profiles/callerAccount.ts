// Which account a profile's AccessKey belongs to, from STS GetCallerIdentity: asked once per AccessKeyId (a normal
// call, logged and recorded), so confirmations, the profile row and every CallRecord can name the account without
// another request. No VS Code import.

import type { CallerIdentity } from '../cloud';
import { ListingCache, type Listing } from './listingCache';

export class CallerAccounts {
  private readonly byKey = new ListingCache<CallerIdentity>();

  constructor(private readonly ask: () => Promise<CallerIdentity>) {}

  /** The caller behind `accessKeyId`, asking STS unless known or being asked. Never rejects. */
  of(accessKeyId: string): Promise<Listing<CallerIdentity>> {
    return this.byKey.load(accessKeyId, this.ask);
  }

  peek(accessKeyId: string): Listing<CallerIdentity> | undefined {
    return this.byKey.peek(accessKeyId);
  }

  /** The AccountId for a CallRecord, once STS has said it. */
  accountId(accessKeyId: string): string | undefined {
    const known = this.byKey.peek(accessKeyId);
    return known?.status === 'loaded' ? known.value.accountId : undefined;
  }

  forget(): void {
    this.byKey.forgetAll();
  }
}
