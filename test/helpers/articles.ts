/** Generated articles in the forms support-blog authors write, for property and fuzz tests. */
import fc from 'fast-check';

const words = fc.constantFrom('Azure', 'Backup', 'VM', 'バックアップ', 'の', '概要', '手順', '確認', 'Q1.', '1.1', 'SQL Server', 'ディスク', '復元');
const punctuation = fc.constantFrom('&', '/', '(', ')', '-', '!', '?', '「', '」', '（', '）', '、', '。', '・', '：', '！', '？', '　', '"', "'");
const entities = fc.constantFrom('&amp;', '&copy;', '&lt;', '&#x2F;', '&quot;');
const emoji = fc.constantFrom('😀', '🎉', '✅');

/** Inline text of a heading: words, punctuation, entities, code, emphasis, HTML, emoji. */
export const headingText = fc.array(fc.oneof(
  { weight: 6, arbitrary: words },
  { weight: 3, arbitrary: punctuation },
  { weight: 1, arbitrary: entities },
  { weight: 1, arbitrary: emoji },
  { weight: 1, arbitrary: words.map((w) => `\`${w}<x>\``) },
  { weight: 1, arbitrary: words.map((w) => `**${w}**`) },
  { weight: 1, arbitrary: words.map((w) => `<span>${w}</span>`) },
  { weight: 1, arbitrary: words.map((w) => `<font color="Red">${w}</font>`) },
), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(' ').trim());

const explicitId = fc.constantFrom('1', '1-1', '2', 'restore', 'faq');

/** A heading line, sometimes with an explicit id (`<a id>` before the text, or `{#id}` after it). */
export const heading = fc.tuple(fc.integer({ min: 2, max: 4 }), headingText, fc.option(explicitId, { freq: 3 }), fc.boolean())
  .map(([level, text, id, before]) => `${'#'.repeat(level)} ${id === null ? text : before ? `<a id="${id}"></a> ${text}` : `${text} {#${id}}`}`);

const url = fc.constantFrom(
  'https://learn.microsoft.com/ja-jp/azure/backup/backup-overview',
  'https://learn.microsoft.com/en-us/azure/backup/backup-overview?source=recommendations',
  'https://docs.microsoft.com/ja-jp/azure/',
  'https://example.com/a_(b)',
);

/** A paragraph with links of every form, bare URLs next to Japanese included. */
export const paragraph = fc.array(fc.oneof(
  { weight: 3, arbitrary: words },
  { weight: 2, arbitrary: fc.tuple(words, url).map(([w, u]) => `[${w}](${u})`) },
  { weight: 1, arbitrary: url.map((u) => `<${u}>`) },
  { weight: 2, arbitrary: fc.tuple(url, fc.constantFrom('を参照してください。', 'です', '）をご覧ください', ' ')).map(([u, after]) => `${u}${after}`) },
  { weight: 1, arbitrary: url.map((u) => `(${u})です`) },
  { weight: 1, arbitrary: fc.constantFrom('www.example.com', 'www.example.com/path') },
  { weight: 1, arbitrary: fc.tuple(words, url).map(([w, u]) => `<a href="${u}">${w}</a>`) },
  { weight: 1, arbitrary: fc.tuple(words, explicitId).map(([w, id]) => `[${w}](#${id})`) },
  { weight: 1, arbitrary: words.map((w) => `[${w}][ref]`) },
), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));

const admonition = fc.tuple(fc.constantFrom('NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION', 'TIPS', 'note', '注意', 'NOTE '), paragraph)
  .map(([type, body]) => `> [!${type}]\n> ${body}\n> ---\n> ・ ${body}`);

/** Code that contains what would be findings outside code. */
const code = fc.constantFrom(
  '```\n// TODO: コード内は対象外\n> [!TIPS]\n## 見出しではない\n```',
  '    > [!TIPS] インデントされたコード\n    // TODO',
  '> ```\n> TODO 引用の中のコード\n> ```',
);

/** A block of an article body. */
export const block = fc.oneof(
  { weight: 4, arbitrary: heading },
  { weight: 4, arbitrary: paragraph },
  { weight: 2, arbitrary: admonition },
  { weight: 1, arbitrary: code },
  { weight: 1, arbitrary: heading.map((h) => `${h}\n${h.replace(/<a id="[^"]*"><\/a> |\s*\{#[^}]*\}$/g, '')}`) },
);

/** A whole article: front-matter, a lead, maybe a hand-written TOC, blocks, and a reference definition. */
export const article = fc.tuple(fc.boolean(), fc.array(block, { minLength: 1, maxLength: 10 })).map(([toc, blocks]) => [
  '---', 'title: 生成した記事', 'date: 2024-06-01 10:00:00', 'tags:', '  - Information', '---', '',
  '生成した記事の導入です。', '', '<!-- more -->', '',
  ...(toc ? ['## 目次', '-----', '[1. 概要](#1)  ', '   [1.1 詳細](#1-1)  ', '[2. 手順](#2)', '-----', ''] : []),
  ...blocks.flatMap((b) => [b, '']),
  '[ref]: https://learn.microsoft.com/ja-jp/azure/backup/',
  '',
].join('\n'));

/** A fixed sample of generated articles (the seed makes a failure reproducible). */
export function sampleArticles(count: number, seed = Number(process.env.ARTICLE_SEED ?? 20261201)): string[] {
  return fc.sample(article, { numRuns: count, seed });
}
