/**
 * A build killed (SIGKILL) at each step of generating and publishing: `public` is always a whole
 * site, the old one or the new one, and the next build removes what the killed one left behind.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildSite, makeSite, removeSite } from '../helpers/site';

const ARTICLE = 'source/_posts/Area/Kill.md';
const article = (word: string) => `---\ntitle: 中断のテスト\ndate: 2024-06-01 10:00:00\ntags: [Information]\n---\n\n${word}の版です。\n`;

describe('a build killed at each step', () => {
  let dir: string;
  const page = () => fs.readFile(path.join(dir, 'public/Area/Kill/index.html'), 'utf8');
  const leftovers = async () => (await fs.readdir(path.join(dir, '.build'), { recursive: true })).map(String)
    .filter((f) => /^(work|sites)\/[^/]+$/.test(f)).sort();

  before(async () => {
    dir = await makeSite({ fixture: null, files: { [ARTICLE]: article('最初') } });
    const first = await buildSite(dir);
    assert.equal(first.code, 0, first.stderr);
  });
  after(() => removeSite(dir));

  for (const [step, published] of [['after-generate', '最初'], ['before-switch', '最初'], ['after-switch', '二番目']] as const) {
    it(`keeps a whole site when killed ${step}`, async () => {
      await fs.writeFile(path.join(dir, ARTICLE), article('最初'));
      const reset = await buildSite(dir);
      assert.equal(reset.code, 0, reset.stderr);
      await fs.writeFile(path.join(dir, ARTICLE), article('二番目'));
      const killed = await buildSite(dir, { SUPPORT_BLOG_FAULT: step });
      assert.equal(killed.signal, 'SIGKILL', `${killed.code} ${killed.stderr}`);
      assert.match(await page(), new RegExp(`${published}の版です`));
      assert.ok((await fs.stat(path.join(dir, 'public/index.html'))).isFile());

      const next = await buildSite(dir);
      assert.equal(next.code, 0, next.stderr);
      assert.match(await page(), /二番目の版です/);
      const sites = await leftovers();
      assert.deepEqual(sites, [`sites/${path.basename(await fs.readlink(path.join(dir, 'public')))}`]);
    });
  }
});
