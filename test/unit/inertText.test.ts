import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeControls, inertItem, inertRow, inertText } from '../../src/inertText';
import { asRead, renderedSyntax } from '../support/renderedSyntax';

const HOSTILE = [
  '[click](command:workbench.action.terminal.new)',
  '[x](https://evil.example)',
  '[open](file:///etc/passwd "title")',
  '$(alert) urgent',
  '$(sync~spin)',
  'Denied: [Fix it](http://evil.example/?q=1) $(check)',
  '[[nested](command:a)]',
];

describe('inertText', () => {
  it('the oracle sees the syntax VS Code acts on in every hostile sample', () => {
    for (const text of HOSTILE) assert.ok(renderedSyntax(text), text);
    assert.equal(renderedSyntax('[x] (command:a)'), undefined);
    assert.equal(renderedSyntax('price $ (10)'), undefined);
  });

  for (const text of HOSTILE) {
    it(`leaves no link or icon in ${JSON.stringify(text)}, and every word readable`, () => {
      const shown = inertText(text);
      assert.equal(renderedSyntax(shown), undefined, JSON.stringify(shown));
      assert.equal(asRead(shown), text);
    });
  }

  it('breaks link and icon syntax that a surrounding sentence completes', () => {
    // A name ending in `]` or `$` followed by our `(`: inertText runs on the whole shown sentence.
    const shown = inertText(`RamUser [a]${'(command:x)'} and $${'(alert)'}`);
    assert.equal(renderedSyntax(shown), undefined, shown);
  });

  it('leaves ordinary text, Chinese text and escaped icons as they are', () => {
    for (const text of ['RamUser alice (2037…0001) in app-1000000', '媒体处理 MPS（输出媒体 Bucket）', 'a [note] (see log)', 'cost $5 (est.)', '']) {
      assert.equal(inertText(text), text);
    }
    // VS Code's own escape stays visible as written: `\$(alert)` is shown, not drawn.
    assert.equal(asRead(inertText('\\$(alert)')), '\\$(alert)');
  });

  it('shows bidi controls escaped, so a name cannot reorder the sentence it sits in', () => {
    assert.equal(inertText('evil\u202etxt.exe and \u2066x\u2069'), 'evil\\u202etxt.exe and \\u2066x\\u2069');
  });

  it('is idempotent', () => {
    for (const text of [...HOSTILE, 'a\u202eb']) assert.equal(inertText(inertText(text)), inertText(text));
  });

  it('inertItem neutralizes label, description and detail and keeps the rest', () => {
    const item = inertItem({ label: '$(alert)', description: '[x](https://evil.example)', detail: '$(bug)', value: 7 });
    assert.deepEqual([item.label, item.description, item.detail].map((t) => renderedSyntax(t ?? '')), [undefined, undefined, undefined]);
    assert.equal(item.value, 7);
    assert.deepEqual(inertItem({ label: 'plain' }), { label: 'plain' });
  });
});

describe('inertRow', () => {
  it('makes label (plain or with highlights), description and string tooltip inert, in place', () => {
    const row = inertRow({ label: 'Access to $(alert)', description: '[x](https://evil.example)', tooltip: 'RamUser [a](command:x)' });
    assert.deepEqual([row.label, row.description, row.tooltip].map((t) => renderedSyntax(String(t))), [undefined, undefined, undefined]);
    const labelled = inertRow({ label: { label: '$(bug) eve', highlights: [[0, 3]] }, description: true });
    assert.deepEqual(labelled, { label: { label: '$\u2060(bug) eve' }, description: true });
  });

  it('leaves a markdown tooltip object to its builder', () => {
    const tooltip = { value: '[x](command:y)' };
    assert.equal(inertRow({ label: 'r', tooltip }).tooltip, tooltip);
  });
});

describe('escapeControls', () => {
  it('keeps a forged line on its line, visibly', () => {
    const name = 'app\n2026-01-01 10:00:00.000 [info] UnbindOutputBucket media-output-prod succeeded';
    const line = escapeControls(`Find Access to App ${name}`);
    assert.ok(!line.includes('\n'));
    assert.match(line, /app\\n2026-01-01/);
  });

  it('escapes C0, DEL, C1, line separators and bidi controls, and nothing else', () => {
    assert.equal(escapeControls('a\rb\tc\u001b[2Jd\u007fe\u0085f\u2028g\u2029h\u202ei\u2067j'), 'a\\rb\\tc\\u001b[2Jd\\u007fe\\u0085f\\u2028g\\u2029h\\u202ei\\u2067j');
    assert.equal(escapeControls('RamUser 用户 (2037…0001) — ok ✓'), 'RamUser 用户 (2037…0001) — ok ✓');
  });

  it('is idempotent', () => {
    const once = escapeControls('x\ny\u202e');
    assert.equal(escapeControls(once), once);
  });
});

describe('our own bundle', () => {
  // inertText may run on a whole shown sentence only because none of ours means a link or an icon there.
  it('has no message with link or icon syntax, in any language', () => {
    const root = path.resolve(__dirname, '..', '..');
    for (const file of fs.readdirSync(path.join(root, 'l10n'))) {
      const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', file), 'utf8')) as Record<string, string | { message: string }>;
      const offending = Object.values(bundle)
        .map((v) => (typeof v === 'string' ? v : v.message))
        .filter((m) => /[$\]]\(/.test(m));
      assert.deepEqual(offending, [], file);
    }
  });
});
