// Whether a profile's key is a VOD application administrator (the rule: cloud/appAdministrator.ts), decided once
// per answer of GetCallerIdentity: the decision is kept with the session's caller account (callerAccount.ts, one per
// AccessKeyId), so whatever forgets that account — a Refresh of the profile, a changed key, a settings change
// (cacheOwner.ts) — forgets the decision too. Loaded on the first VOD listing of an identity, as its own bundle
// (esbuild.js LAZY_BUNDLES). No VS Code import.

import type { AppIdentity, CallerIdentity, CloudError } from '../cloud';
import type { VodClient } from '../cloud/clients';
import { appAdministratorRefusal, decideAppAdministrator, isCallerItself, type AppAdministratorAnswer } from '../cloud/appAdministrator';
import type { Listing } from './listingCache';

/** What the decision is made from: the session's cached GetCallerIdentity and its VOD client. */
export interface AdministratorSources {
  caller(): Promise<Listing<CallerIdentity> | undefined>;
  vod(): VodClient;
}

/** Keyed by the caller account's cached answer: a new answer (new key, Refresh) means a new decision. */
const decisions = new WeakMap<Listing<CallerIdentity>, Promise<AppAdministratorAnswer>>();

/** The answer for the key that signs now; undefined without a key (nothing could be listed anyway). */
export async function appAdministrator(session: AdministratorSources): Promise<AppAdministratorAnswer | undefined> {
  const caller = await session.caller();
  if (!caller) return undefined;
  let decision = decisions.get(caller);
  if (!decision) {
    decision = decideAppAdministrator({
      caller: async () => {
        if (caller.status === 'loaded') return caller.value;
        throw caller.status === 'failed' ? caller.error : new Error('GetCallerIdentity gave no answer.');
      },
      ownPolicies: (self) => session.vod().listOwnAppPolicies(self),
    });
    decisions.set(caller, decision);
  }
  return decision;
}

/**
 * Why another identity's app policies cannot be read with this key (kind permission, NotAppAdministrator or
 * AppAdministratorUnknown), or undefined for an administrator — and for the caller's own identity, when given.
 */
export async function appAdministratorRefusalFor(session: AdministratorSources, identity?: AppIdentity): Promise<CloudError | undefined> {
  const answer = await appAdministrator(session);
  if (!answer || answer.status === 'administrator') return undefined;
  if (identity && isCallerItself(answer.caller, identity)) return undefined;
  return appAdministratorRefusal(answer);
}

/** Before VOD is asked about `identity`: resolves when its answer would be the identity's, rejects otherwise. */
export async function checkPolicyListing(session: AdministratorSources, identity: AppIdentity): Promise<void> {
  const refusal = await appAdministratorRefusalFor(session, identity);
  if (refusal) throw refusal;
}
