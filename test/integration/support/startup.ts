// What index.ts records before mocha loads any test file, for activation.test.ts. A global, not a module variable:
// index.js and every test file are separate bundles, each with its own copy of this module.
export const EXTENSION_ID = 'alicloud-media-tools.alicloud-media-access';

const KEY = Symbol.for('alicloudMedia.integration.startup');

export interface StartupSnapshot {
  /** Whether the extension was already active when the suite started (before any test could touch it). */
  readonly extensionActive: boolean | undefined;
  readonly at: number;
}

export function recordStartup(snapshot: StartupSnapshot): void {
  (globalThis as Record<symbol, unknown>)[KEY] = snapshot;
}

export function startupSnapshot(): StartupSnapshot | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as StartupSnapshot | undefined;
}
