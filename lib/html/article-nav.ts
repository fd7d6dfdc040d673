/**
 * icarus's previous/next links show only the other article's title, with an arrow icon that is
 * hidden from assistive technology: readers cannot tell which way each goes. Each gets its label.
 */
export function labelArticleNav(html: string, labels: { prev: string; next: string }): string {
  return html.replace(/(<a class="article-nav-(prev|next)\b[^"]*"[^>]*>(?:<i class="[^"]*"><\/i>)?)<span class="level-item">/g,
    (_, start: string, which: 'prev' | 'next') => `${start}<span class="level-item"><span class="sb-nav-label">${labels[which]}</span>`);
}
