// The Marketplace page vsce would render: the manifest's gallery fields, the README's statements a reader looks
// for before installing (not affiliated, no telemetry, Node extension host only), the README's screenshots (small
// PNGs that exist), and a .vsix holding only what runs (vsce's own file list, as `vsce package` would pack it).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageManager, listFiles } from '@vscode/vsce';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown> & {
  version: string;
  keywords: string[];
  repository: { url: string };
  galleryBanner: { color: string; theme: string };
  bugs: { url: string };
};
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

describe('Marketplace manifest', () => {
  it('has a gallery banner, homepage, bugs and Q&A on the repository', () => {
    assert.match(manifest.galleryBanner.color, /^#[0-9A-Fa-f]{6}$/);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    const repo = manifest.repository.url.replace(/\.git$/, '');
    assert.match(repo, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    assert.ok(String(manifest.homepage).startsWith(repo), 'homepage');
    assert.equal(manifest.bugs.url, `${repo}/issues`);
    assert.ok(manifest.qna === 'marketplace' || String(manifest.qna).startsWith(repo), 'qna');
  });

  it('is a preview while its version is 0.x', () => {
    assert.equal(manifest.preview === true, manifest.version.startsWith('0.'));
  });

  it('is found by Chinese searches too, within the Marketplace keyword limit', () => {
    for (const word of ['阿里云', '视频点播', '媒体处理', '访问控制', '权限']) assert.ok(manifest.keywords.includes(word), word);
    assert.ok(manifest.keywords.length <= 30, `${manifest.keywords.length} keywords`);
    assert.equal(new Set(manifest.keywords).size, manifest.keywords.length, 'a keyword twice');
  });

  it('runs in a Node extension host only, and the README says so', () => {
    assert.equal(manifest.browser, undefined, 'a browser entry would offer it on vscode.dev');
    assert.match(readme, /Node extension host/);
    assert.match(readme, /vscode\.dev/);
  });

  it('says in the README that it is not affiliated with Alibaba Cloud and sends no telemetry', () => {
    assert.match(readme, /Not affiliated with, endorsed or sponsored by Alibaba Cloud/);
    assert.match(readme, /Sends no telemetry/);
  });

  it("shows screenshots that exist, as small PNGs under docs/images/", () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 2, 'an English and a Chinese screenshot');
    for (const image of images) {
      assert.match(image, /^docs\/images\/[\w.-]+\.png$/, image);
      const size = fs.statSync(path.join(root, image)).size;
      assert.ok(size < 250_000, `${image} is ${size} bytes`);
    }
  });

  it('packs only what runs: the bundles, the manifest, translations, media and docs', async function () {
    this.timeout(20_000);
    const files = await listFiles({ cwd: root, packageManager: PackageManager.None });
    const allowed = [
      /^dist\/[\w]+\.js$/,
      /^dist\/webview\/inspector\.(js|css)$/,
      /^package(\.nls(\.[\w-]+)?)?\.json$/,
      /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
      /^(README|CHANGELOG)\.md$/,
      /^LICENSE$/,
      /^media\/(icon\.png|activity\.svg|walkthrough\/\w+\.md)$/,
    ];
    const stray = files.filter((f) => !allowed.some((re) => re.test(f)));
    assert.deepEqual(stray, []);
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'media/icon.png', 'l10n/bundle.l10n.zh-cn.json']) assert.ok(files.includes(needed), needed);
  });
});
