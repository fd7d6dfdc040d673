import { parseDocument } from 'htmlparser2';
import render from 'dom-serializer';
import { isComment, isTag, type ChildNode, type Element } from 'domhandler';
import { sizeAttributes, type ImageSize } from '../images/size';
import { decorateImage, markBareUrl, wrapTable, type FigureOptions } from './figures';

/** What {@link processPostHtml} returns. */
export interface PostHtml {
  html: string;
  /** The blocks before the first heading or rule (else the first paragraph), for an index excerpt. */
  lead: string;
}

export interface PostHtmlOptions {
  resolveSrc(src: string): string;
  /** Intrinsic size of the image at a resolved URL, when it is a file of the site. */
  sizeOf?(src: string): ImageSize | undefined;
  /** Rewrites a link target (relative `.md` links become article URLs); undefined keeps it. */
  resolveHref?(href: string): string | undefined;
  /** How many top-level blocks the lead may hold. */
  leadBlocks?: number;
  /** Screenshot border and caption; absent, images are left as they are. */
  figures?: FigureOptions;
  /** Fit wide content to a narrow column: tables scroll sideways, bare URLs wrap. */
  responsive?: boolean;
}

const SERIALIZE = { decodeEntities: false, encodeEntities: false } as const;
const LEAD_STOP = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr']);
const MORE = /^\s*more\s*$/i;

/** Every element of a tree in document order. */
export function elementsOf(nodes: ChildNode[], out: Element[] = []): Element[] {
  for (const node of nodes) {
    if (isTag(node)) {
      out.push(node);
      elementsOf(node.children, out);
    }
  }
  return out;
}

const isToc = (node: ChildNode): boolean => isTag(node) && node.name === 'nav' && /\bsb-toc\b/.test(node.attribs.class ?? '');

/**
 * One pass over an article's rendered HTML: closes every element the author left open (browsers
 * carry an open `<font>` on into the rest of the page), resolves image sources and link targets,
 * wraps tables so that they scroll, presents screenshots, and extracts the lead.
 */
export function processPostHtml(html: string, options: PostHtmlOptions): PostHtml {
  const doc = parseDocument(html, { decodeEntities: false, lowerCaseAttributeNames: true, recognizeSelfClosing: true });
  // The list is taken before the loop, so wrapping an element does not visit it twice.
  for (const el of elementsOf(doc.children)) {
    if (el.name === 'img') {
      if (el.attribs.src !== undefined) {
        el.attribs.src = options.resolveSrc(el.attribs.src);
        if (el.attribs.loading === undefined) el.attribs.loading = 'lazy';
        const size = options.sizeOf?.(el.attribs.src);
        const attributes = size && sizeAttributes(size, el.attribs.width, el.attribs.height);
        if (attributes) Object.assign(el.attribs, attributes);
      }
      if (options.figures) decorateImage(el, options.figures);
    } else if (el.name === 'a') {
      if (el.attribs.href !== undefined && options.resolveHref) el.attribs.href = options.resolveHref(el.attribs.href) ?? el.attribs.href;
      if (options.responsive) markBareUrl(el);
    } else if (el.name === 'table' && options.responsive) {
      wrapTable(el);
    }
  }
  return { html: render(doc, SERIALIZE), lead: leadOf(doc.children, options.leadBlocks ?? 3) };
}

function leadOf(nodes: ChildNode[], maxBlocks: number): string {
  const lead: ChildNode[] = [];
  for (const node of nodes) {
    if (isTag(node) && LEAD_STOP.has(node.name)) break;
    if (isComment(node) && MORE.test(node.data)) continue;
    if (isTag(node) && !isToc(node) && !/\bheading-alias\b/.test(node.attribs.class ?? '')) {
      lead.push(node);
      if (lead.length >= maxBlocks) break;
    }
  }
  // An article that opens with a heading: its first paragraph stands in for the lead.
  if (!lead.length) {
    const first = nodes.find((n) => isTag(n) && n.name === 'p');
    if (first) lead.push(first);
  }
  return lead.map((n) => render(n, SERIALIZE)).join('\n');
}
