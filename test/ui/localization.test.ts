// The extension in a Simplified Chinese workbench (code-server --locale zh-cn with a language pack, see
// test/vscode/codeServer/languagePack.ts): the view, its rows and menus, a confirmation modal and a notification
// are in Chinese, while API action names, codes and RequestIds stay as they are, and the log keeps its
// machine-readable layout and key tokens with Chinese fixed words. Screenshots of each step go to test-output/ui/zh-cn-*.png;
// with README_SCREENSHOTS=1 the view is also saved as the README's Chinese picture (docs/images/resources-zh-cn.png).
import * as assert from 'node:assert/strict';
import { DEMO_ACCOUNT_ID } from '../emulator/demoState';
import { REQUEST_ID_SOURCE, escapeRegExp } from '../support/text';
import { useOwnEmulatorWorkbench } from './emulatorWorkbench';
import { readmeScreenshot } from './workbench';

const PROFILE = 'zh-cn-ui';
const CONTAINER = '阿里云媒体';
/** The Output channel's name is the log's, English in every language. */
const CONTAINER_CHANNEL = 'Alibaba Cloud Media';

describe('Simplified Chinese workbench (UI)', function () {
  this.timeout(180_000);
  // Its own workbench: another display language than the shared instance's.
  const { wb, emulator } = useOwnEmulatorWorkbench({
    locale: 'zh-cn',
    profile: { name: PROFILE, outputBuckets: ['media-output-demo'], identities: [{ identityType: 'RamRole', identityName: 'TranscodeRole' }] },
    userSettings: { '[Log]': { 'editor.wordWrap': 'off' } },
    outputChannel: CONTAINER_CHANNEL,
  });

  it('shows the view, a menu, the confirmation and the notification in Chinese; names, codes and RequestIds stay', async () => {
    await wb().openView(CONTAINER);
    await wb().viewHeader('资源').waitFor({ timeout: 30_000 });
    const bucket = wb().treeItem('media-output-demo, 已绑定为输出');
    await bucket.waitFor({ timeout: 30_000 });
    await wb().treeItem(/^媒体处理 MPS 输出媒体 Bucket, 1$/).waitFor();
    await wb().treeItem(/^视频点播 VOD 身份, 1$/).waitFor();
    await wb().screenshot('zh-cn-1-view');
    await readmeScreenshot(wb().page, 'resources-zh-cn');

    await wb().rightClick(bucket);
    await wb().menuItem('解绑输出媒体 Bucket').first().waitFor({ state: 'visible' });
    await wb().screenshot('zh-cn-2-menu');
    await wb().clickMenuItem('解绑输出媒体 Bucket');

    await wb().dialog().waitFor({ state: 'visible', timeout: 30_000 });
    await wb().screenshot('zh-cn-3-confirmation');
    const question = await wb().answerDialog('解绑');
    assert.ok(question.includes('从媒体处理 MPS 解绑输出媒体 Bucket“media-output-demo”？'), question);
    // The scope lines in Chinese; the account, region, endpoint and ARN exactly as they are.
    assert.match(question, new RegExp(`账号：${DEMO_ACCOUNT_ID}，身份 acs:ram::${DEMO_ACCOUNT_ID}:root\\s+配置：${PROFILE}\\s+地域：cn-shanghai\\s+终端节点：${escapeRegExp(emulator().url)}`));

    const toast = await wb().waitForNotification(/已解绑输出媒体 Bucket“media-output-demo”/);
    await wb().treeItem('media-output-demo, 未绑定').waitFor({ timeout: 30_000 });
    await wb().screenshot('zh-cn-4-notification');
    const sent = emulator().requests().filter((r) => r.action === 'UnbindOutputBucket');
    assert.equal(sent.length, 1, 'exactly one UnbindOutputBucket');
    assert.equal(sent[0].outcome, 'OK');
    const requestId = sent[0].requestId as string;
    assert.ok(toast.includes(`（配置 ${PROFILE}）。请求 ID ${requestId}`), `the notification names the profile and the RequestId: ${toast}`);
    assert.match(toast, new RegExp(`请求 ID ${REQUEST_ID_SOURCE}`));

    // The log keeps its machine-readable layout and key tokens in every language; its fixed words are Chinese.
    const log = await wb().outputText(CONTAINER_CHANNEL);
    await wb().screenshot('zh-cn-5-log');
    assert.ok(log.includes(`UnbindOutputBucket media-output-demo [配置 ${PROFILE}, cn-shanghai] 成功，用时 `), log);
    assert.ok(log.includes(`RequestId ${requestId}`), log);
    assert.ok(!log.includes(`[profile ${PROFILE}, cn-shanghai] succeeded`), log);
    assert.equal(emulator().state.isBound('media-output-demo'), false);
  });
});
