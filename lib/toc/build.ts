import { escapeHtml } from '../text/html';
import type { TocOptions } from './options';

/** One entry of a table of contents. */
export interface TocEntry {
  id: string;
  text: string;
  level: number;
  children: TocEntry[];
}

/**
 * Nests headings within [minDepth, maxDepth] by level. A deeper heading goes under the closest
 * shallower one before it; one that skips levels stays at the depth it can attach to.
 */
export function buildToc(headings: { id: string; text: string; level: number }[], options: Pick<TocOptions, 'minDepth' | 'maxDepth'>): TocEntry[] {
  const root: TocEntry[] = [];
  const stack: TocEntry[] = [];
  for (const h of headings) {
    if (h.level < options.minDepth || h.level > options.maxDepth) continue;
    const entry: TocEntry = { id: h.id, text: h.text, level: h.level, children: [] };
    while (stack.length && stack[stack.length - 1]!.level >= h.level) stack.pop();
    (stack.length ? stack[stack.length - 1]!.children : root).push(entry);
    stack.push(entry);
  }
  return root;
}

/** Number of entries in a TOC tree. */
export function countEntries(entries: TocEntry[]): number {
  return entries.reduce((n, e) => n + 1 + countEntries(e.children), 0);
}

function renderEntries(entries: TocEntry[], list: 'ul' | 'ol'): string {
  return `<${list}>${entries.map((e) => `<li><a href="#${escapeHtml(e.id)}">${escapeHtml(e.text)}</a>` +
    `${e.children.length ? renderEntries(e.children, list) : ''}</li>`).join('')}</${list}>`;
}

/** How a TOC is written: the automatic one, or a hand-written one kept as a list. */
export interface TocMarkup {
  kind: 'auto' | 'legacy';
  label: string;
  entries: TocEntry[];
  /** Ids of the heading that titled a hand-written TOC, which links still point at. */
  ids: string[];
  /** Number the entries (1., 1.1, …), as the old theme's `list_number` did. */
  listNumber: boolean;
}

/**
 * A TOC: a labelled `nav` with nested lists of plain heading text, each text escaped once. The
 * list sits in an open `<details>`, so a reader on a phone can fold it away.
 */
export function renderToc(toc: TocMarkup): string {
  const [id, ...aliases] = toc.ids;
  const classes = ['sb-toc', ...(toc.kind === 'legacy' ? ['sb-toc-legacy'] : []), ...(toc.listNumber ? ['sb-toc-numbered'] : [])];
  return `<nav class="${classes.join(' ')}"${id !== undefined ? ` id="${escapeHtml(id)}"` : ''} aria-label="${escapeHtml(toc.label)}" data-pagefind-ignore="all">` +
    aliases.map((a) => `<span class="heading-alias" id="${escapeHtml(a)}"></span>`).join('') +
    `<details open><summary class="sb-toc-title">${escapeHtml(toc.label)}</summary>${renderEntries(toc.entries, toc.listNumber ? 'ol' : 'ul')}</details></nav>\n`;
}
