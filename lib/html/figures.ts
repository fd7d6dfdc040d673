/** An element as the article post-processing sees it: its name and its (changeable) attributes. */
export interface ElementInfo {
  readonly name: string;
  attribs: Record<string, string>;
}

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

export function addClass(el: ElementInfo, name: string): void {
  const classes = (el.attribs.class ?? '').split(/\s+/).filter(Boolean);
  if (!classes.includes(name)) el.attribs.class = [...classes, name].join(' ');
}

/**
 * Whether an article table (not a table highlight.js lays code out in, nor one already wrapped)
 * gets a region that scrolls sideways inside the column instead of being cut off at the card's
 * edge. `ancestors` are the elements that hold it, the nearest last.
 */
export function wrapsTable(ancestors: readonly ElementInfo[]): boolean {
  const parent = ancestors.at(-1);
  if (parent && /\bsb-table\b/.test(parent.attribs.class ?? '')) return false;
  return !ancestors.some((el) => el.name === 'figure' || el.name === 'table' || /\bhighlight\b/.test(el.attribs.class ?? ''));
}

/**
 * The attributes of a table's scroll region. It takes keyboard focus, so it can be scrolled
 * without a mouse, and has a name for screen readers.
 */
export function tableRegion(header: boolean): Record<string, string> {
  return { class: header ? 'sb-table sb-table-head' : 'sb-table', role: 'region', tabindex: '0', 'aria-label': '表 (横にスクロールできます)' };
}

/**
 * A screenshot gets the class that draws its border and, where the author wrote a meaningful `alt`,
 * a caption under it: returned as the caption's HTML text, or undefined for none. The caption
 * repeats the `alt`, so it is hidden from screen readers.
 */
export function decorateImage(img: ElementInfo, ancestors: readonly ElementInfo[], options: FigureOptions): string | undefined {
  const width = Number.parseInt(img.attribs.width ?? '', 10);
  if (Number.isFinite(width) && width <= ICON_MAX_WIDTH) return undefined;
  if (options.border) addClass(img, 'sb-shot');
  const alt = img.attribs.alt;
  // Inside a link or a table cell the caption would crowd the layout the author made.
  if (!options.caption || !isCaptionAlt(alt) || ancestors.some((el) => el.name === 'a' || el.name === 'td' || el.name === 'th')) return undefined;
  // The attribute is kept as written (entities undecoded); only markup characters need escaping.
  return alt.trim().replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link whose text (`text`: its first node, when that is text) is a long URL, as authors paste them, may wrap anywhere. */
export function isBareUrl(text: string): boolean {
  return /^\s*https?:\/\/\S{20,}/.test(text);
}
