// Page object for UI scenarios against the real VS Code workbench (code-server + headless Chromium).
// The extension is loaded from the working tree in development mode (the workbench URL's
// extensionDevelopmentPath): no packaging, and `npm run build` output is picked up as is.
//
//   const wb = useWorkbench();                 // in a describe(): one shared instance for all UI test files
//   it('…', async () => { await wb().openView('Alibaba Cloud Media'); … });
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type Browser } from '../vscode/browser';
import { ensureCodeServer } from '../vscode/codeServer/install';
import { startCodeServer, type CodeServer } from '../vscode/codeServer/launch';
import { log, outputDir, repoRoot, run, seconds } from '../vscode/util';
import { workbenchUrl } from '../vscode/workbenchUrl';
import { escapeRegExp } from '../support/text';

export interface OpenWorkbenchOptions {
  /** Extension folder to load (default: the repo root). */
  extensionPath?: string;
  /** Run `npm run build` in the extension folder first (default true; once per process). */
  build?: boolean;
  userSettings?: object;
  /** Extra environment for code-server and so the extension host (e.g. an emulator endpoint). */
  env?: NodeJS.ProcessEnv;
  /** Display language, e.g. `zh-cn`: the server gets a language pack for it (codeServer/languagePack.ts). */
  locale?: string;
}

const built = new Set<string>();

export class Workbench {
  private constructor(
    readonly page: Page,
    /** Undefined for a workbench served by someone else (connect()). */
    readonly server: CodeServer | undefined,
    private readonly browser: Browser,
  ) {}

  /**
   * A browser on a workbench that is already being served (e.g. by `npm run demo`). close() closes only the
   * browser.
   */
  static async connect(url: string): Promise<Workbench> {
    const started = Date.now();
    const browser = await launchBrowser();
    try {
      await browser.page.goto(url, { waitUntil: 'domcontentloaded' });
      await browser.page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
      log(`workbench at ${url} open in ${seconds(started)}`);
      return new Workbench(browser.page, undefined, browser);
    } catch (err) {
      await browser.close();
      throw err;
    }
  }

  static async open(o: OpenWorkbenchOptions = {}): Promise<Workbench> {
    const started = Date.now();
    const extensionPath = o.extensionPath ?? repoRoot;
    ensureCodeServer();
    if ((o.build ?? true) && !built.has(extensionPath)) {
      run('npm', ['run', '--silent', 'build'], { cwd: extensionPath });
      built.add(extensionPath);
    }
    const server = await startCodeServer({ userSettings: o.userSettings, env: o.env, locale: o.locale });
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const url = await workbenchUrl(server.url, { folder: server.workspace, extensionDevelopmentPath: extensionPath });
      await browser.page.goto(url, { waitUntil: 'domcontentloaded' });
      await browser.page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
      log(`workbench open in ${seconds(started)}`);
      return new Workbench(browser.page, server, browser);
    } catch (err) {
      await browser?.close();
      await server.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server?.close();
  }

  /**
   * A second window on the same workbench: a page of its own on the same URL gets an extension host of its own over
   * the same user data (global storage, secrets), as a second desktop window of one VS Code does. Its close()
   * closes only that page.
   */
  async anotherWindow(): Promise<Workbench> {
    const page = await this.page.context().newPage();
    try {
      await page.goto(this.page.url(), { waitUntil: 'domcontentloaded' });
      await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
    } catch (err) {
      await page.close();
      throw err;
    }
    return new Workbench(page, undefined, { context: page.context(), page, close: () => page.close() });
  }

  /** Clicks the activity bar entry whose title starts with `containerTitle`; returns the side bar. */
  async openView(containerTitle: string): Promise<Locator> {
    const entry = this.page.locator(`.activitybar [aria-label^="${cssString(containerTitle)}"]`).first();
    await entry.waitFor({ timeout: 30_000 });
    const sidebar = this.page.locator('[id="workbench.parts.sidebar"]');
    // Clicking an already open container closes the side bar: only click when it is not showing.
    const title = sidebar.locator('.composite.title');
    const shown = (await sidebar.isVisible()) ? (await title.innerText().catch(() => '')).toLowerCase() : '';
    if (!shown.startsWith(containerTitle.toLowerCase())) await entry.click();
    await sidebar.waitFor({ state: 'visible' });
    return sidebar;
  }

  /** A view (pane) in the side bar by its name, e.g. "Resources". */
  view(name: string): Locator {
    return this.page.locator('[id="workbench.parts.sidebar"] .pane').filter({
      has: this.page.locator(`.pane-header[aria-label^="${cssString(name)}"]`),
    });
  }

  /**
   * The visible header of a side-bar view: its pane header, or the side bar's title ("CONTAINER: VIEW") when the
   * view is the only one in its container and VS Code merges the two.
   */
  viewHeader(name: string): Locator {
    const re = new RegExp(`(^|: )${escapeRegExp(name)}(\\s|$)`, 'i');
    return this.page
      .locator('[id="workbench.parts.sidebar"]')
      .locator('.composite.title, .pane-header')
      .filter({ hasText: re, visible: true })
      .first();
  }

