// The Request Inspector's own check of troubleshooting links, in a real extension host. The page asks the
// extension to open a record's link by record id; the extension reads the link from its own copy of the record
// and opens it only when it is one of Alibaba's documentation, API or console pages. The page never shows a link
// that fails the check, so only a scripted (compromised) page can ask for one: this test plays that page. The one
// stand-in is the page's side of postMessage — the listener the extension registers on the real webview panel is
// called directly, because nothing real can post a forged message from inside a webview here; the panel, the
// history, the calls and the emulator's error bodies are real. openExternal is replaced (windowStubs.ts).
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DEMO_ACCESS_KEY,
  clearCredentials,
  emulatorProfile,
  extensionApi,
  setCredentials,
  setProfiles,
  startTestEmulator,
  unbind,
  waitFor,
  waitForLog,
  type ExtensionApi,
  type RunningEmulator,
} from './support/harness';
import { stubWindow, type WindowStubs } from './support/windowStubs';

const PROFILE = 'inspector-links-it';
const BUCKET = 'media-output-demo';
/** An OSS bucket's address: under aliyuncs.com, but it serves whatever the bucket's owner uploaded. */
const BUCKET_PAGE = `https://${BUCKET}.oss-cn-shanghai.aliyuncs.com/troubleshoot.html?q={Code}&requestId={RequestId}`;

type Listener = (message: unknown) => unknown;
type Writable<T> = { -readonly [K in keyof T]: T[K] };

