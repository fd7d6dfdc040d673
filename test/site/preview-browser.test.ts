/// <reference lib="dom" />
/**
 * A pull request preview built for a sub-path (`--preview 12`: /blog/pr-preview/pr-12/), opened in
 * Chromium as reviewers open it: every page, asset, image, search index, feed and redirect works
 * under that prefix, and the browser asks for nothing outside it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildSite, listFiles, makeSite, removeSite } from '../helpers/site';
import { serveSite, type StaticServer } from '../helpers/static-server';
import { launchBrowser, openPage } from '../helpers/browser';

const PREFIX = '/blog/pr-preview/pr-12/';
const PR = 'https://github.com/contoso/blog/pull/12';

describe('a preview under a sub-path, in the browser', () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  const problems: string[] = [];
  const outside: string[] = [];

  before(async () => {
    dir = await makeSite();
    await fs.appendFile(path.join(dir, '_config.test.yml'), '\nredirects:\n  old/long-article/: Forms/Long_Article/\n');
    const built = await buildSite(dir, {}, ['--preview', '12', '--preview-link', PR]);
    assert.equal(built.code, 0, built.stderr);
    server = await serveSite(path.join(dir, 'public'), PREFIX);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await removeSite(dir);
  });

  const open = (route: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> => openPage(browser, server.origin + route, problems, route, {
    colorScheme,
    watch: (page) => page.on('request', (r) => {
      if (!r.url().startsWith(server.origin + PREFIX) && !r.url().startsWith('data:')) outside.push(`${route}: ${r.url()}`);
    }),
  });

  it('marks every page as a preview: the banner with the pull request, noindex, no sitemap', async () => {
    const page = await open(PREFIX);
    assert.equal(await page.locator('.sb-preview-banner').innerText(), 'プレビュー: pull request #12(公開サイトではありません)');
    assert.equal(await page.locator('.sb-preview-banner a').getAttribute('href'), PR);
    assert.equal(await page.locator('meta[name="robots"]').getAttribute('content'), 'noindex, nofollow');
    // The skip link stays the first stop of the keyboard, the banner's link the second.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'sb-skip-link');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), PR);
    await page.close();
    const files = await listFiles(path.join(dir, 'public/'));
    assert.ok(!files.includes('sitemap.xml'));
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const html = await fs.readFile(path.join(dir, 'public', file), 'utf8');
      assert.match(html, /<meta name="robots" content="noindex/, file);
    }
  });

  it('navigates from the home page to an article, its tag and the archive, all below the prefix', async () => {
    const page = await open(PREFIX);
    await page.click('.card .title a[href$="Forms/Long_Article/"]');
    await page.waitForURL(`${server.origin}${PREFIX}Forms/Long_Article/`);
    await page.click('.article-tags a >> nth=0');
    await page.waitForURL(new RegExp(`${PREFIX}tags/`));
    await page.click('.navbar-start a[href$="archives"]');
    await page.waitForURL(new RegExp(`${PREFIX}archives`));
    assert.ok(await page.locator('.timeline, .card').count() > 0);
    await page.close();
  });

  it('scrolls to a section from the table of contents', async () => {
    const page = await open(`${PREFIX}Forms/Long_Article/`);
    await page.click('nav.sb-toc a[href="#2-1"]');
    await page.waitForFunction(() => location.hash === '#2-1');
    const top = await page.evaluate(() => document.getElementById('2-1')!.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 200, `heading at ${top}px`);
    assert.equal(new URL(page.url()).pathname, `${PREFIX}Forms/Long_Article/`);
    await page.close();
  });

  it('shows every image of an article', async () => {
    const page = await open(`${PREFIX}Forms/Authoring_Forms/`);
    const images = page.locator('.article .content img');
    assert.ok(await images.count() >= 2);
    for (const img of await images.all()) {
      await img.scrollIntoViewIfNeeded();
      await img.evaluate((i: HTMLImageElement) => (i.complete ? undefined : new Promise((r) => i.addEventListener('load', r))));
      assert.ok(await img.evaluate((i: HTMLImageElement) => i.naturalWidth > 0), await img.getAttribute('src') ?? '');
    }
    await page.close();
  });

  it('finds an article with the search and opens it', async () => {
    const page = await open(PREFIX);
    await page.click('.sb-search-button');
    await page.fill('.pagefind-ui__search-input', 'ポータル');
    const result = page.locator('.pagefind-ui__result-link').first();
    await result.waitFor();
    assert.equal(await result.getAttribute('href'), `${PREFIX}Forms/Long_Article/`);
    await result.click();
    await page.waitForURL(`${server.origin}${PREFIX}Forms/Long_Article/`);
    await page.close();
  });

  it('switches to dark mode and keeps it on the next page', async () => {
    const page = await open(`${PREFIX}Forms/Long_Article/`);
    await page.click('.sb-theme-toggle');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    await page.goto(server.origin + PREFIX);
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    const banner = await page.locator('.sb-preview-banner').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.notEqual(banner, 'rgb(255, 244, 206)', 'the banner has its dark colours');
    await page.close();
  });

  it('links a feed whose entries point into the preview', async () => {
    const page = await open(PREFIX);
    const href = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href');
    assert.ok(href, 'feed link in the head');
    const feed = await page.evaluate(async (url) => (await fetch(url)).text(), new URL(href!, page.url()).href);
    const links = [...feed.matchAll(/<link href="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(links.length > 2);
    for (const link of links) assert.ok(new URL(link).pathname.startsWith(PREFIX), link);
    await page.close();
  });

  it('sends an old URL on to the article, inside the preview', async () => {
    const page = await open(`${PREFIX}old/long-article/`);
    await page.waitForURL(`${server.origin}${PREFIX}Forms/Long_Article/`);
    await page.close();
  });

  it('serves its 404 page inside the preview, with one robots meta', async () => {
    const page = await open(`${PREFIX}404.html`);
    assert.deepEqual(await page.locator('.content > ul').first().locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), [PREFIX, `${PREFIX}archives/`, `${PREFIX}all-articles/`]);
    const recent = await page.locator('.content h2 + ul a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    assert.ok(recent.length === 5 && recent.every((href) => href.startsWith(PREFIX)), recent.join(', '));
    // The search button shows once the site's script runs, and opens the search of the preview.
    await page.click('.sb-open-search');
    await page.waitForSelector('dialog.sb-search-dialog[open]');
    assert.deepEqual(await page.locator('meta[name="robots"]').evaluateAll((ms) => ms.map((m) => m.getAttribute('content'))), ['noindex, nofollow']);
    await page.close();
  });

  it('asked for nothing outside the prefix, with no failed request and no script error', () => {
    assert.deepEqual(outside, []);
    assert.deepEqual(problems, []);
  });
});