  /** A tree row by its accessible name (label, plus description if any). */
  treeItem(name: string | RegExp): Locator {
    return this.page.getByRole('treeitem', { name });
  }

  async rightClick(target: Locator): Promise<void> {
    await target.click({ button: 'right' });
    await this.page.getByRole('menu').first().waitFor({ state: 'visible', timeout: 10_000 });
  }

  /** A context-menu entry. To click one, use clickMenuItem (menus ignore clicks while they fade in). */
  menuItem(name: string | RegExp): Locator {
    return this.page.getByRole('menuitem', { name });
  }

  /** Clicks a context-menu entry once the menu has finished fading in; waits for the menu to close. */
  async clickMenuItem(name: string | RegExp): Promise<void> {
    const item = this.menuItem(name).first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    const menu = this.page.getByRole('menu').first();
    // VS Code's context menu fades in and drops mouse-ups that arrive right after it opened.
    for (let i = 0; i < 40; i++) {
      const opacity = await menu.evaluate(effectiveOpacity);
      if (opacity >= 1) break;
      await this.page.waitForTimeout(50);
    }
    await this.page.waitForTimeout(150);
    await item.click();
    await menu.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** The open modal dialog (VS Code's custom dialog in the web). */
  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  /** Waits for a modal dialog, clicks the button labelled `button`, returns the dialog's message text. */
  async answerDialog(button: string | RegExp): Promise<string> {
    const box = this.dialog();
    await box.waitFor({ state: 'visible', timeout: 30_000 });
    const text = nbsp(await box.locator('.dialog-message-container').innerText());
    await box.getByRole('button', { name: button }).click();
    await box.waitFor({ state: 'hidden' });
    return text;
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Types into the open quick input (input box or quick pick filter); `submit` presses Enter. */
  async fillQuickInput(text: string, submit = true, timeout = 30_000): Promise<void> {
    const input = this.quickInput().locator('input').first();
    await input.waitFor({ state: 'visible', timeout });
    await input.fill(text, { timeout });
    if (submit) await input.press('Enter');
  }

  /** Picks an entry of the open quick pick by its accessible name. */
  async pickQuickItem(name: string | RegExp): Promise<void> {
    const option = this.quickInput().getByRole('option', { name }).first();
    await option.waitFor({ state: 'visible', timeout: 30_000 });
    await option.click();
  }

  /** Runs a command from the palette by its title as shown there, e.g. "Alibaba Cloud: Add Profile". */
  async runCommand(title: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.openPalette();
      try {
        await this.fillQuickInput(`>${title}`, false, 5_000);
        break;
      } catch (e) {
        // The palette opened and closed again: focus that arrived late (the Output view a previous outputText
        // picked, on a loaded machine) takes it away, and the input stays hidden until the palette is reopened.
        if (attempt === 3) throw e;
      }
    }
    await this.pickQuickItem(new RegExp(`^${escapeRegExp(title)}`));
  }

  /**
   * F1, again if the palette did not appear: a key press that lands while a modal or a notification is closing is
   * dropped by the workbench, which made scenarios wait 30 s for a palette that was never opened.
   */
  private async openPalette(): Promise<void> {
    const input = this.quickInput().locator('input').first();
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ state: 'visible', timeout: 5_000 });
        return;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
  }

  /** Shows an Output channel and returns its visible text (the editor renders only lines in view). */
  async outputText(channel: string): Promise<string> {
    await this.runCommand('Output: Show Output Channels...');
    await this.pickQuickItem(channel);
    const lines = this.page.locator('[id="workbench.panel.output"] .view-lines');
    await lines.waitFor({ state: 'visible', timeout: 30_000 });
    return nbsp(await lines.innerText());
  }

  /** Texts of the notification toasts currently shown. */
  async notifications(): Promise<string[]> {
    const items = this.page.locator('.notifications-toasts .notification-list-item-message');
    return (await items.allInnerTexts()).map(nbsp);
  }

  /** Waits until a notification toast containing `text` shows; returns its full text. */
  async waitForNotification(text: string | RegExp, timeoutMs = 30_000): Promise<string> {
    const item = this.page.locator('.notifications-toasts .notification-list-item-message').filter({ hasText: text }).first();
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
    return nbsp(await item.innerText());
  }

  /** Puts the workbench back in a neutral state between scenarios: no dialog, quick input, menu or toast. */
  async reset(): Promise<void> {
    for (let i = 0; i < 3; i++) await this.page.keyboard.press('Escape');
    await this.runCommand('Notifications: Clear All Notifications').catch(() => undefined);
    await this.page.keyboard.press('Escape');
  }

  /** A screenshot of the whole page as test-output/ui/<name>.png, kept as evidence of what the scenario saw. */
  screenshot(name: string): Promise<string> {
    return screenshotPage(this.page, name);
  }

