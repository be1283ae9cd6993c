// Which buttons a result notification offers. No VS Code, so the rule (Troubleshoot only for a link we would
// open) is unit-tested; notify.ts shows them.

// Straight from the file, not through ../cloud: that index is in the activation bundle, and this is not needed there.
import { trustedAlibabaUrl } from '../cloud/trustedLink';
import type { Site } from '../cloud/sites';

export const COPY = 'Copy Request ID';
export const TROUBLESHOOT = 'Troubleshoot';
export const SHOW_LOG = 'Show Log';
export const TRAIL = 'Look Up in ActionTrail';

/** What a failure can point at: its RequestId and the server's Recommend link. */
export interface NoticeLinks {
  readonly requestId?: string;
  readonly recommend?: string;
  /** A revocation's success: its RequestId can be looked up in ActionTrail (who did it, from where). */
  readonly trail?: boolean;
  /** The profile's site: Troubleshoot opens the page on it (servers send the China site's to every account). */
  readonly site?: Site;
}

/** The buttons, in order: Copy Request ID when there is one, Troubleshoot for a trusted link, Look Up in ActionTrail, Show Log. */
export function noticeActions(links: NoticeLinks): string[] {
  return [
    ...(links.requestId ? [COPY] : []),
    ...(trustedAlibabaUrl(links.recommend) ? [TROUBLESHOOT] : []),
    ...(links.trail && links.requestId ? [TRAIL] : []),
    SHOW_LOG,
  ];
}
