/// <reference lib="dom" />
/** Behaviour that needs a real browser, on the built fixture site served under /blog/ on 127.0.0.1. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { buildSite, makeSite, removeSite, REPO } from '../helpers/site';
import { serveSite, type StaticServer } from '../helpers/static-server';
import { launchBrowser, openPage } from '../helpers/browser';

const ARTIFACTS = path.join(REPO, 'test-results');
const LONG = '/blog/Forms/Long_Article/';

describe('in the browser', () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    dir = await makeSite();
    // One article per search index part, so searching goes through the browser's merge of parts.
    await fs.appendFile(path.join(dir, '_config.test.yml'), '\nsearch:\n  pages_per_index: 1\n');
    const built = await buildSite(dir);
    assert.equal(built.code, 0, built.stderr);
    server = await serveSite(path.join(dir, 'public'));
    browser = await launchBrowser();
    await fs.mkdir(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await removeSite(dir);
  });

  const open = (route: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Page> =>
    openPage(browser, server.origin + route, problems, route, options);

  it('scrolls to a section from the TOC, updates the address and marks the section in the sidebar', async () => {
    const page = await open(LONG);
    await page.click('nav.sb-toc a[href="#2-1"]');
    await page.waitForFunction(() => location.hash === '#2-1');
    const top = await page.evaluate(() => document.getElementById('2-1')!.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 200, `heading at ${top}px`);
    await page.waitForSelector('#toc a[aria-current="location"][href="#2-1"]', { state: 'attached' });
    await page.click('#toc a[href="#3"]');
    await page.waitForFunction(() => location.hash === '#3');
    await page.waitForSelector('nav.sb-toc a[aria-current="location"][href="#3"]', { state: 'attached' });
    await page.close();
  });

  it('shows admonition titles and reveals permalinks on keyboard focus', async () => {
    const page = await open('/blog/Forms/Admonitions/');
    assert.deepEqual(await page.locator('.admonition-title').allInnerTexts(), ['ヒント', 'メモ', '作業の前に', '重要', '注意']);
    const anchor = page.locator('h2 a.heading-anchor').first();
    assert.equal(await anchor.evaluate((a) => getComputedStyle(a).opacity), '0');
    await anchor.focus();
    await page.waitForFunction(() => getComputedStyle(document.activeElement!).opacity === '1');
    await page.close();
  });

  it('opens a screenshot with the keyboard and closes it with Esc or Back', async () => {
    const page = await open('/blog/Forms/Authoring_Forms/');
    const image = page.locator('.article .content img[alt="相対パス"]');
    await image.focus();
    await image.evaluate((img: HTMLImageElement) => (img.complete ? undefined : new Promise((resolve) => img.addEventListener('load', resolve))));
    await page.keyboard.press('Enter');
    await page.waitForSelector('html[data-zoom="open"]', { state: 'attached' });
    await page.keyboard.press('Escape');
    await page.waitForSelector('.medium-zoom-image--opened', { state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('alt')), '相対パス');
    await page.keyboard.press('Enter');
    await page.waitForSelector('html[data-zoom="open"]', { state: 'attached' });
    await page.goBack();
    await page.waitForSelector('.medium-zoom-image--opened', { state: 'detached' });
    assert.match(page.url(), /\/blog\/Forms\/Authoring_Forms\/$/);
    await page.close();
  });

  it('lazy-loads images that carry their size', async () => {
    const page = await open('/blog/Forms/Authoring_Forms/');
    const images = await page.locator('.article .content img').evaluateAll((imgs) => imgs.map((i) => [i.getAttribute('loading'), i.getAttribute('width'), i.getAttribute('height')]));
    assert.ok(images.every(([loading, w, h]) => loading === 'lazy' && w && h), JSON.stringify(images));
    await page.close();
  });

  it('switches to dark mode from the navbar and remembers it across a reload, without a flash', async () => {
    const page = await open(LONG);
    assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
    await page.screenshot({ path: path.join(ARTIFACTS, 'article-light.png') });
    await page.click('.sb-theme-toggle');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    assert.equal(await page.getAttribute('.sb-theme-toggle', 'aria-pressed'), 'true');
    await page.reload();
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    await page.screenshot({ path: path.join(ARTIFACTS, 'article-dark.png') });
    const firstInHead = await page.evaluate(() => document.head.firstElementChild?.textContent ?? '');
    assert.match(firstInHead, /data-theme/, 'the scheme is set before any stylesheet loads');
    await page.close();
    const system = await open(LONG, { colorScheme: 'dark' });
    assert.equal(await system.getAttribute('html', 'data-theme'), 'dark', 'follows prefers-color-scheme');
    await system.close();
  });

  it('finds an article by a Japanese word of its body, with the term highlighted', async () => {
    const parts = JSON.parse(await fs.readFile(path.join(dir, 'public/pagefind/support-blog-parts.json'), 'utf8')) as string[];
    assert.ok(parts.length >= 5, `index in ${parts.length + 1} parts`);
    const primary = path.join(dir, 'public/pagefind/fragment');
    const urls = await Promise.all((await fs.readdir(primary)).map(async (f) => /"url":"([^"]*)"/.exec(gunzipSync(await fs.readFile(path.join(primary, f))).toString())?.[1]));
    assert.equal(urls.length, 1);
    assert.notEqual(urls[0], '/Forms/Long_Article/', 'the article searched for lies in a merged part');
    const page = await open('/blog/');
    await page.click('.sb-search-button');
    await page.fill('.pagefind-ui__search-input', 'ポータル');
    await page.waitForSelector('.pagefind-ui__result-link');
    assert.equal(await page.locator('.pagefind-ui__result-link').first().innerText(), '長い記事の目次');
    assert.equal(await page.locator('.pagefind-ui__result-link').first().getAttribute('href'), '/blog/Forms/Long_Article/');
    assert.match(await page.locator('.pagefind-ui__result-excerpt').first().innerHTML(), /<mark>ポータル<\/mark>/);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.sb-search-dialog').evaluate((d: HTMLDialogElement) => d.open), false);
    await page.close();
  });

  it('prints the article alone, with the URL after each external link', async () => {
    const page = await open('/blog/Forms/Authoring_Forms/');
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.navbar-main', '.column-right', 'footer.footer']) {
      assert.equal(await page.locator(selector).evaluate((el) => getComputedStyle(el).display), 'none', selector);
    }
    const after = await page.locator('.article .content a[href="https://learn.microsoft.com/ja-jp/azure/backup/backup-architecture"]')
      .evaluate((a) => getComputedStyle(a, '::after').content);
    assert.equal(after, '" (https://learn.microsoft.com/ja-jp/azure/backup/backup-architecture)"');
    await page.close();
  });

  it('offers a skip link to the main content as the first stop of the keyboard', async () => {
    const page = await open(LONG);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'sb-skip-link');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-content');
    await page.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe-core violations (${colorScheme})`, async () => {
      for (const route of [LONG, '/blog/Forms/Admonitions/', '/blog/Forms/Authoring_Forms/', '/blog/', '/blog/tags/Fixture/', '/blog/archives/']) {
        const page = await open(route, { colorScheme });
        await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
          const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        });
        assert.deepEqual(violations, [], `${route} (${colorScheme})`);
        await page.close();
      }
    });
  }

  it('takes a malformed #fragment in the address without a script error while scrolling', async () => {
    const page = await open(`${LONG}#%zz`);
    await page.mouse.wheel(0, 1500);
    await page.waitForTimeout(300);
    await page.mouse.wheel(0, -800);
    await page.waitForTimeout(300);
    await page.close();
  });

  it('made no failed request and logged no error on any page', () => {
    assert.deepEqual(problems, []);
  });
});
