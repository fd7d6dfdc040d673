import path from 'node:path';
import { Parser, type Handler } from 'htmlparser2';
import { sizeAttributes, type ImageSize } from '../images/size';
import { addClass, decorateImage, isBareUrl, tableRegion, wrapsTable, type ElementInfo, type FigureOptions } from './figures';

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

const PARSER_OPTIONS = { decodeEntities: false, lowerCaseAttributeNames: true, recognizeSelfClosing: true } as const;
const LEAD_STOP = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr']);
const MORE = /^\s*more\s*$/i;

// The HTML is written as dom-serializer writes a parsed document (the form the pages had when this
// pass built a DOM, with `decodeEntities: false`): its rules for void and foreign elements, and its
// table of mixed-case SVG and MathML names, which its package does not export.
const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const FOREIGN = new Set(['svg', 'math']);
const INTEGRATION_POINTS = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignObject', 'desc', 'title']);
const FOREIGN_NAMES = require(path.join(path.dirname(require.resolve('dom-serializer')), 'foreignNames.js')) as { elementNames: Map<string, string>; attributeNames: Map<string, string> };

/** An element not yet closed. Its start tag is written when it closes: its attributes may change until then. */
interface Open extends ElementInfo {
  /** Written as XML (inside SVG or MathML). */
  foreign: boolean;
  /** Index of its start tag in the output. */
  slot: number;
  children: number;
  /** The scroll region written around a table (the index of its start tag), decided when it opens. */
  region?: number;
  /** A table with a `thead` or `th` inside. */
  header?: boolean;
  /** A link's first node, while that is text and goes on. */
  firstText?: string;
  leadingText?: boolean;
  /** For an image: the caption written after it. */
  caption?: string;
  top?: TopNode;
}

/** A node of the document's top level, for the lead. */
interface TopNode {
  /** The element as the reader's page has it (a table's scroll region, an image's figure). */
  element?: ElementInfo;
  comment?: string;
  start: number;
  end: number;
}

function attributesOf(attribs: Record<string, string>, foreign: boolean): string {
  let out = '';
  for (const key of Object.keys(attribs)) {
    const value = attribs[key] ?? '';
    const name = foreign ? FOREIGN_NAMES.attributeNames.get(key) ?? key : key;
    out += !foreign && value === '' ? ` ${name}` : ` ${name}="${value.replace(/"/g, '&quot;')}"`;
  }
  return out;
}

/**
 * One pass over an article's rendered HTML, as parser events: closes every element the author left
 * open (browsers carry an open `<font>` on into the rest of the page), resolves image sources and
 * link targets, wraps tables so that they scroll, presents screenshots, and extracts the lead.
 * No DOM is built: each start tag is written when its element closes, into the place kept for it.
 */
