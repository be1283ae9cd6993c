// Base credentials turned into a role's temporary ones through STS AssumeRole. The temporary key lives in this
// object only (never in settings, state or the keychain), is renewed a little before it expires (renewAt), and
// once more when a server rejects its token early. Part of the heavy half (src/cloud/clients.ts): only profiles
// that assume a role load it.

import * as l10n from '@vscode/l10n';
import { CloudError } from './errors';
import type { AssumedRole, AssumeRoleRequest } from './sts';
import type { AccessKeyCredentials, CredentialOrigin, CredentialProvider } from './types';

/** The role to assume, with the defaults already filled in. */
export interface RoleToAssume {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly externalId?: string;
}

/** At most this long before a temporary key lapses it is renewed, so no call is signed with a key about to lapse. */
export const RENEWAL_MARGIN_MS = 5 * 60 * 1000;

/** A temporary key whose lifetime cannot be told (no Expiration, or one the local clock puts in the past) is kept this long. */
export const UNKNOWN_LIFETIME_MS = 60 * 1000;

/**
 * When to renew a temporary key received at `receivedAt` (local clock) that its issuer says expires at `expiresAt`.
 * The lifetime is measured from receipt, never past `requestedMs` (what was asked for, when known): a local clock
 * behind the issuer's would otherwise keep a lapsed key, and one ahead of it would find every key already stale
 * and assume the role again on almost every call. The margin is a fifth of the lifetime, at most five minutes, so
 * a 15-minute session is used for 12 minutes rather than 10, or none at all with a fixed 15-minute margin.
 */
export function renewAt(receivedAt: number, expiresAt: number, requestedMs?: number): number {
  let lifetime = Number.isNaN(expiresAt) ? 0 : expiresAt - receivedAt;
  if (requestedMs !== undefined && (lifetime <= 0 || lifetime > requestedMs)) lifetime = requestedMs;
  if (lifetime <= 0) lifetime = UNKNOWN_LIFETIME_MS;
  return receivedAt + lifetime - Math.min(RENEWAL_MARGIN_MS, lifetime / 5);
}

/** STS AssumeRole signed with the base credentials (a logged, recorded call). */
export type AssumeRoleCall = (request: AssumeRoleRequest) => Promise<AssumedRole>;

interface Held {
  readonly credentials: AccessKeyCredentials;
  readonly renewAt: number;
}

export class AssumedRoleCredentials implements CredentialProvider {
  private held: Held | undefined;
  private pending: Promise<Held> | undefined;

  constructor(
    private readonly role: RoleToAssume,
    /** The base credentials, read only for their origin (the STS client signs with them itself). */
    private readonly base: CredentialProvider,
    private readonly assume: AssumeRoleCall,
    private readonly now: () => number = Date.now,
  ) {}

  async getCredentials(): Promise<AccessKeyCredentials> {
    const held = this.held;
    if (held && this.now() < held.renewAt) return held.credentials;
    return (await this.refresh()).credentials;
  }

  /** Drops the held key (the server rejected its token); the next call assumes the role again. */
  async renew(): Promise<boolean> {
    this.held = undefined;
    return true;
  }

  /** When the held key expires, for the tree; undefined before the first AssumeRole. */
  expiration(): string | undefined {
    return this.held?.credentials.origin?.expiration;
  }

  /** One AssumeRole at a time: calls that need a key meanwhile wait for the same answer. */
  private refresh(): Promise<Held> {
    this.pending ??= this.assumeOnce().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async assumeOnce(): Promise<Held> {
    // The base origin names the long-lived source in the record; reading it also surfaces a missing base key as
    // that source's own message before STS is asked.
    const baseOrigin = (await this.base.getCredentials()).origin;
    const sentAt = this.now();
    const answer = await this.assume({
      roleArn: this.role.roleArn,
      sessionName: this.role.sessionName,
      durationSeconds: this.role.durationSeconds,
      ...(this.role.externalId ? { externalId: this.role.externalId } : {}),
    });
    const expiresAt = Date.parse(answer.expiration);
    if (Number.isNaN(expiresAt)) {
      throw new CloudError({ kind: 'bad-response', code: 'InvalidResponse', message: l10n.t('AssumeRole gave an Expiration that is not a time.') });
    }
    const origin: CredentialOrigin = {
      source: baseOrigin?.source ?? 'unknown',
      roleArn: this.role.roleArn,
      sessionName: this.role.sessionName,
      expiration: new Date(expiresAt).toISOString(),
      refreshHint: baseOrigin?.refreshHint
        ? l10n.t('The role was assumed again once and the new token was refused too: check role {0}, then {1}', this.role.roleArn, lowerFirst(baseOrigin.refreshHint))
        : l10n.t('The role was assumed again once and the new token was refused too: check role {0}.', this.role.roleArn),
    };
    const held: Held = { credentials: { ...answer.credentials, origin }, renewAt: renewAt(sentAt, expiresAt, this.role.durationSeconds * 1000) };
    this.held = held;
    return held;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
