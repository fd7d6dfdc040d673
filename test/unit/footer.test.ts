import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { articleId, editUrl, feedbackUrl, OUTDATED_MESSAGE, renderArticleFooter, renderOutdatedBanner } from '../../lib/article/footer';
import { normalizeArticleFooterOptions } from '../../lib/article/options';
import { fillTemplate } from '../../lib/text/template';

const options = normalizeArticleFooterOptions({
  repository: 'https://github.com/contoso/blog/',
  branch: 'main',
  feedback_labels: ['feedback'],
});
const ref = { title: 'Azure Backup の概要', url: 'https://contoso.github.io/blog/A/B/', source: 'source/_posts/A/B.md' };

describe('article footer', () => {
  it('normalizes options with defaults and rejects wrong types', () => {
    assert.equal(options.repository, 'https://github.com/contoso/blog');
    assert.equal(options.labels.feedback, 'フィードバック');
    assert.deepEqual(normalizeArticleFooterOptions(undefined).feedbackLabels, []);
    assert.throws(() => normalizeArticleFooterOptions({ branch: 3 }), /article_footer\.branch must be a string/);
    assert.throws(() => normalizeArticleFooterOptions({ feedback_labels: 'x' }), /feedback_labels must be a list/);
  });

  it('derives a stable id from the source path unless one is pinned', () => {
    assert.equal(articleId(ref), articleId({ source: 'source\\_posts\\A\\B.md' }));
    assert.match(articleId(ref), /^[0-9a-f]{12}$/);
    assert.notEqual(articleId(ref), articleId({ source: 'source/_posts/A/C.md' }));
    assert.equal(articleId({ ...ref, articleId: 'kb-0042' }), 'kb-0042');
  });

  it('fills template placeholders and leaves unknown ones', () => {
    assert.equal(fillTemplate('{{ title }} / {{url}} / {{nope}}', { title: 'T', url: 'U' }), 'T / U / {{nope}}');
  });

  it('builds a prefilled new-issue URL', () => {
    const url = new URL(feedbackUrl(options, ref, '記事: {{title}}\n{{url}}\n{{source}}\n{{id}}'));
    assert.equal(url.pathname, '/contoso/blog/issues/new');
    assert.equal(url.searchParams.get('title'), '[フィードバック] Azure Backup の概要');
    assert.equal(url.searchParams.get('body'), `記事: Azure Backup の概要\nhttps://contoso.github.io/blog/A/B/\nsource/_posts/A/B.md\n${articleId(ref)}`);
    assert.equal(url.searchParams.get('labels'), 'feedback');
  });

  it('builds an edit URL under the site folder of the repository', () => {
    assert.equal(editUrl(options, ref), 'https://github.com/contoso/blog/edit/main/source/_posts/A/B.md');
    const nested = { ...options, sourceRoot: 'site', branch: 'release/2024' };
    assert.equal(editUrl(nested, { ...ref, source: 'source/_posts/A/記事.md' }),
      'https://github.com/contoso/blog/edit/release%2F2024/site/source/_posts/A/%E8%A8%98%E4%BA%8B.md');
  });

  it('renders the disclaimer and links, escaping attribute values', () => {
    const html = renderArticleFooter(options, { ...ref, title: '"引用" <b>' }, '<p>免責</p>', '{{title}}');
    assert.match(html, /^<aside class="sb-article-footer" aria-label="記事について" data-pagefind-ignore="all" data-article-id="[0-9a-f]{12}">/);
    assert.match(html, /<div class="sb-disclaimer"><p>免責<\/p><\/div>/);
    assert.doesNotMatch(html, /<b>/);
    assert.match(html, /class="sb-edit" href="https:\/\/github.com\/contoso\/blog\/edit\/main\/source\/_posts\/A\/B.md" target="_blank" rel="noopener">GitHub で編集<\/a>/);
  });

  it('renders nothing without a disclaimer or a repository', () => {
    assert.equal(renderArticleFooter(normalizeArticleFooterOptions({}), ref, '', ''), '');
  });

  it('names the contributors, escaped, unless turned off', () => {
    const html = renderArticleFooter(options, { ...ref, contributors: ['佐藤 花子', '<script>'] }, '', '');
    assert.match(html, /<p class="sb-contributors">この記事の執筆・更新: 佐藤 花子、&lt;script&gt;<\/p>/);
    const off = normalizeArticleFooterOptions({ repository: 'https://github.com/contoso/blog', contributors: false });
    assert.doesNotMatch(renderArticleFooter(off, { ...ref, contributors: ['佐藤 花子'] }, '', ''), /sb-contributors/);
    assert.throws(() => normalizeArticleFooterOptions({ contributors: 'yes' }), /contributors must be true or false/);
  });

  it('warns about an outdated article with the usual wording or the author\'s own text', () => {
    assert.equal(renderOutdatedBanner(true), `<div class="sb-outdated" role="note" data-pagefind-ignore="all"><strong>ご注意</strong> ${OUTDATED_MESSAGE}</div>`);
    assert.match(renderOutdatedBanner(' 2020 年の <b>情報</b> です。 '), /<strong>ご注意<\/strong> 2020 年の &lt;b&gt;情報&lt;\/b&gt; です。<\/div>$/);
    for (const value of [false, undefined, '', '  ', 3, ['x']]) assert.equal(renderOutdatedBanner(value), '', String(value));
  });
});
