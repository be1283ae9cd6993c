// The translations are complete and current: every English key has a Chinese entry with the same placeholders,
// nothing is left over, package.json names its user-facing texts only by package.nls keys, and l10n/bundle.l10n.json
// is exactly what `npm run l10n` extracts from the source today (so a new vscode.l10n.t string that nobody
// extracted, or a removed one still in the bundle, fails here).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson, type l10nJsonFormat } from '@vscode/l10n-dev';

const root = path.resolve(__dirname, '..', '..', '..');
/** The translations shipped besides English, as VS Code names the locale. */
const LOCALES = ['zh-cn'];

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as T;
}

function messageOf(value: l10nJsonFormat[string]): string {
  return typeof value === 'string' ? value : value.message;
}

/** `{0}`, `{1}`, `{name}` in order of first appearance, duplicates dropped, sorted (a translation may reorder). */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{[A-Za-z0-9_]+\}/g)].map((m) => m[0]))].sort();
}

/** What must survive translation in a contribution text besides placeholders: command links and code spans. */
function fixedParts(text: string): string[] {
  const links = [...text.matchAll(/\]\((command:[^)]+)\)/g)].map((m) => m[1]);
  const code = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  return [...links, ...code].sort();
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** Every string in package.json that VS Code shows to people, by JSON path. */
function userFacing(manifest: Record<string, unknown>): [string, unknown][] {
  const found: [string, unknown][] = [];
  const fields = new Set(['title', 'shortTitle', 'category', 'name', 'contextualTitle', 'contents', 'description', 'markdownDescription', 'patternErrorMessage', 'deprecationMessage', 'markdownDeprecationMessage', 'label', 'altText']);
  const lists = new Set(['enumDescriptions', 'markdownEnumDescriptions']);
  const walk = (value: unknown, at: string, key: string) => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => (lists.has(key) ? found.push([`${at}[${i}]`, v]) : walk(v, `${at}[${i}]`, key)));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        // Snippet bodies and defaults are values a user gets, not texts shown to them.
        if (k === 'body' || k === 'default') continue;
        // Settings are keyed by their names (`properties.name`): those keys are identifiers, not texts.
        if (typeof v === 'string' && fields.has(k) && key !== 'properties') found.push([`${at}.${k}`, v]);
        else walk(v, `${at}.${k}`, k);
      }
    }
  };
  const { contributes, displayName, description, capabilities } = manifest as Record<string, unknown>;
  found.push(['displayName', displayName], ['description', description]);
  walk(capabilities, 'capabilities', 'capabilities');
  // Views' `id`s and commands' `command`s are identifiers; `when` clauses are code. Only the fields above are text.
  walk(contributes, 'contributes', 'contributes');
  return found;
}

describe('translations', () => {
  const nls = readJson<Record<string, string>>('package.nls.json');
  const bundle = readJson<l10nJsonFormat>('l10n/bundle.l10n.json');

  it('package.json names every text it shows by a package.nls key, and every key is used', () => {
    const manifest = readJson<Record<string, unknown>>('package.json');
    const texts = userFacing(manifest);
    assert.ok(texts.length > 40, `only ${texts.length} texts found: the walk is broken`);
    const literal = texts.filter(([, v]) => typeof v === 'string' && !/^%[^%]+%$/.test(v));
    assert.deepEqual(literal, [], 'texts written into package.json instead of package.nls.json');
    const used = new Set(texts.map(([, v]) => String(v).slice(1, -1)));
    assert.deepEqual([...used].filter((k) => !(k in nls)), [], 'keys used in package.json but missing from package.nls.json');
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), [], 'keys in package.nls.json that package.json no longer uses');
  });

  it('l10n/bundle.l10n.json is what `npm run l10n` extracts from the source now', async function () {
    // The extractor parses every source file with tree-sitter (WebAssembly): seconds on a busy machine.
    this.timeout(60_000);
    const files = sourceFiles('src').map((f) => ({ contents: fs.readFileSync(path.join(root, f), 'utf8'), extension: path.extname(f) }));
    const extracted = await getL10nJson(files);
    assert.ok(Object.keys(extracted).length > 0, 'nothing extracted: is the extractor reading the files?');
    const missing = Object.keys(extracted).filter((k) => !(k in bundle));
    const stale = Object.keys(bundle).filter((k) => !(k in extracted));
    assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, 'the bundle is out of date: run `npm run l10n`');
    assert.deepEqual(bundle, extracted);
  });

  for (const locale of LOCALES) {
    describe(locale, () => {
      const nlsLocale = readJson<Record<string, string>>(`package.nls.${locale}.json`);
      const bundleLocale = readJson<l10nJsonFormat>(`l10n/bundle.l10n.${locale}.json`);

      it(`package.nls.${locale}.json has exactly the English keys, each translated`, () => {
        assert.deepEqual(Object.keys(nls).filter((k) => !(k in nlsLocale)), [], `keys missing from package.nls.${locale}.json`);
        assert.deepEqual(Object.keys(nlsLocale).filter((k) => !(k in nls)), [], `keys in package.nls.${locale}.json that English no longer has`);
        for (const [key, english] of Object.entries(nls)) {
          const translated = nlsLocale[key];
          assert.equal(typeof translated, 'string', key);
          assert.ok(translated.trim() !== '', `${key} is empty`);
          assert.deepEqual(placeholders(translated), placeholders(english), `${key}: placeholders differ`);
          assert.deepEqual(fixedParts(translated), fixedParts(english), `${key}: command links or code spans differ`);
        }
      });

      it(`l10n/bundle.l10n.${locale}.json has exactly the extracted keys, with the same placeholders`, () => {
        assert.deepEqual(Object.keys(bundle).filter((k) => !(k in bundleLocale)), [], `strings missing from bundle.l10n.${locale}.json`);
        assert.deepEqual(Object.keys(bundleLocale).filter((k) => !(k in bundle)), [], `strings in bundle.l10n.${locale}.json that the source no longer has`);
        for (const [key, english] of Object.entries(bundle)) {
          const translated = messageOf(bundleLocale[key]);
          assert.equal(typeof translated, 'string', key);
          assert.ok(translated.trim() !== '', `"${key}" is empty`);
          assert.deepEqual(placeholders(translated), placeholders(messageOf(english)), `"${key}": placeholders differ`);
        }
      });
    });
  }

  it('placeholders() sees reordered, repeated and named placeholders', () => {
    assert.deepEqual(placeholders('{1} of {0}, {1} again, {name}'), ['{0}', '{1}', '{name}']);
    assert.deepEqual(placeholders('no placeholder'), []);
  });
});
