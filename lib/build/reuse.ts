/**
 * Page reuse between builds: a page whose inputs are as in the last build is taken from it
 * (hard-linked) instead of rendered again, so editing one article renders the article and the
 * lists it is on, not the thousand other articles.
 *
 * The rule is deliberately coarse. Every page may read everything except the articles' text:
 * settings, theme, plugins, other files, and every article's front-matter, path and date (the
 * sidebar, the neighbours' titles, tag counts). That is the shared digest; when it differs, no
 * page is reused. An article's text, rendered HTML, excerpt and last-updated date are read only by
 * the pages that show that article: its own page and the lists it is on (home, archives, tags,
 * categories). Pages made by any other generator (feed, sitemap, redirects, our lists) are always
 * rendered: they are few, and nothing here says what they read.
 */
import { createHash } from 'node:crypto';

/** Hexo's generators whose pages read only the articles they are given (their `data`). */
export const REUSABLE_GENERATORS: ReadonlySet<string> = new Set(['post', 'page', 'index', 'archive', 'category', 'tag', 'asset']);

/** What one page was made from. */
export interface RouteInputs {
  generator: string;
  /** Digests ({@link localDigest}) of the articles the page shows, in its order. */
  shown: string[];
}

/** What of an article only the pages that show it read. */
export interface ArticleText {
  source: string;
  /**
   * The key of its rendering (lib/build/render-cache.ts), when it has one: the key holds its text,
   * and its HTML, excerpt and `more` are what that text renders to, so the key stands for all four.
   */
  rendering?: string;
  raw?: unknown;
  content?: unknown;
  excerpt?: unknown;
  more?: unknown;
  /** ISO date. */
  updated?: string;
  contributors?: unknown;
}

/** What of an article every page may read (the sidebar, neighbours, tag lists). */
export interface ArticleSummary {
  source: string;
  path: string;
  title: unknown;
  /** ISO date. */
  date: string;
  published: unknown;
  layout: unknown;
  tags: string[];
  categories: string[];
  /** The front-matter as written. */
  frontMatter: string;
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * Fed field by field, each with its type and length: a thousand articles' text and HTML (tens of
 * megabytes) hash in less than half the time of one JSON.stringify of them all. With the key of the
 * rendering in their place, nothing that large is hashed at all (0.2 s less at 1,000 articles).
 */
export function localDigest(article: ArticleText): string {
  const hash = createHash('sha256');
  const values = article.rendering === undefined
    ? [article.source, article.raw, article.content, article.excerpt, article.more, article.updated, article.contributors]
    : ['rendering', article.source, article.rendering, article.updated, article.contributors];
  for (const value of values) {
    const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
    hash.update(`${typeof value} ${text.length}:`).update(text);
  }
  return hash.digest('hex');
}

const bySource = (a: { source: string }, b: { source: string }) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0);

/**
 * The shared digest of the files (lib/build/fingerprint.ts) with what every page reads of the
 * articles. `others` are the hashes of Markdown files that the file digest left out but that are
 * not articles (a note in an article's asset folder): every page may read those.
 */
export function sharedDigest(files: string, articles: ArticleSummary[], others: Record<string, string>): string {
  return digest([files, [...articles].sort(bySource), Object.entries(others).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

/** The key of a page; undefined when it is never reused. */
export function routeKey(shared: string, route: string, inputs: RouteInputs): string | undefined {
  if (!REUSABLE_GENERATORS.has(inputs.generator)) return undefined;
  return digest([shared, route, inputs.generator, inputs.shown]);
}

/** The pages whose keys are as last time. */
export function reusableRoutes(previous: Readonly<Record<string, string>>, current: Readonly<Record<string, string>>): string[] {
  return Object.keys(current).filter((route) => previous[route] === current[route]).sort();
}
