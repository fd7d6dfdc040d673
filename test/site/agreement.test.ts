/**
 * The checker sees what the site renders: generated articles are built by Hexo, and the ids, links
 * and admonitions of each built page equal those of the model `npm run check` reports on.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../../lib/article/model';
import { runChecks } from '../../lib/check/run';
import { sampleArticles } from '../helpers/articles';
import { buildSite, loadPage, makeSite, removeSite } from '../helpers/site';

const COUNT = 12;

describe('the built page and the checker\'s model agree', () => {
  let dir: string;
  let articles: Map<string, Article>;
  before(async () => {
    const files: Record<string, string> = { '_config.test.yml': 'build:\n  fail_on: none\nsearch:\n  index: false\n' };
    sampleArticles(COUNT).forEach((text, i) => {
      files[`source/_posts/Generated/Article_${i}.md`] = text;
    });
    dir = await makeSite({ fixture: 'minimal', files });
    const built = await buildSite(dir);
    assert.equal(built.code, 0, built.stderr);
    articles = (await runChecks(dir, [], ['_config.yml', '_config.test.yml'])).articles;
  });
  after(() => removeSite(dir));

  for (let i = 0; i < COUNT; i++) {
    const file = `source/_posts/Generated/Article_${i}.md`;
    it(`Article_${i} (ARTICLE_SEED reproduces it)`, async () => {
      const model = articles.get(file)!;
      const $ = await loadPage(dir, `/blog/Generated/Article_${i}/`);
      const content = $('.article .content');
      content.find('.sb-article-footer').remove();

      const pageIds = content.find('[id]').map((_, el) => $(el).attr('id')).get().sort();
      assert.deepEqual(pageIds, [...model.ids.keys()].sort(), 'ids');

      const headings = content.find('h1, h2, h3, h4, h5, h6').map((_, h) => $(h).attr('id')).get();
      assert.deepEqual(headings, model.headings.filter((h) => !h.dropped && !h.tocTitle).map((h) => h.id), 'heading ids');

      // Links as the page has them (the automatic TOC and permalinks are ours, not the author's).
      const normalize = (href: string) => (/^https?:/.test(href) ? new URL(href).href : decodeURI(href));
      const pageLinks = content.find('a[href]').not('.sb-toc:not(.sb-toc-legacy) a, a.heading-anchor')
        .map((_, a) => normalize($(a).attr('href')!)).get();
      const modelLinks = model.links
        .filter((l) => l.kind !== 'definition' && l.kind !== 'image' && l.kind !== 'html-image' && l.inToc !== 'replaced')
        .map((l) => normalize(l.href));
      assert.deepEqual(pageLinks, modelLinks, 'links');
      for (const href of pageLinks) assert.doesNotMatch(href, /[\u3000-\u30ff\u4e00-\u9fff]/, `Japanese text in a link target: ${href}`);

      const admonitions = content.find('.admonition').map((_, a) => $(a).attr('class')!.replace('admonition admonition-', '')).get();
      assert.deepEqual(admonitions, model.admonitions.filter((a) => a.type).map((a) => a.type), 'admonitions');
      const unknown = model.admonitions.filter((a) => !a.type).length;
      assert.equal(content.find('blockquote').filter((_, q) => /^\s*\[\s*!/.test($(q).text())).length, unknown, 'unknown markers stay quotes');
    });
  }
});
