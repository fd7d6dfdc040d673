import type Hexo from 'hexo';
import path from 'node:path';
import { scanAnchors } from '../anchors/check';
import { formatDiagnostic } from '../diagnostics/diagnostic';
import { escapeHtml } from '../toc/build';
import { safeDecodeURIComponent } from '../text/uri';
import { legacyTocExtension } from '../toc/marked';
import { PERMALINK_PLACEHOLDER } from '../html/post-html';
import type { Feature } from './plugin';

interface HeadingToken {
  tokens: unknown[];
  depth: number;
}


/** Expands permalink placeholders into visible-on-hover-or-focus `#` links. */
export function expandPermalinks(html: string): string {
  return html.replace(PERMALINK_PLACEHOLDER, (_, id: string, label: string) =>
    `<a class="heading-anchor" href="#${escapeHtml(safeDecodeURIComponent(id))}" aria-label="${escapeHtml(safeDecodeURIComponent(label))}" data-pagefind-ignore>#</a>`);
}

/**
 * Warns, with file and line, about `#fragment` links to no id and ids used twice. Called for the
 * articles whose rendered HTML shows such a problem, so the Markdown is parsed again only for them.
 */
export function warnAnchors(hexo: Hexo, data: { raw?: string; full_source?: string }): void {
  if (!data.raw || !data.full_source) return;
  const file = path.relative(hexo.base_dir, data.full_source).split(path.sep).join('/');
  for (const finding of scanAnchors(data.raw)) hexo.log.warn(formatDiagnostic({ ...finding, file, severity: 'warning' }));
}

/**
 * Heading markup, hand-written 目次 blocks, permalinks. Ids themselves are
 * assigned after rendering (lib/anchors/headings), so the renderer emits plain headings.
 */
const anchors: Feature = {
  name: 'anchors',
  register(hexo) {
    hexo.extend.filter.register('marked:renderer', (renderer: Record<string, unknown>) => {
      renderer.heading = function (this: { parser: { parseInline(tokens: unknown[]): string } }, { tokens, depth }: HeadingToken) {
        return `<h${depth}>${this.parser.parseInline(tokens)}</h${depth}>\n`;
      };
    });
    hexo.extend.filter.register('marked:extensions', (extensions: unknown[]) => {
      extensions.push(legacyTocExtension());
    });
    // Only pages get permalinks: in feeds and excerpts the placeholder stays an HTML comment.
    hexo.extend.filter.register('after_render:html', (html: string) => expandPermalinks(html));
  },
};

export default anchors;
