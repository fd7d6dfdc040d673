/** Labels of the links to the neighbouring articles, in reading order of time. */
export interface ArticleNavLabels {
  /** The older article (published before this one), on the left. */
  older: string;
  /** The newer article, on the right. */
  newer: string;
}

const NAV = /<nav class="post-navigation\b[^"]*">([\s\S]*?)<\/nav>/;
const LINK = /<a class="article-nav-(prev|next)\b[^"]*" href="([^"]*)">[\s\S]*?<span class="level-item">([\s\S]*?)<\/span>/g;

/**
 * icarus's previous/next links show only the other article's title, and its "prev" is the newer
 * article (posts are sorted newest first), put on the left. Readers expect 前の記事 (the older one)
 * on the left and 次の記事 on the right, each named, with a target large enough to tap.
 */
export function labelArticleNav(html: string, labels: ArticleNavLabels): string {
  return html.replace(NAV, (whole, inner: string) => {
    const links: Record<string, { href: string; title: string }> = {};
    for (const m of inner.matchAll(LINK)) links[m[1]!] = { href: m[2]!, title: m[3]! };
    if (!links.prev && !links.next) return whole;
    const link = (side: 'older' | 'newer', to: { href: string; title: string } | undefined): string => {
      if (!to) return `<span class="sb-nav-${side}"></span>`;
      const icon = `<i class="fas fa-chevron-${side === 'older' ? 'left' : 'right'}" aria-hidden="true"></i>`;
      const text = `<span class="sb-nav-text"><span class="sb-nav-label">${labels[side]}</span><span class="sb-nav-title">${to.title}</span></span>`;
      return `<a class="sb-nav-${side}" rel="${side === 'older' ? 'prev' : 'next'}" href="${to.href}">${side === 'older' ? icon + text : text + icon}</a>`;
    };
    return `<nav class="post-navigation sb-post-nav" aria-label="${labels.older}と${labels.newer}">${link('older', links.next)}${link('newer', links.prev)}</nav>`;
  });
}
