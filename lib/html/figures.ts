import { Element, Text, type ChildNode } from 'domhandler';
import { elementsOf } from './post-html';

/** How article screenshots are presented (`images` in _config.yml). */
export interface FigureOptions {
  /** A thin border, so white portal screenshots stand out from the white card. */
  border: boolean;
  /** The author's `alt` text shown under the image. */
  caption: boolean;
}

/** Images at most this wide are icons or badges, not screenshots: no border, no caption. */
const ICON_MAX_WIDTH = 64;
/** `alt` texts that name no content: a file name, or a word like "image" that says nothing. */
const MEANINGLESS_ALT = /^(?:\s*|(?:image|img|picture|pic|screenshot|screen ?shot|画像|図|スクリーンショット|キャプチャ|イメージ)[\s_-]*\d*|.*\.(?:png|jpe?g|gif|webp|svg|bmp))$/i;

/** Whether an `alt` text is worth showing as a caption. */
export function isCaptionAlt(alt: string | undefined): alt is string {
  return alt !== undefined && !MEANINGLESS_ALT.test(alt.trim());
}

function addClass(el: Element, name: string): void {
  const classes = (el.attribs.class ?? '').split(/\s+/).filter(Boolean);
  if (!classes.includes(name)) el.attribs.class = [...classes, name].join(' ');
}

function replaceWith(node: ChildNode, wrapper: Element): void {
  const parent = node.parent;
  if (!parent) return;
  const at = parent.children.indexOf(node);
  parent.children[at] = wrapper;
  wrapper.parent = parent;
  wrapper.prev = node.prev;
  wrapper.next = node.next;
  if (node.prev) node.prev.next = wrapper;
  if (node.next) node.next.prev = wrapper;
  node.parent = wrapper;
  node.prev = null;
  node.next = null;
}

function append(parent: Element, child: ChildNode): void {
  const last = parent.children[parent.children.length - 1] ?? null;
  parent.children.push(child);
  child.parent = parent;
  child.prev = last;
  child.next = null;
  if (last) last.next = child;
}

/**
 * Wraps every table of the article (not the tables highlight.js lays code out in) in a region that
 * scrolls sideways inside the column instead of being cut off at the card's edge. The region takes
 * keyboard focus, so it can be scrolled without a mouse, and has a name for screen readers.
 */
export function wrapTables(nodes: ChildNode[]): void {
  for (const table of elementsOf(nodes).filter((el) => el.name === 'table')) {
    if (table.parent instanceof Element && /\bsb-table\b/.test(table.parent.attribs.class ?? '')) continue;
    if (hasAncestor(table, (el) => el.name === 'figure' || el.name === 'table' || /\bhighlight\b/.test(el.attribs.class ?? ''))) continue;
    const header = elementsOf(table.children).some((el) => el.name === 'thead' || el.name === 'th');
    const wrapper = new Element('div', { class: header ? 'sb-table sb-table-head' : 'sb-table', role: 'region', tabindex: '0', 'aria-label': '表 (横にスクロールできます)' });
    replaceWith(table, wrapper);
    wrapper.children = [table];
  }
}

function hasAncestor(el: Element, test: (e: Element) => boolean): boolean {
  for (let p = el.parent; p; p = p.parent) if (p instanceof Element && test(p)) return true;
  return false;
}

/**
 * Screenshots get the class that draws their border and, where the author wrote a meaningful `alt`,
 * a caption under them. The caption repeats the `alt`, so it is hidden from screen readers.
 */
export function decorateImages(nodes: ChildNode[], options: FigureOptions): void {
  for (const img of elementsOf(nodes).filter((el) => el.name === 'img')) {
    const width = Number.parseInt(img.attribs.width ?? '', 10);
    if (Number.isFinite(width) && width <= ICON_MAX_WIDTH) continue;
    if (options.border) addClass(img, 'sb-shot');
    const alt = img.attribs.alt;
    // Inside a link or a table cell the caption would crowd the layout the author made.
    if (!options.caption || !isCaptionAlt(alt) || hasAncestor(img, (el) => el.name === 'a' || el.name === 'td' || el.name === 'th')) continue;
    const figure = new Element('span', { class: 'sb-figure' });
    replaceWith(img, figure);
    figure.children = [img];
    const caption = new Element('span', { class: 'sb-caption', 'aria-hidden': 'true' });
    // The attribute is kept as written (entities undecoded); only markup characters need escaping.
    append(caption, new Text(alt.trim().replace(/</g, '&lt;').replace(/>/g, '&gt;')));
    append(figure, caption);
  }
}

/** Links whose text is a URL (bare URLs, as authors paste them) get a class that lets them wrap anywhere. */
export function markBareUrls(nodes: ChildNode[]): void {
  for (const a of elementsOf(nodes).filter((el) => el.name === 'a')) {
    const first = a.children[0];
    if (first instanceof Text && /^\s*https?:\/\/\S{20,}/.test(first.data)) addClass(a, 'sb-url');
  }
}
