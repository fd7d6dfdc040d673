import type { TokenizerAndRendererExtension, Tokens } from 'marked';
import { escapeHtml } from './build';
import { nestLegacyEntries, readLegacyToc, type LegacyTocEntry } from './legacy';

interface LegacyTocToken extends Tokens.Generic {
  type: 'legacyToc';
  raw: string;
  title: string;
  entries: LegacyTocEntry[];
}

function renderList(nodes: ReturnType<typeof nestLegacyEntries>): string {
  return `<ul>${nodes.map((n) => `<li><a href="${escapeHtml(n.href)}">${escapeHtml(n.text)}</a>${n.children.length ? renderList(n.children) : ''}</li>`).join('')}</ul>`;
}

/**
 * Reads a hand-written 目次 block as one token and renders it as a nested list in a `nav`
 * (class `sb-toc-legacy`); the post-HTML step replaces it with the automatic TOC when configured.
 */
export function legacyTocExtension(): TokenizerAndRendererExtension {
  return {
    name: 'legacyToc',
    level: 'block',
    start(src: string) {
      return /^#{1,6}[ \t\u3000]+目次/m.exec(src)?.index;
    },
    tokenizer(src: string): LegacyTocToken | undefined {
      if (!/^#{1,6}[ \t\u3000]+目次/.test(src)) return undefined;
      const lines = src.split('\n');
      const toc = readLegacyToc(lines, 0);
      if (!toc) return undefined;
      const raw = lines.slice(0, toc.end).join('\n') + (toc.end < lines.length ? '\n' : '');
      return { type: 'legacyToc', raw, title: toc.title, entries: toc.entries };
    },
    renderer(token: Tokens.Generic) {
      const t = token as LegacyTocToken;
      return `<nav class="sb-toc sb-toc-legacy" aria-label="${escapeHtml(t.title)}"><p class="sb-toc-title">${escapeHtml(t.title)}</p>` +
        `${renderList(nestLegacyEntries(t.entries))}</nav>\n`;
    },
  };
}
