import type { AdmonitionType } from './parse';
import type { AdmonitionOptions } from './options';

// Icons drawn for this project: 16×16, stroked in the text colour, hidden from screen readers.
const ICON_SHAPES: Record<AdmonitionType, string> = {
  note: '<circle cx="8" cy="8" r="6.5"/><path d="M8 7v4.5M8 4.5v.5"/>',
  tip: '<path d="M5.5 10.5a4.5 4.5 0 1 1 5 0V12h-5z"/><path d="M6 14.5h4"/>',
  important: '<path d="M2 2.5h12v8.5H7l-3 3v-3H2z"/><path d="M8 4.5v3.5M8 9.5v.5"/>',
  warning: '<path d="M8 1.8 14.8 14H1.2z"/><path d="M8 6v4M8 11.7v.3"/>',
  caution: '<path d="M5.2 1.5h5.6l3.7 3.7v5.6l-3.7 3.7H5.2l-3.7-3.7V5.2z"/><path d="M8 4.5v4.5M8 11v.5"/>',
};

/** The inline SVG icon of a type; sized by attributes so it stays small where CSS is absent (feeds). */
export function admonitionIcon(type: AdmonitionType): string {
  return '<svg class="admonition-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false" ' +
    `fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">${ICON_SHAPES[type]}</svg>`;
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * The HTML of an admonition: a `role="note"` container named by its label (and custom title),
 * a title row with icon and label, then the body. Readable without CSS: the title is bold text.
 */
export function renderAdmonition(type: AdmonitionType, titleHtml: string, titleText: string, bodyHtml: string, options: AdmonitionOptions): string {
  const label = options.labels[type];
  const name = titleText ? `${label}: ${titleText}` : label;
  const heading = titleHtml ? `<strong>${titleHtml}</strong>` : `<strong>${label}</strong>`;
  return `<div class="admonition admonition-${type}" role="note" aria-label="${escapeAttribute(name)}">\n` +
    `<p class="admonition-title">${admonitionIcon(type)}${heading}</p>\n${bodyHtml}</div>\n`;
}
