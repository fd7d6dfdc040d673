import { parseDocument } from 'htmlparser2';
import render from 'dom-serializer';
import { Comment, isComment, isTag, type ChildNode, type Element } from 'domhandler';
import { assignHeadingIds, elementsOf } from '../anchors/headings';
import { buildToc, countEntries, renderToc, type TocEntry } from '../toc/build';
import type { TocOptions } from '../toc/options';
import { sizeAttributes, type ImageSize } from '../images/size';
import { safeDecodeURIComponent } from '../text/uri';

/** What {@link processPostHtml} returns. */
export interface PostHtml {
  html: string;
  /** The blocks before the first heading or rule (else the first paragraph), for an index excerpt. */
  lead: string;
  /** Headings with their final ids, in document order. */
  headings: { level: number; id: string; alias?: string; text: string }[];
  /** The automatic TOC's entries, when one was shown. */
  toc?: TocEntry[];
  /**
   * Whether a `#fragment` link misses every id of the page or an id is used twice: cheap to see
   * here, and only then is the Markdown read again for the warnings with their lines.
   */
  anchorsSuspect: boolean;
}

export interface PostHtmlOptions {
  resolveSrc(src: string): string;
  /** Intrinsic size of the image at a resolved URL, when it is a file of the site. */
  sizeOf?(src: string): ImageSize | undefined;
  /** Rewrites a link target (relative `.md` links become article URLs); undefined keeps it. */
  resolveHref?(href: string): string | undefined;
  /** How many top-level blocks the lead may hold. */
  leadBlocks?: number;
  toc?: TocOptions;
  /** Headings that get a permalink, and its accessible label. */
  permalink?: { minDepth: number; maxDepth: number; label(text: string): string };
}

const SERIALIZE = { decodeEntities: false, encodeEntities: false } as const;
const LEAD_STOP = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr']);
const MORE = /^\s*more\s*$/i;
/** Placeholder for a heading permalink, expanded on article pages only (see lib/hexo/anchors). */
export const PERMALINK_PLACEHOLDER = /<!--sb-permalink:([^:>]*):([^>]*?)-->/g;

const isToc = (node: ChildNode): boolean => isTag(node) && node.name === 'nav' && /\bsb-toc\b/.test(node.attribs.class ?? '');
const isLegacyToc = (node: ChildNode): boolean => isToc(node) && /\bsb-toc-legacy\b/.test((node as Element).attribs.class ?? '');

/**
 * One pass over an article's rendered HTML: closes every element the author left open (browsers
 * carry an open `<font>` on into the rest of the page), resolves image sources, gives headings
 * their ids and permalinks, places the table of contents and extracts the lead.
 */
export function processPostHtml(html: string, options: PostHtmlOptions): PostHtml {
  const doc = parseDocument(html, { decodeEntities: false, lowerCaseAttributeNames: true, recognizeSelfClosing: true });
  const fragments: string[] = [];
  for (const el of elementsOf(doc.children)) {
    if (el.name === 'img' && el.attribs.src !== undefined) {
      el.attribs.src = options.resolveSrc(el.attribs.src);
      if (el.attribs.loading === undefined) el.attribs.loading = 'lazy';
      const size = options.sizeOf?.(el.attribs.src);
      const attributes = size && sizeAttributes(size, el.attribs.width, el.attribs.height);
      if (attributes) Object.assign(el.attribs, attributes);
    } else if (el.name === 'a' && el.attribs.href !== undefined) {
      if (options.resolveHref) el.attribs.href = options.resolveHref(el.attribs.href) ?? el.attribs.href;
      if (el.attribs.href.startsWith('#')) fragments.push(el.attribs.href);
    }
  }
  const headings = assignHeadingIds(doc.children);
  const anchorsSuspect = headings.some((h) => h.repeatedId !== undefined) || !fragmentsResolve(doc.children, fragments);
  if (options.permalink) {
    const { minDepth, maxDepth, label } = options.permalink;
    for (const h of headings) {
      if (h.level < minDepth || h.level > maxDepth) continue;
      const placeholder = new Comment(`sb-permalink:${encodeURIComponent(h.id)}:${encodeURIComponent(label(h.text))}`);
      placeholder.parent = h.element;
      h.element.children.push(placeholder);
    }
  }
  const toc = options.toc ? placeToc(doc.children, headings, options.toc) : undefined;
  return {
    html: render(doc, SERIALIZE),
    lead: leadOf(doc.children, options.leadBlocks ?? 3),
    headings: headings.map(({ level, id, alias, text }) => ({ level, id, ...(alias ? { alias } : {}), text })),
    ...(toc ? { toc } : {}),
    anchorsSuspect,
  };
}

/** True when every `#fragment` names an id (or `<a name>`) of the article and no id is used twice. */
function fragmentsResolve(nodes: ChildNode[], fragments: string[]): boolean {
  const ids = new Set<string>();
  for (const el of elementsOf(nodes)) {
    const { id, name } = el.attribs;
    if (id) {
      if (ids.has(id)) return false;
      ids.add(id);
    }
    if (name && el.name === 'a') ids.add(name);
  }
  return fragments.every((href) => href === '#' || ids.has(safeDecodeURIComponent(href.slice(1))));
}

/**
 * Puts the automatic TOC where the hand-written 目次 block was (legacy: replace) or before the
 * first heading, i.e. after the lead. Returns its entries, or undefined when none is shown.
 */
function placeToc(nodes: ChildNode[], headings: { id: string; text: string; level: number }[], options: TocOptions): TocEntry[] | undefined {
  const legacy = nodes.find(isLegacyToc);
  if (!options.enabled || (legacy && options.legacy === 'keep')) return undefined;
  const entries = buildToc(headings, options);
  if (countEntries(entries) < options.minEntries) return undefined;
  const tocNodes = parseDocument(renderToc(entries, options.label), { decodeEntities: false }).children;
  let at = legacy ? nodes.indexOf(legacy) : nodes.findIndex((n) => isTag(n) && (LEAD_STOP.has(n.name) || elementsOf(n.children).some((c) => /^h[1-6]$/.test(c.name))));
  if (at < 0) at = nodes.length;
  if (legacy) nodes.splice(at, 1);
  const parent = nodes[0]?.parent ?? null;
  for (const n of tocNodes) n.parent = parent;
  nodes.splice(at, 0, ...tocNodes);
  return entries;
}

function leadOf(nodes: ChildNode[], maxBlocks: number): string {
  const lead: ChildNode[] = [];
  for (const node of nodes) {
    if (isTag(node) && LEAD_STOP.has(node.name)) break;
    if (isComment(node) && MORE.test(node.data)) continue;
    if (isTag(node) && !isToc(node)) {
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
