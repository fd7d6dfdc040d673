/**
 * icarus's sidebar TOC parses the whole article (hexo-util's tocObj with htmlparser2) to find its
 * headings: about a twentieth of a cold build. Given only the article's headings, cut out of the
 * HTML, it finds the same list. The cut is made only where it is plainly the same: anything a
 * parser could read differently from a plain scan (comments that could hide markup, raw-text
 * elements, `<` in an attribute, a heading without its own id or holding more than inline markup)
 * keeps the whole HTML. Comments without `<` or `>` (the heading permalink placeholders) and SVG
 * icons of shapes only (every admonition's) hide nothing, so they do not stop the cut: before,
 * every article with an admonition was parsed whole.
 */

/** Elements that may sit in a heading without changing how the heading or its neighbours parse. */
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'img', 'ins',
  'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr',
]);
const VOID = new Set(['br', 'img', 'wbr']);

/** Markup a plain scan cannot follow: comments, declarations, raw-text elements, `<` in an attribute. */
const UNSCANNABLE = /<[!?]|<\/?(?:script|style|title|textarea|xmp|plaintext|noscript|noembed|noframes|iframe|template|svg|math)\b|=\s*"[^"]*<|=\s*'[^']*<|=\s*</i;
/** A comment that ends at its first `-->` and holds no markup to hide. */
const PLAIN_COMMENT = /<!--(?!-?>)[^<>]*?-->/y;
const PLAIN_COMMENTS = new RegExp(PLAIN_COMMENT.source, 'g');
/** An inline SVG of shape elements only: no text, headings, comments or raw-text elements. */
const SHAPES_ONLY_SVG = /<svg(?:\s[^<>]*[^<>/])?>(?:<\/?(?:path|circle|ellipse|line|polyline|polygon|rect|g)(?:\s[^<>]*)?>)*<\/svg>/gi;
const HEADING_START = /<h([1-6])(?=[\s/>])/gi;
/** A whole tag: name, attributes in their strict forms, end. */
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Whether the tag's first `id` attribute (the one htmlparser2 keeps) has a value. */
function hasOwnId(attributes: string): boolean {
  for (const [, name, ...values] of attributes.matchAll(ATTRIBUTE)) {
    if (name!.toLowerCase() === 'id') return Boolean(values.find((v) => v !== undefined));
  }
  return false;
}

/** The end of the heading element starting at `start` (after its `</hN>`), or -1 when it is not plain. */
function headingEnd(html: string, start: number, level: string): number {
  TAG.lastIndex = start;
  const open = TAG.exec(html);
  if (!open || open[1] || open[4] || !hasOwnId(open[3]!)) return -1;
  const stack: string[] = [];
  let at = TAG.lastIndex;
  for (;;) {
    const lt = html.indexOf('<', at);
    if (lt < 0) return -1;
    PLAIN_COMMENT.lastIndex = lt;
    if (PLAIN_COMMENT.test(html)) {
      at = PLAIN_COMMENT.lastIndex;
      continue;
    }
    TAG.lastIndex = lt;
    const tag = TAG.exec(html);
    if (!tag) return -1;
    const name = tag[2]!.toLowerCase();
    at = TAG.lastIndex;
    if (tag[1]) {
      if (!stack.length && name === `h${level}`) return at;
      if (stack.pop() !== name) return -1;
    } else {
      // htmlparser2 reads `<span/>` as an opening tag: only void elements may close themselves.
      if (!INLINE.has(name) || (tag[4] && !VOID.has(name))) return -1;
      if (!VOID.has(name)) stack.push(name);
    }
  }
}

/**
 * The article's headings, cut out of its HTML one after another, or the HTML itself when a plain
 * cut could read differently.
 */
export function headingsOnly(html: string): string {
  if (UNSCANNABLE.test(html.replace(PLAIN_COMMENTS, '').replace(SHAPES_ONLY_SVG, ''))) return html;
  const parts: string[] = [];
  for (const match of html.matchAll(HEADING_START)) {
    const end = headingEnd(html, match.index, match[1]!);
    if (end < 0) return html;
    parts.push(html.slice(match.index, end));
  }
  return parts.join('\n');
}