  /**
   * Screenshot + Output channel text under test-output/ui/, named after the test; prints the paths.
   * Never throws (it runs when something already went wrong).
   */
  async saveFailureArtifacts(testTitle: string, outputChannel = 'Alibaba Cloud Media'): Promise<string[]> {
    const dir = path.join(outputDir, 'ui');
    fs.mkdirSync(dir, { recursive: true });
    const base = path.join(dir, testTitle.replace(/[^\w.-]+/g, '_').slice(0, 100));
    const saved: string[] = [];
    try {
      await this.page.screenshot({ path: `${base}.png` });
      saved.push(`${base}.png`);
    } catch (err) {
      log(`screenshot failed: ${(err as Error).message}`);
    }
    try {
      await this.page.keyboard.press('Escape');
      const text = await this.outputText(outputChannel);
      fs.writeFileSync(`${base}.output.txt`, text);
      saved.push(`${base}.output.txt`);
    } catch (err) {
      log(`could not read Output "${outputChannel}": ${(err as Error).message.split('\n')[0]}`);
    }
    for (const f of saved) log(`failure artifact: ${path.relative(repoRoot, f)}`);
    return saved;
  }
}

/** A screenshot of `page` (the workbench, or a tab it opened) as test-output/ui/<name>.png; returns the file. */
export async function screenshotPage(page: Page, name: string): Promise<string> {
  const dir = path.join(outputDir, 'ui');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file });
  log(`screenshot: ${path.relative(repoRoot, file)}`);
  return file;
}

/** `README_SCREENSHOTS=1` makes the scenarios that show the README's pictures save them (docs/images/<name>.png). */
export const README_SCREENSHOTS = process.env.README_SCREENSHOTS === '1';

/**
 * The README's picture of what the scenario shows, when README_SCREENSHOTS=1: the activity bar, the view and the
 * start of the editor area, kept small for the Marketplace page (a PNG of a third of the window). Returns the file,
 * or undefined when not asked to.
 */
export async function readmeScreenshot(page: Page, name: string): Promise<string | undefined> {
  if (!README_SCREENSHOTS) return undefined;
  const file = path.join(repoRoot, 'docs', 'images', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, clip: { x: 0, y: 0, width: 760, height: 520 } });
  log(`README screenshot: ${path.relative(repoRoot, file)}`);
  return file;
}

export function openWorkbench(o?: OpenWorkbenchOptions): Promise<Workbench> {
  return Workbench.open(o);
}

// ---------------------------------------------------------------------------------------------------------------
// Mocha integration: one code-server + browser shared by every UI test file in the run (opened by the first
// file's before(), closed when the run ends), failure artifacts after each failed test.

/**
 * What the shared workbench is opened with: options, or a function that prepares them (e.g. starts an emulator
 * first and returns settings pointing at it). Files share the instance only when they pass the same object or
 * the same function.
 */
export type WorkbenchSetup = OpenWorkbenchOptions | (() => Promise<OpenWorkbenchOptions>);

let shared: Promise<Workbench> | undefined;
let sharedSetup: WorkbenchSetup | undefined;

function sameSetup(a: WorkbenchSetup, b: WorkbenchSetup | undefined): boolean {
  if (typeof a === 'function' || typeof b === 'function') return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

if (typeof after === 'function') {
  // Registered while mocha loads the first test file that imports this module: a root-level hook.
  after(async () => {
    if (shared) await (await shared.catch(() => undefined))?.close();
    shared = undefined;
  });
}

/** Call inside describe(): returns a getter for the shared workbench. */
export function useWorkbench(o: WorkbenchSetup = {}): () => Workbench {
  let wb: Workbench | undefined;
  before(async function () {
    this.timeout(180_000);
    if (shared && !sameSetup(o, sharedSetup)) {
      throw new Error('useWorkbench(): all UI test files share one workbench; use openWorkbench() for different options');
    }
    sharedSetup = o;
    shared ??= (typeof o === 'function' ? o() : Promise.resolve(o)).then(openWorkbench);
    wb = await shared;
  });
  saveArtifactsOnFailure(() => wb);
  return () => {
    if (!wb) throw new Error('workbench not open (did before() fail?)');
    return wb;
  };
}

/** Call inside describe(): a failed test leaves a screenshot and the `outputChannel` text under test-output/ui/. */
export function saveArtifactsOnFailure(workbench: () => Workbench | undefined, outputChannel?: string): void {
  afterEach(async function () {
    const wb = workbench();
    if (wb && this.currentTest?.state === 'failed') await wb.saveFailureArtifacts(this.currentTest.fullTitle(), outputChannel);
  });
}

// Runs in the page (the project's tsconfig has no DOM lib, hence the minimal local types).
type PageElement = { parentElement: PageElement | null; getRootNode(): { host?: PageElement } };
function effectiveOpacity(el: PageElement): number {
  const style = (globalThis as unknown as { getComputedStyle(e: PageElement): { opacity: string } }).getComputedStyle;
  let o = 1;
  for (let e: PageElement | null = el; e; e = e.parentElement ?? e.getRootNode().host ?? null) o *= Number(style(e).opacity);
  return o;
}

function nbsp(s: string): string {
  return s.replace(/\u00a0/g, ' ');
}

function cssString(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}
