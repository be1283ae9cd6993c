// ActionTrail (actiontrail 2020-07-06): LookupEvents over the events the emulator wrote for its own calls (trail.ts).
import { ACTIONTRAIL_VERSION } from '../trail';
import type { ActionSpec } from './types';

export const actionTrailActions: Record<string, ActionSpec> = {
  LookupEvents: {
    product: 'actiontrail', version: ACTIONTRAIL_VERSION,
    // A caller sees its own account's events, whoever in the account made them.
    handler: ({ trail, params, caller }) => trail.lookup(caller.accountId, params),
  },
};
