import { Element, Text } from 'domhandler';
import { appendChild, existsOne, replaceElement } from 'domutils';

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

function hasAncestor(el: Element, test: (e: Element) => boolean): boolean {
  for (let p = el.parent; p; p = p.parent) if (p instanceof Element && test(p)) return true;
  return false;
}

/** Puts `wrapper` where `el` is and `el` inside it. */
function wrap(el: Element, wrapper: Element): void {
  replaceElement(el, wrapper);
  appendChild(wrapper, el);
}

/**
 * Wraps an article table (not a table highlight.js lays code out in) in a region that scrolls
 * sideways inside the column instead of being cut off at the card's edge. The region takes
 * keyboard focus, so it can be scrolled without a mouse, and has a name for screen readers.
 */
export function wrapTable(table: Element): void {
  if (table.parent instanceof Element && /\bsb-table\b/.test(table.parent.attribs.class ?? '')) return;
  if (hasAncestor(table, (el) => el.name === 'figure' || el.name === 'table' || /\bhighlight\b/.test(el.attribs.class ?? ''))) return;
  const header = existsOne((el) => el.name === 'thead' || el.name === 'th', table.children);
  wrap(table, new Element('div', { class: header ? 'sb-table sb-table-head' : 'sb-table', role: 'region', tabindex: '0', 'aria-label': '表 (横にスクロールできます)' }));
}

/**
 * A screenshot gets the class that draws its border and, where the author wrote a meaningful `alt`,
 * a caption under it. The caption repeats the `alt`, so it is hidden from screen readers.
 */
export function decorateImage(img: Element, options: FigureOptions): void {
  const width = Number.parseInt(img.attribs.width ?? '', 10);
  if (Number.isFinite(width) && width <= ICON_MAX_WIDTH) return;
  if (options.border) addClass(img, 'sb-shot');
  const alt = img.attribs.alt;
  // Inside a link or a table cell the caption would crowd the layout the author made.
  if (!options.caption || !isCaptionAlt(alt) || hasAncestor(img, (el) => el.name === 'a' || el.name === 'td' || el.name === 'th')) return;
  const figure = new Element('span', { class: 'sb-figure' });
  wrap(img, figure);
  const caption = new Element('span', { class: 'sb-caption', 'aria-hidden': 'true' });
  // The attribute is kept as written (entities undecoded); only markup characters need escaping.
  appendChild(caption, new Text(alt.trim().replace(/</g, '&lt;').replace(/>/g, '&gt;')));
  appendChild(figure, caption);
}

/** A link whose text is a long URL (a bare URL, as authors paste them) gets a class that lets it wrap anywhere. */
export function markBareUrl(a: Element): void {
  const first = a.children[0];
  if (first instanceof Text && /^\s*https?:\/\/\S{20,}/.test(first.data)) addClass(a, 'sb-url');
}
