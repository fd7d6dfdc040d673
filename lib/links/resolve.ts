/**
 * Where a link of an article leads, decided in one place for the build and the checker: another
 * article (by its relative `.md` path, a root path or this blog's URL), a file of the site, a page
 * Hexo generates, an external URL, or nowhere.
 */
import { posix } from 'node:path';
import { decodeHTML } from 'entities';
import { closest } from '../text/distance';
import { safeDecodeURIComponent } from '../text/uri';

/** What link resolution knows about the site. */
export interface SiteIndex {
  /** Public URL of the site with its root, e.g. https://contoso-jp-support.github.io/blog/ */
  siteUrl: string;
  /** Site root, e.g. /blog/ */
  root: string;
  /** The source folder, e.g. `source`. */
  sourceDir: string;
  /** Route below the root of each article and page (`Area/Name/`) → its file (`source/_posts/Area/Name.md`). */
  articles: Map<string, string>;
  /** The route of each article and page file. */
  routes: Map<string, string>;
  /** Every file under the source folder, relative to the site (`source/_posts/Area/Name/x.png`). */
  files: Set<string>;
}

/** Where a link leads. */
export type LinkTarget =
  | { kind: 'empty' }
  | { kind: 'fragment'; fragment: string }
  | { kind: 'external'; url: string }
  | { kind: 'scheme' }
  | { kind: 'unsafe'; scheme: string }
  | { kind: 'article'; file: string; route: string; fragment?: string }
  | { kind: 'file' }
  | { kind: 'missing'; rule: 'link/internal-missing' | 'link/missing-file'; message: string; suggestion?: string };

// Pages Hexo and icarus generate, which have no Markdown source.
const GENERATED = /^(?:$|index\.html$|page\/|tags\/?|archives\/?|categories\/?|atom\.xml$|sitemap\.xml$|404\.html$|manifest\.json$|css\/|js\/|vendor\/|img\/|pagefind\/|favicon\.)/;
const FILE_LIKE = /\.[a-z0-9]{2,5}$/i;

/**
 * The scheme a browser would act on: entities decoded and the characters it skips removed, so
 * `jav&#x61;script:` and `java\tscript:` count as `javascript:`.
 */
