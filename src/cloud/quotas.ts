// Queries per second that Alibaba Cloud allows per account (per AccessKey, as the core counts) for each action.

import { CLOUD_OPERATIONS } from './operations';

/**
 * The writes' rates come with their descriptors (operations.ts); the reads are listed here. MPS numbers are
 * documented on each API page. VOD does not publish limits for its app-policy actions; we pace them like the MPS
 * write actions (100/s) because they are single-row reads/writes of the same weight, and a throttled call is
 * retried anyway. ListAppInfo is documented at 30/s.
 */
export const ACTION_QPS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(Object.entries(CLOUD_OPERATIONS).map(([action, op]) => [action, op.qps])),
  // MPS (mts, 2014-06-18)
  ListAllMediaBucket: 10,
  // VOD (vod, 2017-03-21)
  ListAppPoliciesForIdentity: 100, // undocumented: chosen, see above
  ListAppInfo: 30,
  // RAM (ram, 2015-05-01) and STS (sts, 2015-04-01): Alibaba publishes no per-API limits. Chosen like the
  // emulator's: single-entity reads are cheap, listings page a whole directory and must pace themselves.
  GetUser: 100, // undocumented: chosen
  GetRole: 100, // undocumented: chosen
  ListUsers: 20, // undocumented: chosen
  ListRoles: 20, // undocumented: chosen
  GetCallerIdentity: 100, // undocumented: chosen
  // ActionTrail (actiontrail, 2020-07-06): "at most twice per second" per account, on LookupEvents' API page.
  LookupEvents: 2,
  // RAM grants (ramGrants.ts): reads of one entity like GetUser, listings that page a directory like ListUsers.
  ListPoliciesForUser: 100, // undocumented: chosen
  ListPoliciesForRole: 100, // undocumented: chosen
  ListPoliciesForGroup: 100, // undocumented: chosen
  ListGroupsForUser: 100, // undocumented: chosen
  GetPolicy: 100, // undocumented: chosen
  ListEntitiesForPolicy: 100, // undocumented: chosen
  ListPolicies: 20, // undocumented: chosen
  ListUsersForGroup: 20, // undocumented: chosen
};

/** Actions nobody measured get a cautious rate. */
export const DEFAULT_QPS = 10;

export function qpsFor(action: string): number {
  return ACTION_QPS[action] ?? DEFAULT_QPS;
}
