import type Hexo from 'hexo';
import { buildTagTree, renderAllArticles, renderRecent, renderTagTree, type ListedArticle } from '../html/listings';
import { isoDayFormat } from '../html/time';
import { NO_SEARCH_MARK } from '../search/index';
import { siteOptionsOf, urlFor, type Feature } from './plugin';

interface PostDoc {
  title?: unknown;
  path: string;
  date: { toDate(): Date };
  source: string;
  tags: { map<T>(f: (t: { name: string }) => T): T[] };
}

// By Hexo's posts query, which it keeps for one generation: the tags page, 全記事一覧 and the 404
// page share one list.
const listed = new WeakMap<object, ListedArticle[]>();

/** The published articles, as the listings need them. */
export function listedArticles(hexo: Hexo): ListedArticle[] {
  const query = hexo.locals.get('posts') as unknown as { toArray(): PostDoc[] };
  const known = listed.get(query);
  if (known) return known;
  const day = isoDayFormat(siteOptionsOf(hexo).timezone || 'UTC');
  const articles = query.toArray().map((p) => {
    const parts = p.source.replace(/\\/g, '/').split('/');
    return {
      title: typeof p.title === 'string' && p.title ? p.title : p.path,
      url: urlFor(hexo, `/${p.path}`),
      date: day(p.date.toDate()).replace(/-/g, '/'),
      area: parts.length > 2 ? parts[1]! : '',
      tags: p.tags.map((t) => t.name),
    };
  });
  listed.set(query, articles);
  return articles;
}

const TAGS_PAGE = /(<div class="column order-2 column-main[^"]*"[^>]*>)(?=<div class="card widget" data-type="tags">)/;

/**
 * Pages the old theme had: the tag tree (on the tags page, from `tag_tree.roots`) and 全記事一覧
 * (`all_articles.path`). Both list what Hexo publishes, so drafts stay out.
 */
const listings: Feature = {
  name: 'listings',
  register(hexo) {
    const site = siteOptionsOf(hexo);
    let tree = '';
    hexo.extend.filter.register('before_generate', () => {
      if (!site.tagTree.roots.length) return;
      const tags = new Map((hexo.model('Tag').toArray() as unknown as { name: string; path: string }[]).map((t) => [t.name, urlFor(hexo, `/${t.path}`)]));
      tree = renderTagTree(buildTagTree(listedArticles(hexo), site.tagTree.roots), (name) => tags.get(name));
    });
    // icarus's tags page is its tags widget alone in the main column; the tree goes above it.
    hexo.extend.filter.register('after_render:html', (html: string) => (tree ? html.replace(TAGS_PAGE, `$1${tree}`) : html));

    if (site.allArticles.path) {
      hexo.extend.generator.register('support-blog-all-articles', () => ({
        path: `${site.allArticles.path}index.html`,
        layout: ['page'],
        data: { title: site.allArticles.title, comments: false, content: NO_SEARCH_MARK + renderAllArticles(listedArticles(hexo)) },
      }));
    }
  },
};

/** The 404 page's list of the newest articles. */
export function recentArticlesHtml(hexo: Hexo, count = 5): string {
  const list = renderRecent(listedArticles(hexo), count);
  return list ? `<h2>新しい記事</h2>${list}` : '';
}

export default listings;
