// A display language for the test workbench. code-server started with `--locale zh-cn` but without a language
// pack for zh-cn falls back to English everywhere, and extensions see `vscode.env.language === 'en'`; so a run in
// another language needs a pack, and this builds the smallest one that works: an extension contributing
// `localizations` for the locale whose translations for VS Code itself are empty. The workbench's own words then
// stay English (VS Code falls back per string) while every extension is told the locale and loads its
// `bundle.l10n.<locale>.json` and `package.nls.<locale>.json`, which is what the tests are about.
//
// Installing a pack is not enough on its own: VS Code registers language packs in `<user-data>/languagepacks.json`
// from a hook of its extension management service, which `code-server --install-extension` (a separate CLI
// process) does not run. registerLanguagePacks() writes the entry that hook would have written, from the manifests
// of the installed extensions, with the hash VS Code computes (md5 of each pack's id and version).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../util';

const PUBLISHER = 'alicloud-media-tests';

/** Writes a minimal language pack for `locale` under `dir`, packages it, and returns the .vsix path. */
export function buildLanguagePackVsix(locale: string, dir: string): string {
  const name = `test-language-pack-${locale.toLowerCase()}`;
  const folder = path.join(dir, name);
  fs.mkdirSync(path.join(folder, 'translations'), { recursive: true });
  const manifest = {
    name,
    publisher: PUBLISHER,
    displayName: `Test language pack (${locale})`,
    description: `Makes the test workbench run in ${locale}; VS Code's own strings stay English.`,
    version: '0.0.1',
    license: 'MIT',
    engines: { vscode: '^1.100.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [{ languageId: locale, languageName: locale, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
    },
  };
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(folder, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.writeFileSync(path.join(folder, 'README.md'), `${manifest.description}\n`);
  fs.writeFileSync(path.join(folder, 'LICENSE'), 'MIT\n');
  const vsix = path.join(dir, `${name}.vsix`);
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], { cwd: folder, encoding: 'utf8' });
  if (r.error) throw new Error(`could not run vsce (${r.error.message}): run \`npm install\` first`);
  if (r.status !== 0) throw new Error(`vsce package failed for the ${locale} language pack (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return vsix;
}

interface Localization {
  languageId: string;
  languageName?: string;
  localizedLanguageName?: string;
  translations: { id: string; path: string }[];
}

interface LanguagePackEntry {
  hash: string;
  extensions: { extensionIdentifier: { id: string }; version: string }[];
  translations: Record<string, string>;
  label?: string;
}

/**
 * Registers every language pack installed in `extensionsDir` in `<userDataDir>/languagepacks.json`, the way VS
 * Code's language pack service does after an install. Returns the registered locales.
 */
export function registerLanguagePacks(userDataDir: string, extensionsDir: string): string[] {
  const packs: Record<string, LanguagePackEntry> = {};
  for (const entry of fs.readdirSync(extensionsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const folder = path.join(extensionsDir, entry.name);
    const manifestFile = path.join(folder, 'package.json');
    if (!fs.existsSync(manifestFile)) continue;
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as {
      name: string;
      publisher: string;
      version: string;
      contributes?: { localizations?: Localization[] };
    };
    const id = `${manifest.publisher}.${manifest.name}`.toLowerCase();
    for (const l of manifest.contributes?.localizations ?? []) {
      const pack = (packs[l.languageId.toLowerCase()] ??= { hash: '', extensions: [], translations: {}, label: l.localizedLanguageName ?? l.languageName });
      pack.extensions.push({ extensionIdentifier: { id }, version: manifest.version });
      for (const t of l.translations) pack.translations[t.id] = path.join(folder, t.path);
    }
  }
  for (const pack of Object.values(packs)) {
    const md5 = createHash('md5');
    for (const e of pack.extensions) md5.update(e.extensionIdentifier.id).update(e.version);
    pack.hash = md5.digest('hex');
  }
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
  return Object.keys(packs);
}
