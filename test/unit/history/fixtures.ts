// Records shaped like the ones the cloud core hands to observers.
import type { CallRecord } from '../../../src/cloud/types';

let next = 0;

export function record(overrides: Partial<CallRecord> = {}): CallRecord {
  next += 1;
  return {
    id: `rec-${next}`,
    time: new Date(Date.UTC(2025, 0, 1, 12, 0, next)).toISOString(),
    product: 'mps',
    action: 'UnbindOutputBucket',
    region: 'cn-shanghai',
    endpoint: 'https://mts.cn-shanghai.aliyuncs.com',
    profile: 'prod',
    target: 'media-out',
    params: { Bucket: 'media-out' },
    maskedAccessKeyId: 'LTAI****abcd',
    outcome: 'succeeded',
    requestId: `0D5B4B5F-0000-4000-8000-${String(next).padStart(12, '0')}`,
    latencyMs: 120,
    attempts: 1,
    ...overrides,
  };
}

export function detachRecord(overrides: Partial<CallRecord> = {}): CallRecord {
  return record({
    product: 'vod',
    action: 'DetachAppPolicyFromIdentity',
    endpoint: 'https://vod.cn-shanghai.aliyuncs.com',
    target: 'RamUser:alice (app-1000000)',
    params: { IdentityType: 'RamUser', IdentityName: 'alice', AppId: 'app-1000000', PolicyNames: 'VODAppFullAccess,Custom1' },
    nonExistPolicyNames: [],
    failedPolicyNames: [],
    ...overrides,
  });
}
