import '../../support/vscode';
import { strict as assert } from 'node:assert';
import { contentSecurityPolicy, inspectorHtml } from '../../../src/webview/inspectorHtml';
import { inspectorText } from '../../../src/webview/inspectorWords';

const input = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123XYZ',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/inspector.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/inspector.css',
  text: inspectorText('en'),
};

describe('inspector page', () => {
  it('declares a strict policy: nothing by default, scripts by nonce only, no unsafe-inline or eval', () => {
    const csp = contentSecurityPolicy(input.cspSource, input.nonce);
    assert.equal(
      csp,
      `default-src 'none'; script-src 'nonce-abc123XYZ'; style-src ${input.cspSource}; font-src ${input.cspSource}; img-src ${input.cspSource} data:`,
    );
    assert.ok(!csp.includes('unsafe'));
  });

  it('puts the policy in the page and the nonce on its only script', () => {
    const html = inspectorHtml(input);
    assert.ok(html.includes(`content="default-src 'none'; script-src 'nonce-abc123XYZ';`));
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script nonce="abc123XYZ" src="${input.scriptUri}">`]);
  });

  it('has no inline handlers or inline styles', () => {
    const html = inspectorHtml(input);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /\sstyle=/i);
    assert.doesNotMatch(html, /<style/i);
  });

  it('escapes the values it interpolates', () => {
    const html = inspectorHtml({ ...input, styleUri: 'x"><script>alert(1)</script>' });
    assert.ok(!html.includes('<script>alert(1)'));
  });

  it('has the controls the script expects', () => {
    const html = inspectorHtml(input);
    for (const id of ['filter', 'outcome', 'export', 'count', 'requests-header', 'requests-body', 'empty', 'copy-request-id', 'undo', 'detail-fields', 'detail-placeholder', 'detail-response-title', 'detail-response']) {
      assert.ok(html.includes(`id="${id}"`), id);
    }
  });
});
