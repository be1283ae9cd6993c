// An emulator state for Find Access to App at scale: one account with `users` RAM users and `roles` roles, and a
// known subset of them holding policies in the scanned app (others hold policies in another app only, so a scan
// that mixed apps up would be caught). Shared by the contract tests, the integration tests and the bench.
import type { EmulatorStateJson } from '../emulator/state';

export const SCAN_APP = { appId: 'app-3000001', appName: 'Incident Target' };
export const OTHER_APP = { appId: 'app-3000002', appName: 'Bystander' };
export const SCAN_ACCOUNT_ID = '1900000000000042';

export interface ScanStateOptions {
  readonly users: number;
  readonly roles: number;
  /** Every `holderEvery`-th identity (users then roles) holds policies in SCAN_APP; default 50. */
  readonly holderEvery?: number;
}

export interface ScanState {
  readonly state: EmulatorStateJson;
  /** `RamUser:<UserId>` / `RamRole:<name>` of every identity holding policies in SCAN_APP. */
  readonly holders: readonly string[];
  readonly total: number;
}

const pad = (i: number) => String(i).padStart(5, '0');
export const scanUserId = (i: number) => `2901${String(i).padStart(12, '0')}`;
export const scanUserName = (i: number) => `scan-user-${pad(i)}`;
export const scanRoleName = (i: number) => `ScanRole${pad(i)}`;

export function accessScanState(o: ScanStateOptions): ScanState {
  const every = o.holderEvery ?? 50;
  const identities: NonNullable<EmulatorStateJson['identities']> = [];
  const holders: string[] = [];
  const all = [
    ...Array.from({ length: o.users }, (_, i) => ({ type: 'RamUser' as const, name: scanUserId(i) })),
    ...Array.from({ length: o.roles }, (_, i) => ({ type: 'RamRole' as const, name: scanRoleName(i) })),
  ];
  all.forEach((id, i) => {
    if (i % every === 0) {
      identities.push({ ...id, appId: SCAN_APP.appId, policies: i % (every * 2) === 0 ? ['VODAppFullAccess'] : ['VODAppReadOnlyAccess', 'VODAppFullAccess'] });
      holders.push(`${id.type}:${id.name}`);
    } else if (i % every === 1) {
      identities.push({ ...id, appId: OTHER_APP.appId, policies: ['VODAppFullAccess'] });
    }
  });
  const state: EmulatorStateJson = {
    region: 'cn-shanghai',
    mediaBuckets: [],
    appServiceOpen: true,
    apps: [
      { appId: 'app-1000000', appName: 'Default', type: 'System', status: 'Normal' },
      { ...SCAN_APP, type: 'Custom', status: 'Normal' },
      { ...OTHER_APP, type: 'Custom', status: 'Normal' },
    ],
    identities,
    callers: { '*': { appAdministrator: true } },
    accounts: [
      {
        accountId: SCAN_ACCOUNT_ID,
        users: Array.from({ length: o.users }, (_, i) => ({ userId: scanUserId(i), userName: scanUserName(i), displayName: `Scan user ${i}` })),
        roles: Array.from({ length: o.roles }, (_, i) => ({ roleId: `39${String(i).padStart(14, '0')}`, roleName: scanRoleName(i) })),
      },
    ],
  };
  return { state, holders, total: o.users + o.roles };
}
