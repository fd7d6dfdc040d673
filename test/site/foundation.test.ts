/**
 * Builds the fixture site with a real Hexo + icarus into a temporary folder (on a UTC clock, as CI
 * runners are) and inspects the output as a browser would parse it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildSite, listFiles, loadPage, makeSite, publicFileFor, removeSite, type RunResult } from '../helpers/site';

/** A heading's text without its permalink. */
function headingText($: cheerio.CheerioAPI, selector: string): string {
  const h = $(selector).first().clone();
  h.find('.heading-anchor').remove();
  return h.text().trim();
}

const GIT_DATE = '2025-02-03T04:05:06+09:00';
const ARTICLE = '/blog/Forms/Authoring_Forms/';

describe('fixture site build', () => {
  let dir: string;
  let result: RunResult;
  let files: string[];

  before(async () => {
    dir = await makeSite({ gitDate: GIT_DATE });
    // Written after the commit: git has no date for it, so its front-matter `updated` counts.
    await fs.writeFile(path.join(dir, 'source/_posts/Forms/Uncommitted.md'),
      '---\ntitle: 未コミットの記事\ndate: 2024-06-01 12:00:00\nupdated: 2024-12-24 10:00:00\ntags:\n  - Fixture\n---\n本文\n');
    result = await buildSite(dir, { TZ: 'UTC' });
    files = result.code === 0 ? await listFiles(path.join(dir, 'public')) : [];
  });
  after(() => removeSite(dir));

  it('builds without errors', () => {
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stdout + result.stderr, /ERROR|Script load failed/);
  });

  it('serves posts at /blog/<Area>/<Name>/ and publishes no drafts', () => {
    for (const name of ['Authoring_Forms', 'Crlf_Bom', 'No_Opening_Dashes', 'No_Disclaimer', 'New_Year', 'Uncommitted']) {
      assert.ok(files.includes(`Forms/${name}/index.html`), name);
    }
    assert.ok(!files.some((f) => f.includes('_Draft') || f.includes('公開されない')));
    assert.ok(files.includes('Forms/Authoring_Forms/shot.png'));
    assert.ok(files.includes('Forms/Authoring_Forms/図 1.png'));
  });

  it('resolves every image form on the article page', async () => {
    const $ = await loadPage(dir, ARTICLE);
    const srcs = $('.article .content img').map((_, el) => $(el).attr('src')).get();
    assert.deepEqual(srcs, [
      '/blog/Forms/Authoring_Forms/shot.png',
      '/blog/Forms/Authoring_Forms/shot.png',
      '/blog/Forms/Authoring_Forms/shot.png',
      '/blog/Forms/Authoring_Forms/shot.png',
      '/blog/Forms/Authoring_Forms/shot.png',
      '/blog/Forms/Authoring_Forms/%E5%9B%B3%201.png',
      '/blog/Forms/Authoring_Forms/shot.png',
    ]);
    assert.equal($('.article .content img[alt="生の img"]').attr('width'), '400');
  });

  it('resolves images in excerpts on the index', async () => {
    const $ = await loadPage(dir, '/blog/');
    const card = $('.card').filter((_, el) => $(el).find('.title a').text() === '書式の確認');
    assert.equal(card.find('.content img').attr('src'), '/blog/Forms/Authoring_Forms/shot.png');
    assert.doesNotMatch(card.find('.content').text(), /全角スペースの見出し/, 'excerpt stops at <!-- more -->');
  });

  it('gives articles without <!-- more --> their lead as the index excerpt', async () => {
    const $ = await loadPage(dir, '/blog/');
    const card = $('.card').filter((_, el) => $(el).find('.title a').text() === 'CRLF と BOM');
    assert.equal(card.find('.content').text().trim(), '一行目二行目');
    assert.equal(card.find('.content h2').length, 0);
  });

  it('points every local URL in every page at a file that exists, never /blog/blog/', async () => {
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const $ = cheerio.load(await fs.readFile(path.join(dir, 'public', file), 'utf8'));
      $('img[src], script[src], link[href]').each((_, el) => {
        const url = $(el).attr('src') ?? $(el).attr('href')!;
        assert.ok(!url.startsWith('/blog/blog/'), `${file}: ${url}`);
        const target = publicFileFor(url);
        if (target) assert.ok(files.includes(target), `${file} references missing ${url}`);
      });
    }
  });

  it('loads no asset from outside the site', async () => {
    const external = /^(?:https?:)?\/\//i;
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const $ = cheerio.load(await fs.readFile(path.join(dir, 'public', file), 'utf8'));
      $('script[src], link[rel~="stylesheet"], link[rel~="icon"], link[rel="preload"], link[rel="manifest"], img[src], iframe[src], source[src], video[src], audio[src]').each((_, el) => {
        const url = $(el).attr('src') ?? $(el).attr('href') ?? '';
        assert.doesNotMatch(url, external, `${file} loads ${url}`);
      });
      const inline = $('style').text() + $('[style]').map((_, el) => $(el).attr('style')).get().join(' ');
      assert.doesNotMatch(inline, /url\(\s*['"]?(?:https?:)?\/\//i, file);
    }
    for (const file of files.filter((f) => f.endsWith('.css'))) {
      const css = await fs.readFile(path.join(dir, 'public', file), 'utf8');
      assert.doesNotMatch(css, /url\(\s*['"]?(?:https?:)?\/\/|@import\s+url\(\s*['"]?https?:/i, file);
    }
  });

  it('shows the disclaimer unless the post sets disableDisclaimer: true', async () => {
    const on = await loadPage(dir, ARTICLE);
    assert.match(on('.article .sb-article-footer .sb-disclaimer').text(), /作成日時点での製品仕様/);
    const off = await loadPage(dir, '/blog/Forms/No_Disclaimer/');
    assert.equal(off('.sb-disclaimer').length, 0);
    assert.equal(off('.sb-article-footer .sb-feedback').length, 1, 'links stay without the disclaimer');
  });

  it('links feedback to a prefilled GitHub issue and edit to the source file', async () => {
    const $ = await loadPage(dir, ARTICLE);
    const footer = $('.sb-article-footer');
    assert.equal(footer.attr('aria-label'), '記事について');
    const feedback = new URL(footer.find('a.sb-feedback').attr('href')!);
    assert.equal(footer.find('a.sb-feedback').text(), 'フィードバック');
    assert.equal(feedback.origin + feedback.pathname, 'https://github.com/contoso-jp-support/blog/issues/new');
    assert.equal(feedback.searchParams.get('title'), '[フィードバック] 書式の確認');
    assert.equal(feedback.searchParams.get('labels'), '記事フィードバック');
    const id = createHash('sha256').update('source/_posts/Forms/Authoring_Forms.md').digest('hex').slice(0, 12);
    const body = feedback.searchParams.get('body')!;
    assert.match(body, /- タイトル: 書式の確認\n/);
    assert.match(body, /- URL: https:\/\/contoso-jp-support\.github\.io\/blog\/Forms\/Authoring_Forms\/\n/);
    assert.match(body, /- ソース: source\/_posts\/Forms\/Authoring_Forms\.md\n/);
    assert.match(body, new RegExp(`- 記事 ID: ${id}\\n`));
    assert.equal(footer.attr('data-article-id'), id);
    const edit = footer.find('a.sb-edit');
    assert.equal(edit.text(), 'GitHub で編集');
    assert.equal(edit.attr('href'), 'https://github.com/contoso-jp-support/blog/edit/main/source/_posts/Forms/Authoring_Forms.md');
    assert.equal(edit.attr('target'), '_blank');
    assert.equal(edit.attr('rel'), 'noopener');
  });

  it('takes the last-updated date from git, else front-matter `updated`', async () => {
    const updatedOf = async (route: string) => {
      const $ = await loadPage(dir, route);
      return $('.article-meta time').eq(1).attr('datetime');
    };
    assert.equal(await updatedOf(ARTICLE), '2025-02-02T19:05:06.000Z');
    assert.equal(await updatedOf('/blog/Forms/Uncommitted/'), '2024-12-24T01:00:00.000Z');
  });

  it('reads dates in Asia/Tokyo on a UTC machine', async () => {
    const $ = await loadPage(dir, ARTICLE);
    assert.equal($('.article-meta time').first().attr('datetime'), '2024-11-05T00:00:00.000Z', '2024-11-5 9:00:00 JST');
    // Japanese date titles and archive months, whatever the build machine's locale.
    assert.equal($('.article-meta time').first().attr('title'), '2024年11月5日 9:00');
    const months = $('.widget .menu-list .level-start .level-item').map((_, e) => $(e).text().trim()).get();
    assert.ok(months.includes('2024年11月') && months.includes('2020年1月'), months.join(', '));
    const jan = await loadPage(dir, '/blog/archives/2020/01/');
    assert.match(jan('.content, .timeline').text() + jan('body').text(), /年始の記事/);
    assert.ok(!files.some((f) => f.startsWith('archives/2019/')), 'nothing filed under 2019');
  });

  it('writes a 404 page in the site layout, kept out of search engines and the site search', async () => {
    const $ = await loadPage(dir, '/blog/404.html');
    assert.equal($('h1.title').text(), 'ページが見つかりません');
    assert.deepEqual($('meta[name="robots"]').map((_, m) => $(m).attr('content')).get(), ['noindex']);
    assert.deepEqual($('.content > ul').first().find('a').map((_, a) => $(a).attr('href')).get(), ['/blog/', '/blog/archives/', '/blog/all-articles/']);
    // The newest articles follow, newest first, and the search button (shown by the site's script).
    const recent = $('.content h2:contains("新しい記事") + ul a').map((_, a) => $(a).attr('href')).get();
    assert.ok(recent.length >= 2 && recent.length <= 5, `${recent}`);
    const dates = $('.content h2:contains("新しい記事") + ul time').map((_, t) => $(t).text()).get();
    assert.deepEqual(dates, [...dates].sort().reverse());
    assert.equal($('.sb-open-search').text(), '記事を検索する');
    assert.equal($('[data-pagefind-body]').length, 0);
    assert.ok($('nav.navbar').length && $('link[href="/blog/css/support-blog.css"]').length, 'the site layout and styles');
    assert.doesNotMatch(await fs.readFile(path.join(dir, 'public/sitemap.xml'), 'utf8'), /404/);
  });

  it('links the older article as 前の記事 on the left and the newer one as 次の記事 on the right', async () => {
    const $ = await loadPage(dir, ARTICLE);
    const created = (page: typeof $) => page('.article-meta time').first().attr('datetime') ?? '';
    const nav = $('nav.post-navigation');
    assert.deepEqual(nav.children().map((_, el) => $(el).attr('class')).get(), ['sb-nav-older', 'sb-nav-newer']);
    const older = nav.find('a.sb-nav-older');
    const newer = nav.find('a.sb-nav-newer');
    assert.ok(older.length && newer.length, 'the fixture article has both neighbours');
    assert.equal(older.find('.sb-nav-label').text(), '前の記事');
    assert.equal(newer.find('.sb-nav-label').text(), '次の記事');
    assert.equal(older.attr('rel'), 'prev');
    assert.equal(newer.attr('rel'), 'next');
    const olderPage = await loadPage(dir, older.attr('href')!);
    const newerPage = await loadPage(dir, newer.attr('href')!);
    assert.equal(older.find('.sb-nav-title').text(), olderPage('h1.title').text());
    assert.ok(created(newerPage) >= created($) && created(olderPage) <= created($), `${created(olderPage)} ≤ ${created($)} ≤ ${created(newerPage)}`);
  });

  it('writes a well-formed Atom feed of the articles', async () => {
    const xml = await fs.readFile(path.join(dir, 'public/atom.xml'), 'utf8');
    assert.equal(XMLValidator.validate(xml), true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
    assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
    const entries = [feed.entry].flat();
    const titles = entries.map((e: { title: string }) => String(e.title));
    assert.ok(titles.includes('書式の確認'));
    assert.ok(!titles.includes('公開されない下書き'));
    const entry = entries.find((e: { title: string }) => e.title === '書式の確認');
    assert.equal(entry.id, 'https://contoso-jp-support.github.io/blog/Forms/Authoring_Forms/');
    const content = String(entry.content['#text'] ?? entry.content);
    assert.match(content, /この段落は赤くなってはいけません。/);
    assert.match(content, /<img src="\/blog\/Forms\/Authoring_Forms\/shot\.png"/);
  });

  it('lists the articles in the sitemap', async () => {
    const xml = await fs.readFile(path.join(dir, 'public/sitemap.xml'), 'utf8');
    assert.equal(XMLValidator.validate(xml), true);
    const locs = [new XMLParser().parse(xml).urlset.url].flat().map((u: { loc: string }) => u.loc);
    for (const name of ['Authoring_Forms', 'Crlf_Bom', 'No_Opening_Dashes', 'New_Year']) {
      assert.ok(locs.includes(`https://contoso-jp-support.github.io/blog/Forms/${name}/`), name);
    }
    assert.ok(!locs.some((l: string) => l.includes('Draft')));
  });

  describe('authoring forms', () => {
    let $: cheerio.CheerioAPI;
    before(async () => {
      $ = await loadPage(dir, ARTICLE);
    });

    it('turns single newlines into line breaks', () => {
      assert.equal($('.article .content p').first().find('br').length, 2);
    });

    it('reads a heading with a full-width space after the hashes', () => {
      assert.equal(headingText($, '.article .content h3'), '全角スペースの見出し');
    });

    it('links a URL alone on its line after a full-width space', () => {
      const a = $('.article .content a[href="https://learn.microsoft.com/ja-jp/azure/backup/backup-overview"]');
      assert.equal(a.length, 1);
      assert.equal(a.text(), 'https://learn.microsoft.com/ja-jp/azure/backup/backup-overview');
    });

    it('keeps <a id> inside headings, before or after the text', () => {
      assert.equal(headingText($, 'h2#1-1'), '1.1 前に置いたアンカー');
      assert.equal(headingText($, 'h2#1-2'), '1.2 後ろに置いたアンカー');
    });

    it('opens external links, Markdown or raw HTML, in a new tab with rel=noopener', () => {
      for (const href of ['https://learn.microsoft.com/ja-jp/azure/backup/backup-architecture', 'https://azure.microsoft.com/ja-jp/']) {
        const a = $(`.article .content a[href="${href}"]`);
        assert.equal(a.attr('target'), '_blank', href);
        assert.match(a.attr('rel') ?? '', /\bnoopener\b/, href);
      }
    });

    it('keeps raw HTML in table cells inside its cell', () => {
      const rows = $('.article .content table tbody tr');
      assert.equal(rows.length, 4);
      assert.equal(rows.eq(0).find('td').eq(1).find('span').text(), '赤い文字');
      assert.deepEqual(rows.eq(1).find('td li').map((_, li) => $(li).text()).get(), ['一つ目', '二つ目']);
      assert.equal(rows.eq(2).find('td').eq(1).find('br').length, 2, '</br> is a line break');
      assert.equal(rows.eq(3).find('u').text(), '下線');
      assert.equal($('.article .content table span').length, 1);
    });

    it('does not let an unclosed <font> colour the rest of the page', () => {
      const fonts = $('font');
      assert.deepEqual(fonts.map((_, f) => $(f).text()).get(), ['赤', '閉じていない font タグ']);
      const last = $('.article .content p').filter((_, p) => $(p).text().includes('赤くなってはいけません'));
      assert.equal(last.closest('font').length, 0);
      assert.equal($('.sb-article-footer').closest('font, span').length, 0);
      assert.equal($('.column-right').closest('.content').length, 0, 'sidebar stays outside the article');
      assert.equal($('footer.footer').closest('.card').length, 0);
    });

    it('reads CRLF files with a BOM', async () => {
      const page = await loadPage(dir, '/blog/Forms/Crlf_Bom/');
      assert.equal(page('h1.title').text(), 'CRLF と BOM');
      assert.equal(page('.article .content p').first().find('br').length, 1);
      assert.equal(headingText(page, '.article .content h2'), 'CRLF の見出し');
    });

    it('reads front-matter without the opening --- line', async () => {
      const page = await loadPage(dir, '/blog/Forms/No_Opening_Dashes/');
      assert.equal(page('h1.title').text(), '開始行のないフロントマター');
      assert.doesNotMatch(page('.article .content').text(), /title:|date:/);
    });
  });

  it('labels the sidebar table of contents 目次', async () => {
    const $ = await loadPage(dir, ARTICLE);
    assert.equal($('#toc .menu-label').text(), '目次');
  });

  it('serves icarus libraries from /blog/vendor/, our stylesheet after icarus\'s, and no icon font', async () => {
    const $ = await loadPage(dir, ARTICLE);
    const assets = $('script[src], link[rel="stylesheet"]').map((_, el) => $(el).attr('src') ?? $(el).attr('href')).get();
    for (const expected of [
      '/blog/vendor/jquery/jquery.min.js',
      '/blog/vendor/highlight.js/styles/atom-one-light.css',
      '/blog/vendor/medium-zoom/medium-zoom.min.js',
      '/blog/js/support-blog.js',
    ]) assert.ok(assets.includes(expected), expected);
    const sheets = $('link[rel="stylesheet"]').map((_, el) => $(el).attr('href')).get();
    assert.ok(sheets.indexOf('/blog/css/support-blog.css') > sheets.indexOf('/blog/css/default.css'));
    assert.ok(!files.some((f) => /fontawesome|\.woff2?$|\.ttf$/.test(f)), 'no web fonts');
  });

  it('keeps only the rules of icarus\'s stylesheet that the site uses, including classes added by scripts', async () => {
    const css = await fs.readFile(path.join(dir, 'public/css/default.css'), 'utf8');
    assert.ok(css.length < 60_000, `${css.length} bytes`);
    for (const selector of ['.navbar', '.card', '.column', '.menu-list', '.is-active', '.article-meta', '.content table']) {
      assert.ok(css.includes(selector), selector);
    }
    assert.ok(!css.includes('.pagination-ellipsis') && !css.includes('.is-hidden-fullhd'), 'unused Bulma rules are gone');
  });

  it('defines an icon for every icon class the site uses', async () => {
    const css = await fs.readFile(path.join(dir, 'public/css/support-blog.css'), 'utf8');
    const used = new Set<string>();
    for (const file of files.filter((f) => /\.(html|js)$/.test(f))) {
      for (const m of (await fs.readFile(path.join(dir, 'public', file), 'utf8')).matchAll(/\bfa-([a-z0-9-]+)/g)) used.add(m[1]!);
    }
    assert.ok(used.size >= 5, [...used].join(' '));
    for (const icon of used) assert.match(css, new RegExp(`\\.fa-${icon} \\{ --sb-icon: url\\("data:image/svg\\+xml,`), icon);
  });
});
