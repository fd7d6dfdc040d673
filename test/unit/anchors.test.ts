import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import { EMPTY_SLUG, Slugger, slugify, splitCustomId } from '../../lib/anchors/slug';
import { buildToc } from '../../lib/toc/build';
import { DEFAULT_TOC, mergeTocOptions, normalizeTocOptions } from '../../lib/toc/options';
import { FIXTURES } from '../helpers/site';
import { goldenCases } from '../helpers/golden';
import { articleRenderer, renderArticle } from '../helpers/render';

describe('slugify (GitHub rule)', () => {
  const cases: [string, string][] = [
    ['インストール手順（Windows 版）', 'インストール手順windows-版'],
    ['Azure Backup の概要', 'azure-backup-の概要'],
    ['1. Azure Backup の概要', '1-azure-backup-の概要'],
    [' 1.1 Azure Backup のバックアップ ソリューション一覧表', '-11-azure-backup-のバックアップ-ソリューション一覧表'],
    ['1.1', '11'],
    ['Q1.', 'q1'],
    ['Q1. 「Azure VM Backup」 と 「ディスクのスナップショット」 はどれ？', 'q1-azure-vm-backup-と-ディスクのスナップショット-はどれ'],
    ['「設定」画面を開く', '設定画面を開く'],
    ['手順：準備', '手順準備'],
    ['確認！ 完了？', '確認-完了'],
    ['A、B。C・D', 'abcd'],
    ['全角\u3000スペース', '全角スペース'],
    ['ＡＢＣ　全角英字', 'ａｂｃ全角英字'],
    ['１２３', '１２３'],
    ['プ', 'プ'],
    ['\u30d5\u309a', 'プ'],
    ['ｶﾀｶﾅ', 'ｶﾀｶﾅ'],
    ['DR / RTO / RPO について', 'dr--rto--rpo-について'],
    ['Azure Kubernetes Service (AKS) バックアップ', 'azure-kubernetes-service-aks-バックアップ'],
    ['SQL Server & SAP HANA', 'sql-server--sap-hana'],
    ['C# と .NET', 'c-と-net'],
    ['snake_case_name', 'snake_case_name'],
    ['already-dashed', 'already-dashed'],
    ['UPPER lower', 'upper-lower'],
    ['Ünïcödé Äccents', 'ünïcödé-äccents'],
    ['絵文字 😀 入り', '絵文字--入り'],
    ['🎉', EMPTY_SLUG],
    ['！？', EMPTY_SLUG],
    ['「」', EMPTY_SLUG],
    ['', EMPTY_SLUG],
    ['<font> のタグ名', 'font-のタグ名'],
    ['タブ\tを含む', 'タブを含む'],
    ['改行\nを含む', '改行を含む'],
    ['100%', '100'],
    ['v1.2.3 の変更点', 'v123-の変更点'],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(slugify(text), expected));
  }

  it('never yields whitespace, for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => !/\s/u.test(slugify(s)) && slugify(s).length > 0));
  });

  it('gives a slug back unchanged (GitHub slugs its own output to itself)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      const slug = slugify(s);
      return slug === EMPTY_SLUG || slugify(slug) === slug;
    }));
  });

  it('never gives two headings of one article the same id, nor an id that was reserved', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 8 }), { maxLength: 40 }), fc.array(fc.constantFrom<string>('a', 'a-1', '1', EMPTY_SLUG), { maxLength: 3 }), (texts, reserved) => {
      const slugger = new Slugger(reserved);
      const ids = texts.map((t) => slugger.slug(t));
      return new Set(ids).size === ids.length && ids.every((id) => !reserved.includes(id));
    }));
  });

  it('numbers duplicates like GitHub', () => {
    const s = new Slugger();
    assert.deepEqual(['利用方法', '利用方法', '利用方法-1', '利用方法'].map((t) => s.slug(t)), ['利用方法', '利用方法-1', '利用方法-1-1', '利用方法-2']);
  });

  it('splits a trailing {#id}', () => {
    assert.deepEqual(splitCustomId('復元 {#restore}'), { text: '復元', id: 'restore' });
    assert.deepEqual(splitCustomId('{#a} は途中'), { text: '{#a} は途中' });
  });
});

