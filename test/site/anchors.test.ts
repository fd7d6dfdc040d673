/** Heading ids, permalinks and both tables of contents on the built fixture site. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { runChecks } from '../../lib/check/run';
import { buildSite, loadPage, makeSite, removeSite, type RunResult } from '../helpers/site';

const LONG = '/blog/Forms/Long_Article/';

describe('anchors and tables of contents on the site', () => {
  let dir: string;
  let result: RunResult;
  before(async () => {
    dir = await makeSite({
      files: {
        'source/_posts/Forms/Broken_Fragment.md': '---\ntitle: 壊れたリンク\ndate: 2024-11-21 10:00:00\ntags:\n  - Fixture\n---\n## 概要\n[存在しない節](#gaiyou)\n',
        // The broken fragment above would stop the build: this site only warns.
        '_config.test.yml': 'build:\n  fail_on: none\n',
      },
    });
    result = await buildSite(dir);
  });
  after(() => removeSite(dir));

  it('resolves every TOC href and every permalink to exactly one element', async () => {
    assert.equal(result.code, 0, result.stderr);
    const $ = await loadPage(dir, LONG);
    const hrefs = $('.sb-toc a, #toc a, a.heading-anchor').map((_, a) => $(a).attr('href') ?? $(a).attr('data-href')).get();
    assert.ok(hrefs.length > 30, `only ${hrefs.length} links`);
    for (const href of hrefs) {
      const id = decodeURIComponent(href.slice(1));
      assert.equal($(`[id="${id.replace(/"/g, '\\"')}"]`).length, 1, href);
    }
  });

  it('replaces the hand-written 目次 block: no heading made of it, entries in order', async () => {
    const $ = await loadPage(dir, LONG);
    assert.equal($('.article .content h2').filter((_, h) => $(h).text().includes('目次')).length, 0);
    assert.equal($('.sb-toc-legacy').length, 0);
    assert.equal($('.article .content h2').filter((_, h) => $(h).text().includes('[1.')).length, 0, 'no setext heading');
    const toc = $('.article .content nav.sb-toc');
    assert.equal(toc.length, 1);
    assert.equal(toc.attr('aria-label'), 'この記事の内容');
    assert.deepEqual(toc.find('> details > ul > li > a').map((_, a) => $(a).attr('href')).get(), ['#1', '#2', '#3']);
    assert.deepEqual(toc.find('> details > ul > li').eq(1).find('> ul > li > a').map((_, a) => $(a).text()).get(),
      ['2.1 Azure VM Backup', '2.2 Azure ディスク バックアップ', '2.3 Azure ファイル共有バックアップ', '2.4 MARS バックアップ']);
    assert.equal(toc.find('a a').length, 0);
    assert.match(toc.prevAll('p').first().text(), /皆様こんにちは/, 'placed after the lead');
  });

  it('shows the same entries with the same ids in the icarus sidebar', async () => {
    const $ = await loadPage(dir, LONG);
    const inArticle = $('.article .content nav.sb-toc a').map((_, a) => `${$(a).attr('href')} ${$(a).text().trim()}`).get();
    const sidebar = $('#toc .menu-list a').map((_, a) => `${$(a).attr('href')} ${$(a).text().trim()}`).get();
    assert.deepEqual(sidebar, inArticle);
    assert.equal($('#toc .menu-label').text(), '目次');
  });

  it('gives h2–h4 a labelled permalink that stays out of TOC text, excerpts and the feed', async () => {
    const $ = await loadPage(dir, LONG);
    const h = $('#2-1');
    assert.equal(h.find('a.heading-anchor').attr('href'), '#2-1');
    assert.equal(h.find('a.heading-anchor').attr('aria-label'), '「2.1 Azure VM Backup」へのリンク');
    assert.equal($('h4 a.heading-anchor').length, 14);
    assert.doesNotMatch($('.sb-toc').text() + $('#toc').text(), /#/);
    const index = cheerio.load(await fs.readFile(path.join(dir, 'public/index.html'), 'utf8'));
    assert.equal(index('a.heading-anchor').length, 0);
    const feed = await fs.readFile(path.join(dir, 'public/atom.xml'), 'utf8');
    assert.doesNotMatch(feed, /heading-anchor|sb-permalink/);
  });

  it('keeps explicit ids as targets and the GitHub slug as a second one', async () => {
    const $ = await loadPage(dir, LONG);
    assert.equal($('h3#1-1').text().replace('#', '').trim(), '1.1 バックアップ ソリューション一覧表');
    assert.equal($('[id="-11-バックアップ-ソリューション一覧表"]').closest('h3').attr('id'), '1-1');
    assert.deepEqual($('h4').map((_, e) => $(e).attr('id')).get().slice(0, 4), ['利用方法', '参照リンク', '利用方法-1', '参照リンク-1']);
  });

  it('computes the same ids in the checker as the site renders, for every fixture post', async () => {
    const run = await runChecks(dir, [], ['_config.yml', '_config.test.yml']);
    const posts = run.targets.filter((f) => f.startsWith('source/_posts/'));
    assert.ok(posts.length >= 8);
    for (const post of posts) {
      const $ = await loadPage(dir, `/blog/${post.replace(/^source\/_posts\//, '').replace(/\.md$/, '/')}`);
      const site = $('.article .content').find('h1, h2, h3, h4, h5, h6').map((_, h) => ({
        level: Number(h.tagName[1]), id: $(h).attr('id')!, aliases: $(h).find('> .heading-alias').map((_, a) => $(a).attr('id')).get(),
      })).get();
      const model = run.articles.get(post)!.headings.filter((h) => !h.dropped && !h.tocTitle).map(({ level, id, aliases }) => ({ level, id, aliases }));
      assert.deepEqual(model, site, post);
    }
  });

  it('warns about a broken #fragment with file, line and the closest id', () => {
    assert.match(result.stdout + result.stderr,
      /WARN\s+source\/_posts\/Forms\/Broken_Fragment\.md:8:10 {2}error {2}anchor\/broken {2}この記事に #gaiyou に当たる見出しやアンカーがありません。/);
  });

  it('rewrites relative Markdown links to article URLs, whose targets exist', async () => {
    const $ = await loadPage(dir, '/blog/Forms/Links/');
    const hrefs = $('.article .content > p a').map((_, a) => $(a).attr('href')).get();
    assert.deepEqual(hrefs, ['/blog/Forms/Authoring_Forms/#1-1', '/blog/Forms/Long_Article/#2-1', '/blog/Forms/Long_Article/#2']);
    const target = await loadPage(dir, '/blog/Forms/Long_Article/');
    assert.equal(target('[id="2-1"]').length, 1);
  });

  it('hides the TOC for articles with fewer than two headings', async () => {
    const $ = await loadPage(dir, '/blog/Forms/Broken_Fragment/');
    assert.equal($('nav.sb-toc').length, 0);
    assert.equal($('#toc').length, 0);
  });
});
