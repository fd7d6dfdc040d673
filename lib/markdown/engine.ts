/**
 * Our part of the Markdown renderer. hexo-renderer-marked renders every article; these are the
 * filters it runs (`marked:use`, `marked:tokenizer`, `marked:renderer`, `marked:extensions`), the
 * same in the build (registered with Hexo) and in the checker (lib/markdown/render.ts). After
 * marked lexes an article, the tokens are analysed into the article model and prepared for the
 * renderer in the same step, so nothing reads the Markdown a second time.
 */
import path from 'node:path';
import type { MarkedExtension, Parser, Token, Tokens } from 'marked';
import { admonitionExtension } from '../admonitions/marked';
import type { AdmonitionOptions } from '../admonitions/options';
import { emptyArticle, type Article } from '../article/model';
import { escapeHtml } from '../text/html';
import { renderToc } from '../toc/build';
import { DEFAULT_TOC } from '../toc/options';
import { analyzeTokens, markupOf, type AnchorToken, type ArticleSettings, type TocToken } from './analyze';
import type { FrontMatter } from './front-matter';
import { placeholderMap } from './positions';

// The marked that hexo-renderer-marked renders with, for its default tokenizers.
const markedModule = require(require.resolve('marked', { paths: [path.dirname(require.resolve('hexo-renderer-marked/package.json'))] })) as typeof import('marked');

/** How Markdown is read where the old site and CommonMark differ (`markdown` in _config.yml). */
export interface MarkdownOptions {
  /**
   * `single-line`: only one line of text above `---`/`===` makes a setext heading, as marked 2
   * read it (a paragraph of several lines followed by `---` is that paragraph and a rule).
   * `commonmark`: any paragraph can be a setext heading.
   */
  setext: 'single-line' | 'commonmark';
  /** A first `# heading` that repeats the title: not rendered (`drop`) or kept. */
  titleHeading: 'drop' | 'keep';
}

/** Site-wide settings of the renderer filters. */
export interface EngineOptions {
  admonitions: AdmonitionOptions;
  markdown: MarkdownOptions;
  /** Headings from which a `#` permalink is shown, and its accessible label. */
  permalinks?: { minDepth: number; maxDepth: number; label(text: string): string };
}

/** One article being rendered: where it comes from and its settings. */
export interface RenderJob {
  file: string;
  frontMatter: FrontMatter;
  settings: ArticleSettings;
}

interface ActiveRender {
  job: RenderJob;
  lexed?: string;
  definitions: { raw: string; href: string }[];
  article?: Article;
}

// The article marked is rendering now. marked renders synchronously, so it is set only for the
// duration of one call and never seen by another article.
let active: ActiveRender | undefined;

/** Renders one article with `render` (which calls hexo-renderer-marked) and returns its model too. */
export function renderJob<T>(job: RenderJob, render: () => T): { result: T; article: Article } {
  const previous = active;
  const current: ActiveRender = { job, definitions: [] };
  active = current;
  try {
    const result = render();
    return { result, article: current.article ?? emptyArticle(job.file, job.frontMatter) };
  } finally {
    active = previous;
  }
}

/** Settings for Markdown rendered outside an article (the disclaimer, a tag plugin's text). */
const FRAGMENT_SETTINGS: ArticleSettings = { toc: { ...DEFAULT_TOC, enabled: false }, legacyIds: true, titleHeading: 'keep' };

/** Placeholder for a heading permalink, expanded on article pages only (not in feeds or excerpts). */
export const PERMALINK_PLACEHOLDER = /<!--sb-permalink:([^:>]*):([^>]*?)-->/g;

type TokenizerThis = { options: { autolink?: boolean }; lexer: { inline(src: string): Token[] } };

/** The filters hexo-renderer-marked runs, as functions of their argument. */
export interface MarkedFilters {
  'marked:use'(use: (extension: MarkedExtension) => unknown): void;
  'marked:tokenizer'(tokenizer: Record<string, unknown>): void;
  'marked:renderer'(renderer: Record<string, unknown>): void;
  'marked:extensions'(extensions: unknown[]): void;
}

