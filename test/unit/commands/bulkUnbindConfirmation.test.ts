// The modal a bulk unbind shows, as the mutation pipeline asks for it (unbindOutputBucket.confirm with the
// selected targets), below the integration level: the whole text, not fragments of it, for the sizes where it
// changes — one bucket, a few, exactly the listed maximum, and more than that.
import { useBundle } from '../../support/vscode';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unbindOutputBucket } from '../../../src/commands/mutations/unbindOutputBucket';
import type { BucketTarget } from '../../../src/commands/targets';

const scope = {
  profile: 'demo',
  region: 'cn-shanghai',
  endpoint: 'https://mts.cn-shanghai.aliyuncs.com',
  account: { accountId: '1234567890123456', arn: 'acs:ram::1234567890123456:user/ops' },
};
const SCOPE_LINES = 'Account: 1234567890123456 as acs:ram::1234567890123456:user/ops\nProfile: demo\nRegion: cn-shanghai\nEndpoint: https://mts.cn-shanghai.aliyuncs.com';
const MANY_EFFECT = 'MPS will no longer write transcoding output to these buckets. The buckets and their objects in OSS are not changed; binding again restores access.';

/** Selected in this order (not sorted): the modal lists them as selected. */
function targets(count: number): BucketTarget[] {
  return Array.from({ length: count }, (_, i) => ({ profile: 'demo', bucket: `media-out-${String(count - i).padStart(2, '0')}` }));
}

describe('bulk unbind confirmation (the pipeline’s modal)', () => {
  it('40 buckets: the count in the question and on the button, the first 15 as selected, how many more, then the scope', () => {
    const selected = targets(40);
    const c = unbindOutputBucket.confirm(scope, selected);
    assert.equal(c.message, 'Unbind 40 output buckets from MPS?');
    assert.equal(c.accept, 'Unbind 40');
    const listed = selected.slice(0, 15).map((t) => `• ${t.bucket}`);
    assert.equal(c.detail, `${listed.join('\n')}\n… and 25 more\n\n${SCOPE_LINES}\n\n${MANY_EFFECT}`);
  });

  it('exactly 15 buckets: all listed, nothing "more"', () => {
    const selected = targets(15);
    const c = unbindOutputBucket.confirm(scope, selected);
    assert.equal(c.detail, `${selected.map((t) => `• ${t.bucket}`).join('\n')}\n\n${SCOPE_LINES}\n\n${MANY_EFFECT}`);
    assert.equal(c.accept, 'Unbind 15');
  });

  it('16 buckets: one "more", so the count always adds up', () => {
    const c = unbindOutputBucket.confirm(scope, targets(16));
    assert.match(c.detail, /\n• media-out-02\n… and 1 more\n\n/);
    assert.doesNotMatch(c.detail, /media-out-01/);
  });

  it('one bucket: named in the question, no list, the singular effect', () => {
    const c = unbindOutputBucket.confirm(scope, [{ profile: 'demo', bucket: 'media-output-demo' }]);
    assert.equal(c.message, 'Unbind output bucket "media-output-demo" from MPS?');
    assert.equal(c.accept, 'Unbind');
    assert.equal(
      c.detail,
      `${SCOPE_LINES}\n\nMPS will no longer write transcoding output to this bucket. The buckets and their objects in OSS are not changed; binding again restores access.`,
    );
  });

  describe('in Simplified Chinese', () => {
    before(() => useBundle(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'))));
    after(() => useBundle(undefined));

    it('words the bulk modal in Chinese and keeps the names, count, account and endpoint', () => {
      const selected = targets(40);
      const c = unbindOutputBucket.confirm(scope, selected);
      assert.equal(c.message, '从媒体处理 MPS 解绑 40 个输出媒体 Bucket？');
      assert.equal(c.accept, '解绑 40 个');
      const listed = selected.slice(0, 15).map((t) => `• ${t.bucket}`);
      assert.equal(
        c.detail,
        `${listed.join('\n')}\n… 以及另外 25 个\n\n` +
          '账号：1234567890123456，身份 acs:ram::1234567890123456:user/ops\n配置：demo\n地域：cn-shanghai\n终端节点：https://mts.cn-shanghai.aliyuncs.com\n\n' +
          'MPS 将不再向这些 Bucket 写入转码输出。OSS 中的 Bucket 及其对象不会改变；重新绑定即可恢复访问。',
      );
    });
  });
});
