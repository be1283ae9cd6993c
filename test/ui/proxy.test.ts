// A user behind a proxy, with VS Code's proxy support `on`: the workbench's extension host reaches Alibaba Cloud only
// through the proxy in `http.proxy`. The profile's endpoints are *.emulator.test names that resolve nowhere; a test
// CONNECT proxy tunnels them to the emulator's TLS listener. The tree loads through the proxy, the unbind's modal
// names the proxy under the endpoint, and the unbind arrives at the emulator through a kept-alive tunnel.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import { generateTlsMaterial } from '../emulator/tls';
import { startConnectProxy, type ConnectProxy } from '../support/connectProxy';
import { makeTempDir } from '../vscode/util';
import { CONTAINER } from './emulatorWorkbench';
import { openWorkbench, saveArtifactsOnFailure, type Workbench } from './workbench';

const PROFILE = 'ui-behind-proxy';
const BUCKET = 'media-output-demo';

describe('behind a proxy, with http.proxySupport on (UI)', function () {
  this.timeout(180_000);
  let emulator: RunningEmulator | undefined;
  let proxy: ConnectProxy | undefined;
  let wb: Workbench | undefined;
  let caDir: { dir: string; remove(): void } | undefined;

  before(async function () {
    this.timeout(180_000);
    const material = generateTlsMaterial();
    caDir = makeTempDir('ui-proxy-ca');
    const caFile = path.join(caDir.dir, 'ca.pem');
    fs.writeFileSync(caFile, material.caCert);
    emulator = await startEmulator({ port: 0, quiet: true, qpsLimits: false, tls: true, tlsMaterial: material });
    proxy = await startConnectProxy();
    const port = new URL(String(emulator.tlsUrl)).port;
    const at = (service: string) => `https://${service}.emulator.test:${port}`;
    wb = await openWorkbench({
      userSettings: {
        'http.proxySupport': 'on',
        'http.proxy': proxy.url,
        // The emulator's CA comes in NODE_EXTRA_CA_CERTS, which VS Code's system-certificate loading would leave out.
        'http.systemCertificates': false,
        'http.experimental.systemCertificatesV2': false,
        'alicloudMedia.profiles': [
          {
            name: PROFILE,
            region: 'cn-shanghai',
            credentialSource: 'environment',
            endpoints: { mps: at('mts'), vod: at('vod'), ram: at('ram'), sts: at('sts'), actiontrail: at('actiontrail') },
            outputBuckets: [BUCKET],
            identities: [],
          },
        ],
      },
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY.accessKeySecret, NODE_EXTRA_CA_CERTS: caFile },
    });
  });

  after(async () => {
    await wb?.close();
    await proxy?.close();
    await emulator?.close();
    caDir?.remove();
  });

  saveArtifactsOnFailure(() => wb);

  it('loads the tree through the proxy, names the proxy in the unbind modal, and unbinds through it', async () => {
    const w = wb ?? assert.fail('no workbench');
    const em = emulator ?? assert.fail('no emulator');
    const p = proxy ?? assert.fail('no proxy');
    await w.openView(CONTAINER);
    const row = w.treeItem(`${BUCKET}, bound as output`);
    await row.waitFor({ timeout: 60_000 });
    assert.ok(p.tunnels.length >= 1, 'the listing came through the proxy');

    await w.rightClick(row);
    await w.clickMenuItem('Unbind Output Bucket');
    const question = await w.answerDialog('Unbind');
    const port = new URL(String(em.tlsUrl)).port;
    assert.ok(question.includes(`Endpoint: https://mts.emulator.test:${port}\nThrough proxy: ${p.url} (http.proxy)`), question);

    await w.treeItem(`${BUCKET}, not bound`).waitFor({ timeout: 60_000 });
    const unbind = em.requests().find((r) => r.action === 'UnbindOutputBucket' && r.params.Bucket === BUCKET);
    assert.equal(unbind?.outcome, 'OK');
    // Every connection the emulator saw came through a tunnel of the proxy, each to an *.emulator.test name.
    assert.ok(p.tunnels.every((t) => t.host.endsWith('.emulator.test')), JSON.stringify(p.tunnels));
    assert.equal(em.stats().connections.tls, p.tunnels.length);
  });
});
