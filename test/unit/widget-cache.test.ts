import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tocObj } from 'hexo-util';
import { headingsOnly } from '../../lib/theme/toc-headings';
import { memoizeResolve, memoizeWidget, siteWideKey, type WidgetProps } from '../../lib/theme/widget-cache';

const site = {};
const config = { language: 'ja' };
const props = (over: Partial<WidgetProps> = {}): WidgetProps => ({ site, config, page: { path: 'a/index.html' }, widget: { type: 'archives' }, ...over });

describe('siteWideKey', () => {
  it('shares archives and recent posts between pages of the same language', () => {
    assert.equal(siteWideKey('archives', props()), siteWideKey('archives', props({ page: { path: 'b/index.html' } })));
    assert.notEqual(siteWideKey('archives', props()), siteWideKey('archives', props({ page: { lang: 'en', path: 'b/index.html' } })));
    assert.notEqual(siteWideKey('archives', props()), siteWideKey('archives', props({ widget: { type: 'archives', order: 1 } })));
  });

  it('keys on the page path when links are relative', () => {
    const relative = { language: 'ja', relative_link: true };
    assert.notEqual(siteWideKey('recent_posts', props({ config: relative })), siteWideKey('recent_posts', props({ config: relative, page: { path: 'b/index.html' } })));
  });

  it('does not share page-dependent widgets or calls without a page', () => {
    assert.equal(siteWideKey('toc', props()), null);
    assert.equal(siteWideKey('profile', props()), null);
    assert.equal(siteWideKey('categories', props({ widget: { showCurrent: true } })), null);
    assert.equal(siteWideKey('tags', props({ tags: [] })), null);
    assert.equal(siteWideKey('tags', { site, config }), null);
  });
});

describe('memoizeWidget', () => {
  it('renders once per site object and key', () => {
    let calls = 0;
    const render = memoizeWidget('archives', (p: WidgetProps) => ({ n: ++calls, lang: p.page?.lang }));
    const first = render(props());
    assert.equal(render(props({ page: { path: 'other' } })), first);
    assert.equal(calls, 1);
    render(props({ site: {} }));
    render(props({ page: { lang: 'en' } }));
    render({ ...props(), widget: undefined });
    assert.equal(calls, 4);
    const toc = memoizeWidget('toc', () => ++calls);
    toc(props());
    toc(props());
    assert.equal(calls, 6);
  });
});

describe('memoizeResolve', () => {
  it('remembers found and failed look-ups', () => {
    const asked: string[] = [];
    const resolve = memoizeResolve((name) => {
      asked.push(name);
      if (name === 'missing') throw new Error(`cannot find ${name}`);
      return `/x/${name}.js`;
    });
    assert.equal(resolve('a'), '/x/a.js');
    assert.equal(resolve('a'), '/x/a.js');
    assert.throws(() => resolve('missing'), /cannot find missing/);
    assert.throws(() => resolve('missing'), /cannot find missing/);
    assert.deepEqual(asked, ['a', 'missing']);
  });
});

