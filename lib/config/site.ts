/**
 * The site's settings: one loader for the build, `npm run check`, `npm run new` and
 * `npm run import`, and one normaliser per section of ours. Hexo's own keys are read as Hexo
 * reads them; our sections reject keys they do not know, naming the closest known one.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { normalizeAdmonitionOptions, type AdmonitionOptions } from '../admonitions/options';
import { normalizeArticleFooterOptions, type ArticleFooterOptions } from '../article/options';
import { normalizeCheckOptions, type CheckOptions } from '../check/options';
import { normalizeLinkOptions, type LinkOptions } from '../links/options';
import type { MarkdownOptions } from '../markdown/engine';
import { DEFAULT_PAGES_PER_INDEX } from '../search/index';
import { normalizeTocOptions, type TocOptions } from '../toc/options';
import { boolean, ConfigError, integer, mapping, oneOf, rejectUnknownKeys, string, stringList } from './section';

/** Everything our code reads from the configuration, normalised. */
export interface SiteOptions {
  /** Public URL of the site, ending in `/` (e.g. https://contoso.github.io/blog/). */
  url: string;
  /** Path of the site on its host, `/` at both ends (e.g. /blog/). */
  root: string;
  permalink: string;
  sourceDir: string;
  timezone: string;
  /** First language of the site, e.g. `ja`. */
  language: string;
  toc: TocOptions;
  admonitions: AdmonitionOptions;
  anchors: { legacyIds: boolean };
  markdown: MarkdownOptions;
  check: CheckOptions;
  links: LinkOptions;
  articleFooter: ArticleFooterOptions;
  newPost: { defaultArea: string; defaultTags: string[] };
  build: {
    failOn: 'none' | 'error' | 'warning';
    /**
     * The root that root-relative links in articles are written against (`/blog/…`): the site's
     * own root, unless the runner moved the build elsewhere (`--root`, `--preview`), where such
     * links are moved along with it.
     */
    authoredRoot: string;
    /** The site's own URL, which full links to its pages in articles are written with. */
    authoredUrl: string;
    /**
     * Pages whose inputs are as in the last build are taken from it instead of rendered again
     * (lib/build/reuse.ts); the output is the same either way.
     */
    reuse: boolean;
  };
  search: { index: boolean; pagesPerIndex: number };
  /**
   * `purge`: drop icarus's unused rules after the build. `worker`: compile the theme's stylus in a
   * worker thread while the articles render (the output is the same either way).
   */
  css: { purge: boolean; worker: boolean };
  widgets: { cache: boolean };
  limits: { maxArticleMb: number; maxNesting: number; allowSymlinks: boolean };
  /** Old URLs (below the root) and where their pages are now: each gets a redirect page. */
  redirects: Record<string, string>;
  /** Tags shown as the roots of the tag tree, with the other tags of their articles under them. */
  tagTree: { roots: string[] };
  /** Screenshots: a thin border, and the author's `alt` text as a caption. */
  images: { border: boolean; caption: boolean };
  /** The page listing every article (全記事一覧), below the root; empty for none. */
  allArticles: { path: string; title: string };
  /** Footer links of every page, label → URL, in order. */
  footerLinks: Record<string, string>;
  /** Articles whose last update (from git) is older than this many months are listed by `check --review`. */
  review: { afterMonths: number };
  preview: PreviewOptions;
}

/**
 * Where pull request previews go (`host`, `dir`, `url`) and, in a preview build (`--preview N`),
 * which pull request this is: such a build adds noindex, leaves the sitemap out and shows a banner.
 */
export interface PreviewOptions {
  /** `pages`: a folder of the Pages site (`<root><dir>/pr-N/`); `azure`: a Static Web Apps environment. */
  host: 'pages' | 'azure';
  dir: string;
  /** The preview's URL for `azure`, with `{number}` standing for the pull request's number. */
  url?: string;
  number?: number;
  link?: string;
}

/** Reads `key` of a section, or the old flat key it replaces (`search_index` for `search.index`). */
function aliased(config: Record<string, unknown>, section: Record<string, unknown>, key: string, flat: string): unknown {
  return section[key] ?? config[flat];
}

