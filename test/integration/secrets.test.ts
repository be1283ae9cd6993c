// No secret in any output. Runs last (files load in name order; the checks below fail if the other suites did not
// run first): every file VS Code and the extension wrote during the whole suite — the user-data directory (user
// settings, the window's logs with the extension's log channel, global storage), code-server's config, data and
// temp directories — and a fresh export of the request history are searched, as raw bytes, for any secret or
// security token the suite used (the aliyun CLI profiles' keys among them, and every temporary key and token the
// emulator's STS issued, whether the extension or @alicloud/credentials asked for it) and for signatures. In code-server, SecretStorage and globalState live in the
// browser's storage, not in these files: that is where the keys legitimately are.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEMO_ACCESS_KEY, TEST_SECRET_PATTERN, extensionApi, issuedSecrets, logChannelFile, userDataDir } from './support/harness';

const SIGNATURE = /Signature=|Signature%3D|"Signature"\s*:/;

interface Hit {
  file: string;
  what: string;
}

function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // removed while walking
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) out.push(full);
    }
  };
  walk(root);
  return out;
}

/** Raw bytes as latin1: finds ASCII needles in text, JSON, SQLite pages and logs alike. */
function scan(files: string[], needles: { what: string; test: (text: string) => boolean }[]): Hit[] {
  const hits: Hit[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file).toString('latin1');
    } catch {
      continue; // sockets, files removed meanwhile
    }
    for (const n of needles) if (n.test(text)) hits.push({ file, what: n.what });
  }
  return hits;
}

const SECRET_NEEDLES = [
  { what: 'a test secret or token', test: (t: string) => TEST_SECRET_PATTERN.test(t) },
  { what: 'a request signature', test: (t: string) => SIGNATURE.test(t) },
  // Random values (STS secrets, CAIS… tokens): looked for one by one.
  { what: 'an STS secret or token the emulator issued', test: (t: string) => issuedSecrets().some((s) => t.includes(s)) },
];

function writtenRoots(): string[] {
  const roots = [userDataDir()];
  // code-server gets its own TMPDIR and XDG directories from the runner; the desktop runner's live elsewhere.
  if (process.env.CODE_SERVER_SESSION_SOCKET) {
    for (const k of ['TMPDIR', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME']) {
      const dir = process.env[k];
      if (dir && fs.existsSync(dir)) roots.push(dir);
    }
  }
  return [...new Set(roots)];
}

describe('no secret in any output', function () {
  this.timeout(30_000);

  before(async () => {
    await extensionApi();
  });

  it('the scan finds a planted secret (so a clean result means something)', () => {
    const plant = path.join(userDataDir(), 'logs', `planted-${process.pid}.txt`);
    fs.writeFileSync(plant, `x AccessKeySecret ${DEMO_ACCESS_KEY.accessKeySecret} Signature=abc x`);
    try {
      const hits = scan(filesUnder(path.dirname(plant)), SECRET_NEEDLES).filter((h) => h.file === plant);
      assert.deepEqual(hits.map((h) => h.what).sort(), ['a request signature', 'a test secret or token']);
    } finally {
      fs.rmSync(plant, { force: true });
    }
  });

  it('the log channel holds the earlier suites\' calls (this file ran last)', () => {
    const file = logChannelFile();
    assert.ok(file, 'the extension wrote no log file');
    const text = fs.readFileSync(file, 'utf8');
    for (const profile of ['revoke-it', 'errors-it', 'log-it', 'history-it', 'tree-it', 'cli-it', 'role-it']) {
      assert.ok(text.includes(`[profile ${profile}, cn-shanghai]`), `no call of profile ${profile} in the log`);
    }
  });

  it('the temporary keys the aliyun CLI and role suites were issued are known to the scan', () => {
    // Two CLI role modes, the StsToken profile's token, the keychain profile's role and its renewal.
    assert.ok(issuedSecrets().length >= 2 * 5, `only ${issuedSecrets().length / 2} issued keys remembered`);
  });

  it('no file VS Code or the extension wrote contains a secret, a token or a signature', () => {
    const files = writtenRoots().flatMap(filesUnder);
    const logFile = logChannelFile();
    assert.ok(logFile && files.includes(logFile), 'the scan does not cover the extension\'s log');
    assert.ok(files.some((f) => f.endsWith(path.join('User', 'settings.json'))), 'the scan does not cover the user settings');
    const hits = scan(files, SECRET_NEEDLES);
    assert.deepEqual(hits, [], `found ${hits.map((h) => `${h.what} in ${h.file}`).join('; ')}`);
  });

  it('the full AccessKeyId appears in no log, only masked', () => {
    const logs = filesUnder(path.join(userDataDir(), 'logs'));
    const hits = scan(logs, [{ what: 'the full AccessKeyId', test: (t) => t.includes(DEMO_ACCESS_KEY.accessKeyId) }]);
    assert.deepEqual(hits, []);
  });

  it('the exported request history has every suite\'s records and no secret, token, signature or full AccessKeyId', async () => {
    const target = vscode.Uri.file(path.join(process.env.TMPDIR ?? userDataDir(), `history-secrets-${process.pid}.json`));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('alicloudMedia.exportRequestHistory', { target });
    assert.equal(written?.fsPath, target.fsPath);
    try {
      const text = fs.readFileSync(target.fsPath, 'utf8');
      const records = (JSON.parse(text) as { records: { profile?: string; outcome: string }[] }).records;
      assert.ok(records.length >= 20, `only ${records.length} records`);
      assert.ok(records.some((r) => r.outcome === 'failed') && records.some((r) => r.outcome === 'succeeded'));
      assert.ok(!TEST_SECRET_PATTERN.test(text), 'a secret or token is in the export');
      assert.ok(!issuedSecrets().some((secret) => text.includes(secret)), 'an STS secret or token is in the export');
      assert.ok(!SIGNATURE.test(text), 'a signature is in the export');
      assert.ok(!text.includes(DEMO_ACCESS_KEY.accessKeyId), 'the full AccessKeyId is in the export');
    } finally {
      fs.rmSync(target.fsPath, { force: true });
    }
  });
});