describe('toc options and tree', () => {
  it('merges site and post settings, in this site\'s keys and the old theme\'s', () => {
    assert.deepEqual(mergeTocOptions(DEFAULT_TOC, { max_depth: 4 }).options, { ...DEFAULT_TOC, maxDepth: 4 });
    assert.equal(mergeTocOptions(DEFAULT_TOC, false).options.enabled, false);
    assert.equal(mergeTocOptions(DEFAULT_TOC, { enabled: false }).options.enabled, false);
    assert.equal(mergeTocOptions(DEFAULT_TOC, { enable: false }).options.enabled, false);
    assert.deepEqual(mergeTocOptions(DEFAULT_TOC, { min_depth: 2, max_depth: 4, list_number: true }).options, { ...DEFAULT_TOC, maxDepth: 4, listNumber: true });
    assert.throws(() => mergeTocOptions(DEFAULT_TOC, { max_depth: 9 }), /toc\.max_depth: 1 以上 6 以下の整数にしてください/);
    assert.throws(() => mergeTocOptions(DEFAULT_TOC, { min_depth: 4, max_depth: 3 }), /toc\.min_depth \(4\) が toc\.max_depth \(3\) より大きく/);
    assert.throws(() => mergeTocOptions(DEFAULT_TOC, { legacy: 'drop' }), /toc\.legacy: replace、keep のいずれかにしてください/);
  });

  it('returns unknown keys with the closest known one, and the site section rejects them', () => {
    assert.deepEqual(mergeTocOptions(DEFAULT_TOC, { maxdepth: 4, colour: 'red' }).unknown, [{ key: 'maxdepth', suggestion: 'max_depth' }, { key: 'colour' }]);
    assert.throws(() => normalizeTocOptions({ maxdepth: 4 }), /toc\.maxdepth: 不明な設定です \(toc\.max_depth のことですか\?\)/);
  });

  it('nests by level and skips levels outside the range', () => {
    const h = (level: number, id: string) => ({ level, id, text: id });
    const toc = buildToc([h(1, 't'), h(3, 'a'), h(2, 'b'), h(3, 'c'), h(4, 'd'), h(2, 'e')], { minDepth: 2, maxDepth: 3 });
    assert.deepEqual(JSON.parse(JSON.stringify(toc, ['id', 'children'])), [
      { id: 'a', children: [] }, { id: 'b', children: [{ id: 'c', children: [] }] }, { id: 'e', children: [] },
    ]);
  });
});

const quiet = articleRenderer({ check: { rules: { 'front-matter/missing': 'off', 'front-matter/required': 'off' } } });

describe('heading ids and TOCs (golden files)', () => {
  goldenCases(path.join(FIXTURES, 'anchors'), (md, name) => quiet(md, `source/_posts/Fixture/${name}`));
});

const page = (md: string) => cheerio.load(renderArticle(md).html, null, false);
const ids = ($: cheerio.CheerioAPI) => $('[id]').map((_, el) => $(el).attr('id')).get();

