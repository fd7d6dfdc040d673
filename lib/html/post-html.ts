import { parseDocument } from 'htmlparser2';
import render from 'dom-serializer';
import { isComment, isTag, type ChildNode, type Element } from 'domhandler';

/** What {@link processPostHtml} returns: balanced HTML and the article's lead for excerpts. */
export interface PostHtml {
  html: string;
  /** The blocks before the first heading or rule, for an index excerpt; empty if none. */
  lead: string;
}

export interface PostHtmlOptions {
  resolveSrc(src: string): string;
  /** How many top-level blocks the lead may hold. */
  leadBlocks?: number;
}

const SERIALIZE = { decodeEntities: false, encodeEntities: false } as const;
const LEAD_STOP = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr']);
const MORE = /^\s*more\s*$/i;

/**
 * Re-serialises an article's HTML so that every element it opens is closed inside the article
 * (authors leave `<font>`, `<span>` or `<div>` open, and browsers carry an open `<font>` on into
 * the rest of the page), resolves image sources, and extracts the lead.
 */
export function processPostHtml(html: string, options: PostHtmlOptions): PostHtml {
  const doc = parseDocument(html, { decodeEntities: false, lowerCaseAttributeNames: true, recognizeSelfClosing: true });
  visitElements(doc.children, (el) => {
    if (el.name === 'img' && el.attribs.src !== undefined) {
      el.attribs.src = options.resolveSrc(el.attribs.src);
      if (el.attribs.loading === undefined) el.attribs.loading = 'lazy';
    }
  });
  return { html: render(doc, SERIALIZE), lead: leadOf(doc.children, options.leadBlocks ?? 3) };
}

function visitElements(nodes: ChildNode[], visit: (el: Element) => void): void {
  for (const node of nodes) {
    if (isTag(node)) {
      visit(node);
      visitElements(node.children, visit);
    }
  }
}

function leadOf(nodes: ChildNode[], maxBlocks: number): string {
  const lead: ChildNode[] = [];
  for (const node of nodes) {
    if (isTag(node) && LEAD_STOP.has(node.name)) break;
    if (isComment(node) && MORE.test(node.data)) continue;
    if (isTag(node)) {
      lead.push(node);
      if (lead.length >= maxBlocks) break;
    }
  }
  return lead.map((n) => render(n, SERIALIZE)).join('\n');
}
