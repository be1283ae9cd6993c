// MPS (mts 2014-06-18): input and output bucket binding, and media bucket listing.
import { E } from '../errors';
import type { BucketType } from '../state';
import type { ActionSpec } from './types';
import { intParam, required } from './params';

export const MPS_VERSION = '2014-06-18';
const MAX_BUCKET_BYTES = 64;

function bucketParam(params: Readonly<Record<string, string>>): string {
  const bucket = required(params, 'Bucket');
  if (Buffer.byteLength(bucket, 'utf8') > MAX_BUCKET_BYTES) throw E.invalidParam('Bucket', `Length must not exceed ${MAX_BUCKET_BYTES} bytes.`);
  return bucket;
}

// Page tokens are opaque to clients; they encode the (bucket, type) of the last entry served so that paging stays
// consistent while buckets are bound/unbound between pages.
function encodeToken(bucket: string, type: string): string {
  return Buffer.from(JSON.stringify([bucket, type]), 'utf8').toString('base64url');
}
function decodeToken(token: string): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw E.invalidParam('NextPageToken', 'The token is not one this service issued.');
}

/**
 * Unbind<Type>Bucket(Bucket, RoleArn?): a bucket not bound as that type answers Bucket.NotBind (the emulator's
 * choice; see README), or success without a change when the state says `unbindUnbound: "success"`.
 */
function unbindSpec(type: BucketType): ActionSpec {
  return {
    product: 'mts', version: MPS_VERSION,
    handler: ({ state, params }) => {
      const bucket = bucketParam(params);
      if (!state.unbind(bucket, type) && state.unbindUnbound === 'error') throw E.bucketNotBound(bucket, type);
      return {};
    },
  };
}

/** Bind<Type>Bucket(Bucket, Referer?, RoleArn?): Bucket.AlreadyBind when it is; the Referer is what listings show. */
function bindSpec(type: BucketType): ActionSpec {
  return {
    product: 'mts', version: MPS_VERSION,
    handler: ({ state, params }) => {
      const bucket = bucketParam(params);
      if (state.isBound(bucket, type)) throw E.bucketAlreadyBound(bucket);
      if (!state.bucketExists(bucket)) throw E.bucketNotFound(bucket);
      state.bind(bucket, type, params.Referer);
      return {};
    },
  };
}

export const mpsActions: Record<string, ActionSpec> = {
  UnbindOutputBucket: unbindSpec('Output'),
  BindOutputBucket: bindSpec('Output'),
  UnbindInputBucket: unbindSpec('Input'),
  BindInputBucket: bindSpec('Input'),
  ListAllMediaBucket: {
    product: 'mts', version: MPS_VERSION,
    handler: ({ state, params }) => {
      const size = intParam(params, 'MaximumPageSize', 50, 1, 100);
      let all = state.mediaBuckets();
      if (params.NextPageToken) {
        const [bucket, type] = decodeToken(params.NextPageToken);
        all = all.filter((b) => b.bucket > bucket || (b.bucket === bucket && b.type > type));
      }
      const page = all.slice(0, size);
      const last = page[page.length - 1];
      return {
        ...(all.length > size && last ? { NextPageToken: encodeToken(last.bucket, last.type) } : {}),
        MediaBucketList: { MediaBucket: page.map((b) => ({ Bucket: b.bucket, Type: b.type, Referer: b.referer ?? '' })) },
      };
    },
  },
};
