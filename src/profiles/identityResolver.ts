// A configured identity → the identity VOD receives. VOD addresses a RAM user by its UserId and a role by its name
// (the API pages of all three app-policy actions); people configure users by login name. A name is turned into the
// UserId with RAM GetUser, once per profile session (until a refresh), and every VOD call of the extension — the
// tree's listings, the pickers, detaches and undos — goes through here, so none can send a login name to VOD.
// No VS Code import.

import * as l10n from '@vscode/l10n';
import { CloudError, isRamUserId, toCloudError, type AppIdentity, type IdentityType, type RamUser } from '../cloud';
import type { RamClient } from '../cloud/clients';
import type { ProfileIdentity } from '../settings/profileConfig';
import { ListingCache } from './listingCache';
import type { UserDirectory } from './userDirectory';

/** What VOD is sent (identityName is a UserId for RamUser), plus what people are shown. */
export interface ResolvedIdentity extends AppIdentity {
  readonly identityType: IdentityType;
  readonly identityName: string;
  readonly appId: string;
  /** RamUser only: the login name, when configured by it or once the account's user list has named the UserId. */
  readonly userName?: string;
  /** RamUser only: the display name, when RAM said it. */
  readonly displayName?: string;
  /** RamUser only: the UserId (also identityName). */
  readonly userId?: string;
}

/** Errors this resolver made: the tree shows them as "configure the UserId", not as a failed VOD listing. */
const unresolvedErrors = new WeakSet<CloudError>();

export function isUnresolvedUser(error: unknown): boolean {
  return error instanceof CloudError && unresolvedErrors.has(error);
}

/** How to fix any of them. */
export function configureUserIdAdvice(): string {
  return l10n.t("Configure the user's UserId (digits, from the RAM console) as identityName in alicloudMedia.profiles.");
}

export class IdentityResolver {
  /** Keyed by login name: one GetUser per user per session, shared by everyone who asks meanwhile. */
  private readonly users = new ListingCache<RamUser>();

  constructor(
    private readonly profile: string,
    private readonly ram: () => RamClient,
    private readonly directory: UserDirectory,
  ) {}

  /**
   * The identity to send, or a CloudError that says why not and how to fix it. Nothing is sent to VOD either way.
   * A UserId is named only if the user list is already known: a listing never waits for names.
   */
  async resolve(identity: ProfileIdentity): Promise<ResolvedIdentity> {
    const direct = this.directly(identity);
    if (direct) return direct;
    const listing = await this.users.load(identity.identityName, async () => (await this.ram().getUser(identity.identityName)).user);
    if (listing.status === 'loaded') return asResolved(identity, listing.value);
    throw unresolved(this.profile, identity.identityName, listing.status === 'failed' ? listing.error : undefined);
  }

  /**
   * resolve(), after the account's user list has named a configured UserId (or failed to): for what people confirm
   * (a detach's modal, an undo's), which should say `alice (2037…0001)`, not the bare id. Sends the same to VOD.
   */
  async named(identity: ProfileIdentity): Promise<ResolvedIdentity> {
    if (configuredByUserId(identity)) await this.directory.load();
    return this.resolve(identity);
  }

  /** What is known without a call: roles and UserIds as configured (named once the user list is), names once resolved. */
  peek(identity: ProfileIdentity): ResolvedIdentity | undefined {
    const direct = this.directly(identity);
    if (direct) return direct;
    const listing = this.users.peek(identity.identityName);
    return listing?.status === 'loaded' ? asResolved(identity, listing.value) : undefined;
  }

  forget(): void {
    this.users.forgetAll();
  }

  /** Roles and users configured by UserId need no lookup to be sent; a UserId gains its name when the list has it. */
  private directly(identity: ProfileIdentity): ResolvedIdentity | undefined {
    if (identity.identityType === 'RamRole') return { identityType: 'RamRole', identityName: identity.identityName, appId: identity.appId };
    if (!isRamUserId(identity.identityName)) return undefined;
    const naming = this.directory.naming(identity.identityName);
    if (naming.status === 'named') return asResolved(identity, naming.user);
    return { identityType: 'RamUser', identityName: identity.identityName, appId: identity.appId, userId: identity.identityName };
  }
}

/** A RAM user configured by its UserId: sent as it is, named only from the account's user list. */
export function configuredByUserId(identity: ProfileIdentity): boolean {
  return identity.identityType === 'RamUser' && isRamUserId(identity.identityName);
}

function asResolved(identity: ProfileIdentity, user: RamUser): ResolvedIdentity {
  return {
    identityType: 'RamUser',
    identityName: user.userId,
    appId: identity.appId,
    userName: user.userName,
    userId: user.userId,
    ...(user.displayName ? { displayName: user.displayName } : {}),
  };
}

/** Says what failed (RAM's own code and RequestId kept) and what fixes it: the UserId in the settings. */
function unresolved(profile: string, userName: string, cause: CloudError | undefined): CloudError {
  const err = cause ?? toCloudError(new Error(l10n.t('GetUser gave no answer.')));
  const advice = configureUserIdAdvice();
  // What went wrong, a clause after the message's colon; RAM's own code is named, not its text.
  const why =
    err.code === 'EntityNotExist.User'
      ? l10n.t('RAM has no user "{0}" in this account.', userName)
      : err.kind === 'permission'
        ? l10n.t('the AccessKey may not call ram:GetUser ({0}).', err.code)
        : l10n.t('GetUser failed: {0}.', err.code);
  const message = l10n.t(
    'Cannot find the UserId of RAM user "{0}" (profile {1}): {2} VOD needs the UserId, so nothing was sent to VOD. {3}',
    userName,
    profile,
    why,
    advice,
  );
  // RAM's own code and RequestId are kept: they are what a ticket needs.
  const error = new CloudError({
    kind: err.kind,
    code: err.code,
    message,
    recommend: advice,
    ...(err.requestId ? { requestId: err.requestId } : {}),
    ...(err.httpStatus !== undefined ? { httpStatus: err.httpStatus } : {}),
    retryable: false,
  });
  unresolvedErrors.add(error);
  return error;
}
