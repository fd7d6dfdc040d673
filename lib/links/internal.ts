import { posix } from 'node:path';
import { closest } from '../text/distance';
import { safeDecodeURIComponent } from '../text/uri';

/** What the checker knows about the site to resolve internal links. */
export interface SiteIndex {
  /** Public URL of the site, e.g. https://contoso-jp-support.github.io/blog/ */
  siteUrl: string;
  /** Site root, e.g. /blog/ */
  root: string;
  /** Route of each article and page (`Area/Name/`) → its Markdown file (`source/_posts/Area/Name.md`). */
  articles: Map<string, string>;
  /** Every file under source/, relative to the repository (`source/_posts/Area/Name/x.png`). */
  files: Set<string>;
}

/** Where an internal link points, or why it points nowhere. */
export type InternalTarget =
  | { kind: 'external' }
  | { kind: 'ok' }
  | { kind: 'article'; file: string; fragment?: string }
  | { kind: 'missing'; rule: 'link/internal-missing' | 'link/missing-file'; message: string; suggestion?: string };

// Pages Hexo and icarus generate, which have no Markdown source.
const GENERATED = /^(?:$|index\.html$|page\/|tags\/?|archives\/?|categories\/?|atom\.xml$|sitemap\.xml$|content\.json$|manifest\.json$|css\/|js\/|vendor\/|img\/|favicon\.)/;

/** The route of an article or page file: `source/_posts/A/B.md` → `A/B/`, `source/about/index.md` → `about/`. */
export function routeOf(file: string): string | undefined {
  const m = /^source\/(?:_posts\/)?(.+?)(?:\/index)?\.(?:md|markdown)$/.exec(file);
  return m ? `${m[1]}/` : undefined;
}


function splitTarget(href: string): { path: string; fragment?: string } {
  const hash = href.indexOf('#');
  const path = (hash < 0 ? href : href.slice(0, hash)).replace(/\?.*$/, '');
  return hash < 0 ? { path } : { path, fragment: href.slice(hash + 1) };
}

/** Resolves a site path (below the root) to an article, a file, or a miss. */
function resolveSitePath(sitePath: string, fragment: string | undefined, index: SiteIndex, isFile: boolean): InternalTarget {
  const path = safeDecodeURIComponent(sitePath).replace(/^\/+/, '');
  const route = path.replace(/index\.html$/, '').replace(/\/?$/, '/');
  const article = index.articles.get(route);
  if (article && !/\.[a-z0-9]{2,5}$/i.test(path.replace(/index\.html$/, ''))) return { kind: 'article', file: article, ...(fragment ? { fragment } : {}) };
  if (index.files.has(`source/_posts/${path}`) || index.files.has(`source/${path}`) || GENERATED.test(path)) return { kind: 'ok' };
  const suggestion = closest(route, index.articles.keys(), Math.max(3, Math.floor(route.length / 3)));
  return isFile || /\.[a-z0-9]{2,5}$/i.test(path)
    ? { kind: 'missing', rule: 'link/missing-file', message: `ファイル ${index.root}${path} がありません。` }
    : { kind: 'missing', rule: 'link/internal-missing', message: `このブログに ${index.root}${path} の記事はありません。`, ...(suggestion ? { suggestion: `${index.root}${suggestion}` } : {}) };
}

/**
 * Resolves a link of the Markdown file `from` that may point into this site: absolute URLs under
 * the site URL, root-relative paths, relative Markdown paths (`../Area/Name.md#2`) and files.
 */
export function resolveInternal(href: string, from: string, index: SiteIndex, isImage = false): InternalTarget {
  const target = href.trim();
  if (!target || target.startsWith('#') || /^(?:mailto|tel|data|javascript):/i.test(target) || target.startsWith('//')) return { kind: 'external' };
  if (/^https?:\/\//i.test(target)) {
    const site = index.siteUrl.replace(/^https?:\/\//i, '').toLowerCase();
    const rest = target.replace(/^https?:\/\//i, '');
    if (!rest.toLowerCase().startsWith(site) && !(rest.toLowerCase() + '/').startsWith(site)) return { kind: 'external' };
    const { path, fragment } = splitTarget(rest.slice(site.length));
    return resolveSitePath(path, fragment, index, isImage);
  }
  const { path, fragment } = splitTarget(target);
  if (path.startsWith('/')) {
    if (path.startsWith(index.root)) return resolveSitePath(path.slice(index.root.length), fragment, index, isImage);
    if (isImage) return resolveSitePath(path.slice(1), fragment, index, true);
    const resolved = resolveSitePath(path.slice(1), fragment, index, false);
    return resolved.kind === 'missing' ? resolved : {
      kind: 'missing', rule: 'link/internal-missing', message: `サイトのルート ${index.root} が抜けています。`, suggestion: `${index.root}${path.slice(1)}${fragment !== undefined ? `#${fragment}` : ''}`,
    };
  }
  const fromDir = posix.dirname(from);
  const file = posix.normalize(posix.join(fromDir, safeDecodeURIComponent(path)));
  if (/\.(md|markdown)$/i.test(file)) {
    if (index.files.has(file)) return { kind: 'article', file, ...(fragment ? { fragment } : {}) };
    const suggestion = closest(file, [...index.articles.values()], Math.max(3, Math.floor(file.length / 4)));
    return { kind: 'missing', rule: 'link/internal-missing', message: `リンク先の記事 ${file} がありません。`, ...(suggestion ? { suggestion: posix.relative(fromDir, suggestion) } : {}) };
  }
  const assetDir = from.replace(/\.(md|markdown)$/i, '');
  if (index.files.has(file) || index.files.has(posix.normalize(posix.join(assetDir, safeDecodeURIComponent(path))))) return { kind: 'ok' };
  return { kind: 'missing', rule: 'link/missing-file', message: `ファイル ${file} がありません。` };
}

/** Rewrites a relative Markdown link (`../Area/Name.md#2`) to the article's URL, for the site. */
export function markdownLinkToUrl(href: string, sourceDir: string, root: string): string | undefined {
  if (/^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(href)) return undefined;
  const { path, fragment } = splitTarget(href);
  if (!/\.(md|markdown)$/i.test(path)) return undefined;
  const route = routeOf(`source/${posix.normalize(posix.join(sourceDir, safeDecodeURIComponent(path)))}`);
  if (!route || route.startsWith('../')) return undefined;
  return encodeURI(`${root}${route}`) + (fragment !== undefined ? `#${fragment}` : '');
}