export function schemeOf(href: string): string | undefined {
  const plain = decodeHTML(href).replace(/[\u0000-\u0020\u007f]/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(plain)?.[1]?.toLowerCase();
}

/** Schemes that run code or smuggle content when followed; `data:` images are allowed. */
export function isUnsafe(scheme: string | undefined, href: string, isImage: boolean): boolean {
  if (scheme === 'javascript' || scheme === 'vbscript') return true;
  if (scheme === 'data') return !(isImage && /^data:image\/(png|gif|jpe?g|webp|avif);/i.test(decodeHTML(href).trim()));
  return false;
}

function splitTarget(href: string): { path: string; fragment?: string } {
  const hash = href.indexOf('#');
  const path = (hash < 0 ? href : href.slice(0, hash)).replace(/\?.*$/, '');
  return hash < 0 ? { path } : { path, fragment: href.slice(hash + 1) };
}

function withFragment(target: { kind: 'article'; file: string; route: string }, fragment: string | undefined): LinkTarget {
  return fragment ? { ...target, fragment: safeDecodeURIComponent(fragment) } : target;
}

/** Resolves a site path (below the root) to an article, a file, a generated page or a miss. */
function resolveSitePath(sitePath: string, fragment: string | undefined, index: SiteIndex, isFile: boolean): LinkTarget {
  const path = safeDecodeURIComponent(sitePath).replace(/^\/+/, '');
  const page = path.replace(/index\.html$/, '');
  const route = FILE_LIKE.test(page) ? page : page.replace(/\/?$/, '/');
  const article = index.articles.get(route) ?? index.articles.get(page);
  if (article) return withFragment({ kind: 'article', file: article, route }, fragment);
  if (index.files.has(`${index.sourceDir}/_posts/${path}`) || index.files.has(`${index.sourceDir}/${path}`) || GENERATED.test(path)) return { kind: 'file' };
  const suggestion = closest(route, index.articles.keys(), Math.max(3, Math.floor(route.length / 3)));
  return isFile || FILE_LIKE.test(path)
    ? { kind: 'missing', rule: 'link/missing-file', message: `ファイル ${index.root}${path} がありません。` }
    : { kind: 'missing', rule: 'link/internal-missing', message: `このブログに ${index.root}${path} の記事はありません。`, ...(suggestion ? { suggestion: `${index.root}${suggestion}` } : {}) };
}

/**
 * Resolves a link of the Markdown file `from` (`source/_posts/A/B.md`): fragments, external URLs,
 * this blog's URLs, root paths, relative Markdown paths (`../Area/Name.md#2`) and files.
 */
export function resolveTarget(href: string, from: string, index: SiteIndex, isImage = false): LinkTarget {
  const target = href.trim();
  if (!target) return { kind: 'empty' };
  if (target.startsWith('#')) return { kind: 'fragment', fragment: safeDecodeURIComponent(target.slice(1)) };
  const scheme = schemeOf(target);
  if (isUnsafe(scheme, target, isImage)) return { kind: 'unsafe', scheme: scheme! };
  if (scheme && scheme !== 'http' && scheme !== 'https') return { kind: 'scheme' };
  if (target.startsWith('//')) return { kind: 'external', url: `https:${target}` };
  if (scheme) {
    const site = index.siteUrl.replace(/^https?:\/\//i, '').toLowerCase();
    const rest = target.replace(/^https?:\/\//i, '');
    const lower = rest.toLowerCase();
    if (!lower.startsWith(site) && `${lower}/` !== site) return { kind: 'external', url: target };
    const { path, fragment } = splitTarget(rest.slice(Math.min(site.length, rest.length)));
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
    const route = index.routes.get(file);
    if (route !== undefined) return withFragment({ kind: 'article', file, route }, fragment);
    const suggestion = closest(file, [...index.articles.values()], Math.max(3, Math.floor(file.length / 4)));
    return { kind: 'missing', rule: 'link/internal-missing', message: `リンク先の記事 ${file} がありません。`, ...(suggestion ? { suggestion: posix.relative(fromDir, suggestion) } : {}) };
  }
  const assetDir = from.replace(/\.(md|markdown)$/i, '');
  if (index.files.has(file) || index.files.has(posix.normalize(posix.join(assetDir, safeDecodeURIComponent(path))))) return { kind: 'file' };
  if (!path && fragment !== undefined) return { kind: 'fragment', fragment: safeDecodeURIComponent(fragment) };
  return { kind: 'missing', rule: 'link/missing-file', message: `ファイル ${file} がありません。` };
}

/** The URL on the site of a relative Markdown link (`../Area/Name.md#2` → `/blog/Area/Name/#2`). */
export function articleUrl(href: string, from: string, index: Pick<SiteIndex, 'routes' | 'root'>): string | undefined {
  if (/^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(href)) return undefined;
  const { path, fragment } = splitTarget(href);
  if (!/\.(md|markdown)$/i.test(path)) return undefined;
  const file = posix.normalize(posix.join(posix.dirname(from), safeDecodeURIComponent(path)));
  const route = index.routes.get(file);
  if (route === undefined) return undefined;
  return encodeURI(`${index.root}${route}`) + (fragment !== undefined ? `#${fragment}` : '');
}

/**
 * A root-relative path written against the site's own root (`/blog/x/`), moved to where this build
 * is served (`/blog/pr-preview/pr-12/x/`); undefined when it stays as it is.
 */
export function movedPath(p: string, authoredRoot: string, root: string): string | undefined {
  if (authoredRoot === root || !p.startsWith(authoredRoot)) return undefined;
  // Already below the new root (which may itself lie below the old one).
  if (root.startsWith(authoredRoot) && p.startsWith(root)) return undefined;
  return root + p.slice(authoredRoot.length);
}

/** Hexo's date fields of a post, from its front-matter `date` as written. */
function dateParts(date: unknown): Record<string, string> {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?/.exec(typeof date === 'string' ? date.trim() : '');
  const d = date instanceof Date ? date : undefined;
  const [y, mo, da, h, mi, s] = m
    ? m.slice(1).map((v) => Number(v ?? 0))
    : d ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()] : [];
  if (y === undefined) return {};
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return { year: String(y), month: pad(mo), i_month: String(mo), day: pad(da), i_day: String(da), hour: pad(h), minute: pad(mi), second: pad(s) };
}

/**
 * The route (below the root) Hexo gives a source file, from the site's `permalink` setting and
 * the front-matter: `source/_posts/A/B.md` with `:title/` → `A/B/`; pages keep their path.
 */
export function routeOfSource(file: string, sourceDir: string, permalink: string, frontMatter: { permalink?: unknown; date?: unknown; title?: unknown }): string | undefined {
  const prefix = `${sourceDir}/`;
  if (!file.startsWith(prefix) || !/\.(md|markdown)$/i.test(file)) return undefined;
  const rel = file.slice(prefix.length);
  const pretty = (p: string) => p.replace(/^\/+/, '').replace(/index\.html$/, '');
  if (typeof frontMatter.permalink === 'string' && frontMatter.permalink.trim()) return pretty(frontMatter.permalink.trim());
  if (!rel.startsWith('_posts/')) return pretty(rel.replace(/\.(md|markdown)$/i, '.html')).replace(/\/index\.html$|^index\.html$/, (m) => (m.startsWith('/') ? '/' : ''));
  const title = rel.slice('_posts/'.length).replace(/\.(md|markdown)$/i, '');
  const fields: Record<string, string> = { title, name: posix.basename(title), post_title: typeof frontMatter.title === 'string' ? frontMatter.title : title, ...dateParts(frontMatter.date) };
  return pretty(permalink.replace(/:(\w+)/g, (whole, key: string) => fields[key] ?? whole));
}
