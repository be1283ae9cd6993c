// The fresh-machine setup's decisions (test/vscode/systemPackages.ts), for every kind of machine, without touching
// this one: what counts as missing (including the ALICLOUD_MEDIA_ASSUME_MISSING switch), and whether the setup
// installs (root or passwordless sudo on Debian/Ubuntu: `apt-get update` first) or prints the exact command. The
// install itself runs apt-get, so it is exercised by scripts/fresh-clone-check.sh, not here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { localNodeHeadersDir } from '../../vscode/codeServer/install';
import {
  ASSUME_MISSING_ENV,
  BROWSER_PACKAGES,
  BUILD_PACKAGES,
  SKIP_ENV,
  SYSTEM_PACKAGES,
  describeMissing,
  missingPackages,
  planInstall,
  type Machine,
} from '../../vscode/systemPackages';

const debianRoot: Machine = { platform: 'linux', debian: true, root: true, passwordlessSudo: false, skip: false };
const names = (list: readonly { name: string }[]) => list.map((p) => p.name);

describe('system packages for a fresh machine', () => {
  it('lists each package once, with why, and the build and browser subsets from it', () => {
    assert.deepEqual(names(SYSTEM_PACKAGES), ['chromium', 'libkrb5-dev', 'python3', 'make', 'g++', 'fonts-wqy-zenhei']);
    for (const p of SYSTEM_PACKAGES) assert.ok(p.why.length > 5, p.name);
    for (const n of [...BUILD_PACKAGES, ...BROWSER_PACKAGES]) assert.ok(names(SYSTEM_PACKAGES).includes(n), n);
  });

  it('treats packages as missing when told to, one by one or all', () => {
    assert.deepEqual(names(missingPackages(['chromium', 'make'], { [ASSUME_MISSING_ENV]: 'make' }).filter((p) => p.name === 'make')), ['make']);
    assert.deepEqual(names(missingPackages(undefined, { [ASSUME_MISSING_ENV]: 'all' })), names(SYSTEM_PACKAGES));
    assert.deepEqual(names(missingPackages(BUILD_PACKAGES, { [ASSUME_MISSING_ENV]: 'all' })), BUILD_PACKAGES);
  });

  it('installs as root on Debian: apt-get update, then only what is missing, without recommends', () => {
    const missing = missingPackages(['libkrb5-dev', 'chromium'], { [ASSUME_MISSING_ENV]: 'all' });
    assert.deepEqual(planInstall(missing, debianRoot), {
      kind: 'install',
      commands: [
        ['apt-get', 'update', '-q'],
        ['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'chromium', 'libkrb5-dev'],
      ],
    });
  });

  it('installs through sudo -n where sudo asks no password', () => {
    const plan = planInstall(missingPackages(['make'], { [ASSUME_MISSING_ENV]: 'make' }), { ...debianRoot, root: false, passwordlessSudo: true });
    assert.equal(plan.kind, 'install');
    assert.deepEqual(plan.kind === 'install' && plan.commands.map((c) => c.slice(0, 3)), [['sudo', '-n', 'apt-get'], ['sudo', '-n', 'apt-get']]);
  });

  it('prints the exact command where it cannot install: no root, the skip switch, another OS', () => {
    const missing = missingPackages(['g++', 'python3'], { [ASSUME_MISSING_ENV]: 'all' });
    assert.deepEqual(planInstall(missing, { ...debianRoot, root: false }), {
      kind: 'manual',
      command: 'sudo apt-get update && sudo apt-get install -y -q --no-install-recommends python3 g++',
      reason: 'not root and sudo asks for a password',
    });
    assert.deepEqual(planInstall(missing, { ...debianRoot, skip: true }), {
      kind: 'manual',
      command: 'apt-get update && apt-get install -y -q --no-install-recommends python3 g++',
      reason: `${SKIP_ENV} is set`,
    });
    const mac = planInstall(missing, { ...debianRoot, platform: 'darwin', debian: false });
    assert.equal(mac.kind, 'manual');
    assert.match(mac.kind === 'manual' ? mac.command : '', /python3, g\+\+/);
  });

  it('does nothing when nothing is missing, and says what and why in one line otherwise', () => {
    assert.deepEqual(planInstall([], debianRoot), { kind: 'nothing' });
    const line = describeMissing(missingPackages(['libkrb5-dev'], { [ASSUME_MISSING_ENV]: 'libkrb5-dev' }));
    assert.equal(line, "libkrb5-dev (gssapi.h for code-server's kerberos module)");
  });
});

describe("code-server's native build and the local Node headers", () => {
  it('points node-gyp at the Node headers installed beside this Node, and at nothing where there are none', () => {
    const fake = fs.mkdtempSync(path.join(os.tmpdir(), 'node-headers-'));
    try {
      fs.mkdirSync(path.join(fake, 'bin'));
      assert.equal(localNodeHeadersDir(path.join(fake, 'bin', 'node')), undefined);
      fs.mkdirSync(path.join(fake, 'include', 'node'), { recursive: true });
      fs.writeFileSync(path.join(fake, 'include', 'node', 'common.gypi'), '{}');
      assert.equal(localNodeHeadersDir(path.join(fake, 'bin', 'node')), fake);
    } finally {
      fs.rmSync(fake, { recursive: true, force: true });
    }
  });
});