/** Normalises the merged configuration; throws a ConfigError naming the key that is wrong. */
export function normalizeSiteOptions(config: Record<string, unknown>): SiteOptions {
  const root = string(config.root, 'root', '/').replace(/^\/?/, '/').replace(/\/?$/, '/');
  const url = string(config.url, 'url', 'http://example.com').replace(/\/?$/, '/');
  const language = Array.isArray(config.language) ? String(config.language[0] ?? 'en') : string(config.language, 'language', 'en');

  const anchors = mapping(config.anchors, 'anchors');
  rejectUnknownKeys(anchors, ['legacy_ids'], 'anchors');
  const markdown = mapping(config.markdown, 'markdown');
  rejectUnknownKeys(markdown, ['setext', 'title_heading'], 'markdown');
  const newPost = mapping(config.new_post, 'new_post');
  rejectUnknownKeys(newPost, ['default_area', 'default_tags'], 'new_post');
  const build = mapping(config.build, 'build');
  rejectUnknownKeys(build, ['fail_on', 'authored_root', 'authored_url', 'reuse'], 'build');
  const search = mapping(config.search, 'search');
  rejectUnknownKeys(search, ['index', 'pages_per_index'], 'search');
  const css = mapping(config.css, 'css');
  rejectUnknownKeys(css, ['purge', 'worker'], 'css');
  const widgets = config.widgets === undefined || Array.isArray(config.widgets) ? {} : mapping(config.widgets, 'widgets');
  rejectUnknownKeys(widgets, ['cache'], 'widgets');
  const limits = mapping(config.limits, 'limits');
  rejectUnknownKeys(limits, ['max_article_mb', 'max_nesting', 'allow_symlinks'], 'limits');

  const redirects = mapping(config.redirects, 'redirects');
  for (const [from, to] of Object.entries(redirects)) {
    if (typeof to !== 'string' || !to) throw new ConfigError(`redirects.${from}`, '移動先のパス (ルートからの相対パス) を書いてください');
  }
  const tagTree = mapping(config.tag_tree, 'tag_tree');
  rejectUnknownKeys(tagTree, ['roots'], 'tag_tree');
  const images = mapping(config.images, 'images');
  rejectUnknownKeys(images, ['border', 'caption'], 'images');
  const allArticles = mapping(config.all_articles, 'all_articles');
  rejectUnknownKeys(allArticles, ['path', 'title'], 'all_articles');
  const allArticlesPath = string(allArticles.path, 'all_articles.path', 'all-articles/').replace(/^\/+/, '').replace(/(?<=[^/])$/, '/');
  if (allArticlesPath && !/^[\w.-]+(\/[\w.-]+)*\/$/.test(allArticlesPath)) throw new ConfigError('all_articles.path', `英数字のパスにしてください (今の値: ${JSON.stringify(allArticles.path)})`);
  const footerLinks = mapping(config.footer_links, 'footer_links');
  for (const [label, href] of Object.entries(footerLinks)) {
    if (typeof href !== 'string' || !href.trim()) throw new ConfigError(`footer_links.${label}`, 'リンク先の URL を書いてください');
  }
  const review = mapping(config.review, 'review');
  rejectUnknownKeys(review, ['after_months'], 'review');
  const preview = mapping(config.preview, 'preview');
  rejectUnknownKeys(preview, ['host', 'dir', 'url', 'number', 'link'], 'preview');
  const previewDir = string(preview.dir, 'preview.dir', 'pr-preview').replace(/^\/+|\/+$/g, '');
  if (!/^[\w.-]+(\/[\w.-]+)*$/.test(previewDir) || previewDir.split('/').some((part) => /^\.+$/.test(part))) throw new ConfigError('preview.dir', `英数字のフォルダー名にしてください (今の値: ${JSON.stringify(preview.dir)})`);

  const maxArticleMb = limits.max_article_mb ?? 2;
  if (typeof maxArticleMb !== 'number' || !(maxArticleMb > 0)) throw new ConfigError('limits.max_article_mb', `正の数にしてください (今の値: ${JSON.stringify(maxArticleMb)})`);
  const siteUrl = url.endsWith(root) ? url : `${url.replace(/\/$/, '')}${root}`;
  return {
    url: siteUrl,
    root,
    permalink: string(config.permalink, 'permalink', ':year/:month/:day/:title/'),
    sourceDir: string(config.source_dir, 'source_dir', 'source').replace(/\/+$/, ''),
    timezone: string(config.timezone, 'timezone', ''),
    language,
    toc: normalizeTocOptions(config.toc),
    admonitions: normalizeAdmonitionOptions(config.admonitions, language),
    anchors: { legacyIds: boolean(anchors.legacy_ids, 'anchors.legacy_ids', true) },
    markdown: {
      setext: oneOf(markdown.setext, 'markdown.setext', ['single-line', 'commonmark'] as const, 'single-line'),
      titleHeading: oneOf(markdown.title_heading, 'markdown.title_heading', ['drop', 'keep'] as const, 'drop'),
    },
    check: normalizeCheckOptions(config.check),
    links: normalizeLinkOptions(config.links),
    articleFooter: normalizeArticleFooterOptions(config.article_footer),
    newPost: {
      defaultArea: string(newPost.default_area, 'new_post.default_area', 'General'),
      defaultTags: stringList(newPost.default_tags, 'new_post.default_tags', []),
    },
    build: {
      failOn: oneOf(build.fail_on, 'build.fail_on', ['none', 'error', 'warning'] as const, 'error'),
      authoredRoot: build.authored_root === undefined ? root : string(build.authored_root, 'build.authored_root', '/').replace(/^\/?/, '/').replace(/\/?$/, '/'),
      authoredUrl: build.authored_url === undefined ? siteUrl : string(build.authored_url, 'build.authored_url', '').replace(/\/?$/, '/'),
      reuse: boolean(build.reuse, 'build.reuse', true),
    },
    search: {
      index: boolean(aliased(config, search, 'index', 'search_index'), 'search.index', true),
      pagesPerIndex: integer(aliased(config, search, 'pages_per_index', 'search_pages_per_index'), 'search.pages_per_index', DEFAULT_PAGES_PER_INDEX, 1),
    },
    css: { purge: boolean(aliased(config, css, 'purge', 'purge_css'), 'css.purge', true), worker: boolean(css.worker, 'css.worker', true) },
    widgets: { cache: boolean(aliased(config, widgets, 'cache', 'widget_cache'), 'widgets.cache', true) },
    limits: {
      maxArticleMb,
      maxNesting: integer(limits.max_nesting, 'limits.max_nesting', 32, 2, 1000),
      allowSymlinks: boolean(limits.allow_symlinks, 'limits.allow_symlinks', false),
    },
    redirects: Object.fromEntries(Object.entries(redirects).map(([from, to]) => [from.replace(/^\/+/, ''), String(to).replace(/^\/+/, '')])),
    tagTree: { roots: stringList(tagTree.roots, 'tag_tree.roots', []) },
    images: { border: boolean(images.border, 'images.border', true), caption: boolean(images.caption, 'images.caption', true) },
    allArticles: { path: allArticlesPath, title: string(allArticles.title, 'all_articles.title', '全記事一覧') },
    footerLinks: footerLinks as Record<string, string>,
    review: { afterMonths: integer(review.after_months, 'review.after_months', 12, 1, 1200) },
    preview: {
      host: oneOf(preview.host, 'preview.host', ['pages', 'azure'] as const, 'pages'),
      dir: previewDir,
      ...(preview.url !== undefined ? { url: string(preview.url, 'preview.url', '') } : {}),
      ...(preview.number !== undefined ? { number: integer(preview.number, 'preview.number', 0, 1) } : {}),
      ...(preview.link !== undefined ? { link: string(preview.link, 'preview.link', '') } : {}),
    },
  };
}

