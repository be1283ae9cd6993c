// QPS enforcement per AccessKey and action with a sliding one-second window: a request is accepted only if fewer
// than N requests were accepted in the preceding 1000 ms. Each (key, action) keeps a ring of its last N
// acceptance times, so the check is O(1): the oldest of those N must be at least 1000 ms old. Rejected
// requests are not recorded, so throttling does not extend itself.

export const DEFAULT_QPS_LIMITS: Readonly<Record<string, number>> = {
  UnbindOutputBucket: 100,
  BindOutputBucket: 100,
  UnbindInputBucket: 100,
  BindInputBucket: 100,
  ListAllMediaBucket: 10,
  ListAppInfo: 30,
  DetachAppPolicyFromIdentity: 100,
  AttachAppPolicyToIdentity: 100,
  ListAppPoliciesForIdentity: 100,
  // RAM and STS publish no per-API QPS for these actions; the emulator's choice (README): reads of one entity are
  // cheap, listings and credential issuing are not.
  GetUser: 100,
  GetRole: 100,
  ListUsers: 20,
  ListRoles: 20,
  GetCallerIdentity: 100,
  AssumeRole: 20,
  // Documented on LookupEvents' API page: at most twice per second.
  LookupEvents: 2,
  // RAM policy and group reads: single-entity reads like GetUser, listings that page a directory like ListUsers.
  ListPoliciesForUser: 100,
  ListPoliciesForRole: 100,
  ListPoliciesForGroup: 100,
  ListGroupsForUser: 100,
  GetPolicy: 100,
  GetPolicyVersion: 100,
  ListEntitiesForPolicy: 100,
  ListPolicies: 20,
  ListUsersForGroup: 20,
  // RAM writes: no published rate; chosen like the directory listings (README), well below the reads.
  AttachPolicyToUser: 20,
  DetachPolicyFromUser: 20,
  AttachPolicyToRole: 20,
  DetachPolicyFromRole: 20,
  AddUserToGroup: 20,
  RemoveUserFromGroup: 20,
};

const WINDOW_MS = 1000;

class Ring {
  private readonly times: number[];
  private next = 0;
  private count = 0;
  constructor(readonly limit: number) {
    this.times = new Array<number>(limit).fill(0);
  }
  tryAccept(now: number): boolean {
    if (this.count === this.limit) {
      const oldest = this.times[this.next]; // slot about to be overwritten = oldest of the last N
      if (now - oldest < WINDOW_MS) return false;
    } else {
      this.count++;
    }
    this.times[this.next] = now;
    this.next = (this.next + 1) % this.limit;
    return true;
  }
}

export class SlidingWindowLimiter {
  private readonly limits: Record<string, number> | false;
  private readonly rings = new Map<string, Ring>();

  /** `limits` overrides the defaults per action; false disables enforcement. */
  constructor(limits?: Record<string, number> | false) {
    this.limits = limits === false ? false : { ...DEFAULT_QPS_LIMITS, ...(limits ?? {}) };
  }

  limitFor(action: string): number | undefined {
    return this.limits === false ? undefined : this.limits[action];
  }

  /** True when the request may proceed (and is then counted against the window). */
  tryAccept(accessKeyId: string, action: string, now: number): boolean {
    const limit = this.limitFor(action);
    if (limit === undefined || !(limit > 0) || !Number.isFinite(limit)) return true;
    const key = `${accessKeyId}\n${action}`;
    let ring = this.rings.get(key);
    if (!ring || ring.limit !== Math.floor(limit)) {
      ring = new Ring(Math.max(1, Math.floor(limit)));
      this.rings.set(key, ring);
    }
    return ring.tryAccept(now);
  }

  reset(): void {
    this.rings.clear();
  }
}
