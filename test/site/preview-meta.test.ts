/** `npm run preview:meta` on a site with git history: what the pull request's comment will list. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { commitAll, makeSite, removeSite, REPO, run } from '../helpers/site';

const CLI = path.join(REPO, 'dist/lib/cli/preview-meta.js');

describe('npm run preview:meta', () => {
  let dir: string;
  before(async () => {
    dir = await makeSite({ gitDate: '2024-06-01T10:00:00+09:00' });
    const posts = path.join(dir, 'source/_posts/Forms');
    await fs.appendFile(path.join(posts, 'Links.md'), '\nTODO: 追記する\n');
    await fs.copyFile(path.join(posts, 'Authoring_Forms/shot.png'), path.join(posts, 'Authoring_Forms/shot2.png'));
    await fs.writeFile(path.join(posts, '新しい記事.md'), '---\ntitle: 新しい記事\ndate: 2024-06-02 10:00:00\ntags:\n  - Fixture\n---\n\n本文です。\n');
    await fs.rm(path.join(posts, 'New_Year.md'));
    await commitAll(dir, '2024-06-02T10:00:00+09:00');
  });
  after(() => removeSite(dir));

  it('lists the changed articles with their paths and counts, the removed ones, and the site summary', async () => {
    const r = await run(process.execPath, [CLI, '--number', '12', '--base', 'HEAD~1', '--build', 'failure', '--out', 'preview/meta.json', '--cwd', dir, '--config', '_config.yml,_config.test.yml'], dir);
    assert.equal(r.code, 0, r.stderr);
    const meta = JSON.parse(await fs.readFile(path.join(dir, 'preview/meta.json'), 'utf8'));
    assert.equal(meta.number, 12);
    assert.equal(meta.build, 'failure');
    assert.deepEqual(meta.articles.map((a: { file: string; path: string; change: string }) => [a.file, a.path, a.change]), [
      ['source/_posts/Forms/Authoring_Forms.md', 'Forms/Authoring_Forms/', 'modified'],
      ['source/_posts/Forms/Links.md', 'Forms/Links/', 'modified'],
      ['source/_posts/Forms/新しい記事.md', 'Forms/%E6%96%B0%E3%81%97%E3%81%84%E8%A8%98%E4%BA%8B/', 'added'],
    ]);
    const links = meta.articles.find((a: { file: string }) => a.file.endsWith('Links.md'));
    assert.ok(links.errors >= 1);
    assert.ok(links.title);
    assert.deepEqual(meta.removed, ['source/_posts/Forms/New_Year.md']);
    assert.ok(meta.check.errors >= 1);
    assert.ok(meta.errors.some((e: { rule: string; file: string }) => e.rule === 'todo/marker' && e.file === 'source/_posts/Forms/Links.md'));
  });

  it('says what is wrong with its arguments', async () => {
    const r = await run(process.execPath, [CLI, '--number', 'x'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--number は pull request の番号です: x/);
    const base = await run(process.execPath, [CLI, '--number', '1', '--base', 'no-such-ref', '--cwd', dir], dir);
    assert.equal(base.code, 2);
    assert.match(base.stderr, /git diff no-such-ref HEAD に失敗しました/);
  });
});
