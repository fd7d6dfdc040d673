import type Hexo from 'hexo';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { outlineOf, positionOf, type ArticleOutline } from '../article/model';
import { articleSettings, engineOptions } from '../article/settings';
import { checkArticleOwn } from '../check/article';
import { checkSourceBytes, type SourceProblem } from '../check/source';
import type { SiteOptions } from '../config/site';
import type { Diagnostic, Finding } from '../diagnostics/diagnostic';
import { expandPermalinks, markedFilters, PERMALINK_PLACEHOLDER, renderJob, type MarkedFilters, type RenderJob } from '../markdown/engine';
import { MARKDOWN_EXTENSIONS, MARKDOWN_FILE } from '../markdown/extensions';
import { readFrontMatter, type FrontMatterProblem } from '../markdown/front-matter';
import { guard, siteOptionsOf, sourceOf, type Feature } from './plugin';
import { planOf, type ReusePlan } from './reuse';

/** What the build knows of each article of one Hexo run. */
export interface ArticleRegistry {
  /** What the build keeps of each article, by path relative to the site folder (`source/_posts/A/B.md`). */
  articles: Map<string, ArticleRecord>;
  /** Findings about a file made before or beside rendering it (refused sources, front-matter settings). */
  findings: Map<string, Finding[]>;
}

/** One rendered article: its outline, its source (for the baseline) and the findings of its own rules. */
export interface ArticleRecord {
  article: ArticleOutline;
  /** The file as Hexo read it (the string Hexo keeps anyway). */
  raw: string;
  own: Diagnostic[];
}

const registries = new WeakMap<Hexo, ArticleRegistry>();

/** The registry of a Hexo instance, created on first use. */
export function registryOf(hexo: Hexo): ArticleRegistry {
  let registry = registries.get(hexo);
  if (!registry) {
    registry = { articles: new Map(), findings: new Map() };
    registries.set(hexo, registry);
  }
  return registry;
}

/** A source file's path relative to the site folder, with forward slashes. */
export function siteRelative(hexo: Hexo, full: string): string {
  return path.relative(hexo.base_dir, full).split(path.sep).join('/');
}

type RendererFn = ((this: unknown, data: { path?: string; text: string }, options: object) => unknown) & { disableNunjucks?: boolean };
type ProcessorEntry = { process: (this: unknown, file: BoxFile) => unknown };
export interface BoxFile { source: string; path: string; type: string }

/**
 * Why a source file is refused before Hexo reads it, or undefined. Its content is only read when
 * the build has not seen it pass (`accepted`): in a build after editing one article, the others
 * are not read twice.
 */
export async function refuse(file: BoxFile, site: SiteOptions, base: string, accepted: ReusePlan['accepted']): Promise<SourceProblem | FrontMatterProblem | undefined> {
  const stat = await fs.lstat(file.source).catch(() => undefined);
  if (!stat) return undefined;
  if (stat.isSymbolicLink()) {
    const real = await fs.realpath(file.source).catch(() => undefined);
    const root = await fs.realpath(base);
    if (site.limits.allowSymlinks && real && real.startsWith(root + path.sep)) return undefined;
    return { rule: 'source/symlink', line: 1, message: 'シンボリック リンクです。リンク先の内容が公開されるため、通常のファイルにしてください (limits.allow_symlinks でサイト内を指すものだけ許可できます)。' };
  }
  if (!MARKDOWN_FILE.test(file.path)) return undefined;
  if (stat.nlink > 1) {
    return { rule: 'source/symlink', line: 1, message: 'ハード リンクされたファイルです。リンク先の内容が公開されるため、通常のファイルにしてください。' };
  }
  // As hashed for this build's fingerprint, and not changed since.
  const known = accepted?.hashed[file.source];
  if (known && known.size === stat.size && known.mtime === stat.mtimeMs && accepted!.before.has(known.hash)) {
    accepted!.now.add(known.hash);
    return undefined;
  }
  const bytes = await fs.readFile(file.source);
  const { text, problem } = checkSourceBytes(bytes, site.limits);
  if (problem || text === undefined) return problem;
  // Front-matter Hexo cannot read as data: it would exhaust its memory (aliases), fail without a line
  // (a list), publish the YAML as the body (unterminated), or report it in words of its own.
  const frontMatter = readFrontMatter(text).problem;
  const verdict = frontMatter?.rule === 'front-matter/missing' ? undefined : frontMatter;
  if (!verdict) accepted?.now.add(createHash('sha256').update(bytes).digest('hex'));
  return verdict;
}

/**
 * Drops a model's source texts (`raw`, and `_content`, which is part of it) where warehouse keeps
 * them: every read of a model clones its documents, so setting the fields on a read document would
 * not reach them. A warehouse without that store keeps them.
 */
