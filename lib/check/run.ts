/**
 * `npm run check` on a site folder: finds the articles, reads each one once (the source checks,
 * its front-matter, one render into the article model) and runs every rule on the models.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { emptyArticle, positionOf, type Article } from '../article/model';
import { articleSettings, engineOptions } from '../article/settings';
import { loadSiteOptions, type SiteOptions } from '../config/site';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { resolveTarget, routeOfSource, type SiteIndex } from '../links/resolve';
import { readFrontMatter } from '../markdown/front-matter';
import { createArticleRenderer, type ArticleRenderer } from '../markdown/render';
import { checkArticle, toDiagnostics } from './article';
import { applyBaseline, readBaseline } from './baseline';
import type { LinkContext } from '../links/rules';
import { readArticleSource } from './source';

/** Whether a path under source/ is a draft: in _drafts, or a file or folder whose name starts with `_` (other than _posts). */
export function isDraft(relative: string): boolean {
  return relative.split('/').some((part) => part.startsWith('_') && part !== '_posts');
}

/** The files of a site's source folder: paths relative to the site (`source/…`) and their inodes. */
export interface SourceFiles {
  files: string[];
  /** Names each file has in the source folder, by `dev:ino`. */
  inodes: Map<string, number>;
  /** The Markdown files that are published (not drafts), sorted. */
  articles: string[];
  /** Files that are symbolic links (refused, unless they point inside the site and that is allowed). */
  symlinks: string[];
}

/** Lists a site's source folder; symbolic links are listed as files (and refused when read). */
export async function listSource(cwd: string, sourceDir: string): Promise<SourceFiles> {
  const root = path.join(cwd, sourceDir);
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  const symlinks: string[] = [];
  const inodes = new Map<string, number>();
  await Promise.all(entries.filter((e) => e.isFile() || e.isSymbolicLink()).map(async (e) => {
    const full = path.join(e.parentPath, e.name);
    const rel = path.relative(root, full).split(path.sep).join('/');
    if (rel.split('/').includes('node_modules')) return;
    files.push(`${sourceDir}/${rel}`);
    if (e.isSymbolicLink()) symlinks.push(`${sourceDir}/${rel}`);
    const stat = await fs.lstat(full).catch(() => undefined);
    if (stat?.isFile()) inodes.set(`${stat.dev}:${stat.ino}`, (inodes.get(`${stat.dev}:${stat.ino}`) ?? 0) + 1);
  }));
  files.sort();
  const articles = files.filter((f) => /\.(md|markdown)$/i.test(f) && !isDraft(f.slice(sourceDir.length + 1)));
  symlinks.sort();
  return { files, inodes, articles, symlinks };
}

/** One article read for checking: its model and its lines, or why it could not be read. */
export interface CheckedArticle {
  article: Article;
  lines: string[];
  /** Diagnostics found before the Markdown could be read (the source checks). */
  refused: Diagnostic[];
}

/** Reads and renders articles of one site, each at most once. */
export class ArticleReader {
  private readonly cache = new Map<string, Promise<CheckedArticle>>();
  private readonly renderer: ArticleRenderer;

  constructor(private readonly cwd: string, private readonly options: SiteOptions, config: Record<string, unknown>, private readonly inodes: Map<string, number>) {
    this.renderer = createArticleRenderer(config, engineOptions(options), path.join(cwd, options.sourceDir));
  }

  /** The article at `file` (relative to the site folder). */
  read(file: string): Promise<CheckedArticle> {
    let entry = this.cache.get(file);
    if (!entry) {
      entry = this.load(file);
      this.cache.set(file, entry);
    }
    return entry;
  }

  private async load(file: string): Promise<CheckedArticle> {
    const source = await readArticleSource(file, this.cwd, this.options.limits, this.inodes);
    if (source.problem || source.text === undefined) {
      const p = source.problem!;
      const refused = toDiagnostics(file, [{ rule: p.rule, ...positionOf(p), message: p.message }], this.options.check);
      return { article: emptyArticle(file, readFrontMatter('')), lines: [], refused };
    }
    const frontMatter = readFrontMatter(source.text);
    const lines = source.text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
    if (frontMatter.problem && frontMatter.problem.rule !== 'front-matter/missing') return { article: emptyArticle(file, frontMatter), lines, refused: [] };
    let settings;
    try {
      settings = articleSettings(frontMatter, this.options).settings;
    } catch {
      // Reported by the front-matter rules; the body is still checked with the site's settings.
      settings = articleSettings({ ...frontMatter, data: { ...frontMatter.data, toc: undefined } }, this.options).settings;
    }
    const { article } = this.renderer.render({ file, frontMatter, settings });
    return { article, lines, refused: [] };
  }
}