describe('headingsOnly', () => {
  // What icarus's TOC widget computes from a page (hexo-util's tocObj, as the widget calls it).
  const toc = (html: string) => tocObj(html, { min_depth: 1, max_depth: 6 });
  const article = [
    '<p>前書き &amp; <a href="#x">リンク</a></p>',
    '<h2 id="概要"><a class="headerlink" href="#概要">#</a>概要 &lt;Azure&gt;</h2>',
    '<pre><code>&lt;h2 id="no"&gt;コード&lt;/h2&gt;</code></pre>',
    '<h3 id="step-1" data-toc-unnumbered="true">手順 <code>az backup</code> <strong>1</strong><br>続き</h3>',
    '<blockquote class="admonition note"><h4 id=\'in-note\'>注意 <img src="a.png" alt="図"></h4></blockquote>',
    '<H2 ID="upper">大文字 <span><em>入れ子</em></span></H2>',
  ].join('\n');

  it('cuts out exactly the headings the widget finds in the whole page', () => {
    const cut = headingsOnly(article);
    assert.ok(cut.length < article.length);
    assert.ok(!cut.includes('前書き') && !cut.includes('コード'));
    assert.deepEqual(toc(cut), toc(article));
    assert.equal(toc(article).length, 4);
    assert.equal(headingsOnly('<p>見出しのない記事</p>'), '');
  });

  it('cuts past admonition icons and heading permalink placeholders, which hide nothing', () => {
    const icon = '<svg class="admonition-icon" viewBox="0 0 16 16" aria-hidden="true" stroke-width="1.5"><path d="M8 1.5l6.5 12h-13z"/><g><circle cx="8" cy="11" r=".5"/></g></svg>';
    const html = [
      `<div class="admonition admonition-note" role="note"><p class="admonition-title">${icon}メモ</p><p>本文</p></div>`,
      '<h2 id="手順"><span class="heading-alias" id="step"></span>手順<!--sb-permalink:%E6%89%8B%E9%A0%86:%E6%89%8B%E9%A0%86%20%E3%81%B8%E3%81%AE%E3%83%AA%E3%83%B3%E3%82%AF--></h2>',
      '<!-- more -->',
      article,
    ].join('\n');
    const cut = headingsOnly(html);
    assert.ok(!cut.includes('admonition') && !cut.includes('more'), cut);
    assert.ok(cut.includes('<!--sb-permalink:'));
    assert.deepEqual(toc(cut), toc(html));
    assert.equal(toc(html).length, 5);
  });

  it('keeps the whole page wherever a plain cut could read differently', () => {
    for (const html of [
      `${article}<!-- <h2 id="c">コメント内</h2> -->`,
      `${article}<!--> <h2 id="c">閉じたコメントの後</h2> -->`,
      `${article}<svg><title><h2 id="t">SVG の title</h2></title></svg>`,
      `${article}<svg><text>文字</text><h2 id="v">SVG 内</h2></svg>`,
      `${article}<svg/><path d="M0 0"><h2 id="w">閉じた SVG の後</h2></path></svg>`,
      '<h2 id="a">コメント <!-- <b> --> 入り</h2>',
      '<h2 id="a">アイコン入り <svg><path d="M0 0"/></svg></h2>',
      `${article}<script>document.write('<h2 id="s">')</script>`,
      `${article}<a title="<h2 id='t'>">属性</a>`,
      '<div id="outer"><h2>自前の id がない</h2></div>',
      '<div id="outer"><h2 title="x id=y">値の中の id</h2></div>',
      '<div id="outer"><h2 id>値のない id</h2></div>',
      '<h2 id="a">段落入り<p>本文</p></h2>',
      '<h2 id="a">閉じ忘れ<h3 id="b">次</h3>',
      '<h2 id="a">食い違い</h3>',
      '<h2 id="a">自己終了 <span/>の span</h2>',
      '<h2 id="a">a < b</h2>',
      '<h2 id="a">閉じない',
    ]) {
      assert.equal(headingsOnly(html), html, html);
      assert.deepEqual(toc(headingsOnly(html)), toc(html));
    }
  });
  it('finds what the whole page gives for generated articles of headings, icons, comments and other markup', () => {
    const text = fc.constantFrom('概要', 'a &amp; b', '<code>az</code>', '<strong>強調</strong>', '<br>', '<span class="x">入れ子</span>', '<a href="#x">リンク</a>');
    const heading = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom(' id="h"', ' id=\'h2\'', '', ' class="c"'), fc.array(text, { maxLength: 3 }),
      fc.constantFrom('', '<!--sb-permalink:a:b-->', '<!-- <b> -->', '<svg><path d="M0 0"/></svg>'))
      .map(([d, attr, inner, tail]) => `<h${d}${attr}>${inner.join('')}${tail}</h${d}>`);
    const other = fc.constantFrom(
      '<p>本文</p>', '<!-- more -->', '<!---->', '<!-->', '<!-- <h2 id="c">隠れた見出し</h2> -->',
      '<svg class="i" viewBox="0 0 16 16"><path d="M1 1h2"/><g><circle cx="8" cy="8" r="1"/></g></svg>',
      '<svg><title>図</title></svg>', '<svg><text>文字</text></svg>', '<svg/>', '<svg><h2 id="s">SVG 内</h2></svg>',
      '<pre><code>&lt;h2&gt;</code></pre>', '<script>"<h2 id=q>"</script>', '<a title="<h3 id=t>">x</a>', '<div id="d">',
    );
    fc.assert(fc.property(fc.array(fc.oneof(heading, other), { maxLength: 12 }), (parts) => {
      const html = parts.join('\n');
      assert.deepEqual(toc(headingsOnly(html)), toc(html), html);
    }), { numRuns: 500 });
  });
});
