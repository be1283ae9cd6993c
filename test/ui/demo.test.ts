// `npm run demo` as a person uses it: start it on a free port, open the printed URL in a browser, see the demo
// profile's buckets loaded from the emulator and its identities named, then stop it with SIGTERM to npm (as `kill <pid>` does) and check
// that no process of it is left and both ports are closed.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import { DEMO_ACCESS_KEY, type ReceivedRequest } from '../emulator/server';
import { DEMO_ACCOUNT_ID } from '../emulator/demoState';
import { freePort, repoRoot } from '../vscode/util';
import { Workbench } from './workbench';
import { waitFor } from '../support/wait';

/** Buckets of the demo-large profile (`--large`). */
const LARGE = 40;

describe('npm run demo (UI)', function () {
  this.timeout(60_000);
  let demo: ChildProcess | undefined;
  let output = '';
  let port: number;
  let emulatorUrl: string;
  let wb: Workbench | undefined;
  /** Process groups to watch: the demo's own (npm and below) and code-server's (it runs in a group of its own). */
  let groups: number[] = [];

  before(async function () {
    this.timeout(240_000); // a first run installs code-server
    port = await freePort();
    // Its own process group, so the after() hook can clean up whatever a failed test leaves.
    // With a large profile and another client on the demo key, as the speed-at-a-distance trial is run.
    demo = spawn('npm', ['run', '--silent', 'demo', '--', '--port', String(port), '--quiet', '--large', String(LARGE), '--other-client', '5'], {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout!.on('data', (d) => (output += d));
    demo.stderr!.on('data', (d) => (output += d));
    await waitFor(() => /Ctrl-C stops/.test(output) || demo!.exitCode !== null, 'the demo to print its URL', 230_000, 200);
    assert.equal(demo.exitCode, null, `the demo exited early:\n${output}`);
    emulatorUrl = /Emulator\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? assert.fail(`no emulator URL in:\n${output}`);
    const codeServer = processes().find((p) => p.args.includes(`--bind-addr 127.0.0.1:${port}`));
    assert.ok(codeServer, `no code-server process bound to 127.0.0.1:${port}`);
    groups = [demo.pid!, codeServer.pgid];
  });

  after(async () => {
    await wb?.close();
    for (const pgid of groups) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone, as it should be
      }
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      process.stdout.write(`[demo output]\n${output}\n`);
      await wb?.saveFailureArtifacts(this.currentTest.fullTitle());
    }
  });

  it('prints the loopback URL and serves the workbench with the demo profile\'s buckets from the emulator', async () => {
    const url = `http://127.0.0.1:${port}`;
    assert.match(output, new RegExp(`Open\\s+${url.replace(/\./g, '\\.')}\\s`));
    wb = await Workbench.connect(url);
    await wb.openView('Alibaba Cloud Media');
    // The account STS names for the demo pair joins the description once it has answered.
    await wb.treeItem(`demo, cn-shanghai · environment · custom endpoint · ${DEMO_ACCOUNT_ID}`).waitFor({ timeout: 30_000 });
    await wb.treeItem('media-output-demo, bound as output').waitFor({ timeout: 30_000 });
    await wb.treeItem('media-output-archive, bound as output').waitFor();
    await wb.treeItem('media-output-unbound, not bound').waitFor();
    await wb.treeItem('demo-keychain, cn-shanghai · custom endpoint').waitFor();
    // The installed VSIX, not a development host.
    assert.ok(!(await wb.page.title()).includes('Extension Development Host'), await wb.page.title());

    const requests = (await (await fetch(`${emulatorUrl}/__emulator/requests`)).json()) as ReceivedRequest[];
    const lists = requests.filter((r) => r.action === 'ListAllMediaBucket' && r.outcome === 'OK');
    assert.ok(lists.length >= 1, 'the emulator answered no ListAllMediaBucket');
    assert.ok(lists.every((r) => r.accessKeyId === DEMO_ACCESS_KEY.accessKeyId), 'signed with the environment pair the demo set');
    // The large profile's buckets are bound in the emulator, and the other client is at work on the same key.
    const state = (await (await fetch(`${emulatorUrl}/__emulator/state`)).json()) as { mediaBuckets: { bucket: string; type: string }[] };
    assert.equal(state.mediaBuckets.filter((b) => b.bucket.startsWith('large-output-') && b.type === 'Output').length, LARGE);
    const other = requests.filter((r) => r.action === 'UnbindOutputBucket' && r.params.Bucket?.startsWith('other-client-'));
    assert.ok(other.length >= 1 && other.every((r) => r.accessKeyId === DEMO_ACCESS_KEY.accessKeyId), `${other.length} calls of the other client`);
    // The large profile is the last one: its last bucket is the tree's last row, listed as bound.
    await wb.treeItem('demo-keychain, cn-shanghai · custom endpoint').click();
    await wb.page.keyboard.press('End');
    await wb.treeItem(`large-output-${String(LARGE).padStart(4, '0')}, bound as output`).waitFor({ timeout: 30_000 });
    await wb.page.keyboard.press('Home');
  });

  it('names every demo identity as a person knows it, in the rows and in the detach confirmation', async () => {
    assert.ok(wb, 'the workbench of the first scenario');
    const alice = wb.treeItem('RamUser alice (2037…0001), app-1000000');
    await alice.waitFor({ timeout: 30_000 });
    await wb.treeItem(/^RamUser build-bot \(2037…\d{4}\), app-1000000$/).first().waitFor();
    await wb.treeItem('RamUser alice (2037…0001), app-2000001').waitFor();
    await wb.treeItem('RamRole TranscodeRole, app-1000000').waitFor();
    // The demo profile's rows, configured by UserId, read only as names: none is left as a bare 16-digit id. (The
    // keychain profile has no AccessKey yet, so nobody can ask RAM for its user's name: that row keeps the id.)
    // Rows are listed in the order shown; the demo profile's end where the keychain profile's row starts.
    const rows = await wb.page.getByRole('treeitem').allInnerTexts();
    const demoRows = rows.slice(0, rows.findIndex((l) => l.startsWith('demo-keychain')));
    assert.ok(demoRows.some((l) => l.startsWith('VOD Identities')), rows.join(' | '));
    assert.deepEqual(demoRows.filter((l) => /RamUser \d{16}/.test(l)), [], rows.join(' | '));
    await alice.click();
    const policy = wb.treeItem('VODAppFullAccess, System').first();
    await policy.waitFor({ timeout: 30_000 });
    await wb.rightClick(policy);
    await wb.clickMenuItem(/^Detach App Policy/);
    const text = await wb.answerDialog('Cancel');
    assert.match(text, /RamUser alice \(2037…0001\)/);
  });

  it('stops code-server and the emulator on SIGTERM, leaving no process behind', async () => {
    await wb?.close();
    wb = undefined;
    const child = demo!;
    const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
    // npm exits before the demo below it has finished; the pipe closes when the last writer is gone.
    const outputClosed = new Promise<void>((resolve) => (child.stdout!.readableEnded ? resolve() : child.stdout!.once('close', () => resolve())));
    process.kill(child.pid!, 'SIGTERM');
    await exited;
    await outputClosed;
    await waitFor(() => leftovers().length === 0, 'the demo\'s processes to end', 20_000, 200);
    assert.deepEqual(leftovers(), []);
    assert.equal(await listening(port), false, `port ${port} still open`);
    assert.equal(await listening(Number(new URL(emulatorUrl).port)), false, 'emulator port still open');
    assert.match(output, /stopped in/);
    assert.match(output, /the other client sent \d+ calls, \d+ of them throttled/);
  });

  /** Processes of this demo run still there: in its groups, or naming its port (should one have left its group). */
  function leftovers(): string[] {
    return processes()
      .filter((p) => groups.includes(p.pgid) || p.args.includes(`--port ${port}`) || p.args.includes(`127.0.0.1:${port}`))
      .map((p) => `${p.pid} ${p.args}`);
  }
});

function processes(): { pid: number; pgid: number; args: string }[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' }).stdout ?? '';
  return ps
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[1]) !== process.pid)
    .map((m) => ({ pid: Number(m[1]), pgid: Number(m[2]), args: m[3] }))
    .filter((p) => !p.args.startsWith('ps -eo'));
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

