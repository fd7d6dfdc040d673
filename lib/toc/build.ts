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

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function renderEntries(entries: TocEntry[]): string {
  return `<ul>${entries.map((e) => `<li><a href="#${escapeHtml(e.id)}">${escapeHtml(e.text)}</a>` +
    `${e.children.length ? renderEntries(e.children) : ''}</li>`).join('')}</ul>`;
}

/** The in-article TOC: a labelled `nav` with nested lists of plain, escaped heading text. */
export function renderToc(entries: TocEntry[], label: string): string {
  return `<nav class="sb-toc" aria-label="${escapeHtml(label)}" data-pagefind-ignore="all">` +
    `<p class="sb-toc-title">${escapeHtml(label)}</p>${renderEntries(entries)}</nav>`;
}
