// ActionTrail (product actiontrail, API 2020-07-06, https://actiontrail.<region>.aliyuncs.com): who made a call.
// One LookupEvents page per call; paging, time windows and matching are trailSearch.ts's. Paced at the documented
// 2 queries per second (quotas.ts) and retried like every read.

import * as l10n from '@vscode/l10n';
import { ProductClient, type ClientOptions } from './clientOptions';
import { listItems, optionalString } from './responses';
import { MAX_TRAIL_RESULTS, parseTrailEvent, type TrailEvent } from './trailEvents';
import type { Acknowledged, CallOptions } from './types';

/** Keys LookupAttribute.N.Key takes (Alibaba's "How do I configure the LookupAttribute parameter" page). */
export type TrailAttributeKey = 'EventName' | 'EventAccessKeyId' | 'ResourceName' | 'ResourceType' | 'ServiceName' | 'EventRW' | 'EventId' | 'User';

export interface TrailQuery {
  /** At most two: ActionTrail reads only the first two conditions. */
  readonly attributes: readonly { readonly key: TrailAttributeKey; readonly value: string }[];
  /** ISO UTC times; the documented range is at most 30 days, within the last 90. */
  readonly startTime: string;
  readonly endTime: string;
  readonly nextToken?: string;
  /** 1–50. */
  readonly maxResults?: number;
}

export interface TrailPage extends Acknowledged {
  readonly events: readonly TrailEvent[];
  /** Present while more events match. */
  readonly nextToken?: string;
}

export const MAX_TRAIL_ATTRIBUTES = 2;

export class ActionTrailClient extends ProductClient {
  constructor(options: ClientOptions) {
    super('actiontrail', options);
  }

  lookupEvents(query: TrailQuery, options?: CallOptions): Promise<TrailPage> {
    const params: Record<string, string | number | undefined> = {
      StartTime: query.startTime,
      EndTime: query.endTime,
      MaxResults: query.maxResults ?? MAX_TRAIL_RESULTS,
      NextToken: query.nextToken,
    };
    query.attributes.forEach(({ key, value }, i) => {
      params[`LookupAttribute.${i + 1}.Key`] = key;
      params[`LookupAttribute.${i + 1}.Value`] = value;
    });
    return this.channel.call(
      {
        action: 'LookupEvents',
        target: query.attributes.map(({ key, value }) => `${key}=${value}`).join(' ') || 'events',
        params,
        validate: () => validateQuery(query),
        parse: (body, requestId) => {
          const nextToken = optionalString(body.NextToken) || undefined;
          const events = listItems(body.Events, 'Event').map(parseTrailEvent).filter((e): e is TrailEvent => e !== undefined);
          return { requestId, events, ...(nextToken ? { nextToken } : {}) };
        },
      },
      options,
    );
  }
}

function validateQuery(query: TrailQuery): string | undefined {
  if (query.attributes.length > MAX_TRAIL_ATTRIBUTES) return l10n.t('ActionTrail takes at most {0} lookup attributes.', MAX_TRAIL_ATTRIBUTES);
  if (query.attributes.some((a) => typeof a.value !== 'string' || a.value.trim() === '' || a.value.length > 2000)) {
    return l10n.t('A lookup attribute needs a value of 1 to 2000 characters.');
  }
  const start = Date.parse(query.startTime);
  const end = Date.parse(query.endTime);
  if (Number.isNaN(start) || Number.isNaN(end) || start > end) return l10n.t('The time window must have a start before its end.');
  const max = query.maxResults ?? MAX_TRAIL_RESULTS;
  if (!Number.isInteger(max) || max < 1 || max > MAX_TRAIL_RESULTS) return l10n.t('MaxResults must be an integer from 1 to {0}.', MAX_TRAIL_RESULTS);
  return undefined;
}