describe('Request Inspector: its own check of troubleshooting links', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;
  let stubs: WindowStubs | undefined;
  let restorePanels: (() => void) | undefined;

  before(async () => {
    emulator = await startTestEmulator();
    api = await extensionApi();
    await setProfiles([emulatorProfile(emulator, { name: PROFILE, outputBuckets: [BUCKET] })]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
  });

  afterEach(() => {
    stubs?.restore();
    restorePanels?.();
    emulator.clearFaults();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  /** Fails an unbind at the emulator with this Recommend (the emulator's own Alibaba link when undefined); the record's id. */
  async function failedRecord(recommend: string | undefined): Promise<{ id: string; recommend: string }> {
    emulator.setFault('UnbindOutputBucket', { kind: 'error', code: 'Forbidden.RAM', status: 403, times: 1, ...(recommend ? { recommend } : {}) });
    const records: { id: string; requestId?: string; error?: { recommend?: string } }[] = [];
    const listening = api.onDidRecordCall((r) => records.push(r as unknown as (typeof records)[number]));
    try {
      const result = await unbind({ profile: PROFILE, bucket: BUCKET });
      assert.equal(result.ok, false);
      const record = records.find((r) => r.requestId !== undefined && r.requestId === result.error?.requestId);
      assert.ok(record?.error?.recommend, `no failed record with a Recommend among ${JSON.stringify(records)}`);
      await waitFor(() => historyHolds(record.id), `record ${record.id} in the history`);
      return { id: record.id, recommend: record.error.recommend };
    } finally {
      listening.dispose();
    }
  }

  it("opens the record's Alibaba link and refuses an OSS bucket's, whatever the page asks", async () => {
    const bucketLink = await failedRecord(BUCKET_PAGE);
    assert.match(bucketLink.recommend, /^https:\/\/media-output-demo\.oss-cn-shanghai\.aliyuncs\.com\/troubleshoot\.html\?q=Forbidden\.RAM&requestId=/);
    const alibabaLink = await failedRecord(undefined);
    assert.match(alibabaLink.recommend, /^https:\/\/api\.aliyun\.com\/troubleshoot\?q=Forbidden\.RAM/);

    const page = await openInspectorPage();
    stubs = stubWindow();
    // The refused request first: messages are handled in order, so once the second link has opened the first
    // one has been decided.
    page.post({ type: 'openTroubleshooting', recordId: bucketLink.id });
    page.post({ type: 'openTroubleshooting', recordId: alibabaLink.id });
    await waitFor(() => stubs!.opened.length > 0, 'the Alibaba link to open');
    assert.deepEqual(stubs.opened, [alibabaLink.recommend]);
    await waitForLog([`not opening the troubleshooting link of record ${bucketLink.id}`]);

    // A page that names a URL of its own is refused outright, and one naming no record opens nothing either.
    page.post({ type: 'openTroubleshooting', recordId: alibabaLink.id, url: 'https://evil.example/' });
    page.post({ type: 'openTroubleshooting', recordId: 'no-such-record' });
    page.post({ type: 'openTroubleshooting', recordId: alibabaLink.id });
    await waitFor(() => stubs!.opened.length > 1, 'the Alibaba link to open again');
    assert.deepEqual(stubs.opened, [alibabaLink.recommend, alibabaLink.recommend]);
    await waitForLog(['rejected a message from the webview', 'not opening the troubleshooting link of record no-such-record']);
  });

  it("opens a record's Troubleshoot page on its profile's site: the international API Explorer once the profile is international", async () => {
    const alibabaLink = await failedRecord(undefined);
    assert.match(alibabaLink.recommend, /^https:\/\/api\.aliyun\.com\/troubleshoot\?/);
    await setProfiles([emulatorProfile(emulator, { name: PROFILE, site: 'international', outputBuckets: [BUCKET] })]);
    try {
      const page = await openInspectorPage();
      const international = alibabaLink.recommend.replace('https://api.aliyun.com/', 'https://api.alibabacloud.com/');
      // What the page is given to show (the Troubleshoot button's tooltip) is the page that opens.
      page.post({ type: 'ready' });
      const shown = await waitFor(() => page.posted().flatMap(recordsIn).find((r) => r.id === alibabaLink.id), 'the record posted to the page');
      assert.equal(shown.error?.recommend, international);
      stubs = stubWindow();
      page.post({ type: 'openTroubleshooting', recordId: alibabaLink.id });
      await waitFor(() => stubs!.opened.length > 0, 'the Troubleshoot page to open');
      assert.deepEqual(stubs.opened, [international]);
    } finally {
      await setProfiles([emulatorProfile(emulator, { name: PROFILE, outputBuckets: [BUCKET] })]);
    }
  });

  /**
   * Opens the inspector and returns a way to post to the extension as its page would. The panel is VS Code's own;
   * only its webview's onDidReceiveMessage is wrapped, to keep the listener the extension registers.
   */
  async function openInspectorPage(): Promise<{ post(message: unknown): void; posted(): unknown[] }> {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const window = vscode.window as Writable<typeof vscode.window>;
    const create = window.createWebviewPanel;
    const listeners: Listener[] = [];
    const posted: unknown[] = [];
    window.createWebviewPanel = ((...args: Parameters<typeof create>) => {
      const panel = create.apply(window, args);
      const webview = panel.webview as Writable<vscode.Webview>;
      const subscribe = webview.onDidReceiveMessage.bind(webview);
      const postMessage = webview.postMessage.bind(webview);
      webview.postMessage = (message: unknown) => {
        posted.push(message);
        return postMessage(message);
      };
      webview.onDidReceiveMessage = ((listener: Listener, thisArg?: unknown, disposables?: vscode.Disposable[]) => {
        listeners.push(thisArg === undefined ? listener : listener.bind(thisArg));
        return subscribe(listener, thisArg, disposables);
      }) as vscode.Webview['onDidReceiveMessage'];
      return panel;
    }) as typeof create;
    restorePanels = () => {
      window.createWebviewPanel = create;
    };
    await vscode.commands.executeCommand('alicloudMedia.openRequestInspector');
    await waitFor(() => listeners.length > 0, 'the inspector to listen to its page', 10_000);
    return { post: (message) => void listeners.forEach((l) => l(message)), posted: () => posted };
  }
});

/** Whether the history holds the record, read through the export command (the inspector's own source). */
async function historyHolds(recordId: string): Promise<boolean> {
  const target = vscode.Uri.file(path.join(os.tmpdir(), `inspector-links-it-${process.pid}-${Date.now()}.json`));
  await vscode.commands.executeCommand('alicloudMedia.exportRequestHistory', { target, recordIds: [recordId] });
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    return (JSON.parse(text) as { records: { id: string }[] }).records.some((r) => r.id === recordId);
  } finally {
    await vscode.workspace.fs.delete(target);
  }
}

/** The records a message to the page carries (a whole list, or a delta's added and updated ones). */
function recordsIn(message: unknown): { id: string; error?: { recommend?: string } }[] {
  const m = message as { type?: string; records?: unknown[]; added?: unknown[]; updated?: unknown[] };
  const records = m.type === 'records' ? m.records : m.type === 'delta' ? [...(m.added ?? []), ...(m.updated ?? [])] : [];
  return (records ?? []) as { id: string; error?: { recommend?: string } }[];
}
