// ApsaraVideo Media Processing (product code mts, API 2014-06-18): the input and output buckets bound to MPS.

import * as l10n from '@vscode/l10n';
import { MAX_PAGES, ProductClient, type ClientOptions } from './clientOptions';
import { CLOUD_OPERATIONS, type MediaBucketAction } from './operations';
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
    return this.bucketWrite('UnbindOutputBucket', bucket, {}, options);
  }

  /** Attaches an output bucket; answers Bucket.AlreadyBind when it already is. */
  bindOutputBucket(bucket: string, options?: CallOptions): Promise<Acknowledged> {
    return this.bucketWrite('BindOutputBucket', bucket, {}, options);
  }

  /**
   * Detaches an input bucket from MPS (RoleArn is not sent: the extension never binds with one). `before` is what
   * the listing showed for the bucket (its Referer), kept with the record so an undo can give it back. No error is
   * documented for a bucket that is not bound: a server may answer success, which reads the same.
   */
  unbindInputBucket(bucket: string, before: { readonly referer?: string } = {}, options?: CallOptions): Promise<Acknowledged> {
    return this.bucketWrite('UnbindInputBucket', bucket, {}, options, before.referer !== undefined ? { Referer: before.referer } : undefined);
  }

  /** Attaches an input bucket, with the Referer it had when one is known. */
  bindInputBucket(bucket: string, referer?: string, options?: CallOptions): Promise<Acknowledged> {
    return this.bucketWrite('BindInputBucket', bucket, { Referer: referer || undefined }, options);
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

  /** One bucket write; its descriptor (operations.ts) says which binding the listing shows once it took effect. */
  private bucketWrite(
    action: MediaBucketAction,
    bucket: string,
    extra: Readonly<Record<string, string | undefined>>,
    options?: CallOptions,
    before?: Readonly<Record<string, string>>,
  ): Promise<Acknowledged> {
    const { type, boundAfter } = CLOUD_OPERATIONS[action].mediaBucket;
    return this.channel.call(
      {
        action,
        target: String(bucket),
        params: { Bucket: bucket, ...extra },
        validate: () => validateBucketName(bucket),
        parse: (_body, requestId) => ({ requestId }),
        ...(before ? { before } : {}),
        readBack: {
          action: 'ListAllMediaBucket',
          // Bound as that type after a bind, not bound after an unbind. (An unbind of a bucket that was never bound
          // also reads as done: either way the bucket is not bound as that type afterwards.)
          read: async (readOptions) => {
            const list = await this.listAllMediaBuckets(readOptions);
            const bound = list.buckets.some((b) => b.type === type && b.bucket === bucket);
            const done = boundAfter ? bound : !bound;
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
