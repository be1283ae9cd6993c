// A profile session's RAM grants: one cache of pictures and documents per session (Refresh forgets it through
// ProfileSession.forgetDirectory), read with a RAM client that records only the calls that failed — a picture of
// 50 identities is 100+ reads, which recorded one by one would push revocations out of the Request History. The
// failures keep their record (code, RequestId), and every grant row names the policy it comes from. No VS Code.

import * as l10n from '@vscode/l10n';
import { toCloudError, type CloudError } from '../cloud';
import { invalidInputError } from '../cloud/errors';
import type { CallObserver } from '../cloud/types';
import { RamGrantCache, type RamGrantReads, type RamIdentity, type RamPicture } from '../cloud/ramGrants';
import { cloudClients } from './cloudClients';
import type { ProfileSession } from './profileSessions';
import type { ResolvedIdentity } from './identityResolver';

export interface RamGrantSession {
  readonly cache: RamGrantCache;
  readonly reads: RamGrantReads;
  forget(): void;
}

export function ramGrantSession(session: ProfileSession): RamGrantSession {
  const existing = session.ramGrants as RamGrantSession | undefined;
  if (existing) return existing;
  const options = session.options('ram');
  const reads = new (cloudClients().RamClient)({ ...options, observer: failuresOnly(options.observer) });
  const cache = new RamGrantCache();
  const created: RamGrantSession = { cache, reads, forget: () => cache.forget() };
  session.ramGrants = created;
  return created;
}

function failuresOnly(observer: CallObserver | undefined): CallObserver {
  return {
    onCall: (record) => {
      if (record.outcome === 'failed' || record.outcome === 'unknown') observer?.onCall(record);
    },
    onRetry: (info) => observer?.onRetry?.(info),
  };
}

/**
 * The identity as RAM names it: a role by name, a user by login name. A user configured by UserId is named by
 * the account's user list; when that list cannot say, the picture is a gap rather than a guess.
 */
export function ramIdentityOf(identity: ResolvedIdentity): RamIdentity | undefined {
  if (identity.identityType === 'RamRole') return { kind: 'Role', name: identity.identityName };
  const name = identity.userName ?? (/^\d+$/.test(identity.identityName) ? undefined : identity.identityName);
  return name ? { kind: 'User', name } : undefined;
}

/** The picture of an identity, or why none could be read. Never rejects. */
export async function ramPictureOf(session: ProfileSession, identity: ResolvedIdentity): Promise<RamPicture | CloudError> {
  try {
    const ram = ramIdentityOf(identity);
    const s = ramGrantSession(session);
    if (!ram) {
      return invalidInputError(l10n.t('The login name of RAM user {0} is unknown (ListUsers did not name this UserId): its RAM grants were not read.', identity.identityName), 'UserNameUnknown');
    }
    return await s.cache.picture(s.reads, ram);
  } catch (e) {
    return toCloudError(e);
  }
}
