/** A second build reflects every change, and is skipped when nothing changed. */
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSite, listFiles, loadPage, makeSite, removeSite, run, siteEnv } from '../helpers/site';

let dir: string;
after(() => removeSite(dir));

it('re-renders articles after a configuration change', async () => {
  dir = await makeSite({ fixture: 'minimal' });
  assert.equal((await buildSite(dir)).code, 0);
  assert.match((await loadPage(dir, '/blog/Area/Article/'))('.sb-disclaimer').text(), /作成日時点/);
  await fs.writeFile(path.join(dir, '_config.test.yml'), 'article_footer:\n  repository: https://github.com/contoso-jp-support/blog\n  disclaimer: 変更後の免責事項です。\n');
  const second = await buildSite(dir);
  assert.equal(second.code, 0, second.stderr);
  assert.equal((await loadPage(dir, '/blog/Area/Article/'))('.sb-disclaimer').text().trim(), '変更後の免責事項です。');
});

it('keeps public/ when nothing changed, and rebuilds after any change', async () => {
  const unchanged = /前回のビルドから変更がないため/;
  const build = async () => {
    const result = await buildSite(dir);
    assert.equal(result.code, 0, result.stderr);
    return result.stdout;
  };
  await build();
  const files = await listFiles(path.join(dir, 'public'));
  assert.match(await build(), unchanged);
  assert.deepEqual(await listFiles(path.join(dir, 'public')), files);

  const article = path.join(dir, 'source/_posts/Area/Article.md');
  await fs.appendFile(article, '\n追記した段落です。\n');
  assert.doesNotMatch(await build(), unchanged);
  assert.match((await loadPage(dir, '/blog/Area/Article/'))('.article').text(), /追記した段落です。/);
  assert.match(await build(), unchanged);

  // Telling that nothing changed loads neither Hexo nor PurgeCSS: the command answers at once.
  const preload = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'loaded-')), 'loaded.js');
  const counted = (name: string, pattern: string) => `console.log('${name}:', Object.keys(require.cache).filter((f) => /node_modules[\\\\/]${pattern}[\\\\/]/.test(f)).length);`;
  await fs.writeFile(preload, `process.on('exit', () => { ${counted('loaded', '(hexo|purgecss)')} ${counted('babel', '@babel[\\\\/]core')} });\n`);
  const quick = await run(process.execPath, ['-r', preload, 'dist/lib/cli/hexo.js', 'generate', '--cwd', dir, '--config', '_config.yml,_config.test.yml'], dir, { ...process.env, ...siteEnv(dir) });
  assert.equal(quick.code, 0, quick.stderr);
  assert.match(quick.stdout, unchanged);
  assert.match(quick.stdout, /^loaded: 0$/m);

  // A deleted output file, a new file among the sources or --force all mean a full build.
  await fs.rm(path.join(dir, 'public/index.html'));
  assert.doesNotMatch(await build(), unchanged);
  await fs.access(path.join(dir, 'public/index.html'));
  await fs.writeFile(path.join(dir, 'source/_posts/Area/Second.md'), '---\ntitle: 二つ目\ndate: 2024-01-02 10:00:00\ntags: [Fixture]\n---\n本文です。\n');
  assert.doesNotMatch(await build(), unchanged);
  assert.ok((await listFiles(path.join(dir, 'public'))).includes('Area/Second/index.html'));
  // The theme's JSX was compiled by the first build: Babel is not even loaded.
  const forced = await run(process.execPath, ['-r', preload, 'dist/lib/cli/hexo.js', 'generate', '--force', '--cwd', dir, '--config', '_config.yml,_config.test.yml'], dir, { ...process.env, ...siteEnv(dir) });
  await fs.rm(path.dirname(preload), { recursive: true, force: true });
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /site written to/);
  assert.match(forced.stdout, /^babel: 0$/m);
});