describe('heading ids: canonical, GitHub and the old site', () => {
  it('decodes entities before slugging and escapes TOC text and labels once', () => {
    const $ = page('## SQL Server &amp; SAP HANA\n\n## DR / RTO / RPO\n\n## `<div>` と &copy;\n');
    assert.deepEqual($('h2').map((_, el) => $(el).attr('id')).get(), ['sql-server--sap-hana', 'dr--rto--rpo', 'div-と-']);
    assert.deepEqual($('.sb-toc a').map((_, el) => $(el).text()).get(), ['SQL Server & SAP HANA', 'DR / RTO / RPO', '<div> と ©']);
    assert.match(renderArticle('## DR / RTO\n\n## b\n').html, /<a href="#dr--rto">DR \/ RTO<\/a>/);
    assert.match(renderArticle('## A & B\n\n## b\n').html, /sb-permalink:a--b:%E3%80%8CA%20%26%20B%E3%80%8D/);
  });

  it('answers to the old site\'s ids too, as empty elements inside the heading', () => {
    const $ = page('## Q&A タイトル\n\n## Log Analytics\n\n## "ドラフト" にする\n\n## 利用方法\n\n## 利用方法\n');
    assert.deepEqual(ids($), [
      'qa-タイトル', 'Q-amp-A-タイトル', 'log-analytics', 'Log-Analytics', 'ドラフト-にする', '“ドラフト”-にする', '利用方法', '利用方法-1',
    ]);
    assert.equal($('h2 > span.heading-alias:empty').length, 3);
    assert.deepEqual($('.sb-toc a').map((_, el) => $(el).attr('href')).get(), ['#qa-タイトル', '#log-analytics', '#ドラフト-にする', '#利用方法', '#利用方法-1']);
  });

  it('keeps explicit ids first, GitHub\'s slug (which sees {#id} as text) and the old id as aliases', () => {
    const $ = page('## <a id="1"></a> 1. 概要\n\n## 復元 {#restore}\n');
    assert.deepEqual(ids($), ['1', '-1-概要', '1-概要', 'restore', '復元-restore']);
    assert.equal($('#restore').text().trim().replace(/\s+/g, ' '), '復元');
  });

  it('can be told to leave the old ids out', () => {
    const $ = cheerio.load(articleRenderer({ anchors: { legacy_ids: false } })('## Log Analytics\n').html, null, false);
    assert.deepEqual(ids($), ['log-analytics']);
  });

  it('never gives an alias the id of another element', () => {
    const $ = page('## Foo\n\n## foo {#Foo}\n');
    const all = ids($);
    assert.equal(new Set(all).size, all.length);
  });
});

