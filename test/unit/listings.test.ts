import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTagTree, renderAllArticles, renderRecent, renderTagTree } from '../../lib/html/listings';
import { nameReadMoreLinks } from '../../lib/html/read-more';
import { labelArticleNav } from '../../lib/html/article-nav';

const article = (title: string, date: string, area: string, tags: string[]) => ({ title, url: `/blog/${area}/${title}/`, date, area, tags });
const ARTICLES = [
  article('VM の復元', '2024/06/03', 'AzureVMBackup', ['Azure VM Backup', 'how to', '復元']),
  article('VM の構成', '2024/05/01', 'AzureVMBackup', ['Azure VM Backup', 'how to']),
  article('概要', '2024/07/01', 'General', ['Azure Backup General', 'Information']),
  article('お知らせ', '2023/01/01', '', ['お知らせ']),
];

describe('tag tree', () => {
  it('puts the other tags of each root\'s articles under it, counted, then the tags no root article uses', () => {
    const tree = buildTagTree(ARTICLES, ['Azure VM Backup', 'Azure Backup General', 'Unused']);
    assert.deepEqual(tree.roots.map((r) => [r.name, r.count, r.children.map((c) => `${c.name}:${c.count}`)]), [
      ['Azure VM Backup', 2, ['how to:2', '復元:1']],
      ['Azure Backup General', 1, ['Information:1']],
    ]);
    assert.deepEqual(tree.others.map((o) => `${o.name}:${o.count}`), ['お知らせ:1']);
  });

  it('renders links for tags with pages and escapes names; nothing without roots', () => {
    const html = renderTagTree(buildTagTree([article('a', '2024/01/01', 'A', ['<R>', 'c'])], ['<R>']), (t) => (t === 'c' ? '/blog/tags/c/' : undefined));
    assert.equal(html, '<div class="card"><nav class="card-content sb-tag-tree" aria-labelledby="sb-tag-tree-title"><h1 class="title is-5" id="sb-tag-tree-title">タグの階層</h1>' +
      '<ul><li>&lt;R&gt;<span class="sb-count">(1)</span><ul><li><a href="/blog/tags/c/">c</a><span class="sb-count">(1)</span></li></ul></li></ul></nav></div>');
    assert.equal(renderTagTree(buildTagTree(ARTICLES, []), () => undefined), '');
  });
});

describe('全記事一覧 and recent articles', () => {
  it('lists every article by area, areas by name and those without one last, newest first', () => {
    const html = renderAllArticles(ARTICLES);
    assert.match(html, /^<div class="sb-all-articles"><p>4 件の記事があります。<\/p><h2>AzureVMBackup<span class="sb-count">\(2 件\)<\/span><\/h2><ul><li><time>2024\/06\/03<\/time><a href="\/blog\/AzureVMBackup\/VM の復元\/">VM の復元<\/a><\/li><li><time>2024\/05\/01<\/time>/);
    assert.deepEqual([...html.matchAll(/<h2>([^<]*)/g)].map((m) => m[1]), ['AzureVMBackup', 'General', 'そのほか']);
  });

  it('links the newest articles for the 404 page', () => {
    assert.deepEqual([...renderRecent(ARTICLES, 2).matchAll(/<a [^>]*>([^<]*)/g)].map((m) => m[1]), ['概要', 'VM の復元']);
    assert.equal(renderRecent([], 5), '');
  });
});

describe('index and article navigation links', () => {
  it('names each 続きを読む link after its article, for screen readers', () => {
    const page = '<p class="title is-3"><a class="link-muted" href="/blog/A/">記事 A</a></p><a class="article-more button" href="/blog/A/#more">続きを読む</a>' +
      '<a class="article-more button" href="/blog/B/#more">続きを読む</a>';
    assert.equal(nameReadMoreLinks(page), '<p class="title is-3"><a class="link-muted" href="/blog/A/">記事 A</a></p>' +
      '<a class="article-more button" href="/blog/A/#more">続きを読む<span class="sb-visually-hidden">: 記事 A</span></a><a class="article-more button" href="/blog/B/#more">続きを読む</a>');
  });

  it('puts the older article (icarus\'s next) on the left as 前の記事 and the newer on the right as 次の記事', () => {
    const icarus = '<nav class="post-navigation mt-4 level is-mobile"><div class="level-start"><a class="article-nav-prev level level-item link-muted" href="/blog/new/">' +
      '<i class="level-item fas fa-chevron-left"></i><span class="level-item">新 &amp; 記事</span></a></div><div class="level-end"><a class="article-nav-next level level-item link-muted" href="/blog/old/">' +
      '<span class="level-item">旧記事</span><i class="level-item fas fa-chevron-right"></i></a></div></nav>';
    const labels = { older: '前の記事', newer: '次の記事' };
    assert.equal(labelArticleNav(icarus, labels), '<nav class="post-navigation sb-post-nav" aria-label="前の記事と次の記事">' +
      '<a class="sb-nav-older" rel="prev" href="/blog/old/"><i class="fas fa-chevron-left" aria-hidden="true"></i><span class="sb-nav-text"><span class="sb-nav-label">前の記事</span><span class="sb-nav-title">旧記事</span></span></a>' +
      '<a class="sb-nav-newer" rel="next" href="/blog/new/"><span class="sb-nav-text"><span class="sb-nav-label">次の記事</span><span class="sb-nav-title">新 &amp; 記事</span></span><i class="fas fa-chevron-right" aria-hidden="true"></i></a></nav>');
    const newest = icarus.replace(/<div class="level-start">[\s\S]*?<\/div>/, '');
    assert.match(labelArticleNav(newest, labels), /<span class="sb-nav-newer"><\/span><\/nav>$/);
    assert.equal(labelArticleNav('<p>no nav</p>', labels), '<p>no nav</p>');
  });
});
