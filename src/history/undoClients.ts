// Undo's clients come from the extension's profile sessions, so they carry the same call observer and the undo
// is recorded like any other call. No VS Code import: the safety checks are unit-tested.

import type { UndoClients, UndoClientsFactory } from './undoRequest';

/** The part of ProfileSessions undo relies on. */
export interface SessionLookup {
  get(name: string): { readonly profile: { readonly region: string }; mps(): UndoClients['mps']; vod(): UndoClients['vod'] } | undefined;
}

/**
 * Refuses rather than guesses: a record without a profile, a profile since removed, or one whose region changed
 * would send the undo with other keys or to another region than the revocation it reverses.
 */
export function undoClientsFromSessions(sessions: SessionLookup): UndoClientsFactory {
  return async (profileName, region) => {
    if (!profileName) {
      throw new Error('The request was not made with a profile, so there are no keys to undo it with.');
    }
    const session = sessions.get(profileName);
    if (!session) {
      throw new Error(`Profile "${profileName}" no longer exists.`);
    }
    if (session.profile.region !== region) {
      throw new Error(`Profile "${profileName}" now uses region ${session.profile.region}; the request was made in ${region}.`);
    }
    // Lazily: an MPS undo must not fail because the region has no VOD (or the other way round).
    return {
      mps: { bindOutputBucket: (bucket) => session.mps().bindOutputBucket(bucket) },
      vod: { attachAppPolicyToIdentity: (identity, names) => session.vod().attachAppPolicyToIdentity(identity, names) },
    };
  };
}
