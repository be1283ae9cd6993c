// The results of Find Access to App, one per (profile, app), kept for the session until dismissed: what the tree
// shows under the profile as "Access to <app name>" and what the scan command and its cancel/dismiss commands
// share. A scan's progress arrives here from its one onProgress callback. After a detach, a found identity is
// marked stale and its policies are read again like any identity's. No VS Code import.
//
// Each scan reports through the run `start` gave it, never by (profile, app): a dismissed or replaced scan still
// settles its calls in flight, and its late progress and result must not land in the group of the scan that came
// after it (Dismiss, then Find Access again at once, showed the first scan's result as the second's).

import * as l10n from '@vscode/l10n';
import type { AppPolicy } from '../cloud';
import type { AccessScanResult, FoundAccess, ScannedIdentity } from '../cloud/accessScan';
import { identityKey } from '../settings/profileConfig';

export interface AccessScanEntry {
  readonly profile: string;
  readonly appId: string;
  readonly appName: string;
  /** Settled identities so far, and how many the directory holds (undefined while it is being read). */
  readonly done: number;
  readonly total: number | undefined;
  /** Set once the scan has ended (finished, cancelled or failed part-way). */
  readonly result?: AccessScanResult;
  /** Found identities by identityKey; their policies change after a detach and a re-read. */
  readonly found: ReadonlyMap<string, FoundAccess>;
  /** Keys of found identities whose policies must be read again (a detach or a refresh touched them). */
  readonly stale: ReadonlySet<string>;
}

interface MutableEntry {
  profile: string;
  appId: string;
  appName: string;
  done: number;
  total: number | undefined;
  result?: AccessScanResult;
  found: Map<string, FoundAccess>;
  stale: Set<string>;
  controller: AbortController;
}

export type AccessScanChange = { readonly profile: string; readonly appId?: string; readonly what: 'added' | 'removed' | 'progress' | 'finished' | 'identity' };

/** One scan's hold on its group: what it reports lands only while the group is still its own. */
export interface AccessScanRun {
  /** Aborted by Cancel, Dismiss, a newer scan of the app, or the profile's removal. */
  readonly signal: AbortSignal;
  /** The scan's onProgress; ignored once the run has finished or lost its group. */
  progress(done: number, total: number): void;
  /** Stores the result; false (and nothing stored) when the group was dismissed or taken by a newer scan. */
  finish(result: AccessScanResult): boolean;
}

/** `312 / 1,204 identities`: the progress wording of the tree row and the notification. */
export function scanProgressText(done: number, total: number): string {
  const count = (n: number) => n.toLocaleString('en-US');
  return l10n.t('{0} / {1} identities', count(done), count(total));
}

export function foundKey(identity: Pick<ScannedIdentity, 'identityType' | 'identityName' | 'appId'>): string {
  return identityKey(identity);
}

export class AccessScans {
  private readonly entries = new Map<string, MutableEntry>();
  private readonly listeners = new Set<(change: AccessScanChange) => void>();

  onDidChange(listener: (change: AccessScanChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The profile's scans, in the order they were started. */
  of(profile: string): AccessScanEntry[] {
    return [...this.entries.values()].filter((e) => e.profile === profile);
  }

  get(profile: string, appId: string): AccessScanEntry | undefined {
    return this.entries.get(entryKey(profile, appId));
  }

  isRunning(profile: string, appId: string): boolean {
    const entry = this.entries.get(entryKey(profile, appId));
    return entry !== undefined && entry.result === undefined;
  }

  /** A new scan replaces an earlier result for the same app (cancelling it if it still runs). */
  start(profile: string, appId: string, appName: string): AccessScanRun {
    const key = entryKey(profile, appId);
    this.entries.get(key)?.controller.abort();
    const controller = new AbortController();
    const fresh = !this.entries.has(key);
    const entry: MutableEntry = { profile, appId, appName, done: 0, total: undefined, found: new Map(), stale: new Set(), controller };
    this.entries.set(key, entry);
    this.emit({ profile, appId, what: fresh ? 'added' : 'progress' });
    // The entry object is the run's token: a later start or a dismiss puts another (or none) under the key.
    const owns = () => this.entries.get(key) === entry && entry.result === undefined;
    return {
      signal: controller.signal,
      progress: (done, total) => {
        if (!owns()) return;
        entry.done = done;
        entry.total = total;
        this.emit({ profile, appId, what: 'progress' });
      },
      finish: (result) => {
        if (!owns()) return false;
        entry.result = result;
        entry.done = result.scanned;
        entry.total = result.total;
        entry.found = new Map(result.found.map((f) => [foundKey(f.identity), f]));
        this.emit({ profile, appId, what: 'finished' });
        return true;
      },
    };
  }

  /** Cancels running scans of the profile (one app, or all); returns how many were running. */
  cancel(profile: string | undefined, appId?: string): number {
    let n = 0;
    for (const entry of this.entries.values()) {
      if ((profile !== undefined && entry.profile !== profile) || (appId !== undefined && entry.appId !== appId)) continue;
      if (entry.result || entry.controller.signal.aborted) continue;
      entry.controller.abort();
      n++;
    }
    return n;
  }

  /** Removes the group (cancelling its scan if it still runs). */
  dismiss(profile: string, appId: string): boolean {
    const key = entryKey(profile, appId);
    const entry = this.entries.get(key);
    if (!entry) return false;
    entry.controller.abort();
    this.entries.delete(key);
    this.emit({ profile, appId, what: 'removed' });
    return true;
  }

  /** After a detach or a refresh: the identity's policies in these scans are read again when next shown. */
  markStale(profile: string, identity: Pick<ScannedIdentity, 'identityType' | 'identityName' | 'appId'>): boolean {
    const key = foundKey(identity);
    let touched = false;
    for (const entry of this.entries.values()) {
      if (entry.profile !== profile || !entry.found.has(key)) continue;
      entry.stale.add(key);
      touched = true;
    }
    return touched;
  }

  /** What a re-read said; an identity left with no policies in the app stays listed with none. */
  updatePolicies(profile: string, appId: string, key: string, policies: readonly AppPolicy[], requestId: string): void {
    const entry = this.entries.get(entryKey(profile, appId));
    const current = entry?.found.get(key);
    if (!entry || !current) return;
    entry.found.set(key, { identity: current.identity, policies: policies.filter((p) => p.appId === appId), requestId });
    entry.stale.delete(key);
    this.emit({ profile, appId, what: 'identity' });
  }

  /** A profile removed from the settings takes its scans with it. */
  retainProfiles(names: readonly string[]): void {
    for (const entry of [...this.entries.values()]) {
      if (!names.includes(entry.profile)) this.dismiss(entry.profile, entry.appId);
    }
  }

  private emit(change: AccessScanChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A listener (the tree) must not break the scan.
      }
    }
  }
}

function entryKey(profile: string, appId: string): string {
  return `${profile}\n${appId}`;
}
