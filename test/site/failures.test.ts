/** A plugin that fails to load or throws while rendering must fail the build and leave public/ alone. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildSite, makeSite, removeSite } from '../helpers/site';

const ARTICLE = '---\ntitle: 記事\ndate: 2024-01-01 12:00:00\ntags:\n  - Fixture\n---\n本文\n';

describe('build failures', () => {
  const sites: string[] = [];
  const site = async (...args: Parameters<typeof makeSite>) => {
    const dir = await makeSite(...args);
    sites.push(dir);
    return dir;
  };
  after(async () => {
    for (const dir of sites) await removeSite(dir);
  });

  it('fails when a script throws while loading, naming the script', async () => {
    const dir = await site({ fixture: 'minimal', files: { 'scripts/broken.js': 'throw new Error("壊れたプラグイン");\n' } });
    const { code, stderr } = await buildSite(dir);
    assert.notEqual(code, 0);
    assert.match(stderr, /Script load failed: scripts\/broken\.js/);
    assert.match(stderr, /壊れたプラグイン/);
    assert.equal(await exists(path.join(dir, 'public')), false, 'no half-written site');
  });

  it('fails when our plugins are not loaded at all', async () => {
    const dir = await site({ fixture: 'minimal', omitPlugins: true });
    const { code, stderr } = await buildSite(dir);
    assert.notEqual(code, 0);
    assert.match(stderr, /独自プラグイン \(scripts\/support-blog\.js\) が読み込まれていません/);
  });

  it('fails when a filter throws while rendering, naming the article, and keeps the old public/', async () => {
    const dir = await site({ fixture: 'minimal' });
    assert.equal((await buildSite(dir)).code, 0);
    const before = await fs.readFile(path.join(dir, 'public/Area/Article/index.html'), 'utf8');
    await fs.writeFile(path.join(dir, 'scripts/throws.js'),
      'hexo.extend.filter.register("after_post_render", () => { throw new Error("描画中の例外"); });\n');
    await fs.writeFile(path.join(dir, 'source/_posts/Area/Article.md'), ARTICLE.replace('本文', '変更した本文'));
    const { code, stderr } = await buildSite(dir);
    assert.notEqual(code, 0);
    assert.match(stderr, /source\/_posts\/Area\/Article\.md: 描画中の例外/);
    assert.equal(await fs.readFile(path.join(dir, 'public/Area/Article/index.html'), 'utf8'), before);
    // Nothing of the failed build is left: only the published site that public/ links to, and what
    // builds keep for the next one (the unpurged stylesheet, renderings, what the last site was made of).
    assert.deepEqual((await fs.readdir(path.join(dir, '.build'))).sort(), ['cache', 'sites', 'state.json']);
    assert.deepEqual(await fs.readdir(path.join(dir, '.build/sites')), [path.basename(await fs.readlink(path.join(dir, 'public')))]);
  });

  // A build that waits for ever fails the test instead of holding up the suite.
  it('fails in one line when Pagefind\'s process dies, and keeps the old public/ (it used to wait for ever)', { timeout: 120_000 }, async () => {
    const dir = await site({ fixture: 'minimal' });
    assert.equal((await buildSite(dir)).code, 0);
    const before = await fs.readFile(path.join(dir, 'public/Area/Article/index.html'), 'utf8');
    // Pagefind's Node API takes its binary from this variable: one that ends at once.
    const stub = path.join(dir, 'dead-pagefind');
    await fs.writeFile(stub, '#!/bin/sh\nexit 3\n', { mode: 0o755 });
    await fs.writeFile(path.join(dir, 'source/_posts/Area/Article.md'), ARTICLE.replace('本文', '変更した本文'));
    const { code, stdout, stderr } = await buildSite(dir, { PAGEFIND_EXTENDED_BINARY_PATH: stub });
    assert.equal(code, 1, stdout + stderr);
    // The fixture's own warnings aside, one line says what failed: no stack trace of Pagefind's.
    assert.deepEqual(stderr.split('\n').filter((line) => line && !line.startsWith('WARN ')), [
      'ビルドに失敗しました (エラー 1 件):', '  - Pagefind のプロセスが索引を書き終える前に終了しました (終了コード 3)',
    ]);
    assert.equal(await fs.readFile(path.join(dir, 'public/Area/Article/index.html'), 'utf8'), before);
    assert.deepEqual((await fs.readdir(path.join(dir, '.build'))).sort(), ['cache', 'sites', 'state.json']);
  });

  it('fails with the file when our own plugin rejects an article', async () => {
    const dir = await site({ fixture: 'minimal', files: { 'source/_posts/Area/Bad.md': ARTICLE.replace('---\n本文', 'disableDisclaimer: "はい"\n---\n本文') } });
    const { code, stderr } = await buildSite(dir);
    assert.notEqual(code, 0);
    assert.match(stderr, /\[article-footer\] source\/_posts\/Area\/Bad\.md: disableDisclaimer must be true or false, got "はい"/);
  });

  it('fails on a search index part size that is not a positive whole number, keeping no half-written site', async () => {
    const dir = await site({ fixture: 'minimal', files: { '_config.test.yml': 'search_pages_per_index: 0\n' } });
    const { code, stderr } = await buildSite(dir);
    assert.notEqual(code, 0);
    assert.match(stderr, /^設定: search\.pages_per_index: 1 以上の整数にしてください \(今の値: 0\)$/m);
    assert.equal(await exists(path.join(dir, 'public')), false);
    assert.deepEqual(await fs.readdir(dir).then((names) => names.filter((n) => n.startsWith('.build'))), []);
  });

  it('fails with the file and line when front-matter is broken YAML', async () => {
    const dir = await site({ fixture: 'minimal', files: { 'source/_posts/Area/Broken.md': '---\ntitle: 壊れた\ntags: [a, b\ndate: 2024-01-01\n---\n本文\n' } });
    const { code, stderr } = await buildSite(dir);
    assert.notEqual(code, 0);
    assert.match(stderr, /source\/_posts\/Area\/Broken\.md:4:1  error  front-matter\/yaml  フロントマターの YAML を読めません: missed comma between flow collection entries/);
  });
});

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(() => true, () => false);
}
