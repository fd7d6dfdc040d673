/** A second build reflects configuration changes even when no article changed. */
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildSite, loadPage, makeSite, removeSite } from '../helpers/site';

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
