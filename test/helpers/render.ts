/**
 * The site's article pipeline without Hexo: marked with our extensions and heading renderer, then
 * the post-HTML pass. Used by golden-file tests; the site tests cover the same through Hexo.
 */
import { Marked, type Tokens } from 'marked';
import yaml from 'js-yaml';
import { admonitionExtension } from '../../lib/admonitions/marked';
import { normalizeAdmonitionOptions } from '../../lib/admonitions/options';
import { processPostHtml, type PostHtml } from '../../lib/html/post-html';
import { layoutOf } from '../../lib/markdown/source';
import { legacyTocExtension } from '../../lib/toc/marked';
import { DEFAULT_TOC, mergeTocOptions } from '../../lib/toc/options';

const marked = new Marked(
  { gfm: true, breaks: true },
  { extensions: [admonitionExtension(normalizeAdmonitionOptions(undefined, 'ja')), legacyTocExtension()] },
  {
    renderer: {
      heading(this: { parser: { parseInline(t: Tokens.Heading['tokens']): string } }, { tokens, depth }: Tokens.Heading) {
        return `<h${depth}>${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
    },
  },
);

/** Renders an article (front-matter allowed) as the site would, before the theme wraps it. */
export function renderArticle(text: string): PostHtml {
  const layout = layoutOf(text);
  const front = layout.frontMatter
    ? (yaml.load(layout.lines.slice(layout.frontMatter.start, layout.frontMatter.end).join('\n')) ?? {}) as { toc?: unknown }
    : {};
  const body = layout.lines.slice(layout.bodyStart).join('\n');
  return processPostHtml(marked.parse(body, { async: false }) as string, {
    resolveSrc: (s) => s,
    toc: mergeTocOptions(DEFAULT_TOC, front.toc),
    permalink: { minDepth: 2, maxDepth: 4, label: (t) => `「${t}」へのリンク` },
  });
}
