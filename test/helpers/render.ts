/**
 * The site's article pipeline without Hexo, from the repository's `_config.yml`: hexo-renderer-marked
 * with our filters (lib/markdown/render), the post-HTML pass, and the checker's rules on the model.
 * Golden tests use it; the site tests run the same through a real Hexo build.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { Article } from '../../lib/article/model';
import { articleSettings, engineOptions } from '../../lib/article/settings';
import { checkArticle } from '../../lib/check/article';
import { mergeConfig, normalizeSiteOptions, type SiteOptions } from '../../lib/config/site';
import type { Diagnostic } from '../../lib/diagnostics/diagnostic';
import { processPostHtml } from '../../lib/html/post-html';
import { routeOfSource } from '../../lib/links/resolve';
import { readFrontMatter } from '../../lib/markdown/front-matter';
import { createArticleRenderer, type ArticleRenderer } from '../../lib/markdown/render';
import { REPO } from './site';

export interface Rendered {
  html: string;
  article: Article;
  diagnostics: Diagnostic[];
}

/** The repository's configuration, with overrides merged in as a second config file would be. */
export function siteConfig(overrides: Record<string, unknown> = {}): { config: Record<string, unknown>; options: SiteOptions } {
  const base = yaml.load(readFileSync(path.join(REPO, '_config.yml'), 'utf8')) as Record<string, unknown>;
  const config = mergeConfig(base, overrides);
  return { config, options: normalizeSiteOptions(config) };
}

/** A renderer for articles of the repository's site (or one with overridden settings). */
export function articleRenderer(overrides: Record<string, unknown> = {}): (text: string, file?: string) => Rendered {
  const { config, options } = siteConfig(overrides);
  const renderer: ArticleRenderer = createArticleRenderer(config, engineOptions(options), path.join(REPO, 'source'));
  return (text, file = 'source/_posts/Fixture/Case.md') => {
    const frontMatter = readFrontMatter(text);
    const { settings } = articleSettings(frontMatter, options);
    const { html, article } = renderer.render({ file, frontMatter, settings });
    const route = routeOfSource(file, options.sourceDir, options.permalink, frontMatter.written) ?? '';
    const site = { siteUrl: options.url, root: options.root, sourceDir: options.sourceDir, articles: new Map([[route, file]]), routes: new Map([[file, route]]), files: new Set([file]) };
    const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
    const diagnostics = checkArticle(article, lines, options.check, { links: options.links, site, articleOf: () => undefined });
    return { html: processPostHtml(html, { resolveSrc: (s) => s }).html, article, diagnostics };
  };
}

/** Renders one article with the repository's settings. */
export const renderArticle = articleRenderer();
