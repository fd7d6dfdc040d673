/** Admonitions on the built fixture site, and the build's warnings for mistyped markers. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { buildSite, listFiles, loadPage, makeSite, removeSite, type RunResult } from '../helpers/site';

describe('admonitions on the site', () => {
  let dir: string;
  let result: RunResult;
  before(async () => {
    dir = await makeSite();
    result = await buildSite(dir);
  });
  after(() => removeSite(dir));

  it('leaves no [! marker text in any built page', async () => {
    assert.equal(result.code, 0, result.stderr);
    const pages = (await listFiles(path.join(dir, 'public'))).filter((f) => /\.(html|xml)$/.test(f));
    for (const page of pages) {
      const $ = cheerio.load(await fs.readFile(path.join(dir, 'public', page), 'utf8'));
      assert.doesNotMatch($('body').text() || $.root().text(), /\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/i, page);
    }
  });

  it('gives every callout its role, accessible name, title and icon', async () => {
    const $ = await loadPage(dir, '/blog/Forms/Admonitions/');
    const callouts = $('.article .content .admonition');
    assert.deepEqual(callouts.map((_, el) => $(el).attr('aria-label')).get(), ['ヒント', 'メモ', '警告: 作業の前に', '重要', '注意']);
    callouts.each((_, el) => {
      assert.equal($(el).attr('role'), 'note');
      assert.equal($(el).find('> .admonition-title svg[aria-hidden="true"]').length, 1);
    });
    assert.equal($('.admonition-warning .admonition-title').text(), '作業の前に');
    assert.equal($('.admonition-caution').closest('li').length, 1);
    assert.equal($('.admonition-important table td').first().text(), '保持');
  });

  it('renders the `> ---` line as a divider, never a heading', async () => {
    const $ = await loadPage(dir, '/blog/Forms/Admonitions/');
    const tip = $('.admonition-tip');
    assert.equal(tip.find('h1, h2, h3, h4, h5, h6').length, 0);
    assert.equal(tip.find('hr').length, 1);
    assert.equal(tip.find('a[href="https://learn.microsoft.com/ja-jp/azure/backup/backup-overview"]').length, 1);
  });

  it('keeps callouts readable in the feed', async () => {
    const xml = await fs.readFile(path.join(dir, 'public/atom.xml'), 'utf8');
    assert.match(xml, /class="admonition admonition-tip" role="note"/);
    assert.match(xml, /<svg class="admonition-icon" viewBox="0 0 16 16" width="16" height="16"/);
  });
});

describe('mistyped admonition markers', () => {
  let dir: string;
  after(() => removeSite(dir));

  it('stops the build with file, line and the closest type; with fail_on: none renders a plain quote', async () => {
    dir = await makeSite({
      fixture: 'minimal',
      files: { 'source/_posts/Area/Typo.md': '---\ntitle: 打ち間違い\ndate: 2024-01-01 12:00:00\ntags:\n  - Fixture\n---\n本文\n\n> [!TIPS]\n> 種類の打ち間違い\n' },
    });
    const blocked = await buildSite(dir);
    assert.equal(blocked.code, 1);
    assert.match(blocked.stderr, /^ {2}- source\/_posts\/Area\/Typo\.md:9:3 {2}error {2}admonition\/unknown-type {2}不明な注意書きの種類 \[!TIPS\] です。.* {2}→ \[!TIP\]$/m);
    await fs.writeFile(path.join(dir, '_config.test.yml'), 'build:\n  fail_on: none\n');
    const built = await buildSite(dir);
    assert.equal(built.code, 0, built.stderr);
    assert.match(built.stdout + built.stderr,
      /WARN\s+source\/_posts\/Area\/Typo\.md:9:3 {2}error {2}admonition\/unknown-type {2}不明な注意書きの種類 \[!TIPS\] です。.* {2}→ \[!TIP\]/);
    const $ = await loadPage(dir, '/blog/Area/Typo/');
    assert.equal($('.article .content blockquote').text().trim(), '[!TIPS]種類の打ち間違い');
    assert.equal($('.admonition').length, 0);
  });
});
