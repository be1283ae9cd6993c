// Emulator states that hold exactly the targets a run revokes, so every call is a real revocation.
import { createHash } from 'node:crypto';
import { DEMO_ACCESS_KEY, type EmulatorStateJson } from '../test/emulator/server';
import type { AccessKeyCredentials } from '../src/cloud';
import type { ProfileIdentity } from '../src/settings/profileConfig';

export const BENCH_REGION = 'cn-shanghai';
export const BENCH_APP_ID = 'app-1000000';
export const BENCH_ACCOUNT_ID = '1900000000000001';
/** The one policy each bench identity holds, and the one a detach removes. */
export const BENCH_POLICY = 'VODAppReadOnlyAccess';
export const BENCH_KEY: AccessKeyCredentials = { ...DEMO_ACCESS_KEY };

const pad = (i: number) => String(i).padStart(4, '0');

export function bucketNames(count: number, prefix = 'bench-out'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${pad(i)}`);
}

/**
 * VOD names a RAM user by its UserId (digits), so bench identities are UserIds derived from readable names
 * (`bench-user-0001`): the same name gives the same id on every run, and the emulator's RAM directory holds them.
 */
export function benchUserId(userName: string): string {
  const n = BigInt(`0x${createHash('sha256').update(userName).digest('hex').slice(0, 16)}`) % 10n ** 14n;
  return `29${n.toString().padStart(14, '0')}`;
}

export function identities(count: number, prefix = 'bench-user'): ProfileIdentity[] {
  return Array.from({ length: count }, (_, i) => ({ identityType: 'RamUser', identityName: benchUserId(`${prefix}-${pad(i)}`), appId: BENCH_APP_ID }));
}

/** `buckets` bound as output buckets and `identities` each holding BENCH_POLICY in the default app. */
export function benchState(o: { buckets?: readonly string[]; identities?: readonly ProfileIdentity[] }): EmulatorStateJson {
  return {
    region: BENCH_REGION,
    mediaBuckets: [
      { bucket: 'bench-input', type: 'Input' },
      ...(o.buckets ?? []).map((bucket) => ({ bucket, type: 'Output' as const })),
    ],
    appServiceOpen: true,
    apps: [{ appId: BENCH_APP_ID, appName: 'Default', type: 'System', status: 'Normal' }],
    identities: (o.identities ?? []).map((id) => ({
      type: id.identityType,
      name: id.identityName,
      appId: id.appId,
      policies: [BENCH_POLICY],
    })),
    callers: { '*': { appAdministrator: true } },
    // The RAM users the identities name; VOD refuses UserIds its account does not have.
    accounts: [{
      accountId: BENCH_ACCOUNT_ID,
      users: [...new Set((o.identities ?? []).map((id) => id.identityName))].map((userId) => ({ userId, userName: `bench-${userId}`, displayName: `Bench user ${userId}` })),
      roles: [],
    }],
  };
}
