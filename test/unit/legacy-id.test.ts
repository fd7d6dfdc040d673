/**
 * The old site's heading ids, computed from our tokens, equal what hexo-renderer-marked 4.0 on
 * marked 2.0 produced (installed as the dev dependency legacy-hexo-renderer-marked), for the forms
 * authors write and for generated headings.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadRendererPlugin } from '../../lib/markdown/render';
import { articleRenderer } from '../helpers/render';

const old = loadRendererPlugin({ url: 'https://contoso-jp-support.github.io/blog/', root: '/blog/' }, 'legacy-hexo-renderer-marked');
const context = { config: old.config, execFilterSync: (_: string, arg: unknown) => arg };
/** The ids hexo-renderer-marked 4 gave the headings of a text, in order. */
function oldIds(markdown: string): string[] {
  const html = old.render.call(context, { text: markdown }, {});
  return [...html.matchAll(/<h[1-6] id="([^"]*)"/g)].map((m) => m[1]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
}

const render = articleRenderer();
/** Our legacy id of each heading (its un-numbered form is the same as the old site's). */
function ourIds(markdown: string): string[] {
  return render(`---\ntitle: 比較\n---\n${markdown}`).article.headings.map((h) => h.legacyId ?? '');
}

const compare = (headings: string[]) => {
  const markdown = headings.map((h) => `## ${h}`).join('\n\n');
  assert.deepEqual(ourIds(markdown), oldIds(markdown), markdown);
};

describe('legacy heading ids (hexo-renderer-marked 4 on marked 2)', () => {
  const forms = [
    'Q&A タイトル', 'VM 起動・停止処理を理解しましょう', 'デスク ツアー！', '"ドラフト" にする', 'Log Analytics',
    'SQL Server &amp; SAP HANA', 'A `<div>` &copy; B', "it's **bold**'s", 'a -- b --- c ... d', '<a id="1"></a> 1. 概要',
    'Foo {#bar}', '[link "x"](#y) after', 'x_y_z __a__ *b*', 'see https://example.com/a?b=c.', '\\*escaped\\* \\"q\\"',
    'Q1. アラート メールの登録が解除されるとそのアクション グループによるメールが通知されなくなりますか?', '(注1) 2024年5月',
    '<code>a & b</code> c', '!"w"', '*"quoted"* "x"', 'DR / RTO / RPO について', '<font color="Red">重要</font>な手順',
    '手順 1: <b>準備</b>', '![画像](./a.png) 画像つき', 'C# と .NET', '100% の確認', 'タブ\tを含む',
  ];
  for (const form of forms) it(JSON.stringify(form), () => compare([form]));

  it('numbers repeated ids the way it did', () => compare(['利用方法', '利用方法', '利用方法-1', '利用方法', 'x', 'X']));

  it('agrees on generated headings', () => {
    const word = fc.constantFrom('Azure', 'Backup', 'VM', 'バックアップ', 'の', '概要', '手順', 'Q1', '1.1', 'it', 's', 'x', 'snake_case');
    const punctuation = fc.constantFrom(...'!"#$%&\'()+,-./:;=?^`{|}\t'.split(''), '「', '」', '（', '）', '、', '。', '・', '：', '！', '？', '　', '--', '...', '“', '’');
    const entity = fc.constantFrom('&amp;', '&copy;', '&lt;', '&gt;', '&#39;', '&#x2F;', '&quot;', '&nbsp;');
    const piece = fc.oneof(
      { weight: 5, arbitrary: word },
      { weight: 3, arbitrary: punctuation },
      { weight: 1, arbitrary: entity },
      { weight: 1, arbitrary: word.map((w) => `\`${w}<>\``) },
      { weight: 1, arbitrary: word.map((w) => `**${w}**`) },
      { weight: 1, arbitrary: word.map((w) => `*${w}*`) },
      { weight: 1, arbitrary: word.map((w) => `<span>${w}</span>`) },
      { weight: 1, arbitrary: fc.constantFrom('<a id="a1"></a>', '<br>') },
      { weight: 1, arbitrary: word.map((w) => `[${w}](#${w})`) },
      { weight: 1, arbitrary: word.map((w) => `~~${w}~~`) },
      { weight: 1, arbitrary: word.map((w) => `[${w}]`) },
      // A bare URL ends the same way only before a space: marked 2 took the text after it into the URL.
      // No e-mail addresses: marked 2 "mangled" them into random entities, so their old ids changed on
      // every build; and no raw `<`, unpaired `[` or stray `*`, `_`, `~` next to emphasis, where marked
      // 2.0's emphasis rules had bugs of their own.
      { weight: 1, arbitrary: fc.constantFrom('<https://example.com/a>', 'https://example.com/b ', '![図](./z.png)') },
    );
    const heading = fc.array(fc.tuple(piece, fc.constantFrom(' ', '')), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.map(([p, s]) => p + s).join('').trim())
      .filter((h) => h !== '' && !/^[#>*+\-=\d]/.test(h) && !/[\\]$/.test(h));
    fc.assert(fc.property(fc.array(heading, { minLength: 1, maxLength: 5 }).chain((hs) => fc.shuffledSubarray([...hs, ...hs], { minLength: hs.length })), (headings) => {
      compare(headings);
    }), { numRuns: Number(process.env.LEGACY_RUNS ?? 300) });
  });
});
