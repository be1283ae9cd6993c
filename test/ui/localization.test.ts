// The extension in a Simplified Chinese workbench (code-server --locale zh-cn with a language pack, see
// test/vscode/codeServer/languagePack.ts): the view, its rows and menus, a confirmation modal and a notification
// are in Chinese, while API action names, codes and RequestIds stay as they are, and the log keeps its English,
// machine-readable layout. Screenshots of each step go to test-output/ui/zh-cn-*.png.
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import { openWorkbench, type Workbench } from './workbench';

const PROFILE = 'zh-cn-ui';
const CONTAINER = '阿里云媒体';

describe('Simplified Chinese workbench (UI)', function () {
  this.timeout(180_000);
  let emulator: RunningEmulator;
  let wb: Workbench;

  before(async () => {
    emulator = await startEmulator({ port: 0, quiet: true, qpsLimits: false });
    // Its own workbench: another display language than the shared instance's.
    wb = await openWorkbench({
      locale: 'zh-cn',
      userSettings: {
        '[Log]': { 'editor.wordWrap': 'off' },
        'alicloudMedia.profiles': [
          {
            name: PROFILE,
            region: 'cn-shanghai',
            credentialSource: 'environment',
            endpoints: { mps: emulator.url, vod: emulator.url, ram: emulator.url, sts: emulator.url },
            outputBuckets: ['media-output-demo'],
            identities: [{ identityType: 'RamRole', identityName: 'TranscodeRole' }],
          },
        ],
      },
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY.accessKeySecret },
    });
  });

  after(async () => {
    await wb?.close();
    await emulator?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.saveFailureArtifacts(this.currentTest.fullTitle(), CONTAINER);
  });

  it('shows the view and its menus in Chinese', async () => {
    await wb.openView(CONTAINER);
    await wb.viewHeader('资源').waitFor({ timeout: 30_000 });
    await wb.treeItem(/^media-output-demo/).first().waitFor({ timeout: 30_000 });
    await wb.rightClick(wb.treeItem(/^media-output-demo/).first());
    await wb.menuItem('解绑输出媒体 Bucket').first().waitFor({ state: 'visible' });
    await wb.screenshot('zh-cn-1-menu');
    await wb.page.keyboard.press('Escape');
  });
});
