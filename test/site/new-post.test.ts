/** `npm run new` writes an article that builds, and never overwrites one. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildSite, loadPage, makeSite, removeSite, REPO, run } from '../helpers/site';

const NEW = path.join(REPO, 'dist/lib/cli/new.js');
const CHECK = path.join(REPO, 'dist/lib/cli/check.js');

describe('npm run new', () => {
  let dir: string;
  before(async () => {
    dir = await makeSite({ fixture: 'minimal' });
  });
  after(() => removeSite(dir));

  it('creates the article and its asset folder, and the article builds', async () => {
    const created = await run(process.execPath, [NEW, 'Azure Files の復元手順', '--area', 'AzureFiles', '--tag', 'how to', '--cwd', dir], dir);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /作成しました: source\/_posts\/AzureFiles\/Azure_Files\.md/);
    const text = await fs.readFile(path.join(dir, 'source/_posts/AzureFiles/Azure_Files.md'), 'utf8');
    assert.match(text, /^---\ntitle: Azure Files の復元手順\ndate: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\ntags:\n {2}- how to\ndisableDisclaimer: false\n---\n/);
    assert.ok((await fs.stat(path.join(dir, 'source/_posts/AzureFiles/Azure_Files'))).isDirectory());

    const built = await buildSite(dir);
    assert.equal(built.code, 0, built.stderr);
    const $ = await loadPage(dir, '/blog/AzureFiles/Azure_Files/');
    assert.equal($('h1.title').text(), 'Azure Files の復元手順');

    const checked = await run(process.execPath, [CHECK, '--cwd', dir, 'source/_posts/AzureFiles/Azure_Files.md'], dir);
    assert.equal(checked.code, 0, checked.stdout);
    assert.match(checked.stdout, /問題は見つかりませんでした/);
  });

  it('refuses to overwrite an existing article', async () => {
    const again = await run(process.execPath, [NEW, 'Azure Files の復元手順', '--area', 'AzureFiles', '--cwd', dir], dir);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /source\/_posts\/AzureFiles\/Azure_Files\.md はすでに存在します/);
  });
});
