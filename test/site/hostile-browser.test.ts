/// <reference lib="dom" />
/**
 * Front-matter written as an attacker would (titles, descriptions, tags and categories full of
 * markup that closes the element it lands in), built and opened in Chromium: no script of theirs
 * runs on any page that shows them, and readers see the text as written.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildSite, makeSite, removeSite } from '../helpers/site';
import { serveSite, type StaticServer } from '../helpers/static-server';
import { launchBrowser } from '../helpers/browser';

const TITLE = "</script><script>window.__pwned = 'title'</script><!--";

describe('hostile front-matter, in the browser', () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;

  before(async () => {
    dir = await makeSite({ fixture: 'hostile' });
    const built = await buildSite(dir);
    assert.equal(built.code, 0, built.stderr);
    server = await serveSite(path.join(dir, 'public'));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await removeSite(dir);
  });

  /**
   * Opens a page and reports whether a planted script ran, and which event-handler attributes the
   * page has (a planted `onmouseover` would wait for a reader's mouse).
   */
  async function pwned(route: string): Promise<{ value: unknown; dialogs: number; handlers: string[]; title: string; h1: string }> {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(server.origin + route, { waitUntil: 'load' });
    const value = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    const handlers = await page.evaluate(() => [...document.querySelectorAll('*')]
      .flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName.toLowerCase()}[${a.name}]`)));
    const title = await page.title();
    const h1 = await page.evaluate(() => document.querySelector<HTMLElement>('h1.title')?.innerText ?? '');
    await page.close();
    return { value, dialogs, handlers, title, h1 };
  }

  it('runs nothing on the article, and shows its title as written', async () => {
    const result = await pwned('/blog/Hostile/Title/');
    assert.deepEqual({ value: result.value, dialogs: result.dialogs, handlers: result.handlers }, { value: undefined, dialogs: 0, handlers: [] });
    assert.equal(result.h1, TITLE);
    assert.ok(result.title.startsWith(TITLE), result.title);
  });

  it('keeps the JSON-LD data intact and inside its script element', async () => {
    const html = await fs.readFile(path.join(dir, 'public/Hostile/Title/index.html'), 'utf8');
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    assert.equal(blocks.length, 1);
    const data = JSON.parse(blocks[0]![1]!) as { headline: string; description: string };
    assert.equal(data.headline, TITLE);
    assert.doesNotMatch(blocks[0]![1]!, /</);
  });

  it('runs nothing on a title that lands in attributes', async () => {
    const result = await pwned('/blog/Hostile/Attribute/');
    assert.deepEqual({ value: result.value, dialogs: result.dialogs, handlers: result.handlers }, { value: undefined, dialogs: 0, handlers: [] });
    assert.match(result.h1, /^' onmouseover='window.__pwned=1' x=' [\s\S]* 改行 & <b>太字<\/b>$/);
  });

  it('runs nothing on the pages that list them: index, archives, tags, categories', async () => {
    const routes = ['/blog/', '/blog/archives/', '/blog/tags/', '/blog/categories/'];
    const tags = await fs.readdir(path.join(dir, 'public/tags'));
    const categories = await fs.readdir(path.join(dir, 'public/categories'));
    routes.push(...tags.filter((t) => !t.endsWith('.html')).map((t) => `/blog/tags/${encodeURIComponent(t)}/`));
    routes.push(...categories.filter((c) => !c.endsWith('.html')).map((c) => `/blog/categories/${encodeURIComponent(c)}/`));
    assert.ok(routes.length >= 7, routes.join(' '));
    for (const route of routes) {
      const result = await pwned(route);
      assert.deepEqual({ route, value: result.value, dialogs: result.dialogs, handlers: result.handlers }, { route, value: undefined, dialogs: 0, handlers: [] });
    }
  });

  it('writes the feed as well-formed XML with the title as text', async () => {
    const xml = await fs.readFile(path.join(dir, 'public/atom.xml'), 'utf8');
    const page = await browser.newPage();
    const titles = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      if (doc.querySelector('parsererror')) return ['parsererror'];
      return [...doc.querySelectorAll('entry > title')].map((t) => t.textContent ?? '');
    }, xml);
    await page.close();
    assert.ok(titles.includes(TITLE), titles.join(' | '));
  });
});