/** Our renderer filters for the given settings. */
export function markedFilters(options: EngineOptions): MarkedFilters {
  const admonition = admonitionExtension(options.admonitions);
  const toc = { name: 'sbToc', renderer: (token: Tokens.Generic) => renderToc(token as unknown as TocToken) };
  const anchor = {
    name: 'sbAnchor',
    renderer: (token: Tokens.Generic) => (token as unknown as AnchorToken).ids.map((id) => `<span class="heading-alias" id="${escapeHtml(id)}"></span>`).join('') + '\n',
  };
  return {
    'marked:use'(use) {
      use({
        hooks: {
          preprocess(src: string) {
            if (active && active.lexed === undefined) active.lexed = src;
            return src;
          },
          processAllTokens(tokens: Token[]) {
            const current = active;
            if (current && current.article === undefined && current.lexed !== undefined) {
              current.article = analyzeTokens(tokens, {
                file: current.job.file, frontMatter: current.job.frontMatter, lexed: current.lexed,
                toBody: placeholderMap(current.job.frontMatter.body, current.lexed), definitions: current.definitions, settings: current.job.settings,
              });
            } else {
              const text = tokens.map((t) => t.raw).join('');
              analyzeTokens(tokens, { file: '', frontMatter: { data: {}, written: {}, body: text, bodyLine: 1, keyLines: new Map() }, lexed: text, settings: FRAGMENT_SETTINGS });
            }
            return tokens;
          },
        },
      } as MarkedExtension);
    },
    'marked:tokenizer'(tokenizer) {
      // A bare URL ends where Japanese text (or any non-ASCII character) starts: authors write
      // `https://…/backup/を参照してください。`, and GFM would take the sentence into the link.
      tokenizer.url = function (this: TokenizerThis, src: string) {
        if (!this.options.autolink) return undefined;
        const stop = src.search(/[^\x21-\x7e]|[<>]/);
        return markedModule.Tokenizer.prototype.url.call(this as never, stop < 0 ? src : src.slice(0, stop));
      };
      // Reference definitions leave the token list; the model keeps where their URLs are written.
      tokenizer.def = function (this: TokenizerThis, src: string) {
        const token = markedModule.Tokenizer.prototype.def.call(this as never, src);
        if (token && active && active.article === undefined) active.definitions.push({ raw: token.raw, href: token.href });
        return token;
      };
      // hexo-renderer-marked passes the same tokenizer object on every render: set or clear.
      delete tokenizer.paragraph;
      delete tokenizer.lheading;
      if (options.markdown.setext === 'single-line') {
        // GFM lets a table interrupt a paragraph, and `text` over `---` looks like the start of a
        // one-column table: the paragraph stopped there, and the line became a setext heading.
        // A "table" without a pipe is none, so the line stays in the paragraph (as in marked 2).
        tokenizer.paragraph = function (this: TokenizerThis & { lexer: { inlineQueue: { src: string }[] } }, src: string) {
          const token = markedModule.Tokenizer.prototype.paragraph.call(this as never, src) as Tokens.Paragraph | undefined;
          if (!token) return token;
          const rest = src.slice(token.raw.length);
          const next = /^(\n?)([^\n]*[^\s|][^\n]*)\n {0,3}-+[ \t]*(?:\n|$)/.exec(rest);
          if (next && !next[2]!.includes('|') && (next[1] || token.raw.endsWith('\n'))) {
            token.raw += next[1]! + next[2]!;
            token.text += `\n${next[2]!}`;
            const queued = this.lexer.inlineQueue.at(-1);
            if (queued) queued.src = token.text;
          }
          return token;
        };
        tokenizer.lheading = function (this: TokenizerThis, src: string) {
          const m = /^(?=[^\n]*\S)([^\n]+)\n {0,3}(=+|-+)[ \t]*(?:\n+|$)/.exec(src);
          if (!m) return undefined;
          const text = m[1]!.trim();
          return { type: 'heading', raw: m[0], depth: m[2]![0] === '=' ? 1 : 2, text, tokens: this.lexer.inline(text) };
        };
      }
    },
    'marked:renderer'(renderer) {
      renderer.heading = function (this: { parser: Parser }, token: Tokens.Heading) {
        const inner = this.parser.parseInline(token.tokens);
        const markup = markupOf(token);
        const d = token.depth;
        if (!markup) return `<h${d}>${inner}</h${d}>\n`;
        const aliases = markup.aliases.map((a) => `<span class="heading-alias" id="${escapeHtml(a)}"></span>`).join('');
        const p = options.permalinks;
        const permalink = p && d >= p.minDepth && d <= p.maxDepth
          ? `<!--sb-permalink:${encodeURIComponent(markup.id)}:${encodeURIComponent(p.label(markup.text))}-->`
          : '';
        return `<h${d} id="${escapeHtml(markup.id)}">${aliases}${inner}${permalink}</h${d}>\n`;
      };
    },
    'marked:extensions'(extensions) {
      extensions.push(admonition, toc, anchor);
    },
  };
}

/** Expands permalink placeholders into `#` links shown on hover and keyboard focus. */
export function expandPermalinks(html: string): string {
  return html.replace(PERMALINK_PLACEHOLDER, (_, id: string, label: string) =>
    `<a class="heading-anchor" href="#${escapeHtml(decodeURIComponent(id))}" aria-label="${escapeHtml(decodeURIComponent(label))}" data-pagefind-ignore>#</a>`);
}
