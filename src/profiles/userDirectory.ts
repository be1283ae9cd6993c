// The names behind RAM UserIds. VOD addresses a RAM user by its UserId, and so do the settings that Add Identity…
// and Find Access write; RAM's GetUser takes a name, so a UserId can only be named from the account's user list.
// One ListUsers walk (all pages, paced like every call) per profile session, on the first row that needs a name,
// read afresh by Add Identity's picker and Find Access to App (listAfresh), forgotten on Refresh.
// Naming never changes what VOD is sent: a user whose name cannot be found keeps its UserId. No VS Code import.

import type { CloudError, RamUser, RamUserList } from '../cloud';
import type { RamClient } from '../cloud/clients';
import { ListingCache, type Listing } from './listingCache';

/** What can be said about one UserId's name right now. */
export type UserNaming =
  | { readonly status: 'named'; readonly user: RamUser }
  | { readonly status: 'pending' }
  /** ListUsers answered and no user of the account has this UserId. */
  | { readonly status: 'notListed' }
  | { readonly status: 'failed'; readonly error: CloudError };

interface Directory {
  readonly byId: ReadonlyMap<string, RamUser>;
}

const ALL = 'all';
/** RAM's largest ListUsers page (MaxItems 1–1000): 5,000 users are 5 calls, not 50. */
const PAGE_SIZE = 1000;

export class UserDirectory {
  private readonly directory = new ListingCache<Directory>();

  constructor(private readonly ram: () => RamClient) {}

  /** The account's users, listing them unless known or loading. Never rejects. */
  load(): Promise<Listing<Directory>> {
    return this.directory.load(ALL, async () => indexed(await this.ram().listUsers({ pageSize: PAGE_SIZE })));
  }

  /**
   * The account's users read afresh, for a command that must see a user created a minute ago (Add Identity's
   * picker, Find Access to App); the answer then names UserId rows too, without another walk.
   */
  async listAfresh(options?: Parameters<RamClient['listUsers']>[0]): Promise<RamUserList> {
    const list = await this.ram().listUsers(options);
    this.directory.remember(ALL, indexed(list));
    return list;
  }

  /** Whether the list has not answered yet (never asked, or loading). */
  unsettled(): boolean {
    const listing = this.directory.peek(ALL);
    return !listing || listing.status === 'loading';
  }

  /** The name of a UserId, from what is known now: no call. */
  naming(userId: string): UserNaming {
    const listing = this.directory.peek(ALL);
    if (!listing || listing.status === 'loading') return { status: 'pending' };
    if (listing.status === 'failed') return { status: 'failed', error: listing.error };
    const user = listing.value.byId.get(userId);
    return user ? { status: 'named', user } : { status: 'notListed' };
  }

  forget(): void {
    this.directory.forgetAll();
  }
}

function indexed(list: RamUserList): Directory {
  return { byId: new Map(list.users.map((u) => [u.userId, u])) };
}