describe('hand-written TOC blocks', () => {
  const toc = (md: string) => {
    // Without front-matter, Hexo reads the text above a `---` line as YAML.
    const { html, article } = renderArticle(`---\ntitle: 目次\n---\n${md}`);
    const $ = cheerio.load(html, null, false);
    return { $, article, headings: $('h1, h2, h3').map((_, el) => $(el).text().trim()).get() };
  };
  const body = '\n## <a id="1"></a> 1. 概要\n### <a id="1-1"></a> 1.1 手順\n## <a id="2"></a> 2. 詳細\n';
  const forms: [string, string][] = [
    ['dashes and spaces', '## 目次\n-----\n[1. 概要](#1)  \n   [  1.1 手順](#1-1)  \n[2. 詳細](#2)\n-----\n'],
    ['&emsp; indentation', '## 目次\n[1. 概要](#1)<br>\n&emsp;&emsp;[1.1 手順](#1-1)<br>\n[2. 詳細](#2)\n'],
    ['&ensp; and &nbsp;', '## 目次\n[1. 概要](#1)  \n&ensp;&nbsp;[1.1 手順](#1-1)  \n[2. 詳細](#2)\n'],
    ['a single space and spaces in brackets', '## 目次\n [ 1. 概要 ](#1)  \n   [ 1.1 手順](#1-1)  \n [ 2. 詳細](#2)\n'],
    ['brackets in the link text', '## 目次\n[1. [既存の置き換え] の場合](#1)  \n[1.1 手順](#1-1)  \n[2. 詳細](#2)\n'],
    ['a list', '## 目次\n- [1. 概要](#1)\n  - [1.1 手順](#1-1)\n- [2. 詳細](#2)\n'],
    ['numbers before the links', '## 目次\n1. [概要](#1)\n2. [詳細](#2)\n'],
    ['tabs and U+3000', '## 目次\n[1. 概要](#1)\n\t[1.1 手順](#1-1)\n　[2. 詳細](#2)\n'],
    ['===== and ***** rules', '## 目次\n=====\n[1. 概要](#1)  \n[2. 詳細](#2)  \n*****\n'],
    ['___ rules', '___\n[1. 概要](#1)  \n[2. 詳細](#2)\n___\n'],
    ['Contents', '## Contents\n[1. 概要](#1)  \n[2. 詳細](#2)\n-----\n'],
    ['no heading, last line over a rule', '[1. 概要](#1)  \n[2. 詳細](#2)  \n-----\n'],
  ];
  for (const [name, block] of forms) {
    it(`is replaced by the automatic TOC: ${name}`, () => {
      const { $, headings, article } = toc(`導入です。\n\n${block}${body}`);
      assert.deepEqual(headings, ['1. 概要', '1.1 手順', '2. 詳細']);
      assert.equal($('nav.sb-toc').length, 1);
      assert.equal($('nav.sb-toc-legacy').length, 0);
      assert.equal(article.tocBlocks.length, 1);
      assert.equal(article.tocBlocks[0]!.replaced, true);
    });
  }

  it('keeps the 目次 ids as targets, so links back to the TOC work', () => {
    const { $, article } = toc(`## 目次\n[1. 概要](#1)  \n[2. 詳細](#2)\n${body}\n[目次に戻る](#目次)\n`);
    assert.equal($('nav.sb-toc').attr('id'), '目次');
    assert.equal(renderArticle(`---\ntitle: t\n---\n## 目次\n[1. 概要](#1)  \n[2. 詳細](#2)\n${body}\n[目次に戻る](#目次)\n`).diagnostics.filter((d) => d.rule.startsWith('anchor/')).length, 0);
    assert.equal(article.headings.find((h) => h.text === '目次')?.tocTitle, true);
  });

  it('goes as deep as the author\'s TOC went', () => {
    const { $ } = toc('## 目次\n[1. 概要](#1)  \n&emsp;[1.1.1 細目](#x)\n[2](#2)\n\n## <a id="1"></a> 1. 概要\n#### 1.1.1 細目 {#x}\n## <a id="2"></a> 2\n');
    assert.deepEqual($('.sb-toc a').map((_, el) => $(el).attr('href')).get(), ['#1', '#x', '#2']);
  });

  it('shows a block of in-page links under a content heading as a list, and keeps that heading', () => {
    const { $, headings } = toc(`導入\n${body}\n## 代替案\n[方法 A](#1)  \n[方法 B](#2)\n`);
    assert.deepEqual(headings, ['1. 概要', '1.1 手順', '2. 詳細', '代替案']);
    assert.equal($('nav.sb-toc-legacy li').length, 2);
  });

  it('never makes a paragraph of several lines over --- a heading', () => {
    const { $ } = toc('一行目\n二行目\n---\n\n一行だけ\n---\n');
    assert.deepEqual($('h2').map((_, el) => $(el).text().trim()).get(), ['一行だけ']);
    assert.equal($('hr').length, 1);
    assert.match(cheerio.load(articleRenderer({ markdown: { setext: 'commonmark' } })('一行目\n二行目\n---\n').html, null, false)('h2').text(), /一行目\s*二行目/);
  });

  it('is not a single back-link, nor links to other pages', () => {
    assert.equal(toc('[目次に戻る](#目次)\n\n## a\n').article.tocBlocks.length, 0);
    assert.equal(toc('[a](../A/B.md)  \n[b](../A/C.md)\n\n## a\n').article.tocBlocks.length, 0);
  });
});

describe('the title repeated as the first heading', () => {
  const fm = (title: string) => `---\ntitle: ${title}\ndate: 2024-01-01 00:00:00\ntags: [a]\n---\n`;
  it('is not rendered when it equals the title (spaces and case ignored)', () => {
    const { html, article } = renderArticle(`${fm('Azure Backup の概要')}# azure backup　の 概要\n\n本文\n\n## 見出し\n`);
    assert.doesNotMatch(html, /<h1/);
    assert.equal(article.headings[0]!.dropped, true);
    assert.match(html, /<span class="heading-alias" id="azure-backupの-概要"><\/span>/);
  });

  it('stays when it differs, and code is never touched', () => {
    assert.match(renderArticle(`${fm('タイトル')}# 別の見出し\n`).html, /<h1 id="別の見出し">/);
    assert.match(renderArticle(`${fm('タイトル')}\`\`\`\n# タイトル\n\`\`\`\n`).html, /<code># タイトル/);
    assert.match(articleRenderer({ markdown: { title_heading: 'keep' } })(`${fm('タイトル')}# タイトル\n`).html, /<h1 id="タイトル">/);
  });
});
