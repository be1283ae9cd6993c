import { strict as assert } from 'node:assert';
import { noticeActions } from '../../../src/commands/noticeActions';

const RECOMMEND = 'https://api.aliyun.com/troubleshoot?q=Forbidden.RAM&product=Mts&requestId=4AEA0480-32F4-1656-92B3-F4D4CDE6BBB3';

describe('noticeActions', () => {
  it('offers Troubleshoot for an Alibaba Recommend link, after Copy Request ID', () => {
    assert.deepEqual(noticeActions({ requestId: 'R-1', recommend: RECOMMEND }), ['Copy Request ID', 'Troubleshoot', 'Show Log']);
  });

  it('does not offer a link that is not https on an Alibaba domain', () => {
    for (const recommend of ['https://aliyun.com.evil.io/troubleshoot', 'http://api.aliyun.com/troubleshoot', 'Configure the UserId in settings.']) {
      assert.deepEqual(noticeActions({ requestId: 'R-1', recommend }), ['Copy Request ID', 'Show Log'], recommend);
    }
  });

  it('offers only the log when there is nothing else', () => {
    assert.deepEqual(noticeActions({}), ['Show Log']);
    assert.deepEqual(noticeActions({ recommend: RECOMMEND }), ['Troubleshoot', 'Show Log']);
  });
});