function releaseSources(model: unknown): void {
  const store = (model as { data?: unknown }).data;
  if (!store || typeof store !== 'object') return;
  for (const doc of Object.values(store as Record<string, unknown>)) {
    if (doc && typeof doc === 'object' && 'raw' in doc) Object.assign(doc, { raw: undefined, _content: undefined });
  }
}

/**
 * Articles: refuses sources that must not be read (links out of the site, oversized, not UTF-8,
 * nested too deep), renders every Markdown file through hexo-renderer-marked with our filters, and
 * keeps each article's model for the sidebar, the publishing gate and the warnings.
 */
const articles: Feature = {
  name: 'articles',
  register(hexo) {
    const site = siteOptionsOf(hexo);
    const registry = registryOf(hexo);
    const filters = markedFilters(engineOptions(site));
    for (const name of Object.keys(filters) as (keyof MarkedFilters)[]) hexo.extend.filter.register(name, filters[name] as (arg: unknown) => void);

    for (const entry of hexo.extend.processor.list() as unknown as ProcessorEntry[]) {
      const process = entry.process;
      entry.process = async function (this: unknown, file: BoxFile) {
        if (file.type !== 'delete') {
          const problem = await refuse(file, site, hexo.base_dir, planOf(hexo)?.accepted);
          const rel = siteRelative(hexo, file.source);
          if (problem) {
            registry.findings.set(rel, [{ rule: problem.rule, ...positionOf(problem), message: problem.message }]);
            registry.articles.delete(rel);
            return undefined;
          }
          registry.findings.delete(rel);
        }
        return process.call(this, file);
      };
    }

    const jobs = new Map<string, { job: RenderJob; raw: string }>();
    // Runs first among the before_post_render filters: the body is still as written.
    hexo.extend.filter.register('before_post_render', guard('articles', (data: { raw?: string; full_source?: string; toc?: unknown; content?: string }) => {
      if (!data.full_source || typeof data.raw !== 'string') return data;
      const file = siteRelative(hexo, data.full_source);
      const frontMatter = readFrontMatter(data.raw);
      let settings;
      try {
        settings = articleSettings(frontMatter, site).settings;
      } catch {
        // A wrong `toc` value: the publishing gate reports it with its line; render with the site's.
        settings = articleSettings({ ...frontMatter, data: { ...frontMatter.data, toc: undefined } }, site).settings;
      }
      jobs.set(data.full_source, { job: { file, frontMatter: { ...frontMatter, body: data.content ?? frontMatter.body }, settings }, raw: data.raw });
      // icarus reads `toc` as a boolean for its sidebar widget.
      data.toc = settings.toc.enabled;
      return data;
    }, sourceOf), 0);

    for (const ext of MARKDOWN_EXTENSIONS) {
      const original = hexo.extend.renderer.get(ext, true) as RendererFn | undefined;
      if (!original) continue;
      const wrapped: RendererFn = function (this: unknown, data, options) {
        const pending = data.path ? jobs.get(data.path) : undefined;
        if (!pending) return original.call(this, data, options);
        jobs.delete(data.path!);
        const { result, article } = renderJob(pending.job, () => original.call(this, data, options));
        // The article's own rules run now, while its text is at hand; only the outline is kept.
        const own = checkArticleOwn(article, pending.raw.split('\n'), site.check);
        registry.articles.set(pending.job.file, { article: outlineOf(article), raw: pending.raw, own });
        return result;
      };
      wrapped.disableNunjucks = original.disableNunjucks;
      hexo.extend.renderer.register(ext, 'html', wrapped as never, true);
    }
    // Once every article is rendered (10), checked (11) and digested for page reuse (12): Hexo would
    // keep every source until the build ends, a fifth of its memory at 3,000 articles. The preview
    // server keeps them, as Hexo renders an edited article from them.
    hexo.extend.filter.register('before_generate', () => {
      if (hexo.env.cmd !== 'server') for (const model of ['Post', 'Page']) releaseSources(hexo.model(model));
    }, 20);

    // Only pages get permalinks; feeds (written by hexo-generator-feed, not rendered) drop the placeholders.
    hexo.extend.filter.register('after_render:html', (html: string) => expandPermalinks(html));
    const feed = (hexo.config as { feed?: { type?: unknown } }).feed;
    for (const type of [feed?.type ?? []].flat()) {
      const generator = typeof type === 'string' ? hexo.extend.generator.get(type) : undefined;
      if (!generator) continue;
      hexo.extend.generator.register(type as string, async function (this: unknown, locals: unknown) {
        const out = await (generator as (this: unknown, l: unknown) => unknown).call(this, locals) as { data?: unknown } | undefined;
        if (out && typeof out.data === 'string') out.data = out.data.replace(PERMALINK_PLACEHOLDER, '');
        return out;
      } as never);
    }
  },
};

export default articles;
