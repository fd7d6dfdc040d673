/**
 * Renders articles outside Hexo exactly as the build does: hexo-renderer-marked's own renderer
 * and default options (its index.js is run as Hexo runs a plugin), with our filters. The checker
 * and the golden tests use it, so they see the page the site publishes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Article } from '../article/model';
import { escapeHtml } from '../text/html';
import { markedFilters, renderJob, type EngineOptions, type MarkedFilters, type RenderJob } from './engine';

type RendererFunction = (this: unknown, data: { text: string; path?: string }, options: object) => string;

export interface RendererPlugin {
  config: Record<string, unknown>;
  render: RendererFunction;
}

/**
 * Loads a Markdown renderer plugin (hexo-renderer-marked, or another version of it installed under
 * another name) as Hexo would, with a stand-in for Hexo that records what it registers.
 */
export function loadRendererPlugin(config: Record<string, unknown>, packageName = 'hexo-renderer-marked'): RendererPlugin {
  const dir = path.dirname(require.resolve(`${packageName}/package.json`));
  const file = path.join(dir, 'index.js');
  const registered: Record<string, RendererFunction> = {};
  // Hexo's defaults for the keys the renderer reads, under the site's own values.
  const defaults = { url: 'http://example.com', root: '/', relative_link: false, post_asset_folder: false, source_dir: 'source' };
  const hexo = { config: { ...defaults, ...config }, extend: { renderer: { register: (ext: string, _out: string, fn: RendererFunction) => { registered[ext] = fn; } } } };
  // Hexo runs plugins as this same function of (exports, require, module, __filename, __dirname, hexo).
  const script = new Function('exports', 'require', 'module', '__filename', '__dirname', 'hexo', readFileSync(file, 'utf8')) as (...args: unknown[]) => void;
  const module = { exports: {} };
  script(module.exports, createRequire(file), module, file, dir, hexo);
  const render = registered.md;
  if (!render) throw new Error(`${file} registered no renderer for .md`);
  return { config: hexo.config, render };
}

type BacktickFilter = (data: { content: string }) => void;

/** A fenced code block that Hexo set aside: its language and text. */
interface CodeBlock { lang?: string; text: string }

/**
 * Hexo takes fenced code blocks out of an article before the renderer sees it, with a pattern of
 * its own (fences in quotes and lists, its own idea of where a fence ends), and leaves
 * `<!--code￼N-->` in their place. The checker must set the same blocks aside, or it reads as text
 * what the page shows as code and the other way round. Hexo's own filter does the finding; its
 * highlighter is replaced by plain `<pre><code>`, which only the golden tests look at.
 */
function hexoCodeBlocks(config: Record<string, unknown>): { setAside(body: string): { text: string; blocks: CodeBlock[] }; restore(html: string, blocks: CodeBlock[]): string } {
  // Hexo's default is highlight.js; an empty value turns highlighting, and so this filter, off.
  const highlighter = config.syntax_highlighter === undefined ? 'highlight.js' : config.syntax_highlighter;
  let blocks: CodeBlock[] = [];
  const ctx = {
    config: { ...config, syntax_highlighter: highlighter },
    extend: {
      highlight: {
        query: (name: unknown) => Boolean(name),
        exec: (_name: string, options: { args: [string, { lang?: string }] }) => {
          const [text, { lang }] = options.args;
          return `\uFFFC${blocks.push({ text, ...(lang ? { lang } : {}) }) - 1}\uFFFC`;
        },
      },
    },
  };
  const filter = (require('hexo/dist/plugins/filter/before_post_render/backtick_code_block') as (c: typeof ctx) => BacktickFilter)(ctx);
  return {
    setAside(body) {
      blocks = [];
      const data = { content: body };
      filter(data);
      const found = blocks;
      const text = data.content.replace(/<hexoPostRenderCodeBlock>\uFFFC(\d+)\uFFFC<\/hexoPostRenderCodeBlock>/g, (_, i: string) => `<!--code\uFFFC${i}-->`);
      return { text, blocks: found };
    },
    restore(html, found) {
      return html.replace(/<!--code\uFFFC(\d+)-->\n*/g, (_, i: string) => {
        const block = found[Number(i)]!;
        return `<pre><code${block.lang ? ` class="language-${escapeHtml(block.lang)}"` : ''}>${escapeHtml(block.text)}\n</code></pre>\n`;
      });
    },
  };
}

/** A renderer for the articles of one site. */
export interface ArticleRenderer {
  render(job: RenderJob): { html: string; article: Article };
}

/** Creates the renderer for a site's merged configuration and our engine options. */
export function createArticleRenderer(config: Record<string, unknown>, options: EngineOptions, sourceDir: string): ArticleRenderer {
  const plugin = loadRendererPlugin(config);
  const code = hexoCodeBlocks(config);
  const filters: MarkedFilters = markedFilters(options);
  const context = {
    config: plugin.config,
    source_dir: sourceDir,
    execFilterSync(name: string, arg: unknown) {
      const filter = filters[name as keyof MarkedFilters] as ((a: unknown) => void) | undefined;
      filter?.(arg);
      return arg;
    },
  };
  return {
    render(job) {
      const { text, blocks } = code.setAside(job.frontMatter.body);
      const { result, article } = renderJob(job, () => plugin.render.call(context, { text, path: job.file }, {}));
      return { html: code.restore(result, blocks), article };
    },
  };
}
