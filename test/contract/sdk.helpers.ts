// Alibaba's official v4 SDKs (@alicloud/openapi-core, signature v3) pointed at a running emulator: independent
// clients, so the contract tests check the emulator against what Alibaba's own code sends and parses.
import { strict as assert } from 'node:assert';
import * as OpenApi from '@alicloud/openapi-core';
import * as MtsModule from '@alicloud/mts20140618';
import * as RamModule from '@alicloud/ram20150501';
import * as StsModule from '@alicloud/sts20150401';
import { REQUEST_ID_PATTERN } from '../emulator/requestId';
import { DEMO_ACCESS_KEY, type RunningEmulator } from '../emulator/server';
import type { Key } from './emulator.helpers';

export { MtsModule, RamModule, StsModule };
export type MtsClient = InstanceType<typeof MtsModule.default>;
export type RamClient = InstanceType<typeof RamModule.default>;
export type StsClient = InstanceType<typeof StsModule.default>;

function config(em: RunningEmulator, key: Key): OpenApi.$OpenApiUtil.Config {
  return new OpenApi.$OpenApiUtil.Config({ ...key, endpoint: `127.0.0.1:${em.port}`, protocol: 'http', regionId: 'cn-shanghai' });
}
export const mtsSdk = (em: RunningEmulator, key: Key = DEMO_ACCESS_KEY): MtsClient => new MtsModule.default(config(em, key));
export const ramSdk = (em: RunningEmulator, key: Key = DEMO_ACCESS_KEY): RamClient => new RamModule.default(config(em, key));
export const stsSdk = (em: RunningEmulator, key: Key = DEMO_ACCESS_KEY): StsClient => new StsModule.default(config(em, key));

interface SdkError { code?: string; statusCode?: number; data?: Record<string, unknown>; message?: string }

/** Awaits a rejected SDK call and checks Code, HTTP status and the Alibaba error body (RequestId, HostId). */
export async function expectSdkError(p: Promise<unknown>, code: string, status: number, hostId?: string): Promise<SdkError> {
  let err: SdkError | undefined;
  try {
    await p;
  } catch (e) {
    err = e as SdkError;
  }
  assert.ok(err, `expected ${code} but the call succeeded`);
  assert.equal(err.code, code);
  assert.equal(err.statusCode, status);
  assert.match(String(err.data?.RequestId), REQUEST_ID_PATTERN);
  if (hostId) assert.equal(err.data?.HostId, hostId);
  return err;
}
