// What commands are built from. Passed explicitly to each registerXxx, so a command's needs are visible in its file.

import type { AccessKeyStore } from '../credentials/accessKeyStore';
import type { RequestHistory } from '../history/requestHistory';
import type { CallLog } from '../log/callLog';
import type { ProfileSessions } from '../profiles/profileSessions';
import type { AccessScans } from '../profiles/accessScans';
import type { ResourceListings } from '../profiles/resourceListings';
import type { ProfileSettings } from '../settings/profileSettings';
import type { ResourcesTree } from '../tree/resourcesTree';
import type { InFlightCalls } from './inFlight';
import type { UiPort } from './uiPort';

export interface CommandDeps {
  readonly settings: ProfileSettings;
  readonly accessKeys: AccessKeyStore;
  readonly sessions: ProfileSessions;
  readonly listings: ResourceListings;
  readonly scans: AccessScans;
  readonly tree: ResourcesTree;
  readonly log: CallLog;
  readonly inFlight: InFlightCalls;
  readonly history: RequestHistory;
  /** Every prompt, modal, notification and progress a command shows goes through it (tests script it). */
  readonly ui: UiPort;
}

/** What activation builds; the command code adds what only commands use when it loads (commands/index.ts). */
export type ActivationDeps = Omit<CommandDeps, 'inFlight'>;
