import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { EMPTY_SLUG, Slugger, slugify, splitCustomId } from '../../lib/anchors/slug';
import { checkAnchors, scanAnchors } from '../../lib/anchors/check';
import { readSourceAnchors } from '../../lib/anchors/source';
import { buildToc } from '../../lib/toc/build';
import { readLegacyToc } from '../../lib/toc/legacy';
import { DEFAULT_TOC, mergeTocOptions } from '../../lib/toc/options';
import { FIXTURES } from '../helpers/site';
import { goldenCases } from '../helpers/golden';
import { renderArticle } from '../helpers/render';

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

  it('is deterministic', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => slugify(s) === slugify(s)));
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

describe('readLegacyToc', () => {
  it('reads entries, nesting and the closing dashes', () => {
    const lines = ['## 目次', '-----', '[1. 概要](#1)  ', '   [  1.1 一覧](#1-1)  ', '[2. 詳細](#2)', '-----', '', '## 1. 概要'];
    assert.deepEqual(readLegacyToc(lines, 0), {
      title: '目次',
      entries: [
        { text: '1. 概要', href: '#1', depth: 0, line: 2, column: 9 },
        { text: '1.1 一覧', href: '#1-1', depth: 1, line: 3, column: 15 },
        { text: '2. 詳細', href: '#2', depth: 0, line: 4, column: 9 },
      ],
      end: 6,
    });
  });

  it('accepts 目次 with a subtitle and list markers, and nothing else', () => {
    assert.equal(readLegacyToc(['# 目次 - 手順概略', '- [a](#a)'], 0)?.title, '目次 - 手順概略');
    assert.equal(readLegacyToc(['## 目次', '本文です。'], 0), undefined);
    assert.equal(readLegacyToc(['## 目次の考え方', '[a](#a)'], 0), undefined);
  });
});

describe('toc options and tree', () => {
  it('merges site and post settings', () => {
    assert.deepEqual(mergeTocOptions(DEFAULT_TOC, { max_depth: 4 }), { ...DEFAULT_TOC, maxDepth: 4 });
    assert.equal(mergeTocOptions(DEFAULT_TOC, false).enabled, false);
    assert.throws(() => mergeTocOptions(DEFAULT_TOC, { max_depth: 9 }), /toc\.max_depth must be a whole number from 1 to 6/);
    assert.throws(() => mergeTocOptions(DEFAULT_TOC, { min_depth: 4, max_depth: 3 }), /greater than/);
    assert.throws(() => mergeTocOptions(DEFAULT_TOC, { legacy: 'drop' }), /toc\.legacy must be replace or keep/);
  });

  it('nests by level and skips levels outside the range', () => {
    const h = (level: number, id: string) => ({ level, id, text: id });
    const toc = buildToc([h(1, 't'), h(3, 'a'), h(2, 'b'), h(3, 'c'), h(4, 'd'), h(2, 'e')], { minDepth: 2, maxDepth: 3 });
    assert.deepEqual(JSON.parse(JSON.stringify(toc, ['id', 'children'])), [
      { id: 'a', children: [] }, { id: 'b', children: [{ id: 'c', children: [] }] }, { id: 'e', children: [] },
    ]);
  });
});

describe('heading ids and TOCs (golden files)', () => {
  goldenCases(path.join(FIXTURES, 'anchors'), (md) => renderArticle(md).html);
});

describe('checker ids equal site ids', () => {
  for (const folder of ['anchors', 'admonitions']) {
    for (const name of readdirSync(path.join(FIXTURES, folder)).filter((f) => f.endsWith('.md'))) {
      it(`${folder}/${name}`, () => {
        const text = readFileSync(path.join(FIXTURES, folder, name), 'utf8');
        const site = renderArticle(text).headings.map(({ level, id, alias }) => ({ level, id, alias }));
        const source = readSourceAnchors(text).headings.map(({ level, id, alias }) => ({ level, id, alias }));
        assert.deepEqual(source, site);
      });
    }
  }
});

describe('checkAnchors', () => {
  it('reports broken fragments and duplicate explicit ids with line, column and suggestion', () => {
    const text = [
      '---', 'title: t', '---',                           // 1-3
      '## 目次', '[1. 概要](#1)', '[9. 存在しない](#9)', '', // 4-7
      '## <a id="1"></a> 1. 概要',                        // 8
      '## <a id="1"></a> 2. 詳細',                        // 9
      '本文 [詳細へ](#2) と [概要へ](#-1-概要) と <a href="#1">HTML</a>', // 10
      '[誤り](#1-概要) [空](#)',                          // 11
      '```', '[コード](#nope)', '```',                      // 12-14
    ].join('\n');
    assert.deepEqual(scanAnchors(text), [
      { line: 6, column: 12, rule: 'anchor/broken', message: 'リンク先 #9 に当たる見出しやアンカーがこの記事にありません。', suggestion: '#1' },
      { line: 9, column: 1, rule: 'anchor/duplicate-id', message: '見出しの id "1" はこの記事ですでに使われています。リンク先が 1 つに定まるよう、別の id にしてください。' },
      { line: 10, column: 10, rule: 'anchor/broken', message: 'リンク先 #2 に当たる見出しやアンカーがこの記事にありません。', suggestion: '#1' },
      { line: 11, column: 6, rule: 'anchor/broken', message: 'リンク先 #1-概要 に当たる見出しやアンカーがこの記事にありません。', suggestion: '#-1-概要' },
    ]);
  });

  it('accepts percent-encoded fragments and links to the more marker', () => {
    assert.deepEqual(scanAnchors('<!-- more -->\n\n## 概要\n\n[a](#%E6%A6%82%E8%A6%81) [b](#more)\n'), []);
    assert.deepEqual(checkAnchors({ headings: [], ids: new Set(), duplicates: [], links: [{ href: '#zzzzzzzz', kind: 'link', line: 1, column: 1 }] })[0]?.suggestion, undefined);
  });
});
