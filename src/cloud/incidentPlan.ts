// Revoke All Media Access (#21): what an incident revocation of one RAM user or role would do, planned from what
// the account says — the identity's app policies in every VOD application and its RAM picture (ramGrants.ts) —
// before anything is changed. Steps are data: which call, what it takes away, whether it is offered ticked. What
// the plan could not see or could not evaluate is kept as `remains`, so the confirmation and the result never say
// "no access left" about something nobody read. Pure planning over injected reads; no VS Code import.

import { toCloudError, type CloudError } from './errors';
import type { GrantRoute, RamPicture, RamPolicyGrant, RamReadGap } from './ramGrants';
import type { RamPolicyType } from './ramGrantTypes';
import type { RamService } from './ramPolicy';
import type { AppInfo, AppPolicy, IdentityType } from './types';

/** The identity as both services name it: VOD by UserId (users) or role name, RAM by login name or role name. */
export interface IncidentIdentity {
  readonly identityType: IdentityType;
  /** What VOD is sent: a RAM user's UserId, a role's name. */
  readonly identityName: string;
  /** What RAM is sent: a user's login name (undefined when nobody could name the UserId), a role's name. */
  readonly ramName?: string;
}

/** VOD's `DetachAppPolicyFromIdentity` for every system app policy the identity holds in one application. */
export interface AppPolicyStep {
  readonly kind: 'appPolicies';
  readonly id: string;
  readonly appId: string;
  readonly appName?: string;
  readonly policyNames: readonly string[];
}

/** RAM's `DetachPolicyFromUser` / `DetachPolicyFromRole` for a policy attached to the identity itself. */
export interface RamPolicyStep {
  readonly kind: 'ramPolicy';
  readonly id: string;
  readonly principal: 'User' | 'Role';
  readonly principalName: string;
  readonly policyType: RamPolicyType;
  readonly policyName: string;
  readonly services: readonly RamService[];
}

/**
 * RAM's `RemoveUserFromGroup`: the only way to take a group's grant from one member without changing everyone
 * else in the group. Offered unticked: the user also loses the group's other policies (`alsoLoses`; undefined
 * when the group's list could not be read, `alsoLosesError` says why).
 */
export interface GroupMembershipStep {
  readonly kind: 'groupMembership';
  readonly id: string;
  readonly userName: string;
  readonly groupName: string;
  readonly grantingPolicies: readonly string[];
  readonly alsoLoses?: readonly string[];
  readonly alsoLosesError?: CloudError;
}

export type IncidentStep = AppPolicyStep | RamPolicyStep | GroupMembershipStep;
export type IncidentStepKind = IncidentStep['kind'];

/** What the run will leave in place, or could not look at. */
export type IncidentRemain =
  /** The key is no VOD app administrator (or not known to be): VOD would answer with the key's own policies. */
  | { readonly kind: 'appPoliciesNotSeen'; readonly reason: string }
  /** A VOD listing failed: ListAppInfo (appId undefined) or one application's policies. */
  | { readonly kind: 'appListingFailed'; readonly appId?: string; readonly error: CloudError }
  /** Custom app policies: VOD's detach takes system policies only. */
  | { readonly kind: 'customAppPolicy'; readonly appId: string; readonly policyNames: readonly string[] }
  /** A RAM policy whose document could not be read or evaluated; never taken for "no access". */
  | { readonly kind: 'ramUnevaluated'; readonly policyName: string; readonly policyType: RamPolicyType | 'Unknown'; readonly routes: readonly GrantRoute[] }
  /** A RAM read that failed, so part of the picture is missing. */
  | { readonly kind: 'ramReadFailed'; readonly gap: RamReadGap }
  /** The whole RAM picture could not be read (e.g. a UserId nobody could name). */
  | { readonly kind: 'ramNotRead'; readonly error: CloudError }
  /** A group membership left unticked: its grants stay. */
  | { readonly kind: 'membershipKept'; readonly groupName: string; readonly policies: readonly string[] };

