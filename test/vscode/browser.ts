// Headless Chromium through playwright-core (no browser download: it drives the system's Chromium).
// CHROMIUM_PATH overrides the executable; otherwise the first of the usual Linux locations that exists.
import * as fs from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { setupSystemPackages } from './codeServer/install';
import { CHROMIUM_CANDIDATES } from './systemPackages';
import { makeTempDir } from './util';

const CANDIDATES = CHROMIUM_CANDIDATES;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  // A fresh machine: install it (and the CJK font) where the machine allows, as npm install would have.
  const found = CANDIDATES.find((p) => fs.existsSync(p)) ?? (setupSystemPackages(['chromium', 'fonts-wqy-zenhei']), CANDIDATES.find((p) => fs.existsSync(p)));
  if (!found) {
    throw new Error(
      `no Chromium found (looked at ${CANDIDATES.join(', ')}). Install it (Debian: apt-get install chromium) ` +
        'or set CHROMIUM_PATH to a Chromium/Chrome executable.',
    );
  }
  return found;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(o: { viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  const profile = makeTempDir('vscode-test-chromium');
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile.dir, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: o.viewport ?? { width: 1400, height: 900 },
      // Keep Chromium's crash database and caches out of the user's home.
      env: { ...process.env, HOME: profile.dir, TMPDIR: profile.dir, XDG_CONFIG_HOME: profile.dir, XDG_CACHE_HOME: profile.dir },
    });
  } catch (err) {
    profile.remove();
    throw err;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      profile.remove();
    },
  };
}