export function processPostHtml(html: string, options: PostHtmlOptions): PostHtml {
  const out: string[] = [];
  const stack: Open[] = [];
  const tops: TopNode[] = [];
  // A comment or text node still being written to (the parser may hand one over in pieces).
  let commentOpen = false;
  let textOpen = false;

  /** A new node in the current element (or the top level). */
  const added = (): Open | undefined => {
    const parent = stack.at(-1);
    if (parent) {
      parent.children++;
      parent.leadingText = false;
    }
    commentOpen = false;
    textOpen = false;
    return parent;
  };

  const handler: Partial<Handler> = {
    onopentag(rawName, attribs) {
      const parent = added();
      const parentForeign = parent?.foreign ?? false;
      let name = rawName;
      let foreign = parentForeign;
      if (parentForeign) {
        name = FOREIGN_NAMES.elementNames.get(rawName) ?? rawName;
        if (parent && INTEGRATION_POINTS.has(parent.name)) foreign = false;
      }
      if (!foreign && FOREIGN.has(name)) foreign = true;
      const top: TopNode | undefined = parent ? undefined : { start: out.length, end: 0 };
      const el: Open = { name, attribs, foreign, slot: -1, children: 0 };
      let shown: ElementInfo = el;
      if (rawName === 'img') {
        if (attribs.src !== undefined) {
          attribs.src = options.resolveSrc(attribs.src);
          if (attribs.loading === undefined) attribs.loading = 'lazy';
          const size = options.sizeOf?.(attribs.src);
          const attributes = size && sizeAttributes(size, attribs.width, attribs.height);
          if (attributes) Object.assign(attribs, attributes);
        }
        const caption = options.figures && decorateImage(el, stack, options.figures);
        if (caption !== undefined) {
          el.caption = caption;
          shown = { name: 'span', attribs: { class: 'sb-figure' } };
          out.push('<span class="sb-figure">');
        }
      } else if (rawName === 'a') {
        if (attribs.href !== undefined && options.resolveHref) attribs.href = options.resolveHref(attribs.href) ?? attribs.href;
        if (options.responsive) el.leadingText = true;
      } else if (rawName === 'table' && options.responsive && wrapsTable(stack)) {
        el.region = out.push('') - 1;
        el.header = false;
        shown = { name: 'div', attribs: {} };
      } else if (rawName === 'thead' || rawName === 'th') {
        for (const open of stack) if (open.header !== undefined) open.header = true;
      }
      if (top) {
        top.element = shown;
        el.top = top;
        tops.push(top);
      }
      el.slot = out.push('') - 1;
      stack.push(el);
    },
    onclosetag() {
      commentOpen = false;
      textOpen = false;
      const el = stack.pop()!;
      if (el.firstText !== undefined && isBareUrl(el.firstText)) addClass(el, 'sb-url');
      const start = `<${el.name}${attributesOf(el.attribs, el.foreign)}`;
      if (el.foreign && !el.children) out[el.slot] = `${start}/>`;
      else {
        out[el.slot] = `${start}>`;
        if (el.foreign || !VOID.has(el.name)) out.push(`</${el.name}>`);
      }
      if (el.caption !== undefined) out.push(`<span class="sb-caption" aria-hidden="true">${el.caption}</span></span>`);
      if (el.region !== undefined) {
        const region = tableRegion(el.header ?? false);
        if (el.top) el.top.element = { name: 'div', attribs: region };
        out[el.region] = `<div${attributesOf(region, false)}>`;
        out.push('</div>');
      }
      if (el.top) el.top.end = out.length;
    },
    ontext(data) {
      const parent = stack.at(-1);
      if (!textOpen) {
        const leading = parent?.leadingText && parent.children === 0;
        added();
        textOpen = true;
        if (leading) {
          parent!.leadingText = true;
          parent!.firstText = '';
        }
      }
      if (parent?.leadingText) parent.firstText += data;
      out.push(data);
    },
    oncomment(data) {
      if (commentOpen) {
        out[out.length - 1] = `${out.at(-1)!.slice(0, -3)}${data}-->`;
        const top = tops.at(-1);
        if (top?.comment !== undefined && top.end === out.length) top.comment += data;
        return;
      }
      const parent = added();
      commentOpen = true;
      if (!parent) tops.push({ comment: data, start: out.length, end: out.length + 1 });
      out.push(`<!--${data}-->`);
    },
    oncommentend() {
      commentOpen = false;
    },
    onprocessinginstruction(_name, data) {
      const parent = added();
      if (!parent) tops.push({ start: out.length, end: out.length + 1 });
      out.push(`<${data}>`);
    },
  };
  new Parser(handler, PARSER_OPTIONS).end(html);
  return { html: out.join(''), lead: leadOf(tops, out, options.leadBlocks ?? 3) };
}

function leadOf(tops: TopNode[], out: string[], maxBlocks: number): string {
  const lead: TopNode[] = [];
  const isToc = (el: ElementInfo) => el.name === 'nav' && /\bsb-toc\b/.test(el.attribs.class ?? '');
  for (const node of tops) {
    const el = node.element;
    if (el && LEAD_STOP.has(el.name)) break;
    if (node.comment !== undefined && MORE.test(node.comment)) continue;
    if (el && !isToc(el) && !/\bheading-alias\b/.test(el.attribs.class ?? '')) {
      lead.push(node);
      if (lead.length >= maxBlocks) break;
    }
  }
  // An article that opens with a heading: its first paragraph stands in for the lead.
  if (!lead.length) {
    const first = tops.find((n) => n.element?.name === 'p');
    if (first) lead.push(first);
  }
  return lead.map((n) => out.slice(n.start, n.end).join('')).join('\n');
}