export interface IncidentPlan {
  readonly identity: IncidentIdentity;
  readonly steps: readonly IncidentStep[];
  readonly remains: readonly IncidentRemain[];
  /** The key signing the run is this identity: it may lose its own access mid-run (a second warning). */
  readonly ownIdentity: boolean;
  /** Applications whose policies were read (for the confirmation: "read N applications"). */
  readonly appsRead: number;
}

/** The reads planning needs; the command side binds them to a profile session. Each may reject with any error. */
export interface IncidentSources {
  /** Whether VOD answers this key about other identities; `reason` says why not (the administrator rule's words). */
  readonly appAdministrator: { readonly administrator: boolean; readonly reason?: string };
  listApps(signal?: AbortSignal): Promise<readonly AppInfo[]>;
  listAppPolicies(appId: string, signal?: AbortSignal): Promise<readonly AppPolicy[]>;
  /** The identity's RAM picture, or why it could not be read. */
  ramPicture(): Promise<RamPicture | CloudError>;
  /** Every policy attached to a group (to say what a membership step also takes). */
  groupPolicies(groupName: string): Promise<readonly { readonly policyName: string }[]>;
}

export interface PlanOptions {
  readonly signal?: AbortSignal;
  readonly ownIdentity?: boolean;
  /** Called as applications are read: done of total. */
  onProgress?(done: number, total: number): void;
}

/** Steps are offered ticked except group memberships, which take more than media access. */
export function tickedByDefault(step: IncidentStep): boolean {
  return step.kind !== 'groupMembership';
}

/** Does a RAM policy grant VOD or MPS actions in a statement this reader understood? Which services. */
function grantedServices(grant: RamPolicyGrant): RamService[] {
  const services = new Set<RamService>();
  for (const s of grant.reading?.statements ?? []) if (s.kind === 'covers' && s.effect === 'Allow') services.add(s.service);
  return [...services];
}

/** A document that could not be read, a policy of unknown type, or a statement this reader does not evaluate. */
function unevaluated(grant: RamPolicyGrant): boolean {
  return !grant.reading || grant.reading.statements.some((s) => s.kind === 'unreadable' && s.effect !== 'Deny');
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw toCloudError(signal.reason ?? new DOMException('cancelled', 'AbortError'));
}

