import { escapeHtml } from '../text/html';
import { recentArticlesHtml } from './listings';
import { siteOptionsOf, urlFor, type Feature } from './plugin';

const NOT_FOUND_MARK = '<!--sb-not-found-->';

/** The 404 page stays out of search engines and of the site search, which would list it as an article. */
export function markNotFoundPage(html: string): string {
  if (!html.includes(NOT_FOUND_MARK)) return html;
  return html.replace(NOT_FOUND_MARK, '')
    .replace(/<meta name="robots"[^>]*>/g, '')
    .replace('<meta charset="utf-8">', '<meta charset="utf-8"><meta name="robots" content="noindex">')
    .replace(/ data-pagefind-body(?:="[^"]*")?/g, '');
}

/**
 * A page for URLs that lead nowhere. GitHub Pages serves `404.html` of a project site for every
 * missing path under it, so a reader who follows a stale link lands on the blog, in its layout,
 * with a way on instead of GitHub's generic page.
 */
const notFound: Feature = {
  name: 'not-found',
  register(hexo) {
    hexo.extend.generator.register('support-blog-404', () => {
      const home = escapeHtml(urlFor(hexo, '/'));
      const archives = escapeHtml(urlFor(hexo, '/archives/'));
      const all = siteOptionsOf(hexo).allArticles;
      const allLink = all.path ? `<li><a href="${escapeHtml(urlFor(hexo, `/${all.path}`))}">${escapeHtml(all.title)}</a></li>` : '';
      return {
        path: '404.html',
        layout: ['page'],
        data: {
          title: 'ページが見つかりません',
          comments: false,
          content: `${NOT_FOUND_MARK}<p>お探しのページは見つかりませんでした。記事が移動したか、URL が変わった可能性があります。</p>` +
            `<ul><li><a href="${home}">トップページ</a></li><li><a href="${archives}">アーカイブ</a></li>${allLink}</ul>` +
            // The button opens the navbar's search (/js/support-blog.js); without scripts it stays hidden.
            '<p class="sb-404-search" hidden><button type="button" class="button sb-open-search">記事を検索する</button></p>' +
            recentArticlesHtml(hexo),
        },
      };
    });
    hexo.extend.filter.register('after_render:html', (html: string) => markNotFoundPage(html));
  },
};

export default notFound;
