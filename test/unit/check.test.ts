import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkDate } from '../../lib/check/front-matter';
import { normalizeCheckOptions } from '../../lib/check/options';
import { runChecks } from '../../lib/check/run';
import { formatGithub, formatJson, formatText } from '../../lib/diagnostics/report';
import { FIXTURES } from '../helpers/site';
import { articleRenderer } from '../helpers/render';

const check = async (name: string) => {
  const { diagnostics } = await runChecks(path.join(FIXTURES, 'check'), [`source/_posts/Area/${name}`]);
  return diagnostics.map((d) => [d.line, d.column, d.rule, d.severity, ...(d.suggestion ? [d.suggestion] : [])]);
};

describe('checkArticle', () => {
  it('passes a clean article, Japanese false positives and code included', async () => {
    assert.deepEqual(await check('Clean.md'), []);
  });

  it('finds every leftover note with line and column', async () => {
    assert.deepEqual(await check('Leftovers.md'), [
      [8, 1, 'todo/comment-line', 'error'], [8, 4, 'todo/marker', 'error'],
      [9, 1, 'todo/comment-line', 'error'],
      [10, 1, 'todo/marker', 'error'],
      [11, 1, 'todo/marker', 'error'],
      [12, 6, 'todo/marker', 'error'],
      [15, 23, 'link/empty', 'error'], [15, 27, 'todo/comment-line', 'error'], [15, 30, 'todo/japanese', 'error'], [15, 33, 'todo/japanese', 'error'],
      [17, 3, 'todo/japanese', 'error'], [17, 8, 'todo/japanese', 'error'],
      [18, 10, 'todo/japanese', 'error'],
      [19, 11, 'todo/japanese', 'error'],
      [20, 1, 'todo/html-comment', 'error'],
      [21, 1, 'todo/html-comment', 'error'],
      [30, 10, 'link/empty', 'error'],
    ]);
  });

  it('checks front-matter: date padding, tags, types and unknown keys', async () => {
    assert.deepEqual(await check('Bad_Front_Matter.md'), [
      [3, 7, 'front-matter/date-format', 'warning', '2024-05-07 09:00:00'],
      [5, 5, 'front-matter/tag', 'warning', 'Information'],
      [6, 6, 'front-matter/tag', 'warning', 'how to'],
      [7, 5, 'front-matter/tag', 'warning'],
      [8, 1, 'front-matter/type', 'error'],
      [9, 1, 'front-matter/unknown-key', 'warning'],
      [10, 1, 'front-matter/type', 'error'],
    ]);
  });

  it('reports broken YAML at its line in the file', async () => {
    assert.deepEqual(await check('Broken_Yaml.md'), [[4, 1, 'front-matter/yaml', 'error']]);
  });

  it('reports missing keys, a mistyped admonition and a broken anchor', async () => {
    assert.deepEqual(await check('Missing.md'), [
      [2, undefined, 'front-matter/required', 'error'], [2, undefined, 'front-matter/required', 'error'],
      [5, 3, 'admonition/unknown-type', 'error', '[!TIP]'],
      [9, 11, 'anchor/broken', 'error', '#見出し'],
    ]);
    assert.deepEqual(await check('No_Front_Matter.md'), [[1, undefined, 'front-matter/missing', 'error']]);
  });

  it('warns about images without alternative text', async () => {
    assert.deepEqual(await check('Images.md'), [
      [8, 5, 'a11y/image-alt', 'warning'],
      [9, 11, 'a11y/image-alt', 'warning'],
      [10, 11, 'a11y/image-alt', 'warning'],
    ]);
  });

  it('takes severities from the configuration', () => {
    const relaxed = articleRenderer({ check: { tags: [], rules: { 'todo/japanese': 'off', 'todo/marker': 'warning' } } });
    const text = '---\ntitle: t\ndate: 2024-01-01\ntags: [a]\n---\nTODO あとで\n';
    assert.deepEqual(relaxed(text).diagnostics.map((d) => [d.rule, d.severity]), [['todo/marker', 'warning']]);
    assert.throws(() => normalizeCheckOptions({ rules: { 'todo/nope': 'error' } }), /check\.rules\.todo\/nope: 不明なルールです/);
    assert.throws(() => normalizeCheckOptions({ japaneseMarkers: ['x'] }), /check\.japaneseMarkers: 不明な設定です \(check\.japanese_markers のことですか\?\)/);
  });
});

describe('checker helpers', () => {
  it('reads dates with and without zero padding', () => {
    assert.deepEqual(checkDate('2024-05-07 12:00:00'), { valid: true });
    assert.deepEqual(checkDate('2024-5-7 9:00:00'), { valid: true, padded: '2024-05-07 09:00:00' });
    assert.deepEqual(checkDate('2024-02-30'), { valid: false });
    assert.deepEqual(checkDate('昨日'), { valid: false });
  });

  it('reads no note in code spans, code blocks or indented code', () => {
    const { diagnostics } = articleRenderer({ check: { tags: [] } })('---\ntitle: t\ndate: 2024-01-01\ntags: [a]\n---\na `TODO` b ``x`TODO`` c\n\n```\n// TODO\n```\n\n    // TODO in indented code\n\n> ```\n> TODO in quoted code\n> ```\n');
    assert.deepEqual(diagnostics, []);
  });
});

describe('report formats', () => {
  const diagnostics = [
    { file: 'source/_posts/b.md', line: 3, column: 1, rule: 'todo/marker', severity: 'error' as const, message: 'メモ: 残っています, 100%' },
    { file: 'source/_posts/a.md', line: 2, column: 5, rule: 'front-matter/date-format', severity: 'warning' as const, message: 'ゼロ埋め', suggestion: '2024-05-07' },
  ];

  it('prints text grouped by file with a summary', () => {
    assert.equal(formatText(diagnostics, 4), [
      'source/_posts/a.md:2:5  warning  front-matter/date-format  ゼロ埋め  → 2024-05-07',
      '',
      'source/_posts/b.md:3:1  error    todo/marker  メモ: 残っています, 100%',
      '',
      '4 件のファイルを確認: エラー 1 件、警告 1 件 (2 ファイル)',
    ].join('\n'));
    assert.equal(formatText([], 4), '4 件のファイルを確認: 問題は見つかりませんでした');
  });

  it('prints GitHub workflow commands with escaped properties', () => {
    assert.equal(formatGithub(diagnostics), [
      '::warning file=source/_posts/a.md,line=2,col=5,title=front-matter/date-format::ゼロ埋め → 2024-05-07',
      '::error file=source/_posts/b.md,line=3,col=1,title=todo/marker::メモ: 残っています, 100%25',
    ].join('\n'));
  });

  it('prints a JSON array of the diagnostic shape', () => {
    assert.deepEqual(JSON.parse(formatJson(diagnostics)).map((d: object) => Object.keys(d)), [
      ['file', 'line', 'column', 'rule', 'severity', 'message', 'suggestion'],
      ['file', 'line', 'column', 'rule', 'severity', 'message'],
    ]);
  });
});