/** Merges mappings key by key, later ones winning, as Hexo merges `--config` files. */
export function mergeConfig(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const old = out[key];
    out[key] = value && old && typeof value === 'object' && typeof old === 'object' && !Array.isArray(value) && !Array.isArray(old)
      ? mergeConfig(old as Record<string, unknown>, value as Record<string, unknown>)
      : value;
  }
  return out;
}

/** The configuration files of a run: `_config.yml`, or the comma-separated list of `--config`. */
export function configFiles(config?: string): string[] {
  const files = (config ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  return files.length ? files : ['_config.yml'];
}

/** Reads and merges the configuration files of a site (relative to cwd), as Hexo does. */
export async function loadSiteConfig(cwd: string, files: string[] = ['_config.yml']): Promise<Record<string, unknown>> {
  let merged: Record<string, unknown> = {};
  for (const file of files) {
    const full = path.resolve(cwd, file);
    let text: string;
    try {
      text = await fs.readFile(full, 'utf8');
    } catch (err) {
      throw new ConfigError(file, `設定ファイルを読めません (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    let data: unknown;
    try {
      data = /\.json$/i.test(file) ? JSON.parse(text) : yaml.load(text);
    } catch (err) {
      const mark = (err as { mark?: { line: number; column: number } }).mark;
      throw new ConfigError(mark ? `${file}:${mark.line + 1}:${mark.column + 1}` : file, `設定ファイルを読めません: ${(err as Error).message.split('\n')[0]}`);
    }
    merged = mergeConfig(merged, mapping(data, file));
  }
  return merged;
}

/** Loads and normalises a site's settings in one step. */
export async function loadSiteOptions(cwd: string, files?: string[]): Promise<{ config: Record<string, unknown>; options: SiteOptions }> {
  const config = await loadSiteConfig(cwd, files);
  return { config, options: normalizeSiteOptions(config) };
}
