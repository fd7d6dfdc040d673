/** Pull request previews: where they go, what their pages say, and what their comment lists. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeSiteOptions } from '../../lib/config/site';
import type { Diagnostic } from '../../lib/diagnostics/diagnostic';
import { movedPath } from '../../lib/links/resolve';
import { resolveImageSrc } from '../../lib/images/resolve';
import { previewLocation } from '../../lib/preview/location';
import { parseNameStatus, previewMeta } from '../../lib/preview/meta';
import { markPreviewPage, previewBanner } from '../../lib/preview/page';

const site = (extra: Record<string, unknown> = {}) => normalizeSiteOptions({ url: 'https://contoso.github.io/blog/', root: '/blog/', ...extra });

describe('preview location', () => {
  it('puts a Pages preview in <root><dir>/pr-N/ of the same host', () => {
    assert.deepEqual(previewLocation(site(), 12), { root: '/blog/pr-preview/pr-12/', url: 'https://contoso.github.io/blog/pr-preview/pr-12/' });
    assert.deepEqual(previewLocation(site({ preview: { dir: '/previews/' } }), 3), { root: '/blog/previews/pr-3/', url: 'https://contoso.github.io/blog/previews/pr-3/' });
    assert.deepEqual(previewLocation(site({ url: 'https://blog.contoso.com/', root: '/' }), 5), { root: '/pr-preview/pr-5/', url: 'https://blog.contoso.com/pr-preview/pr-5/' });
  });

  it('puts an Azure preview at the root of the environment preview.url names', () => {
    assert.deepEqual(previewLocation(site({ preview: { host: 'azure', url: 'https://blue-sea-{number}.eastasia.azurestaticapps.net' } }), 7),
      { root: '/', url: 'https://blue-sea-7.eastasia.azurestaticapps.net/' });
    assert.throws(() => previewLocation(site({ preview: { host: 'azure' } }), 7), /preview\.url: preview\.host が azure のときは/);
  });

  it('rejects settings it cannot use, naming the key', () => {
    assert.throws(() => site({ preview: { host: 'netlify' } }), /preview\.host/);
    assert.throws(() => site({ preview: { dir: '../main' } }), /preview\.dir/);
    assert.throws(() => site({ preview: { umbrella: 'x' } }), /preview\.umbrella/);
  });
});

describe('links written for the site root, in a build moved elsewhere', () => {
  it('moves paths below the old root, keeps the rest', () => {
    assert.equal(movedPath('/blog/Area/Name/', '/blog/', '/blog/pr-preview/pr-12/'), '/blog/pr-preview/pr-12/Area/Name/');
    assert.equal(movedPath('/blog/pr-preview/pr-12/Area/', '/blog/', '/blog/pr-preview/pr-12/'), undefined);
    assert.equal(movedPath('/other/x.png', '/blog/', '/blog/pr-preview/pr-12/'), undefined);
    assert.equal(movedPath('/blog/x/', '/blog/', '/blog/'), undefined);
    // An Azure environment serves the site at its root.
    assert.equal(movedPath('/blog/Area/Name/', '/blog/', '/'), '/Area/Name/');
  });

  it('resolves a root-relative image written for /blog/ into the preview', () => {
    const ctx = { root: '/blog/pr-preview/pr-12/', authoredRoot: '/blog/', sourceDir: '_posts/Area', findAsset: () => undefined };
    assert.equal(resolveImageSrc('/blog/Area/Name/図 1.png', ctx), '/blog/pr-preview/pr-12/Area/Name/%E5%9B%B3%201.png');
    assert.equal(resolveImageSrc('/images/logo.png', ctx), '/blog/pr-preview/pr-12/images/logo.png');
  });
});

describe('preview pages', () => {
  const page = '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="robots" content="index"></head>' +
    '<body><a class="sb-skip-link" href="#main-content">本文へスキップ</a><nav class="navbar navbar-main"></nav></body></html>';

  it('says noindex once and shows the banner after the skip link, before the navbar', () => {
    const html = markPreviewPage(page, { number: 12, link: 'https://github.com/o/blog/pull/12' });
    assert.equal(html.match(/name="robots"/g)?.length, 1);
    assert.match(html, /<head><meta name="robots" content="noindex, nofollow">/);
    assert.match(html, /本文へスキップ<\/a><div class="sb-preview-banner" role="note">プレビュー: <a href="https:\/\/github\.com\/o\/blog\/pull\/12">pull request #12<\/a>/);
  });

  it('puts the banner first in a body without a navbar, and leaves fragments alone', () => {
    assert.match(markPreviewPage('<html><head></head><body class="x"><p>移動しました</p></body></html>', { number: 3 }), /<body class="x"><div class="sb-preview-banner"/);
    assert.equal(markPreviewPage('<p>fragment</p>', { number: 3 }), '<p>fragment</p>');
  });

  it('links only http(s) pull request pages, escaped', () => {
    assert.doesNotMatch(previewBanner({ number: 1, link: 'javascript:alert(1)' }), /<a /);
    assert.match(previewBanner({ number: 1, link: 'https://x/"><script>' }), /href="https:\/\/x\/&quot;&gt;&lt;script&gt;"/);
  });
});

describe('preview meta', () => {
  it('reads git diff --name-status -z, renames and copies with both names', () => {
    assert.deepEqual(parseNameStatus('M\0source/_posts/A/B.md\0R087\0source/_posts/A/Old.md\0source/_posts/A/New.md\0D\0x.md\0'), [
      { status: 'M', file: 'source/_posts/A/B.md' },
      { status: 'R', file: 'source/_posts/A/New.md', from: 'source/_posts/A/Old.md' },
      { status: 'D', file: 'x.md' },
    ]);
  });

  it('lists articles whose text or asset folder changed, new and moved ones, and the removed', () => {
    const routes = new Map([
      ['source/_posts/Backup/Overview.md', 'Backup/Overview/'],
      ['source/_posts/Backup/復元.md', 'Backup/復元/'],
      ['source/_posts/Backup/New.md', 'Backup/New/'],
    ]);
    const diagnostics: Diagnostic[] = [
      { file: 'source/_posts/Backup/Overview.md', line: 9, rule: 'todo/marker', severity: 'error', message: 'TODO' },
      { file: 'source/_posts/Backup/Overview.md', line: 3, rule: 'link/locale', severity: 'warning', message: 'ja-jp' },
      { file: 'source/_posts/Other.md', line: 1, rule: 'a11y/image-alt', severity: 'warning', message: 'alt' },
    ];
    const meta = previewMeta({
      number: 12, build: 'failure', sourceDir: 'source', routes, diagnostics,
      titles: new Map([['source/_posts/Backup/Overview.md', 'Azure Backup の概要']]),
      changes: [
        { status: 'M', file: 'source/_posts/Backup/Overview.md' },
        { status: 'A', file: 'source/_posts/Backup/復元/step1.png' },
        { status: 'R', file: 'source/_posts/Backup/New.md', from: 'source/_posts/Backup/Old.md' },
        { status: 'D', file: 'source/_posts/Backup/Gone.md' },
        { status: 'M', file: '_config.yml' },
        { status: 'A', file: 'source/_drafts/Draft.md' },
      ],
    });
    assert.deepEqual(meta, {
      version: 1, number: 12, build: 'failure',
      articles: [
        { file: 'source/_posts/Backup/New.md', title: 'New', path: 'Backup/New/', change: 'added', errors: 0, warnings: 0 },
        { file: 'source/_posts/Backup/Overview.md', title: 'Azure Backup の概要', path: 'Backup/Overview/', change: 'modified', errors: 1, warnings: 1 },
        { file: 'source/_posts/Backup/復元.md', title: '復元', path: 'Backup/%E5%BE%A9%E5%85%83/', change: 'modified', errors: 0, warnings: 0 },
      ],
      removed: ['source/_posts/Backup/Gone.md', 'source/_posts/Backup/Old.md'],
      check: { errors: 1, warnings: 2, files: 2 },
      errors: [{ file: 'source/_posts/Backup/Overview.md', line: 9, rule: 'todo/marker', message: 'TODO' }],
    });
  });
});
