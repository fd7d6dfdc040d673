import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { normalizeAdmonitionOptions } from '../../lib/admonitions/options';
import { closestType, parseMarker, readBlockquote, separateDividers } from '../../lib/admonitions/parse';
import { FIXTURES } from '../helpers/site';
import { goldenCases } from '../helpers/golden';
import { articleRenderer, renderArticle } from '../helpers/render';

const ja = normalizeAdmonitionOptions(undefined, 'ja');

describe('parseMarker', () => {
  const cases: [string, ReturnType<typeof parseMarker>][] = [
    ['[!NOTE]', { kind: 'admonition', type: 'note', title: '' }],
    ['[!tip]', { kind: 'admonition', type: 'tip', title: '' }],
    ['[!Important]  ', { kind: 'admonition', type: 'important', title: '' }],
    ['[!WARNING] 作業の前に ', { kind: 'admonition', type: 'warning', title: '作業の前に' }],
    ['[!CAUTION]\t**強調**', { kind: 'admonition', type: 'caution', title: '**強調**' }],
    ['[!TIPS]', { kind: 'unknown', written: '[!TIPS]', suggestion: 'tip' }],
    ['[!NOTE ]', { kind: 'unknown', written: '[!NOTE ]', suggestion: 'note' }],
    ['[ !NOTE]', { kind: 'unknown', written: '[ !NOTE]', suggestion: 'note' }],
    ['[!注意]', { kind: 'unknown', written: '[!注意]', suggestion: 'caution' }],
    ['[!WARN]', { kind: 'unknown', written: '[!WARN]', suggestion: 'warning' }],
    ['[!]', { kind: 'unknown', written: '[!]', suggestion: undefined }],
    ['[!XYZZYPLUGH]', { kind: 'unknown', written: '[!XYZZYPLUGH]', suggestion: undefined }],
    ['[NOTE]', undefined],
    ['普通の文 [!NOTE]', undefined],
    ['', undefined],
  ];
  for (const [line, expected] of cases) {
    it(JSON.stringify(line), () => assert.deepEqual(parseMarker(line), expected));
  }

  it('suggests by Japanese label and by spelling', () => {
    assert.equal(closestType('[!ヒント]'), 'tip');
    assert.equal(closestType('[!IMPORTNAT]'), 'important');
    assert.equal(closestType('[!CAUTOIN]'), 'caution');
  });
});

describe('readBlockquote', () => {
  it('strips markers, follows lazy continuation and stops at a blank line', () => {
    assert.deepEqual(readBlockquote('> [!NOTE]\n>本文\n続き\n\nafter'), { content: ['[!NOTE]', '本文', '続き'], length: 17 });
  });

  it('does not take a heading or a list as lazy continuation', () => {
    assert.equal(readBlockquote('> a\n## h')?.length, 4);
    assert.equal(readBlockquote('> a\n- item')?.length, 4);
    assert.equal(readBlockquote('> a\n---')?.length, 4);
    assert.equal(readBlockquote('not a quote'), undefined);
  });

  it('reads indented quotes in list items', () => {
    assert.deepEqual(readBlockquote('   > [!NOTE]\n   > x')?.content, ['[!NOTE]', 'x']);
  });
});

describe('separateDividers', () => {
  it('puts a blank line before --- under text, but not inside code', () => {
    assert.deepEqual(separateDividers(['a', '---', 'b']), ['a', '', '---', 'b']);
    assert.deepEqual(separateDividers(['---', 'b']), ['---', 'b']);
    assert.deepEqual(separateDividers(['```', 'a', '---', '```']), ['```', 'a', '---', '```']);
  });
});

describe('admonition options', () => {
  it('uses Japanese labels for ja, English otherwise, and takes overrides', () => {
    assert.equal(ja.labels.caution, '注意');
    assert.equal(normalizeAdmonitionOptions(undefined, ['en', 'ja']).labels.note, 'Note');
    assert.equal(normalizeAdmonitionOptions({ labels: { TIP: 'ポイント' } }, 'ja').labels.tip, 'ポイント');
    assert.throws(() => normalizeAdmonitionOptions({ labels: { tips: 'x' } }, 'ja'), /admonitions\.labels\.tips: unknown type/);
  });
});

const quiet = articleRenderer({ check: { rules: { 'front-matter/missing': 'off', 'front-matter/required': 'off' } } });

describe('admonition rendering (golden files)', () => {
  goldenCases(path.join(FIXTURES, 'admonitions'), (md, name) => quiet(md, `source/_posts/Fixture/${name}`));

  it('renders English labels for an English site', () => {
    assert.match(articleRenderer({ language: 'en' })('> [!WARNING]\n> x\n').html, /aria-label="Warning"[\s\S]*<strong>Warning<\/strong>/);
  });

  it('names the callout by its title, escaped once', () => {
    assert.match(renderArticle('> [!TIP] A &amp; B <b>太字</b>\n> x\n').html, /aria-label="ヒント: A &amp; B 太字"/);
  });
});

describe('admonition diagnostics', () => {
  const found = (text: string) => quiet(text).diagnostics.filter((d) => d.rule.startsWith('admonition/')).map((d) => [d.line, d.column, d.rule, d.suggestion]);

  it('reports mistyped markers and empty admonitions with their line and the marker\'s column', () => {
    const text = [
      '---', 'title: t', '---', '',                  // 1-4
      '> [!TIPS]', '> 打ち間違い', '',              // 5-7
      '```', '> [!BOGUS]', '```', '',               // 8-11: code is ignored
      '> [!NOTE]', '',                               // 12-13
      '1. 手順', '   > [!注意]', '   > x', '',      // 14-17
      '> [!WARNING]', '> > [!NOTE ]', '> > y', '',   // 18-21
      '> [!TIP]', '> 正しい', '',                    // 22-24
      '    > [!TIPS] in an indented code block', '', // 25-26
    ].join('\n');
    assert.deepEqual(found(text), [
      [5, 3, 'admonition/unknown-type', '[!TIP]'],
      [12, 3, 'admonition/empty', undefined],
      [15, 6, 'admonition/unknown-type', '[!CAUTION]'],
      [19, 5, 'admonition/unknown-type', '[!NOTE]'],
    ]);
  });

  it('counts lines in CRLF files with a BOM', () => {
    assert.deepEqual(found('\uFEFF---\r\ntitle: t\r\n---\r\n> [!TIPS]\r\n> x\r\n').map((f) => f.slice(0, 3)), [[4, 3, 'admonition/unknown-type']]);
  });

  it('finds nothing in well-formed admonitions', () => {
    assert.deepEqual(found('> [!NOTE]\n> a\n> ---\n> b\n\n> plain [!TIPS]\n'), []);
  });
});
