/** Behaviour that needs a real browser: the TOC scroll-spy and icarus's TOC links. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { buildSite, makeSite, removeSite } from '../helpers/site';
import { serveSite, type StaticServer } from '../helpers/static-server';
import { dumpDom } from '../helpers/chromium';

describe('in the browser', () => {
  let dir: string;
  let server: StaticServer;
  before(async () => {
    dir = await makeSite();
    const built = await buildSite(dir);
    assert.equal(built.code, 0, built.stderr);
    server = await serveSite(path.join(dir, 'public'));
  });
  after(async () => {
    await server?.close();
    await removeSite(dir);
  });

  it('marks the section being read in both tables of contents with aria-current', async () => {
    for (const id of ['2-1', '3']) {
      const $ = cheerio.load(await dumpDom(`${server.origin}/blog/Forms/Long_Article/#${id}`));
      assert.deepEqual($('nav.sb-toc a[aria-current="location"]').map((_, a) => $(a).attr('href')).get(), [`#${id}`]);
      assert.deepEqual($('#toc a[aria-current="location"]').map((_, a) => $(a).attr('href')).get(), [`#${id}`]);
    }
  });

  it('keeps icarus\'s sidebar TOC entries as real #links', async () => {
    const $ = cheerio.load(await dumpDom(`${server.origin}/blog/Forms/Long_Article/`));
    const hrefs = $('#toc .menu-list a').map((_, a) => $(a).attr('href')).get();
    assert.ok(hrefs.length > 10);
    assert.ok(hrefs.every((h) => h.startsWith('#')), hrefs.join(' '));
  });
});