/** Reads everything and plans. Rejects only when `signal` is aborted (a cancelled plan sends nothing). */
export async function planIncident(sources: IncidentSources, identity: IncidentIdentity, options: PlanOptions = {}): Promise<IncidentPlan> {
  const { signal } = options;
  const steps: IncidentStep[] = [];
  const remains: IncidentRemain[] = [];
  let appsRead = 0;

  // ---- VOD app policies: only an administrator's listing is the identity's (or the key's own identity's) ----
  if (!sources.appAdministrator.administrator && !options.ownIdentity) {
    remains.push({ kind: 'appPoliciesNotSeen', reason: sources.appAdministrator.reason ?? '' });
  } else {
    let apps: readonly AppInfo[] | undefined;
    try {
      apps = await sources.listApps(signal);
    } catch (e) {
      throwIfAborted(signal);
      remains.push({ kind: 'appListingFailed', error: toCloudError(e) });
    }
    for (const app of apps ?? []) {
      throwIfAborted(signal);
      options.onProgress?.(appsRead, apps?.length ?? 0);
      try {
        const policies = await sources.listAppPolicies(app.appId, signal);
        const system = policies.filter((p) => p.policyType === 'System').map((p) => p.policyName);
        const custom = policies.filter((p) => p.policyType !== 'System').map((p) => p.policyName);
        if (system.length > 0) steps.push({ kind: 'appPolicies', id: `app:${app.appId}`, appId: app.appId, appName: app.appName, policyNames: system });
        if (custom.length > 0) remains.push({ kind: 'customAppPolicy', appId: app.appId, policyNames: custom });
      } catch (e) {
        throwIfAborted(signal);
        remains.push({ kind: 'appListingFailed', appId: app.appId, error: toCloudError(e) });
      }
      appsRead++;
    }
    options.onProgress?.(appsRead, apps?.length ?? 0);
  }
  throwIfAborted(signal);

  // ---- RAM: direct attachments are detached; groups are offered as memberships, never detached from ----
  const picture = await sources.ramPicture();
  throwIfAborted(signal);
  if (!('grants' in picture)) {
    remains.push({ kind: 'ramNotRead', error: picture });
  } else {
    for (const gap of picture.gaps) remains.push({ kind: 'ramReadFailed', gap });
    const viaGroup = new Map<string, string[]>();
    for (const grant of picture.grants) {
      const services = grantedServices(grant);
      if (services.length === 0 || grant.policyType === 'Unknown') {
        if (unevaluated(grant)) remains.push({ kind: 'ramUnevaluated', policyName: grant.policyName, policyType: grant.policyType, routes: grant.routes });
        continue;
      }
      for (const route of grant.routes) {
        if (route.kind === 'direct') {
          steps.push({
            kind: 'ramPolicy', id: `ram:${picture.identity.kind}:${grant.policyType}:${grant.policyName}`,
            principal: picture.identity.kind, principalName: picture.identity.name,
            policyType: grant.policyType, policyName: grant.policyName, services,
          });
        } else {
          viaGroup.set(route.groupName, [...(viaGroup.get(route.groupName) ?? []), grant.policyName]);
        }
      }
    }
    for (const [groupName, granting] of viaGroup) {
      throwIfAborted(signal);
      const base = { kind: 'groupMembership' as const, id: `group:${groupName}`, userName: picture.identity.name, groupName, grantingPolicies: granting };
      try {
        const all = await sources.groupPolicies(groupName);
        steps.push({ ...base, alsoLoses: all.map((p) => p.policyName).filter((n) => !granting.includes(n)) });
      } catch (e) {
        steps.push({ ...base, alsoLosesError: toCloudError(e) });
      }
    }
  }
  return { identity, steps, remains, ownIdentity: options.ownIdentity === true, appsRead };
}

/** What stays after running only `selected` (step ids): the plan's remains plus every unticked membership. */
export function remainsAfter(plan: IncidentPlan, selected: ReadonlySet<string>): IncidentRemain[] {
  const kept: IncidentRemain[] = plan.steps
    .filter((s): s is GroupMembershipStep => s.kind === 'groupMembership' && !selected.has(s.id))
    .map((s) => ({ kind: 'membershipKept', groupName: s.groupName, policies: s.grantingPolicies }));
  return [...plan.remains, ...kept];
}

/** How many steps of each kind: the modal's counts. */
export function countSteps(steps: readonly IncidentStep[]): Record<IncidentStepKind, number> {
  const counts: Record<IncidentStepKind, number> = { appPolicies: 0, ramPolicy: 0, groupMembership: 0 };
  for (const s of steps) counts[s.kind]++;
  return counts;
}

/**
 * Whether the key's caller (STS GetCallerIdentity's Arn) is this identity: a RAM user's Arn ends in its login
 * name, an assumed role's names the role (RAM lower-cases role names in Arns). An account's root key is no RAM
 * identity, so it is never the target.
 */
export function isOwnIdentity(callerArn: string | undefined, identity: IncidentIdentity): boolean {
  if (!callerArn) return false;
  const user = /^acs:ram::\d+:user\/(.+)$/.exec(callerArn);
  if (user) return identity.identityType === 'RamUser' && identity.ramName !== undefined && user[1] === identity.ramName;
  const role = /^acs:ram::\d+:assumed-role\/([^/]+)\//.exec(callerArn);
  if (role) return identity.identityType === 'RamRole' && role[1].toLowerCase() === identity.identityName.toLowerCase();
  return false;
}

/**
 * The own-identity guard: planning for the key's own identity goes on only after a second, explicit
 * acknowledgement that the key may lose its own access mid-run (and with it the rest of the run and its undo).
 */
export function ownIdentityRefusal(plan: IncidentPlan, acknowledged: boolean): 'refuse' | 'ok' {
  return plan.ownIdentity && !acknowledged ? 'refuse' : 'ok';
}