/** The site index for link rules, from the articles' front-matter and the site's files. */
export async function siteIndex(cwd: string, options: SiteOptions, source: SourceFiles): Promise<SiteIndex> {
  const articles = new Map<string, string>();
  const routes = new Map<string, string>();
  await Promise.all(source.articles.map(async (file) => {
    const text = await fs.readFile(path.join(cwd, file), 'utf8').catch(() => '');
    const { written, data } = readFrontMatter(text);
    // `published: false` is a draft kept in _posts: Hexo generates no page for it.
    if (data.published === false) return;
    const route = routeOfSource(file, options.sourceDir, options.permalink, written);
    if (route === undefined) return;
    routes.set(file, route);
    articles.set(route, file);
  }));
  return { siteUrl: options.url, root: options.root, sourceDir: options.sourceDir, articles, routes, files: new Set(source.files) };
}

/** The result of {@link runChecks}: diagnostics plus what the link checker reuses. */
export interface CheckRun {
  diagnostics: Diagnostic[];
  /** The files that were checked, relative to cwd. */
  targets: string[];
  context: LinkContext;
  articles: Map<string, Article>;
  options: SiteOptions;
}

/**
 * Checks files (all published Markdown under the source folder when none are named). Findings in
 * the site's baseline are warnings, unless `baseline: false` asks for them as they are.
 */
export async function runChecks(cwd: string, files: string[] = [], configFiles?: string[], options_: { baseline?: boolean } = {}): Promise<CheckRun> {
  const { config, options } = await loadSiteOptions(cwd, configFiles);
  const source = await listSource(cwd, options.sourceDir);
  const site = await siteIndex(cwd, options, source);
  const targets = files.length ? files.map((f) => path.relative(cwd, path.resolve(cwd, f)).split(path.sep).join('/')) : source.articles.filter((f) => site.routes.has(f));
  const reader = new ArticleReader(cwd, options, config, source.inodes);
  // Every target first, so links between them find their models already read.
  const checked = await Promise.all(targets.map((file) => reader.read(file)));
  const others = new Map<string, Article>();
  const articles = new Map(checked.map((c) => [c.article.file, c.article]));
  const context: LinkContext = {
    links: options.links,
    site,
    articleOf: (file) => articles.get(file) ?? others.get(file),
  };
  // Articles that targets link to but that are not checked themselves: read for their ids.
  const wanted = new Set<string>();
  for (const { article } of checked) {
    for (const link of article.links) {
      const t = resolveTarget(link.href, article.file, site);
      if (t.kind === 'article' && t.fragment !== undefined && !articles.has(t.file)) wanted.add(t.file);
    }
  }
  for (const file of wanted) others.set(file, (await reader.read(file)).article);
  const diagnostics = checked.flatMap((c) => (c.refused.length ? c.refused : checkArticle(c.article, c.lines, options.check, context)));
  // Images and attachments behind symbolic links would be published as what they point at.
  if (!files.length) {
    for (const link of source.symlinks.filter((f) => !/\.(md|markdown)$/i.test(f))) {
      const refused = await readArticleSource(link, cwd, { ...options.limits, maxArticleMb: Infinity }, source.inodes).catch(() => undefined);
      if (refused?.problem?.rule === 'source/symlink') diagnostics.push(...toDiagnostics(link, [{ rule: 'source/symlink', line: 1, message: refused.problem.message }], options.check));
    }
  }
  const lines = new Map(checked.map((c) => [c.article.file, c.lines]));
  const baseline = options.check.baseline && options_.baseline !== false ? await readBaseline(path.resolve(cwd, options.check.baseline)) : new Set<string>();
  return { diagnostics: applyBaseline(diagnostics, baseline, (f) => lines.get(f) ?? []), targets, context, articles, options };
}
