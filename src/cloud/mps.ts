// ApsaraVideo Media Processing (product code mts, API 2014-06-18): the output buckets bound to MPS.

import * as l10n from '@vscode/l10n';
import { MAX_PAGES, ProductClient, type ClientOptions } from './clientOptions';
import { badResponseError } from './popCoreErrors';
import { listItems, optionalString, type ResponseBody } from './responses';
import type { Acknowledged, CallOptions, MediaBucket, MediaBucketList, MediaBucketType } from './types';
import { validateBucketName } from './validate';
import { isPlainObject } from './plainObject';

/** ListAllMediaBucket's documented maximum. */
const PAGE_SIZE = 100;

export class MpsClient extends ProductClient {
  constructor(options: ClientOptions) {
    super('mps', options);
  }

  /** Detaches an output bucket from MPS. The bucket and its objects are untouched. */
  unbindOutputBucket(bucket: string, options?: CallOptions): Promise<Acknowledged> {
    return this.bucketAction('UnbindOutputBucket', bucket, options);
  }

  /** Attaches an output bucket; answers Bucket.AlreadyBind when it already is. */
  bindOutputBucket(bucket: string, options?: CallOptions): Promise<Acknowledged> {
    return this.bucketAction('BindOutputBucket', bucket, options);
  }

  /**
   * Every media bucket (input and output), following NextPageToken to the end. Each page is its own call and its
   * own CallRecord; the result carries the first page's RequestId.
   */
  async listAllMediaBuckets(options?: CallOptions): Promise<MediaBucketList> {
    const buckets: MediaBucket[] = [];
    const seenTokens = new Set<string>();
    let firstRequestId: string | undefined;
    let token: string | undefined;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const result = await this.channel.call(
        {
          action: 'ListAllMediaBucket',
          target: page === 1 ? 'media buckets' : `media buckets (page ${page})`,
          params: { MaximumPageSize: PAGE_SIZE, NextPageToken: token },
          parse: parseBucketPage,
        },
        options,
      );
      firstRequestId ??= result.requestId;
      buckets.push(...result.buckets);
      if (!result.nextPageToken) {
        return { requestId: firstRequestId, buckets };
      }
      if (seenTokens.has(result.nextPageToken)) {
        throw badResponseError(l10n.t('{0} returned {1} "{2}" twice; stopping to avoid a loop.', 'ListAllMediaBucket', 'NextPageToken', result.nextPageToken));
      }
      seenTokens.add(result.nextPageToken);
      token = result.nextPageToken;
    }
    throw badResponseError(l10n.t('{0} did not finish within {1} pages.', 'ListAllMediaBucket', MAX_PAGES));
  }

  private bucketAction(action: 'UnbindOutputBucket' | 'BindOutputBucket', bucket: string, options?: CallOptions): Promise<Acknowledged> {
    return this.channel.call(
      {
        action,
        target: String(bucket),
        params: { Bucket: bucket },
        validate: () => validateBucketName(bucket),
        parse: (_body, requestId) => ({ requestId }),
        readBack: {
          action: 'ListAllMediaBucket',
          // Bound as output after a bind, not bound after an unbind. (An unbind of a bucket that was never bound
          // also reads as done: either way the bucket is not an MPS output afterwards.)
          read: async (readOptions) => {
            const list = await this.listAllMediaBuckets(readOptions);
            const bound = list.buckets.some((b) => b.type === 'Output' && b.bucket === bucket);
            const done = action === 'BindOutputBucket' ? bound : !bound;
            return { requestId: list.requestId, ...(done ? { confirm: (ack: Acknowledged) => ack } : {}) };
          },
        },
      },
      options,
    );
  }
}

interface BucketPage {
  readonly requestId: string;
  readonly buckets: MediaBucket[];
  readonly nextPageToken?: string;
}

function parseBucketPage(body: ResponseBody, requestId: string): BucketPage {
  const buckets: MediaBucket[] = [];
  for (const item of listItems(body.MediaBucketList, 'MediaBucket')) {
    if (!isPlainObject(item)) continue;
    const bucket = optionalString(item.Bucket);
    if (!bucket) continue;
    const referer = optionalString(item.Referer);
    buckets.push({ bucket, type: bucketType(item.Type), ...(referer ? { referer } : {}) });
  }
  const nextPageToken = optionalString(body.NextPageToken) || undefined;
  return { requestId, buckets, ...(nextPageToken ? { nextPageToken } : {}) };
}

/** Case-insensitive; an unknown type is passed through as sent so nothing is silently relabelled. */
function bucketType(value: unknown): MediaBucketType {
  const text = optionalString(value) ?? '';
  if (/^input$/i.test(text)) return 'Input';
  if (/^output$/i.test(text)) return 'Output';
  return text as MediaBucketType;
}
