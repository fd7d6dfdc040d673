import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Marked } from 'marked';
import { admonitionExtension } from '../../lib/admonitions/marked';
import { normalizeAdmonitionOptions } from '../../lib/admonitions/options';
import { closestType, parseMarker, readBlockquote, separateDividers } from '../../lib/admonitions/parse';
import { scanAdmonitions } from '../../lib/admonitions/scan';
import { FIXTURES } from '../helpers/site';
import { goldenCases } from '../helpers/golden';

const ja = normalizeAdmonitionOptions(undefined, 'ja');

describe('parseMarker', () => {
  const cases: [string, ReturnType<typeof parseMarker>][] = [
    ['[!NOTE]', { kind: 'admonition', type: 'note', title: '' }],
    ['[!tip]', { kind: 'admonition', type: 'tip', title: '' }],
    ['[!Important]  ', { kind: 'admonition', type: 'important', title: '' }],
    ['[!WARNING] 作業の前に ', { kind: 'admonition', type: 'warning', title: '作業の前に' }],
    ['[!CAUTION]\t**強調**', { kind: 'admonition', type: 'caution', title: '**強調**' }],
    ['[!TIPS]', { kind: 'unknown', written: '[!TIPS]', column: 1, suggestion: 'tip' }],
    ['[!NOTE ]', { kind: 'unknown', written: '[!NOTE ]', column: 1, suggestion: 'note' }],
    ['[ !NOTE]', { kind: 'unknown', written: '[ !NOTE]', column: 1, suggestion: 'note' }],
    ['[!注意]', { kind: 'unknown', written: '[!注意]', column: 1, suggestion: 'caution' }],
    ['[!WARN]', { kind: 'unknown', written: '[!WARN]', column: 1, suggestion: 'warning' }],
    ['[!]', { kind: 'unknown', written: '[!]', column: 1, suggestion: undefined }],
    ['[!XYZZYPLUGH]', { kind: 'unknown', written: '[!XYZZYPLUGH]', column: 1, suggestion: undefined }],
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
    const q = readBlockquote(['> [!NOTE]', '>本文', '続き', '', 'after'], 0);
    assert.deepEqual(q, { content: ['[!NOTE]', '本文', '続き'], end: 3, offsets: [3, 2, 1] });
  });

  it('does not take a heading or a list as lazy continuation', () => {
    assert.equal(readBlockquote(['> a', '## h'], 0)?.end, 1);
    assert.equal(readBlockquote(['> a', '- item'], 0)?.end, 1);
    assert.equal(readBlockquote(['> a', '---'], 0)?.end, 1);
  });

  it('reads indented quotes in list items', () => {
    assert.deepEqual(readBlockquote(['   > [!NOTE]', '   > x'], 0)?.content, ['[!NOTE]', 'x']);
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

describe('admonition rendering (golden files)', () => {
  const marked = new Marked({ gfm: true, breaks: true }, { extensions: [admonitionExtension(ja)] });
  goldenCases(path.join(FIXTURES, 'admonitions'), (md) => marked.parse(md, { async: false }) as string);

  it('renders English labels for an English site', () => {
    const en = new Marked({ gfm: true }, { extensions: [admonitionExtension(normalizeAdmonitionOptions(undefined, 'en'))] });
    assert.match(en.parse('> [!WARNING]\n> x\n', { async: false }) as string, /aria-label="Warning"[\s\S]*<strong>Warning<\/strong>/);
  });
});

describe('scanAdmonitions', () => {
  it('reports mistyped markers and empty admonitions with file line and column', () => {
    const text = [
      '---', 'title: t', '---', '',                  // 1-4
      '> [!TIPS]', '> 打ち間違い', '',              // 5-7
      '```', '> [!BOGUS]', '```', '',               // 8-11: code is ignored
      '> [!NOTE]', '',                               // 12-13
      '1. 手順', '   > [!注意]', '   > x', '',      // 14-17
      '> [!WARNING]', '> > [!NOTE ]', '> > y', '',   // 18-21
      '> [!TIP]', '> 正しい', '',                    // 22-24
    ].join('\n');
    assert.deepEqual(scanAdmonitions(text), [
      { line: 5, column: 3, rule: 'admonition/unknown-type', message: '不明な注意書きの種類 [!TIPS] です。通常の引用として表示されます。使える種類: NOTE, TIP, IMPORTANT, WARNING, CAUTION', suggestion: '[!TIP]' },
      { line: 12, column: 3, rule: 'admonition/empty', message: '注意書き [!NOTE] に本文がありません。' },
      { line: 15, column: 6, rule: 'admonition/unknown-type', message: '不明な注意書きの種類 [!注意] です。通常の引用として表示されます。使える種類: NOTE, TIP, IMPORTANT, WARNING, CAUTION', suggestion: '[!CAUTION]' },
      { line: 19, column: 5, rule: 'admonition/unknown-type', message: '不明な注意書きの種類 [!NOTE ] です。通常の引用として表示されます。使える種類: NOTE, TIP, IMPORTANT, WARNING, CAUTION', suggestion: '[!NOTE]' },
    ]);
  });

  it('counts lines in CRLF files with a BOM', () => {
    const findings = scanAdmonitions('\uFEFF---\r\ntitle: t\r\n---\r\n> [!TIPS]\r\n> x\r\n');
    assert.deepEqual(findings.map((f) => [f.line, f.column, f.rule]), [[4, 3, 'admonition/unknown-type']]);
  });

  it('finds nothing in well-formed admonitions', () => {
    assert.deepEqual(scanAdmonitions('> [!NOTE]\n> a\n> ---\n> b\n\n> plain [!TIPS]\n'), []);
  });
});
