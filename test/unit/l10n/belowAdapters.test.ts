// Texts worded without VS Code (through @vscode/l10n) follow the display language too: with the Chinese bundle
// loaded, as VS Code does in a zh-cn window, they come out in Chinese with their values in place; without one,
// in English.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateBucketName } from '../../../src/cloud/validate';
import { useBundle, type Bundle } from '../../support/l10n';

const zhCn = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Bundle;

describe('texts below the VS Code adapters', () => {
  afterEach(() => useBundle(undefined));

  it('a validator answers in English without a bundle and in Chinese with the zh-cn one, the value kept', () => {
    assert.equal(validateBucketName(' media-out'), 'Bucket name " media-out" has leading or trailing spaces.');
    useBundle(zhCn);
    assert.equal(validateBucketName(' media-out'), 'Bucket 名称“ media-out”的开头或结尾有空格。');
    assert.equal(validateBucketName(''), '必须填写 Bucket 名称。');
  });
});
